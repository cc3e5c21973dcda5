"""What the home page says about the store: counts, outlets, languages, recent articles, runs."""

from __future__ import annotations

from typing import Any

from vigie.storage.sqlite import SQLiteStore

__all__ = ["recent_articles", "store_summary"]


def _brief(d: dict[str, Any]) -> dict[str, Any]:
    return {k: d.get(k) for k in ("article_id", "title", "outlet", "language", "published")}


def recent_articles(store: SQLiteStore, limit: int = 8) -> list[dict[str, Any]]:
    """The most recently published articles."""
    return [_brief(r) for r in store.recent_articles(limit)]


def store_summary(store: SQLiteStore, *, top_outlets: int = 15) -> dict[str, Any]:
    outlets = store.outlets()
    return {
        "articles": store.count(),
        "outlet_count": len(outlets),
        "outlets": [{"value": v, "count": n} for v, n in outlets[:top_outlets]],
        "languages": [{"value": v, "count": n} for v, n in store.languages()],
        "recent": recent_articles(store),
        "runs": store.runs(limit=3),
    }
