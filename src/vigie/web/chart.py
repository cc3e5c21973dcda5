"""Counts over time — a search's volume, an actor's quotations — and the geometry of their
bar chart.

The chart is drawn on the server as inline SVG (no script): :func:`volume` asks the store for
a search's counts per period, :func:`timeline` counts dates it is given (an actor's
quotations); both fill the empty periods in, and :func:`bar_chart` turns the periods into
bars, axis ticks and labels in SVG user units, for the template to draw.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta
from typing import Any

from vigie.storage.sqlite import ArticleFilters, SQLiteStore

__all__ = [
    "MAX_BUCKETS",
    "TIMELINE_UNITS",
    "UNITS",
    "bar_chart",
    "fill_periods",
    "period_bounds",
    "period_of",
    "timeline",
    "timeline_unit",
    "volume",
]

#: the periods of a search's volume
UNITS = ("day", "month", "year")
#: the periods of a timeline (ISO weeks too: ``2025-W07``)
TIMELINE_UNITS = ("day", "week", "month", "year")
#: at most this many periods are filled in; a wider spread shows only the periods with matches
MAX_BUCKETS = 400
#: ``auto`` counts per day when the matches span at most this many months…
DAYS_UP_TO_MONTHS = 3
#: …and per year when they span more than this many
YEARS_FROM_MONTHS = 120


_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
#: a timeline counts per day up to this many days between its first and last date…
TIMELINE_DAYS_UP_TO = 45
#: …per week up to this many…
TIMELINE_WEEKS_UP_TO = 366
#: …per month up to this many, per year beyond
TIMELINE_MONTHS_UP_TO = 3660


def _parse(period: str, unit: str) -> date | None:
    try:
        if unit == "day" and len(period) == 10:
            return date.fromisoformat(period)
        if unit == "week":
            m = _WEEK.match(period)
            return date.fromisocalendar(int(m[1]), int(m[2]), 1) if m else None
        if unit == "month" and len(period) == 7:
            return date.fromisoformat(period + "-01")
        if unit == "year" and len(period) == 4:
            return date(int(period), 1, 1)
    except ValueError:
        return None
    return None


def _next(d: date, unit: str) -> date:
    if unit == "day":
        return d + timedelta(days=1)
    if unit == "week":
        return d + timedelta(days=7)
    if unit == "month":
        return date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return date(d.year + 1, 1, 1)


def _label(d: date, unit: str) -> str:
    if unit == "week":
        year, week, _ = d.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return {"day": d.isoformat(), "month": d.isoformat()[:7], "year": f"{d.year:04d}"}[unit]


def _day(published: str | None) -> date | None:
    """The calendar day of a publication date or date-time as written (its own time zone)."""
    try:
        return date.fromisoformat((published or "")[:10])
    except ValueError:
        return None


def period_of(published: str | None, unit: str) -> str | None:
    """The period (``day``, ``week``, ``month`` or ``year``) a publication date falls in, or
    None when it is not a date."""
    d = _day(published)
    return None if d is None else _label(d, unit)


def period_bounds(period: str, unit: str) -> tuple[str, str] | None:
    """``(first day, last day)`` of a period as ``YYYY-MM-DD``, or None when it is not a
    period of the unit."""
    d = _parse(period, unit)
    if d is None:
        return None
    return d.isoformat(), (_next(d, unit) - timedelta(days=1)).isoformat()


def fill_periods(rows: list[tuple[str, int]], unit: str) -> tuple[list[dict[str, Any]], bool]:
    """``([{period, count}], filled)``: the periods from the first to the last with matches,
    the empty ones with count 0 (``filled``); periods that are not dates of the unit are left
    out. When the spread is wider than :data:`MAX_BUCKETS` only the periods with matches are
    kept (``filled`` is False)."""
    counts: dict[date, int] = {}
    for period, n in rows:
        d = _parse(period or "", unit)
        if d is not None:
            counts[d] = counts.get(d, 0) + int(n)
    if not counts:
        return [], True
    first, last = min(counts), max(counts)
    out: list[dict[str, Any]] = []
    d = first
    while d <= last:
        out.append({"period": _label(d, unit), "count": counts.get(d, 0)})
        if len(out) > MAX_BUCKETS:
            return [{"period": _label(k, unit), "count": counts[k]} for k in sorted(counts)], False
        d = _next(d, unit)
    return out, True


def volume(
    store: SQLiteStore, query: str | None, filters: ArticleFilters, unit: str = "auto"
) -> dict[str, Any]:
    """``{unit, total, filled, buckets}``: matching articles per period of publication. ``auto``
    counts per month, or per day for a spread of a few months, or per year for a long one."""
    if unit in UNITS:
        rows = store.search_volume(query, filters, unit=unit)
    else:
        unit = "month"
        rows = store.search_volume(query, filters, unit="month")
        months = [d for d in (_parse(p or "", "month") for p, _ in rows) if d]
        if months:
            first, last = min(months), max(months)
            spread = (last.year - first.year) * 12 + last.month - first.month + 1
            if spread <= DAYS_UP_TO_MONTHS:
                unit = "day"
                rows = store.search_volume(query, filters, unit="day")
            elif spread > YEARS_FROM_MONTHS:
                unit = "year"
                years: dict[str, int] = {}
                for p, n in rows:
                    years[p[:4]] = years.get(p[:4], 0) + n
                rows = sorted(years.items())
    buckets, filled = fill_periods(rows, unit)
    total = sum(b["count"] for b in buckets)
    return {"unit": unit, "total": total, "filled": filled, "buckets": buckets}


def timeline_unit(days: list[date]) -> str:
    """The unit a timeline of these dates is drawn in: day for a spread of a few weeks, week
    up to a year, month up to ten years, year beyond."""
    if not days:
        return "month"
    spread = (max(days) - min(days)).days
    if spread <= TIMELINE_DAYS_UP_TO:
        return "day"
    if spread <= TIMELINE_WEEKS_UP_TO:
        return "week"
    if spread <= TIMELINE_MONTHS_UP_TO:
        return "month"
    return "year"


def timeline(published: list[str | None], unit: str = "auto") -> dict[str, Any]:
    """``{unit, total, undated, filled, buckets}``: how many of the dates fall in each period,
    oldest first, empty periods filled in (see :func:`fill_periods`); ``undated`` counts the
    values that are not dates. ``auto`` picks the unit by the spread (:func:`timeline_unit`)."""
    days = [d for d in map(_day, published) if d is not None]
    if unit not in TIMELINE_UNITS:
        unit = timeline_unit(days)
    counts: dict[str, int] = {}
    for d in days:
        label = _label(d, unit)
        counts[label] = counts.get(label, 0) + 1
    buckets, filled = fill_periods(sorted(counts.items()), unit)
    return {
        "unit": unit,
        "total": len(days),
        "undated": len(published) - len(days),
        "filled": filled,
        "buckets": buckets,
    }


def _nice_step(top: int, ticks: int = 4) -> int:
    """A round step (1, 2, 5 × 10^k) giving about ``ticks`` gridlines up to ``top``."""
    raw = max(1.0, top / ticks)
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if m * mag >= raw:
            return int(m * mag)
    return int(10 * mag)


def bar_chart(
    buckets: list[dict[str, Any]],
    *,
    width: int = 760,
    height: int = 240,
    left: int = 56,
    right: int = 12,
    top: int = 12,
    bottom: int = 56,
    max_labels: int = 12,
) -> dict[str, Any]:
    """Bars, y ticks and x labels of a bar chart of ``buckets`` in a ``width`` × ``height``
    viewBox (numbers rounded to 0.1 unit)."""
    plot_w = width - left - right
    plot_h = height - top - bottom
    n = max(1, len(buckets))
    peak = max((b["count"] for b in buckets), default=0)
    step = _nice_step(peak)
    y_max = max(step, math.ceil(peak / step) * step)
    slot = plot_w / n
    gap = min(2.0, slot * 0.2)
    bars = []
    for i, b in enumerate(buckets):
        h = plot_h * b["count"] / y_max
        bars.append(
            {
                "x": round(left + i * slot + gap / 2, 1),
                "y": round(top + plot_h - h, 1),
                "w": round(max(0.5, slot - gap), 1),
                "h": round(h, 1),
                "period": b["period"],
                "count": b["count"],
            }
        )
    yticks = [
        {"value": v, "y": round(top + plot_h - plot_h * v / y_max, 1)}
        for v in range(0, y_max + 1, step)
    ]
    every = max(1, math.ceil(n / max_labels))
    xlabels = [
        {"x": round(left + (i + 0.5) * slot, 1), "text": b["period"]}
        for i, b in enumerate(buckets)
        if i % every == 0
    ]
    return {
        "width": width,
        "height": height,
        "left": left,
        "top": top,
        "plot_w": plot_w,
        "plot_h": plot_h,
        "baseline": top + plot_h,
        "bars": bars,
        "yticks": yticks,
        "xlabels": xlabels,
        "peak": peak,
    }
