"""What the home page says about the store: counts, outlets, languages, recent articles, runs."""

from __future__ import annotations

from typing import Any

from vigie.storage.sqlite import SQLiteStore

__all__ = ["RECENT_SCAN_LIMIT", "recent_articles", "store_summary"]

#: without a store method for recent articles, stores up to this size are scanned for them
RECENT_SCAN_LIMIT = 2000


def _brief(d: dict[str, Any]) -> dict[str, Any]:
    return {k: d.get(k) for k in ("article_id", "title", "outlet", "language", "published")}


def recent_articles(store: SQLiteStore, limit: int = 8) -> list[dict[str, Any]]:
    """The most recently published articles.

    Uses ``store.recent_articles(limit)`` when the store offers it; until then, small stores are
    scanned and larger ones show none (the page says so)."""
    method = getattr(store, "recent_articles", None)
    if callable(method):
        return [_brief(dict(r)) for r in method(limit)]
    if store.count() > RECENT_SCAN_LIMIT:
        return []
    brief = [
        {
            "article_id": a.article_id,
            "title": a.title,
            "outlet": a.outlet,
            "language": a.language,
            "published": a.published,
        }
        for a in store.iter_articles()
    ]
    brief.sort(key=lambda d: d["published"] or "", reverse=True)
    return brief[:limit]


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
