"""The volume of a search over time, and the geometry of its bar chart.

The chart is drawn on the server as inline SVG (no script): :func:`volume` asks the store for
counts per period and fills the empty periods in; :func:`bar_chart` turns them into bars,
axis ticks and labels in SVG user units, for the template to draw.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

from vigie.storage.sqlite import ArticleFilters, SQLiteStore

__all__ = ["MAX_BUCKETS", "UNITS", "bar_chart", "fill_periods", "volume"]

UNITS = ("day", "month", "year")
#: at most this many periods are filled in; a wider spread shows only the periods with matches
MAX_BUCKETS = 400
#: ``auto`` counts per day when the matches span at most this many months…
DAYS_UP_TO_MONTHS = 3
#: …and per year when they span more than this many
YEARS_FROM_MONTHS = 120


def _parse(period: str, unit: str) -> date | None:
    try:
        if unit == "day" and len(period) == 10:
            return date.fromisoformat(period)
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
    if unit == "month":
        return date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return date(d.year + 1, 1, 1)


def _label(d: date, unit: str) -> str:
    return {"day": d.isoformat(), "month": d.isoformat()[:7], "year": f"{d.year:04d}"}[unit]


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
