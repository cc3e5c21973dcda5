"""Building the corpus steps again from the stored articles: copy relations, stories and quote
groups. ``vigie analyse`` calls it after re-running the per-article stages they read (the
fingerprints for copies; entities and quotes for stories and quote groups), and
``vigie analyse --corpus-only`` calls it alone (after changing ``[copies]`` options, or to
rebuild stories in publication order after ingesting an archive out of order)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from vigie.article import Article
from vigie.config import Options
from vigie.runners.stories import STATES, StoryStep
from vigie.storage.sqlite import SQLiteStore

__all__ = ["CorpusReport", "rebuild_corpus"]


@dataclass
class CorpusReport:
    """What a rebuild found (``None``: that step was not rebuilt)."""

    articles: int = 0
    copies: int | None = None
    stories: int | None = None
    quote_groups: int | None = None

    def to_dict(self) -> dict[str, int | None]:
        return {
            "articles": self.articles,
            "copies": self.copies,
            "stories": self.stories,
            "quote_groups": self.quote_groups,
        }


def rebuild_corpus(
    store: SQLiteStore,
    options: Options,
    *,
    copies: bool = True,
    stories: bool = True,
    progress: Callable[[int], None] | None = None,
) -> CorpusReport:
    """Delete what the chosen corpus steps stored and build it again from every stored article
    (the latest version of each), in publication order, as an ingest in that order would have.
    Copy relations need the ``fingerprints`` stage's results; articles without them are left
    out of copies."""
    report = CorpusReport()
    if not copies and not stories:
        return report
    ids = store.article_ids_by_date()
    copy_step = story_step = None
    if copies:
        from vigie.runners.copies import CopyStep

        store.clear_copies()
        copy_step = CopyStep(store, options)
    if stories:
        store.clear_stories(STATES)
        story_step = StoryStep(store)
    for batch in _batches(store, ids, max(1, options.pipeline.batch_size)):
        if copy_step is not None:
            copy_step.match(batch)
        if story_step is not None:
            story_step.add(batch)
        report.articles += len(batch)
        if progress:
            progress(report.articles)
    if copy_step is not None:
        copy_step.finish()
    if story_step is not None:
        story_step.finish()
    counts = store.corpus_counts()
    if copies:
        report.copies = counts["copies"]
    if stories:
        report.stories = counts["stories"]
        report.quote_groups = counts["quote_groups"]
    return report


def _batches(store: SQLiteStore, ids: list[str], size: int) -> Iterator[list[Article]]:
    """Stored articles in batches, with their fingerprints (kept in a table of their own) put
    back into their results as :class:`Fingerprint` objects, which the copies step takes as
    they are (no round trip through the stage's JSON form)."""
    from vigie.copies import Fingerprint

    for i in range(0, len(ids), size):
        batch = store.get_articles(ids[i : i + size])
        fps = store.fingerprints_of([a.article_id for a in batch])
        for a in batch:
            fp = fps.get(a.article_id)
            if fp is not None:
                a.results["fingerprint"] = Fingerprint.from_bytes(fp)
        yield batch
