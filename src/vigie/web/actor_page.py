"""What an actor's page shows: the actor, its quotations by date (filtered and paged), their
timeline, who relayed them, the candidates of an ambiguous name, and the registry.

The quotations come from :meth:`~vigie.storage.sqlite.SQLiteStore.actor_quotes` (newest
first); at most :data:`MAX_QUOTES` are read, and the page says when an actor has more. The
timeline, the outlets and the relays count every quotation read; the filters (a period, an
outlet, a relay) only narrow the list.
"""

from __future__ import annotations

from typing import Any

from vigie.actors import Registry, RegistryError
from vigie.config import Options
from vigie.queries import quote_record
from vigie.runners.actors import registry_path
from vigie.storage.sqlite import SQLiteStore
from vigie.web.actor_links import actor_refs
from vigie.web.chart import timeline

__all__ = ["MAX_QUOTES", "QUOTE_FILTERS", "actor_data", "counts_of", "registry_view"]

#: quotations read for an actor's page (its list, timeline and relays)
MAX_QUOTES = 5000
#: the filters of the quotation list, in the order pages show them
QUOTE_FILTERS = ("since", "until", "outlet", "via")


def counts_of(quotes: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """``[{value, quotes, articles}]`` of the non-empty values of ``key`` (an outlet, a relay),
    most quotations first."""
    n: dict[str, int] = {}
    articles: dict[str, set[str]] = {}
    for q in quotes:
        value = q.get(key)
        if value:
            n[value] = n.get(value, 0) + 1
            articles.setdefault(value, set()).add(q["article_id"])
    ranked = sorted(n, key=lambda v: (-n[v], v.casefold(), v))
    return [{"value": v, "quotes": n[v], "articles": len(articles[v])} for v in ranked]


def _keep(q: dict[str, Any], filters: dict[str, str]) -> bool:
    published = q.get("published") or ""
    since, until = filters.get("since"), filters.get("until")
    if (since or until) and not published:
        return False
    if since and published < since:
        return False
    if until and published[: len(until)] > until:
        return False
    if filters.get("outlet") and q.get("outlet") != filters["outlet"]:
        return False
    return not (filters.get("via") and q.get("via") != filters["via"])


def registry_view(store: SQLiteStore, options: Options, actor_id: str) -> dict[str, Any]:
    """The registry file, whether writes are on, and what the registry says of this actor
    (its aliases, the ids merged into it, the names split off to it)."""
    path = registry_path(store, options).absolute()
    view: dict[str, Any] = {
        "path": str(path),
        "exists": path.is_file(),
        "writes": bool(options.serve.write_token),
        "error": None,
        "aliases": [],
        "merged": [],
        "splits": [],
    }
    if not view["exists"]:
        return view
    try:
        registry = Registry.load(path)
    except (RegistryError, OSError) as exc:
        view["error"] = str(exc)
        return view
    entry = registry.actors.get(actor_id)
    view["aliases"] = list(entry.aliases) if entry else []
    view["merged"] = list(registry.merges.get(actor_id, []))
    view["splits"] = [s.name for s in registry.splits if s.id == actor_id]
    return view


def actor_data(
    store: SQLiteStore,
    options: Options,
    actor_id: str,
    *,
    filters: dict[str, str],
    unit: str = "auto",
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """The actor page's JSON twin (:class:`~vigie.web.models.ActorView`)."""
    actor = store.actor(actor_id)
    rows = store.actor_quotes(actor["id"], limit=MAX_QUOTES + 1)
    quotes = [quote_record(r) for r in rows[:MAX_QUOTES]]
    kept = [q for q in quotes if _keep(q, filters)] if filters else quotes
    candidates = actor_refs(store, actor["candidates"]) if actor["ambiguous"] else {}
    return {
        "actor": actor,
        "filters": filters,
        "total": len(kept),
        "limit": limit,
        "offset": offset,
        "quotes": kept[offset : offset + limit],
        "read": len(quotes),
        "complete": len(rows) <= MAX_QUOTES,
        "timeline": timeline([q["published"] for q in quotes], unit),
        "outlets": counts_of(quotes, "outlet"),
        "vias": counts_of(quotes, "via"),
        "candidates": list(candidates.values()),
        "registry": registry_view(store, options, actor["id"]),
    }
