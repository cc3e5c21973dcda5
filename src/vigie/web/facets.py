"""The facets of a search: the filters they set beyond outlet, language and dates (actor,
story, has-quotes, is-copy) and the counts per facet value (one store statement), with the
names of the actors and the labels of the stories counted.

The request dependency of those filters (:func:`get_search_filters`, :data:`SearchFilters`)
lives in :mod:`vigie.web.deps`, where the quotation filters use it too; it is re-exported
here."""

from __future__ import annotations

from typing import Any

from vigie.storage.sqlite import ArticleFilters, SQLiteStore
from vigie.web.deps import SearchFilters, get_search_filters

__all__ = [
    "FACET_PARAMS",
    "MAX_FACET_VALUES",
    "SearchFilters",
    "empty_facets",
    "filter_labels",
    "get_search_filters",
    "search_facets",
]

MAX_FACET_VALUES = 12
#: the query parameters of the facet filters (beyond outlet, lang, since, until)
FACET_PARAMS = ("actor", "story", "has_quotes", "is_copy")


def search_facets(store: SQLiteStore, query: str, filters: ArticleFilters) -> dict[str, Any]:
    """``{"outlet": [{value, count}], "language", "actor", "story", "has_quotes", "is_copy",
    "actor_sample"}``, largest first. Each facet counts under the other filters, so a chosen
    outlet still shows the other outlets' counts. Actors and stories carry a ``label`` (the
    actor's name, the story's label); ``actor_sample`` says when the actor counts are
    estimated from a sample of the matches."""
    counts = store.search_facets(query, filters, top=MAX_FACET_VALUES)
    labels = {
        "actor": store.actor_names(v for v, _ in counts["actor"]),
        "story": store.story_labels(v for v, _ in counts["story"]),
    }
    out: dict[str, Any] = {}
    for name, values in counts.items():
        if name in labels:
            out[name] = [{"value": v, "count": n, "label": labels[name].get(v)} for v, n in values]
        else:
            out[name] = [{"value": v, "count": n} for v, n in values]
    sample = counts.sampled.get("actor")
    out["actor_sample"] = {"counted": sample[0], "matches": sample[1]} if sample else None
    return out


def empty_facets() -> dict[str, Any]:
    """The facets of a search that matched nothing."""
    return {name: [] for name in ("outlet", "language", "actor", "story", "has_quotes", "is_copy")}


def filter_labels(store: SQLiteStore, filters: ArticleFilters) -> dict[str, str]:
    """What the page shows for the actor and story filtered on: the actor's name, the
    story's label, or the id said to be unknown."""
    out: dict[str, str] = {}
    if filters.actor:
        name = store.actor_names([filters.actor]).get(filters.actor)
        out["actor"] = name or f"{filters.actor} (no such actor)"
    if filters.story:
        label = store.story_labels([filters.story]).get(filters.story)
        out["story"] = label or f"{filters.story} (no such story)"
    return out
