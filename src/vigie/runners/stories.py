"""The stories and quote-groups corpus step: newly stored articles join stories (articles on
one event, across outlets and languages) and their quotations join quote groups."""

from __future__ import annotations

from collections.abc import Sequence

from vigie.article import Article
from vigie.storage.sqlite import SQLiteStore
from vigie.stories import QuoteGroupIndex, StoryIndex, default_embedder, quote_records

__all__ = ["StoryStep"]

_STORIES = "stories"
_QUOTE_GROUPS = "quote_groups"


def _record(a: Article) -> dict[str, object]:
    return {
        "article_id": a.article_id,
        "published": a.published,
        "language": a.language,
        "title": a.title,
        "clean_text": a.clean_text,
        "entities": a.results.get("entities") or [],
        "quotes": a.results.get("quotes") or [],
        "outlet": a.outlet,
    }


class StoryStep:
    """Holds the story and quote-group indexes for one run: each batch of newly stored
    articles joins them and the changed stories and groups are stored at once; the indexes'
    state is saved when the run finishes."""

    def __init__(self, store: SQLiteStore) -> None:
        self.store = store
        embedder = default_embedder()
        saved = store.corpus_state(_STORIES)
        self.stories = (
            StoryIndex.from_dict(saved, embedder=embedder)
            if saved
            else StoryIndex(embedder=embedder)
        )
        saved_q = store.corpus_state(_QUOTE_GROUPS)
        self.groups = (
            QuoteGroupIndex.from_dict(saved_q, embedder=embedder)
            if saved_q
            else QuoteGroupIndex(embedder=embedder)
        )
        self.changed = 0

    def add(self, articles: Sequence[Article]) -> None:
        ordered = sorted(
            articles, key=lambda a: (a.published is None, a.published or "", a.article_id)
        )
        records = [_record(a) for a in ordered]
        self.stories.add_many(records)
        self.groups.add_many(q for r in records for q in quote_records(r))
        self._flush({})

    def finish(self) -> None:
        self._flush({_STORIES: self.stories.to_dict(), _QUOTE_GROUPS: self.groups.to_dict()})

    def _flush(self, states: dict[str, dict[str, object]]) -> None:
        changed_stories = self.stories.pop_changed()
        changed_groups, merged = self.groups.pop_changed()
        self.changed += len(changed_stories)
        self.store.write_stories(
            [s.to_dict() for s in changed_stories],
            [g.to_dict() for g in changed_groups],
            merged,
            states,
        )
