"""Facet counts of a search, per language and per outlet, from the store's own search.

Each count is one counting search with that facet's filter set (the other filters kept), so a
count is exactly what following its link shows. That is one query per value: languages are few,
and outlets are limited to the :data:`MAX_OUTLETS` with most articles. A store method that
groups the matches in one query would make this one call (see docs/web.md).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from vigie.storage.sqlite import ArticleFilters, SQLiteStore

__all__ = ["MAX_LANGUAGES", "MAX_OUTLETS", "search_facets"]

MAX_OUTLETS = 12
MAX_LANGUAGES = 8


def _count(store: SQLiteStore, query: str, filters: ArticleFilters) -> int:
    return store.search(query, filters, limit=0).total


def search_facets(
    store: SQLiteStore,
    query: str,
    filters: ArticleFilters,
    *,
    outlets: list[tuple[str, int]] | None = None,
    languages: list[tuple[str, int]] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """``{"outlet": [{value, count}], "language": [...]}``, largest first, zeros left out.

    A facet whose filter is already set lists only the chosen value."""
    out: dict[str, list[dict[str, Any]]] = {"outlet": [], "language": []}
    langs = [filters.language] if filters.language else [v for v, _ in (languages or [])]
    for lang in langs[:MAX_LANGUAGES]:
        n = _count(store, query, replace(filters, language=lang))
        if n:
            out["language"].append({"value": lang, "count": n})
    names = [filters.outlet] if filters.outlet else [v for v, _ in (outlets or [])]
    for name in names[:MAX_OUTLETS]:
        n = _count(store, query, replace(filters, outlet=name))
        if n:
            out["outlet"].append({"value": name, "count": n})
    for values in out.values():
        values.sort(key=lambda f: (-f["count"], f["value"]))
    return out
