"""The stories and quote-groups corpus step: newly stored articles join stories (articles on
one event, across outlets and languages) and their quotations join quote groups."""

from __future__ import annotations

from collections.abc import Sequence

from vigie.article import Article
from vigie.storage.sqlite import SQLiteStore
from vigie.stories import QuoteGroupIndex, StoryIndex, default_embedder, quote_records

__all__ = ["STATES", "StoryStep"]

_STORIES = "stories"
_QUOTE_GROUPS = "quote_groups"
#: quote-group ids merged into others: ``{old id: id it now lives under}``
_MERGED_GROUPS = "quote_groups_merged"
#: every state this step saves (what a rebuild clears)
STATES = (_STORIES, _QUOTE_GROUPS, _MERGED_GROUPS)


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
    articles joins them and the changed stories and groups are stored at once. When the run
    finishes, the stories and groups no new article can join any more are dropped from the
    indexes (the store keeps them) and the indexes' state is saved, so the state stays bounded
    by the retention period however large the store grows. A group merged into another keeps
    its old id as an alias (state ``quote_groups_merged``), so links to it still resolve."""

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
        self.merged: dict[str, str] = dict(store.corpus_state(_MERGED_GROUPS) or {})
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
        self._flush({})
        self.stories.drop_closed()
        self.groups.drop_closed()
        self._flush(
            {
                _STORIES: self.stories.to_dict(),
                _QUOTE_GROUPS: self.groups.to_dict(),
                _MERGED_GROUPS: dict(self.merged.items()),
            }
        )

    def _flush(self, states: dict[str, dict[str, object]]) -> None:
        changed_stories = self.stories.pop_changed()
        changed_groups, merged = self.groups.pop_changed()
        if merged:
            # an alias pointing at a group merged away now points where that group went
            self.merged = {old: merged.get(new, new) for old, new in self.merged.items()}
            self.merged.update(merged)
        self.changed += len(changed_stories)
        self.store.write_stories(
            [s.to_dict() for s in changed_stories],
            [g.to_dict() for g in changed_groups],
            merged,
            states,
        )
