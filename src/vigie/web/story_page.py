"""What the story pages show, as plain data: the story listing (and its export records), and
one story with its articles, the copy relations among them, the lineage built from those
relations, and the layout of its timeline.

The lineage follows ``vigie lineage`` (:func:`vigie.queries.lineage`): each copy hangs under its
closest source in the story (the most similar, then the latest published), so a copy of a copy
is drawn under the copy it came through, not under every earlier version it resembles.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from vigie import queries
from vigie.errors import NotFoundError
from vigie.storage.sqlite import SQLiteStore
from vigie.storage.story_store import StoryFilters
from vigie.web.durations import duration_text
from vigie.web.lineage_graph import short

__all__ = [
    "MAX_ARTICLES",
    "STORY_EXPORT_FIELDS",
    "lag_text",
    "lineage",
    "parse_when",
    "stories_data",
    "story_data",
    "story_export_records",
    "timeline_chart",
]

#: articles of one story read for its page (the timeline, lineage and table stop there)
MAX_ARTICLES = 2000
#: columns of the story exports: those of ``vigie export stories`` plus the article count
STORY_EXPORT_FIELDS = [
    *queries.STORY_EXPORT_FIELDS[:2],
    "n_articles",
    *queries.STORY_EXPORT_FIELDS[2:],
]


def lag_text(seconds: float | None) -> str | None:
    """A lag for people: ``45 s``, ``12 min``, ``2 h 10 min``, ``3 d 4 h`` (None if unknown)."""
    return duration_text(seconds, "short")


def parse_when(published: str | None) -> tuple[float, bool] | None:
    """``(epoch seconds, date only)`` of an ISO date or date-time: a bare date is placed at noon
    UTC (its hour is unknown), a time without offset is read as UTC. None when unreadable."""
    if not published:
        return None
    text = published.strip().replace("Z", "+00:00")
    date_only = len(text) == 10
    try:
        dt = datetime.fromisoformat(text + "T12:00:00+00:00" if date_only else text)
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp(), date_only


# -- the listing -----------------------------------------------------------------------------


def story_record(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "story_id": row["story_id"],
        "label": row["label"],
        "n_articles": row["n_articles"],
        "first_seen": row["first_seen"],
        "last_seen": row["last_seen"],
        "languages": row["languages"],
        "outlets": row["outlets"],
        "first_article": row["first_article"],
        "first_title": row.get("first_title"),
        "first_outlet": row.get("first_outlet"),
    }


def filters_shown(filters: StoryFilters) -> dict[str, str]:
    """The filters in force but the size, by name (``lang`` for the language)."""
    shown = {
        "lang": filters.language,
        "outlet": filters.outlet,
        "since": filters.since,
        "until": filters.until,
    }
    return {k: v for k, v in shown.items() if v}


def stories_data(
    store: SQLiteStore, filters: StoryFilters, *, sort: str, limit: int, offset: int
) -> dict[str, Any]:
    """A page of stories matching ``filters`` and how many match in all."""
    rows = store.story_list(filters, sort=sort, limit=limit, offset=offset)
    return {
        "filters": filters_shown(filters),
        "min_articles": filters.min_articles,
        "sort": sort,
        "total": store.count_stories(filters),
        "limit": limit,
        "offset": offset,
        "stories": [story_record(r) for r in rows],
    }


def story_export_records(
    store: SQLiteStore, filters: StoryFilters, sort: str
) -> Iterator[dict[str, Any]]:
    """Every story matching ``filters``, as ``vigie export stories`` writes it (plus its size)."""
    for s in store.iter_stories(filters, sort=sort):
        arts = s["articles"]
        yield {
            "story_id": s["story_id"],
            "label": s["label"],
            "n_articles": s["n_articles"],
            "docs": [a["doc"] for a in arts],
            "article_ids": [a["article_id"] for a in arts],
            "first_article": s["first_article"],
            "first_seen": s["first_seen"],
            "last_seen": s["last_seen"],
            "languages": s["languages"],
            "outlets": s["outlets"],
        }


# -- one story: relations and lineage --------------------------------------------------------


def _relation(row: dict[str, Any]) -> dict[str, Any]:
    known = row["direction"] == "known" and row["source_id"] and row["copy_id"]
    original, copy = (row["source_id"], row["copy_id"]) if known else (row["a_id"], row["b_id"])
    return {
        "original_article_id": original,
        "copy_article_id": copy,
        "kind": row["kind"],
        "score": round(row["score"], 4),
        "confidence": row["confidence"],
        "direction": "known" if known else "undetermined",
        "direction_reason": row.get("direction_reason"),
        "lag_seconds": row["lag_seconds"] if known else None,
        "lag": lag_text(row["lag_seconds"]) if known else None,
        "role": "undetermined" if not known else "other",
    }


def _parents(
    relations: list[dict[str, Any]], published: dict[str, str | None]
) -> dict[str, dict[str, Any]]:
    """Each copy's relation to its closest source: the most similar, then the latest
    published, then the greatest id (as ``vigie lineage`` picks it); a link that would close a
    cycle is left out."""
    best: dict[str, dict[str, Any]] = {}
    for r in relations:
        if r["direction"] != "known":
            continue
        key = (r["score"], published.get(r["original_article_id"]) or "", r["original_article_id"])
        cur = best.get(r["copy_article_id"])
        if cur is None or key > (
            cur["score"],
            published.get(cur["original_article_id"]) or "",
            cur["original_article_id"],
        ):
            best[r["copy_article_id"]] = r
    for aid in sorted(best):
        seen = {aid}
        cur = best[aid]["original_article_id"]
        while cur in best:
            if cur in seen:
                del best[aid]
                break
            seen.add(cur)
            cur = best[cur]["original_article_id"]
    return best


def lineage(
    articles: list[dict[str, Any]], relations: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The lineage chains among ``articles`` (in publication order): nested nodes, the
    originals (articles of a relation with no known source here) first, each copy under its
    closest source; and each copy's relation to that source. Marks those relations
    ``role: lineage``."""
    by_id = {a["article_id"]: a for a in articles}
    rels = [
        r for r in relations if r["original_article_id"] in by_id and r["copy_article_id"] in by_id
    ]
    parents = _parents(rels, {k: a["published"] for k, a in by_id.items()})
    for r in parents.values():
        r["role"] = "lineage"
    children: dict[str, list[str]] = {}
    for copy_id, r in parents.items():
        children.setdefault(r["original_article_id"], []).append(copy_id)
    involved = {r["original_article_id"] for r in rels} | {r["copy_article_id"] for r in rels}
    order = {a["article_id"]: i for i, a in enumerate(articles)}

    def node(aid: str, depth: int) -> dict[str, Any]:
        a = by_id[aid]
        rel = parents.get(aid)
        return {
            "article_id": aid,
            "title": a["title"],
            "outlet": a["outlet"],
            "language": a["language"],
            "published": a["published"],
            "generation": depth,
            "kind": rel["kind"] if rel else None,
            "score": rel["score"] if rel else None,
            "lag_seconds": rel["lag_seconds"] if rel else None,
            "lag": rel["lag"] if rel else None,
            "copies": [
                node(c, depth + 1) for c in sorted(children.get(aid, []), key=order.__getitem__)
            ],
        }

    roots = sorted((aid for aid in involved if aid not in parents), key=order.__getitem__)
    return [node(r, 0) for r in roots], parents


def _generations(tree: list[dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    stack = list(tree)
    while stack:
        n = stack.pop()
        out[n["article_id"]] = n["generation"]
        stack.extend(n["copies"])
    return out


def _counts(values: list[str | None]) -> list[dict[str, Any]]:
    c = Counter(v for v in values if v)
    return [{"value": v, "count": n} for v, n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))]


def story_data(store: SQLiteStore, story_id: str) -> dict[str, Any]:
    """One story: its row, its articles (each with its place in the lineage), the copy
    relations among them, the lineage chains, and its outlets and languages counted."""
    row = store.story(story_id)
    if row is None:
        raise NotFoundError(f"no story with id {story_id!r}")
    articles = store.story_articles(story_id, limit=MAX_ARTICLES)
    ids = {a["article_id"] for a in articles}
    relations = [
        rel
        for rel in (_relation(r) for r in store.story_copies(story_id))
        if rel["original_article_id"] in ids and rel["copy_article_id"] in ids
    ]
    tree, parents = lineage(articles, relations)
    gens = _generations(tree)
    listed = []
    for a in articles:
        aid = a["article_id"]
        rel = parents.get(aid)
        listed.append(
            {
                **a,
                "first": aid == row["first_article"],
                "generation": gens.get(aid),
                "copy_of": rel["original_article_id"] if rel else None,
                "copy_kind": rel["kind"] if rel else None,
                "copy_lag": rel["lag"] if rel else None,
            }
        )
    return {
        "story": story_record(row),
        "complete": len(articles) >= row["n_articles"] or len(articles) < MAX_ARTICLES,
        "articles": listed,
        "outlet_counts": _counts([a["outlet"] for a in articles]),
        "language_counts": _counts([a["language"] for a in articles]),
        "relations": relations,
        "lineage": tree,
    }


# -- the timeline ----------------------------------------------------------------------------

_STEPS = [
    3600,
    2 * 3600,
    3 * 3600,
    6 * 3600,
    12 * 3600,
    86400,
    2 * 86400,
    7 * 86400,
    14 * 86400,
    30 * 86400,
    91 * 86400,
    365 * 86400,
]
MAX_ROWS = 30
MAX_MARKS = 600
ROW_H = 26


def _ticks(t0: float, t1: float, x_of: Any, most: int = 8) -> list[dict[str, Any]]:
    span = t1 - t0
    step = next((s for s in _STEPS if span / s <= most), _STEPS[-1])
    first = math.ceil(t0 / step) * step
    out = []
    t = first
    while t <= t1:
        dt = datetime.fromtimestamp(t, UTC)
        label = dt.strftime("%Y-%m-%d") if step >= 86400 else dt.strftime("%m-%d %H:%M")
        out.append({"x": round(x_of(t), 1), "label": label})
        t += step
    return out


def timeline_chart(articles: list[dict[str, Any]], *, width: int = 960) -> dict[str, Any] | None:
    """Marks of ``articles`` (as :func:`story_data` lists them) on a time axis, one row per
    outlet (in order of first publication; beyond ``MAX_ROWS`` outlets, the rest share a last
    row), each mark linking to its article. None when no article has a readable date."""
    placed = [(parse_when(a["published"]), a) for a in articles]
    dated = [(w, a) for w, a in placed if w is not None][:MAX_MARKS]
    if not dated:
        return None
    left, right, top, bottom = 190, 24, 10, 34
    outlets: list[str] = []
    for _, a in sorted(dated, key=lambda wa: (wa[0][0], wa[1]["article_id"])):
        name = a["outlet"] or "(no outlet)"
        if name not in outlets:
            outlets.append(name)
    rows = outlets[:MAX_ROWS]
    others = len(outlets) > MAX_ROWS
    row_of = {o: i for i, o in enumerate(rows)}
    n_rows = len(rows) + (1 if others else 0)
    t0 = min(w[0] for w, _ in dated)
    t1 = max(w[0] for w, _ in dated)
    pad = max(1800.0, (t1 - t0) * 0.04)
    t0, t1 = t0 - pad, t1 + pad
    plot_w = width - left - right

    def x_of(t: float) -> float:
        return left + plot_w * (t - t0) / (t1 - t0)

    height = top + n_rows * ROW_H + bottom
    stacked: Counter[tuple[int, int]] = Counter()
    marks = []
    for (t, date_only), a in dated:
        row = row_of.get(a["outlet"] or "(no outlet)", len(rows))
        x = x_of(t)
        k = stacked[(row, int(x // 8))]
        stacked[(row, int(x // 8))] += 1
        # marks at one time on one row side by side: the next ones shifted right
        shape = "first" if a["first"] else ("copy" if a["copy_of"] else "own")
        marks.append(
            {
                "x": round(x + 7 * k, 1),
                "y": top + row * ROW_H + ROW_H / 2,
                "article_id": a["article_id"],
                "shape": shape,
                "label": " — ".join(
                    p
                    for p in (
                        a["outlet"] or "(no outlet)",
                        (a["published"] or "") + (" (date only)" if date_only else ""),
                        short(a["title"] or a["doc"], 120),
                    )
                    if p
                ),
            }
        )
    labels = [
        {"y": top + i * ROW_H + ROW_H / 2, "text": short(o, 26), "full": o}
        for i, o in enumerate(rows)
    ]
    if others:
        n_other = len(outlets) - MAX_ROWS
        labels.append(
            {
                "y": top + len(rows) * ROW_H + ROW_H / 2,
                "text": f"{n_other} other outlets",
                "full": f"{n_other} other outlets",
            }
        )
    return {
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "top": top,
        "baseline": top + n_rows * ROW_H,
        "rows": labels,
        "marks": marks,
        "ticks": _ticks(t0, t1, x_of),
        "undated": sum(1 for w, _ in placed if w is None),
        "not_drawn": max(0, sum(1 for w, _ in placed if w is not None) - MAX_MARKS),
        "date_only": sum(1 for w, _ in dated if w[1]),
        "start": datetime.fromtimestamp(t0 + pad, UTC).strftime("%Y-%m-%d %H:%M"),
        "end": datetime.fromtimestamp(t1 - pad, UTC).strftime("%Y-%m-%d %H:%M"),
    }
