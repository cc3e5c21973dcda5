"""Facet counts of a search, per language and per outlet (one grouped query each)."""

from __future__ import annotations

from typing import Any

from vigie.storage.sqlite import ArticleFilters, SQLiteStore

__all__ = ["MAX_FACET_VALUES", "search_facets"]

MAX_FACET_VALUES = 12


def search_facets(
    store: SQLiteStore, query: str, filters: ArticleFilters
) -> dict[str, list[dict[str, Any]]]:
    """``{"outlet": [{value, count}], "language": [...]}``, largest first. Each facet counts
    under the other filters, so a chosen outlet still shows the other outlets' counts."""
    counts = store.search_facets(query, filters, top=MAX_FACET_VALUES)
    return {name: [{"value": v, "count": n} for v, n in values] for name, values in counts.items()}
