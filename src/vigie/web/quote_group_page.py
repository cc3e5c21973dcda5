"""The quote-group pages, assembled from the stored groups (``QuoteGroup.to_dict()``, see
:mod:`vigie.stories.quote_groups`): the list's lines, one group's page with every version
compared word by word with the fullest one, and the geometry of its spread chart (time across,
one row per outlet, a mark per article), drawn as inline SVG by the template.

A stored group is read defensively: a group written by an older or newer grouping may lack a
key, and a page must never fail on it.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from vigie.storage.quote_group_store import QuoteGroupFilters
from vigie.storage.sqlite import SQLiteStore
from vigie.stories.features import parse_time
from vigie.stories.worddiff import CUT, quote_words
from vigie.web.actor_links import quote_actor_ids, speaker_actor
from vigie.web.durations import duration_text

__all__ = [
    "EXPORT_FIELDS",
    "KINDS",
    "KIND_SHAPES",
    "article_href",
    "delay_text",
    "export_records",
    "group_data",
    "group_href",
    "list_data",
    "shorten",
    "speaker_label",
    "spread_chart",
    "word_diff",
]

#: the kinds of versions, in the order pages list them, with what each means
KINDS: dict[str, str] = {
    "identical": "verbatim: the same words as the fullest version",
    "truncated": "truncated: words of the fullest version cut at its start, its end or at an "
    "ellipsis",
    "extended": "extended: quotes more of the statement than the fullest version",
    "altered": "altered: words changed, added or left out inside the quotation",
    "translated": "translated: in another language",
}
#: the mark of each kind in the spread chart (an SVG path around 0,0), so that the kind is not
#: told by colour alone
KIND_SHAPES: dict[str, str] = {
    "identical": "M-6,0a6,6 0 1,0 12,0a6,6 0 1,0 -12,0z",
    "truncated": "M-5.5,-5.5h11v11h-11z",
    "extended": "M0,-7.5L7.5,0L0,7.5L-7.5,0z",
    "altered": "M0,-7L7,5.5L-7,5.5z",
    "translated": "M-2.5,-7h5v4.5h4.5v5h-4.5v4.5h-5v-4.5h-4.5v-5h4.5z",
}
_OTHER_SHAPE = "M-6,-2h12v4h-12z"
#: the list shows this many characters of the fullest version
SHORT_TEXT = 240
#: the chart draws at most this many outlets (the table lists them all)
MAX_CHART_ROWS = 30
#: export fields (CSV columns; the JSON lines add ``variants``)
EXPORT_FIELDS = [
    "group_id",
    "speaker",
    "text",
    "n_articles",
    "n_versions",
    "n_outlets",
    "outlets",
    "languages",
    "first_article_id",
    "first_outlet",
    "first_published",
    "last_published",
    "spread_hours",
    "kinds",
    "link",
]
_ANONYMOUS = "anonymous:"
_TICK_STEPS_DAYS = (
    1 / 24, 2 / 24, 3 / 24, 6 / 24, 12 / 24, 1, 2, 7, 14, 30, 61, 91, 182, 365, 730, 1826,
)  # fmt: skip


# -- small pieces ----------------------------------------------------------------------------


def article_href(article_id: str, index: int | None = None) -> str:
    """The page of an article, at the highlight of one of its quotations."""
    path = "/articles/" + quote(str(article_id), safe="")
    return path if index is None else f"{path}#q-{int(index)}"


def group_href(group_id: str) -> str:
    return "/quote-groups/" + quote(str(group_id), safe="")


def speaker_label(speaker: str | None) -> str:
    """A speaker as a page names it (an anonymous source says so)."""
    if not speaker:
        return ""
    if speaker.startswith(_ANONYMOUS):
        return f"{speaker[len(_ANONYMOUS) :].strip() or 'source'} (unnamed)"
    return speaker


def shorten(text: str, limit: int = SHORT_TEXT) -> str:
    """The text cut at a word boundary to at most ``limit`` characters, "…" marking the cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + " …"


def delay_text(hours: float | None) -> str:
    """A delay after the first appearance: ``+45 min``, ``+19 h``, ``+2 d 3 h``; ``first`` for
    none; ``""`` when unknown."""
    if hours is None:
        return ""
    if hours <= 0:
        return "±0"
    if hours < 1:
        return f"+{max(1, round(hours * 60))} min"
    if hours < 48:
        return f"+{hours:.1f} h" if hours < 10 and hours != int(hours) else f"+{round(hours)} h"
    return f"+{duration_text(round(hours) * 3600)}"


def spread_text(hours: float | None) -> str:
    """How long a statement took to spread: ``19 h``, ``2 d 4 h``; ``""`` when unknown."""
    if hours is None:
        return ""
    if hours <= 0:
        return "all at once"
    return delay_text(hours).removeprefix("+")


def _approximate(*published: str | None) -> bool:
    """A bare date (no time of day) counts as noon UTC: delays from it are approximate."""
    return any(p is not None and len(p.strip()) == 10 for p in published)


def _variants(group: dict[str, Any]) -> list[dict[str, Any]]:
    return [v for v in group.get("variants") or [] if isinstance(v, dict)]


def _find(variants: list[dict[str, Any]], ref: Any) -> dict[str, Any] | None:
    if not isinstance(ref, dict):
        return None
    key = (ref.get("article_id"), ref.get("index"))
    return next((v for v in variants if (v.get("article_id"), v.get("index")) == key), None)


def _index(v: dict[str, Any]) -> int:
    i = v.get("index")
    return i if isinstance(i, int) and not isinstance(i, bool) else 0


def _appearance(v: dict[str, Any], titles: dict[str, str | None]) -> dict[str, Any]:
    aid = str(v.get("article_id") or "")
    return {
        "article_id": aid,
        "index": _index(v),
        "link": article_href(aid, _index(v)),
        "title": titles.get(aid),
        "outlet": v.get("outlet"),
        "published": v.get("published"),
        "language": v.get("language") or None,
    }


def _last(variants: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The last dated version (a group keeps its versions in publication order, the undated
    ones last)."""
    return next((v for v in reversed(variants) if parse_time(v.get("published")) is not None), None)


def _kinds(variants: list[dict[str, Any]]) -> dict[str, int]:
    counts = Counter(str(v.get("kind") or "unknown") for v in variants)
    order = {k: i for i, k in enumerate(KINDS)}
    return dict(sorted(counts.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))


def _spread_hours(variants: list[dict[str, Any]]) -> float | None:
    delays = [d for v in variants if isinstance(d := v.get("delay_hours"), int | float)]
    return round(max(delays), 2) if delays else None


# -- word-level difference -------------------------------------------------------------------


def word_diff(reference: str, variant: str) -> list[dict[str, str]]:
    """The variant against the reference word by word (case, accents and quote-mark styles
    ignored, as :func:`vigie.stories.worddiff.diff_words` compares them): runs of ``same``
    words (as the variant writes them), ``removed`` (only in the reference), ``added`` (only
    in the variant) and ``cut`` (an ellipsis of the variant)."""
    ref_shown, ref_fold = quote_words(reference)
    var_shown, var_fold = quote_words(variant)
    parts: list[dict[str, str]] = []

    def add(op: str, words: list[str]) -> None:
        if not words:
            return
        text = " ".join(words)
        if parts and parts[-1]["op"] == op:
            parts[-1]["text"] += " " + text
        else:
            parts.append({"op": op, "text": text})

    matcher = difflib.SequenceMatcher(None, ref_fold, var_fold, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("same", var_shown[j1:j2])
            continue
        add("removed", [w for w in ref_shown[i1:i2] if w != CUT])
        if CUT in var_fold[j1:j2]:
            add("cut", [CUT])
        add("added", [w for w in var_shown[j1:j2] if w != CUT])
    return parts


# -- the list --------------------------------------------------------------------------------


def summarise(
    group: dict[str, Any],
    titles: dict[str, str | None] | None = None,
    actor_id: str | None = None,
) -> dict[str, Any]:
    """A line of the list (:class:`~vigie.web.models.quote_groups.QuoteGroupSummary`)."""
    variants = _variants(group)
    first = _find(variants, group.get("first")) or (variants[0] if variants else {})
    fullest = _find(variants, group.get("fullest")) or first
    outlets = [
        str(o.get("outlet")) for o in group.get("outlets") or [] if isinstance(o, dict)
    ] or list(dict.fromkeys(str(v.get("outlet")) for v in variants if v.get("outlet")))
    outlets = [o for o in outlets if o]
    last = _last(variants)
    gid = str(group.get("id") or group.get("group_id") or "")
    text = str(fullest.get("text") or "")
    first_ref = _appearance(first, titles or {})
    first_ref["title_short"] = shorten(first_ref["title"], 90) if first_ref["title"] else None
    return {
        "group_id": gid,
        "link": group_href(gid),
        "speaker": group.get("speaker"),
        "speaker_label": speaker_label(group.get("speaker")),
        "actor_id": actor_id,
        "text": text,
        "short": shorten(text),
        "first": first_ref,
        "n_articles": int(group.get("n_articles") or len({v.get("article_id") for v in variants})),
        "n_versions": len(variants),
        "n_outlets": len(outlets),
        "outlets": outlets,
        "languages": [str(x) for x in group.get("languages") or [] if x],
        "first_published": first.get("published"),
        "last_published": last.get("published") if last else None,
        "spread_hours": _spread_hours(variants),
        "approximate": _approximate(first.get("published"), (last or {}).get("published")),
        "kinds": _kinds(variants),
    }


def _speaker_variants(group: dict[str, Any]) -> list[dict[str, Any]]:
    """The versions that name the group's speaker as the group does, fullest first."""
    variants = _variants(group)
    speaker = group.get("speaker")
    if not speaker or str(speaker).startswith(_ANONYMOUS):
        return []
    fullest = _find(variants, group.get("fullest"))
    ordered = ([fullest] if fullest else []) + variants
    return [v for v in ordered if v.get("speaker") == speaker]


def group_actors(
    store: SQLiteStore, groups: list[dict[str, Any]], *, tries: int = 1, lookup: bool = False
) -> dict[str, str]:
    """``group id → actor id`` of the groups whose speaker is one known actor: the actor of
    (one of the first ``tries``) versions that name the speaker as the group does; with
    ``lookup``, else the actor the speaker's name stands for (:func:`speaker_actor`)."""
    out: dict[str, str] = {}
    for g in groups:
        candidates = _speaker_variants(g)[:tries]
        keys = [(str(v.get("article_id") or ""), _index(v)) for v in candidates]
        refs = [{"article_id": aid, "index": idx} for aid, idx in keys]
        ids = quote_actor_ids(store, refs) if refs else {}
        found = next((a[0] for k in keys if len(a := ids.get(k, [])) == 1), None)
        if found is None and lookup and candidates:
            found = speaker_actor(store, str(g.get("speaker")))
        if found:
            out[str(g.get("id") or "")] = found
    return out


def filters_shown(filters: QuoteGroupFilters) -> dict[str, str]:
    shown = {
        "speaker": filters.speaker,
        "text": filters.text,
        "outlet": filters.outlet,
        "lang": filters.language,
    }
    out = {k: v for k, v in shown.items() if v}
    if filters.min_articles != QuoteGroupFilters().min_articles:
        out["min_articles"] = str(filters.min_articles)
    return out


def list_data(
    store: SQLiteStore, filters: QuoteGroupFilters, limit: int, offset: int
) -> dict[str, Any]:
    """The list page (:class:`~vigie.web.models.quote_groups.QuoteGroupsPage`)."""
    total, groups = store.quote_group_page(filters, limit=limit, offset=offset)
    firsts = [
        str((_find(_variants(g), g.get("first")) or {}).get("article_id") or "") for g in groups
    ]
    titles = store.group_article_titles([f for f in firsts if f])
    actors = group_actors(store, groups)
    return {
        "filters": filters_shown(filters),
        "total": total,
        "limit": limit,
        "offset": offset,
        "groups": [summarise(g, titles, actors.get(str(g.get("id") or ""))) for g in groups],
    }


def export_records(store: SQLiteStore, filters: QuoteGroupFilters) -> Iterator[dict[str, Any]]:
    """Every group matching the filters as an export record: :data:`EXPORT_FIELDS` and the
    versions (``variants``, as stored)."""
    for g in store.iter_quote_groups(filters):
        s = summarise(g)
        yield {
            **{k: s[k] for k in EXPORT_FIELDS if k in s},
            "first_article_id": s["first"]["article_id"],
            "first_outlet": s["first"]["outlet"],
            "variants": _variants(g),
        }


# -- one group -------------------------------------------------------------------------------


def _variant_view(
    v: dict[str, Any],
    reference: str,
    titles: dict[str, str | None],
    first: dict[str, Any],
    fullest: dict[str, Any],
) -> dict[str, Any]:
    kind = str(v.get("kind") or "unknown")
    text = str(v.get("text") or "")
    edits = [
        {
            "op": str(e.get("op") or ""),
            "where": str(e.get("where") or ""),
            "reference": str(e.get("reference") or ""),
            "variant": str(e.get("variant") or ""),
            "cut": bool(e.get("cut")),
        }
        for e in v.get("edits") or []
        if isinstance(e, dict)
    ]
    coverage = v.get("coverage")
    delay = v.get("delay_hours")
    return {
        **_appearance(v, titles),
        "text": text,
        "speaker": v.get("speaker"),
        "type": v.get("type"),
        "kind": kind,
        "kind_label": "verbatim" if kind == "identical" else kind,
        "coverage": float(coverage) if isinstance(coverage, int | float) else 0.0,
        "delay_hours": float(delay) if isinstance(delay, int | float) else None,
        "delay": delay_text(delay if isinstance(delay, int | float) else None),
        "approximate": _approximate(v.get("published"), first.get("published")),
        "edits": edits,
        "diff": [] if kind == "translated" else word_diff(reference, text),
        "is_first": v is first,
        "is_fullest": v is fullest,
        "anchor": f"v-{quote(str(v.get('article_id') or ''), safe='')}-{_index(v)}",
    }


def _outlet_rows(
    variants: list[dict[str, Any]], stored: list[Any], first: dict[str, Any]
) -> list[dict[str, Any]]:
    """The outlets in order of first appearance, with their articles and versions."""
    by_outlet: dict[str, list[dict[str, Any]]] = {}
    for v in variants:
        by_outlet.setdefault(str(v.get("outlet") or ""), []).append(v)
    order = [str(o.get("outlet") or "") for o in stored if isinstance(o, dict)]
    order = [o for o in dict.fromkeys(order) if o in by_outlet]
    order += [o for o in by_outlet if o not in order]
    rows = []
    for name in order:
        vs = by_outlet[name]
        v0 = vs[0]
        delay = v0.get("delay_hours")
        rows.append(
            {
                "outlet": name,
                "first_published": v0.get("published"),
                "delay_hours": float(delay) if isinstance(delay, int | float) else None,
                "delay": delay_text(delay if isinstance(delay, int | float) else None),
                "approximate": _approximate(v0.get("published"), first.get("published")),
                "articles": len({v.get("article_id") for v in vs}),
                "versions": len(vs),
                "link": article_href(str(v0.get("article_id") or ""), _index(v0)),
            }
        )
    return rows


def group_data(
    store: SQLiteStore, group: dict[str, Any], *, limit: int, offset: int
) -> dict[str, Any]:
    """One group's page (:class:`~vigie.web.models.quote_groups.QuoteGroupView`): the
    fullest version, the first appearance, the outlets, and a page of the versions, each
    compared with the fullest one word by word."""
    variants = _variants(group)
    if not variants:
        variants = [{"article_id": "", "index": 0, "text": "", "kind": "identical"}]
    first = _find(variants, group.get("first")) or variants[0]
    fullest = _find(variants, group.get("fullest")) or first
    reference = str(fullest.get("text") or "")
    shown = variants[offset : offset + limit]
    titles = store.group_article_titles(
        list(dict.fromkeys(str(v.get("article_id") or "") for v in [first, fullest, *shown]))
    )
    gid = str(group.get("id") or "")
    actor = group_actors(store, [group], tries=3, lookup=True).get(gid)
    summary = summarise(group, titles, actor)

    def view(v: dict[str, Any]) -> dict[str, Any]:
        return _variant_view(v, reference, titles, first, fullest)

    return {
        "group_id": gid,
        "speaker": group.get("speaker"),
        "speaker_label": speaker_label(group.get("speaker")),
        "actor_id": actor,
        "fullest": view(fullest),
        "first": view(first),
        "n_articles": summary["n_articles"],
        "n_versions": len(variants),
        "languages": summary["languages"],
        "first_published": summary["first_published"],
        "last_published": summary["last_published"],
        "spread_hours": summary["spread_hours"],
        "approximate": summary["approximate"],
        "kinds": summary["kinds"],
        "outlets": _outlet_rows(variants, list(group.get("outlets") or []), first),
        "limit": limit,
        "offset": offset,
        "total": len(variants),
        "variants": [view(v) for v in shown],
        # what only the chart needs (the JSON twin leaves it out)
        "all_variants": variants,
    }


# -- the spread chart ------------------------------------------------------------------------


def _tick_step(span_days: float, most: int = 7) -> float:
    for step in _TICK_STEPS_DAYS:
        if span_days / step <= most:
            return step
    return _TICK_STEPS_DAYS[-1] * math.ceil(span_days / (_TICK_STEPS_DAYS[-1] * most))


def _tick_label(t: float, step: float) -> str:
    d = datetime.fromtimestamp(t * 86400.0, UTC)
    return d.strftime("%m-%d %H:%M") if step < 1 else d.strftime("%Y-%m-%d")


def _cut_label(name: str, most: int = 26) -> str:
    return name if len(name) <= most else name[: most - 1].rstrip() + "…"


def spread_chart(
    data: dict[str, Any],
    *,
    width: int = 760,
    left: int = 200,
    right: int = 24,
    top: int = 14,
    row_h: int = 26,
    bottom: int = 44,
) -> dict[str, Any] | None:
    """Marks of the versions over time (x) and outlets (one row each, in order of first
    appearance), one mark per article at its publication time, shaped by the kind of its
    fullest version here; the first appearance is ringed. None when no version is dated."""
    variants: list[dict[str, Any]] = data["all_variants"]
    first = data["first"]
    per_article: dict[tuple[str, str], list[dict[str, Any]]] = {}
    undated = 0
    for v in variants:
        if parse_time(v.get("published")) is None:
            undated += 1
            continue
        key = (str(v.get("outlet") or ""), str(v.get("article_id") or ""))
        per_article.setdefault(key, []).append(v)
    if not per_article:
        return None
    dated = {k[0] for k in per_article}
    outlets = [o["outlet"] for o in data["outlets"] if o["outlet"] in dated]
    drawn = outlets[:MAX_CHART_ROWS]
    row_of = {o: i for i, o in enumerate(drawn)}
    times = [parse_time(vs[0].get("published")) or 0.0 for vs in per_article.values()]
    t0, t1 = min(times), max(times)
    pad = max((t1 - t0) * 0.04, 1 / 24)
    lo, hi = t0 - pad, t1 + pad
    plot_w = width - left - right
    plot_h = row_h * len(drawn)

    def x_of(t: float) -> float:
        return round(left + (t - lo) / (hi - lo) * plot_w, 1)

    marks = []
    last_x: dict[int, list[float]] = {}
    for (outlet, aid), vs in per_article.items():
        if outlet not in row_of:
            continue
        row = row_of[outlet]
        best = max(vs, key=lambda v: (v.get("kind") != "translated", v.get("coverage") or 0))
        t = parse_time(vs[0].get("published")) or 0.0
        x = x_of(t)
        near = sum(1 for px in last_x.get(row, []) if abs(px - x) < 9)
        last_x.setdefault(row, []).append(x)
        shift = 0 if near == 0 else (5 if near % 2 else -5) * ((near + 1) // 2)
        y = round(top + row * row_h + row_h / 2 + max(-9, min(9, shift)), 1)
        kind = str(best.get("kind") or "unknown")
        marks.append(
            {
                "x": x,
                "y": y,
                "kind": kind if kind in KINDS else "other",
                "kind_label": "verbatim" if kind == "identical" else kind,
                "shape": KIND_SHAPES.get(kind, _OTHER_SHAPE),
                "href": article_href(aid, _index(vs[0])),
                "first": aid == first["article_id"],
                "outlet": outlet,
                "published": vs[0].get("published"),
                "delay": delay_text(
                    d if isinstance(d := vs[0].get("delay_hours"), float | int) else None
                ),
                "versions": len(vs),
            }
        )
    step = _tick_step(hi - lo)
    ticks = []
    t = math.ceil(lo / step) * step
    while t <= hi:
        ticks.append({"x": x_of(t), "label": _tick_label(t, step)})
        t += step
    rows = [
        {
            "label": _cut_label(o),
            "name": o or "(no outlet)",
            "y": round(top + i * row_h + row_h / 2, 1),
        }
        for i, o in enumerate(drawn)
    ]
    return {
        "width": width,
        "height": top + plot_h + bottom,
        "left": left,
        "top": top,
        "plot_w": plot_w,
        "plot_h": plot_h,
        "baseline": top + plot_h,
        "rows": rows,
        "marks": sorted(marks, key=lambda m: m["first"]),
        "ticks": ticks,
        "undated": undated,
        "hidden_outlets": len(outlets) - len(drawn),
        "kinds": sorted({m["kind"] for m in marks}, key=_kind_order),
    }


def _kind_order(kind: str) -> int:
    return list(KINDS).index(kind) if kind in KINDS else len(KINDS)
