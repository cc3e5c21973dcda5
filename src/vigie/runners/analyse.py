"""Re-run per-article stages on stored articles (after ingesting with ``--stages core``, after
an upgrade of a stage, or after the actor registry changed), then build again the corpus steps
that read what those stages assign: copy relations after ``fingerprints``, stories and quote
groups after ``entities`` or ``quotes``."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from vigie.article import Article
from vigie.config import CORE_STAGES, Options
from vigie.pipeline import Pipeline
from vigie.pipeline.registry import get_stage
from vigie.runners.corpus import CorpusReport, rebuild_corpus
from vigie.runners.ingest import ESSENTIAL, _analyses, _with_furniture
from vigie.runners.local import LocalExecutor
from vigie.storage.sqlite import ArticleFilters, SQLiteStore

__all__ = ["AnalyseReport", "analyse"]


@dataclass
class AnalyseReport:
    """Articles analysed again, and what the corpus steps built again (``None``: none)."""

    analysed: int
    corpus: CorpusReport | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "analysed": self.analysed,
            "corpus": None if self.corpus is None else self.corpus.to_dict(),
        }


def analyse(
    store: SQLiteStore,
    options: Options,
    stages: Sequence[str] | None = None,
    filters: ArticleFilters | None = None,
    *,
    corpus: bool = True,
    corpus_only: bool = False,
    progress: Callable[[int], None] | None = None,
) -> AnalyseReport:
    """Run ``stages`` (default: the configured pipeline without ``extract``) on every stored
    article matching ``filters`` and store the new results. With ``corpus``, the corpus steps
    fed by those stages are then built again over the whole store (copies when the stages
    include ``fingerprints`` and ``[copies] enabled``; stories and quote groups when they
    include ``entities`` or ``quotes``). ``corpus_only`` skips the stages and rebuilds both
    corpus steps (copies only if enabled)."""
    if corpus_only:
        return AnalyseReport(
            0,
            rebuild_corpus(
                store, options, copies=options.copies.enabled, stories=True, progress=progress
            ),
        )
    names = [n for n in (stages or options.pipeline.stages) if n not in ESSENTIAL]
    # checks names and order as at ingest; stored articles hold what the core stages assign
    stored = {a for n in CORE_STAGES for a in get_stage(n).assigns}
    Pipeline(["extract", *names], options, given=stored)
    opts = _with_furniture(options, store.furniture())
    batch_size = max(1, options.pipeline.batch_size)

    ids = store.article_ids(filters)

    def batches() -> Iterator[list[Article]]:
        for i in range(0, len(ids), batch_size):
            batch = store.get_articles(ids[i : i + batch_size])
            for a in batch:
                a.errors = []
                a.done = []
            yield batch

    done = 0
    with LocalExecutor(options.pipeline.workers) as executor:
        for batch in executor.map_batches(names, lambda: opts, batches()):
            store.update_analysis(batch)
            done += len(batch)
            if progress:
                progress(done)
    if options.actors.enabled and ("entities" in names or "quotes" in names):
        from vigie.runners.actors import rebuild_actors

        rebuild_actors(store, options)
    report = AnalyseReport(done)
    copies = options.copies.enabled and "fingerprints" in names
    stories = _analyses(names)
    if corpus and (copies or stories):
        report.corpus = rebuild_corpus(store, options, copies=copies, stories=stories)
    return report
