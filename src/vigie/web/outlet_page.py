"""What the outlets pages show.

``/outlets``: every outlet with its articles, languages, first and last publication, the
copies it made and the copies made of it, the share of its copies that hide their source, and
whether it is a state medium (:mod:`vigie.outlets.state_media`); sorted and paged here, counted
once per store state (:func:`outlet_rows`).

``/outlet?name=…``: one outlet — its volume over time, languages, whom it copies and who copies
it (copy edges grouped by the other outlet, with their median lags), the lag histograms of both,
the sources it cites, the share of its articles that come from state media, its latest articles.

An outlet's page is addressed by a query parameter (:func:`outlet_href`): any name — spaces,
slashes, ``..``, markup, a name ending in ``.json`` — goes there and back unchanged, and nothing
of it is ever a path.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any
from urllib.parse import quote

from vigie.config import Options
from vigie.errors import NotFoundError
from vigie.outlets.state_media import StateMediaList, media_key, state_media
from vigie.storage.sqlite import SQLiteStore, fold
from vigie.web.chart import TIMELINE_UNITS, fill_periods, period_of, timeline_unit
from vigie.web.outlet_graph import lag_bins

__all__ = [
    "OUTLET_EXPORT_FIELDS",
    "SORTS",
    "edge_groups",
    "outlet_data",
    "outlet_href",
    "outlet_rows",
    "outlets_data",
    "state_list",
]

#: the columns ``/outlets`` sorts by, and their default order (True: largest first)
SORTS: dict[str, bool] = {
    "articles": True,
    "name": False,
    "copies_made": True,
    "copied": True,
    "hidden_source_share": True,
    "first": False,
    "last": True,
}
#: the fields of an outlet record in the exports
OUTLET_EXPORT_FIELDS = [
    "name",
    "articles",
    "languages",
    "first",
    "last",
    "copies_made",
    "copied",
    "hidden_source_share",
    "undetermined",
    "state_medium",
    "link",
]
#: actor kinds a cited source's link prefers, in order
_ACTOR_KINDS = ("media", "organisation", "state")
#: recent articles an outlet's page lists
RECENT = 10


def outlet_href(name: str) -> str:
    """The path of an outlet's page: its name percent-encoded in a query parameter."""
    return "/outlet?name=" + quote(name, safe="")


def state_list(options: Options) -> StateMediaList:
    """The state media of the app: the defaults plus ``[outlets] state_media``."""
    return state_media(options.outlets.state_media)


def outlet_rows(store: SQLiteStore, states: StateMediaList) -> list[dict[str, Any]]:
    """Every outlet's record (see :class:`~vigie.web.models.outlets.OutletRecord`), by name."""
    summaries = store.outlet_summaries()
    copies = store.copy_edge_counts()
    rows = []
    for name in sorted(summaries):
        s = summaries[name]
        c = copies.get(name, {"made": 0, "copied": 0, "hidden": 0, "undetermined": 0})
        listed = states.match(name)
        langs = sorted(s["languages"].items(), key=lambda kv: (-kv[1], kv[0]))
        rows.append(
            {
                "name": name,
                "link": outlet_href(name),
                "articles": s["articles"],
                "languages": [{"value": k, "count": n} for k, n in langs],
                "first": s["first"],
                "last": s["last"],
                "copies_made": c["made"],
                "copied": c["copied"],
                "hidden_source_share": round(c["hidden"] / c["made"], 3) if c["made"] else None,
                "undetermined": c["undetermined"],
                "state_medium": listed.name if listed else None,
            }
        )
    return rows


def _sort_key(sort: str) -> Callable[[dict[str, Any]], Any]:
    def key(r: dict[str, Any]) -> Any:
        v = r[sort]
        # missing values (no copy made, no date) sort last either way: see outlets_data
        return (fold(v) or "", v) if sort == "name" else v

    return key


def outlets_data(
    rows: list[dict[str, Any]], *, name: str, sort: str, order: str, limit: int, offset: int
) -> dict[str, Any]:
    """A page of outlets: those whose name contains ``name`` (case and accents ignored),
    sorted by ``sort`` (``order``: asc, desc, or "" for the column's default), ties by name."""
    needle = fold(name.strip()) or ""
    kept = [r for r in rows if needle in (fold(r["name"]) or "")] if needle else list(rows)
    desc = SORTS[sort] if order not in ("asc", "desc") else order == "desc"
    kept.sort(key=lambda r: (fold(r["name"]) or "", r["name"]))
    present = [r for r in kept if r[sort] is not None]
    missing = [r for r in kept if r[sort] is None]
    present.sort(key=_sort_key(sort), reverse=desc)
    ordered = present + missing
    return {
        "filters": {"name": name.strip()} if name.strip() else {},
        "sort": sort,
        "order": "desc" if desc else "asc",
        "total": len(ordered),
        "limit": limit,
        "offset": offset,
        "outlets": ordered[offset : offset + limit],
    }


# -- one outlet ------------------------------------------------------------------------------


def _volume(store: SQLiteStore, name: str, articles: int, unit: str) -> dict[str, Any]:
    """Articles per period of publication (see :class:`~vigie.web.models.outlets.OutletVolume`)."""
    days = store.outlet_days(name)
    if unit not in TIMELINE_UNITS:
        dates = []
        for d, _ in days:
            try:
                dates.append(date.fromisoformat(d))
            except ValueError:
                continue
        unit = timeline_unit(dates)
    counts: dict[str, int] = {}
    for d, n in days:
        label = period_of(d, unit)
        if label:
            counts[label] = counts.get(label, 0) + n
    buckets, filled = fill_periods(sorted(counts.items()), unit)
    total = sum(b["count"] for b in buckets)
    return {
        "unit": unit,
        "total": total,
        "undated": articles - total,
        "filled": filled,
        "buckets": buckets,
    }


def edge_groups(
    rows: list[dict[str, Any]], key: str, states: StateMediaList
) -> list[dict[str, Any]]:
    """Copy edges grouped by the other outlet (``key``: ``source_outlet`` or
    ``copy_outlet``), busiest first: copies, kinds, median lag, share hiding the source."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault(r[key], []).append(r)
    out = []
    busiest = sorted(groups.items(), key=lambda kv: (-len(kv[1]), fold(kv[0]) or "", kv[0]))
    for other, rs in busiest:
        lags = [r["lag_seconds"] for r in rs if r["lag_seconds"] is not None]
        kinds: dict[str, int] = {}
        for r in rs:
            kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
        listed = states.match(other)
        out.append(
            {
                "outlet": other,
                "link": outlet_href(other),
                "copies": len(rs),
                "kinds": dict(sorted(kinds.items())),
                "median_lag_seconds": statistics.median(lags) if lags else None,
                "hidden_source_share": round(
                    sum(1 for r in rs if not r["cites_source"]) / len(rs), 3
                ),
                "state_medium": listed.name if listed else None,
            }
        )
    return out


def _by_key(outlets: Iterable[str]) -> dict[str, str]:
    """``media key → outlet name`` (the first name of a key wins)."""
    out: dict[str, str] = {}
    for name in outlets:
        key = media_key(name)
        if key:
            out.setdefault(key, name)
    return out


def _actor_for(candidates: list[tuple[str, str]]) -> str | None:
    for kind in _ACTOR_KINDS:
        for actor_id, k in candidates:
            if k == kind:
                return actor_id
    return candidates[0][0] if candidates else None


def _citations(
    store: SQLiteStore,
    rows: list[tuple[int, str, str]],
    states: StateMediaList,
    outlets: dict[str, str],
) -> list[dict[str, Any]]:
    """The sources cited, most mentions first, each with its commonest spelling, its actor
    and the stored outlet of the same name (``outlets``: media key → outlet name)."""
    mentions: dict[str, int] = {}
    articles: dict[str, set[int]] = {}
    spellings: dict[str, dict[str, int]] = {}
    for rowid, source, key in rows:
        mentions[key] = mentions.get(key, 0) + 1
        articles.setdefault(key, set()).add(rowid)
        forms = spellings.setdefault(key, {})
        forms[source] = forms.get(source, 0) + 1
    actors = store.actors_named(mentions)
    by_medium: dict[str, str] | None = None
    out = []
    for key, n in mentions.items():
        forms = spellings[key]
        source = min(forms, key=lambda f: (-forms[f], f))
        listed = states.match(source)
        outlet = outlets.get(media_key(source)) or outlets.get(media_key(key))
        if outlet is None and listed is not None:
            # "Ekran-K" cited, "Экран-К" stored: one state medium under two names
            if by_medium is None:
                by_medium = {}
                for k, o in outlets.items():
                    m = states.match(k)
                    if m is not None:
                        by_medium.setdefault(m.name, o)
            outlet = by_medium.get(listed.name)
        out.append(
            {
                "source": source,
                "key": key,
                "outlet": outlet,
                "outlet_link": outlet_href(outlet) if outlet else None,
                "mentions": n,
                "articles": len(articles[key]),
                "state_medium": listed.name if listed else None,
                "actor_id": _actor_for(actors.get(key, [])),
            }
        )
    out.sort(key=lambda c: (-int(c["mentions"] or 0), str(c["key"])))
    return out


def _state_share(
    name: str,
    articles: int,
    made: list[dict[str, Any]],
    cites: list[tuple[int, str, str]],
    states: StateMediaList,
) -> dict[str, Any]:
    """How many of its articles copy a state medium's or cite one (itself left out)."""
    itself = states.match(name)
    per: dict[str, dict[str, Any]] = {}

    def entry(medium_name: str, country: str) -> dict[str, Any]:
        return per.setdefault(
            medium_name,
            {"name": medium_name, "country": country, "copies": 0, "citations": 0, "ids": set()},
        )

    for r in made:
        m = states.match(r["source_outlet"])
        if m and m is not itself:
            e = entry(m.name, m.country)
            e["copies"] += 1
            e["ids"].add(r["copy_rowid"])
    for rowid, source, _key in cites:
        m = states.match(source)
        if m and m is not itself:
            e = entry(m.name, m.country)
            e["citations"] += 1
            e["ids"].add(rowid)
    ids: set[int] = set()
    for e in per.values():
        ids |= e["ids"]
    agencies = [
        {k: v for k, v in e.items() if k != "ids"} | {"articles": len(e["ids"])}
        for e in per.values()
    ]
    agencies.sort(key=lambda a: (-a["articles"], -a["copies"], a["name"].casefold()))
    return {
        "articles": len(ids),
        "total": articles,
        "share": round(len(ids) / articles, 3) if articles else None,
        "itself": itself.name if itself else None,
        "listed": len(states),
        "agencies": agencies,
    }


def outlet_data(
    store: SQLiteStore,
    states: StateMediaList,
    name: str,
    unit: str = "auto",
    rows: Mapping[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Everything one outlet's page shows (:class:`~vigie.web.models.outlets.OutletView`);
    :class:`NotFoundError` when no article has this outlet. ``rows``: every outlet's record
    (:func:`outlet_rows`, by name), when at hand: its counts are not read again, and the cited
    sources that are stored outlets link to them."""
    rows = rows or {}
    row = rows.get(name)
    if row is not None:
        summary = {
            "articles": row["articles"],
            "first": row["first"],
            "last": row["last"],
            "languages": [(x["value"], x["count"]) for x in row["languages"]],
        }
        undetermined = row["undetermined"]
        # every copy edge read once beats a read of each of its articles' rows
        edges = store.outlet_edges(
            name, scan_copies=2 * row["articles"] > sum(r["copies_made"] for r in rows.values())
        )
    else:
        found = store.outlet_summary(name)
        if found is None:
            raise NotFoundError(f"no article has the outlet {name!r}")
        summary = found
        undetermined = store.outlet_undetermined(name)
        edges = store.outlet_edges(name)
    made = [r for r in edges if r["copy_outlet"] == name]
    copied = [r for r in edges if r["source_outlet"] == name]
    made_bins, made_unknown = lag_bins(r["lag_seconds"] for r in made)
    of_bins, of_unknown = lag_bins(r["lag_seconds"] for r in copied)
    cites = store.outlet_citations(name)
    listed = states.match(name)
    with_language = sum(n for code, n in summary["languages"] if code)
    return {
        "outlet": {
            "name": name,
            "link": outlet_href(name),
            "articles": summary["articles"],
            "first": summary["first"],
            "last": summary["last"],
            "state_medium": listed.name if listed else None,
        },
        "languages": [{"value": code, "count": n} for code, n in summary["languages"] if code],
        "no_language": summary["articles"] - with_language,
        "volume": _volume(store, name, summary["articles"], unit),
        "sources": edge_groups(made, "source_outlet", states),
        "copiers": edge_groups(copied, "copy_outlet", states),
        "copies_made": len(made),
        "copied": len(copied),
        "undetermined": undetermined,
        "lags": {
            "made": made_bins,
            "made_unknown": made_unknown,
            "of": of_bins,
            "of_unknown": of_unknown,
        },
        "citations": _citations(store, cites, states, _by_key(rows)),
        "state": _state_share(name, summary["articles"], made, cites, states),
        "recent": store.outlet_recent(name, RECENT),
    }
