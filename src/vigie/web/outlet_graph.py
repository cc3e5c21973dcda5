"""The geometry of an outlet's copy graph and of its lag histograms, drawn by outlet.html as
inline SVG (no script).

The graph puts the outlet in the middle, the outlets it copies on the left and the outlets that
copy it on the right; an edge runs from the original's outlet to the copy's, labelled with the
number of copies and their median lag. Each side shows its :data:`MAX_SIDE` busiest outlets;
the page's tables list them all. The histograms count lags in :data:`LAG_BINS`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from vigie.web.chart import bar_chart

__all__ = [
    "LAG_BINS",
    "MAX_SIDE",
    "graph_layout",
    "human_lag",
    "lag_bins",
    "lag_chart",
    "short_label",
]

#: outlets drawn on each side of the graph (the busiest)
MAX_SIDE = 12
#: ``(label, from seconds, to seconds)``: a lag falls in the bin with from <= lag < to
LAG_BINS: tuple[tuple[str, float, float | None], ...] = (
    ("under 1 h", 0, 3600),
    ("1–6 h", 3600, 6 * 3600),
    ("6–24 h", 6 * 3600, 24 * 3600),
    ("1–3 days", 24 * 3600, 3 * 86400),
    ("3–7 days", 3 * 86400, 7 * 86400),
    ("over 7 days", 7 * 86400, None),
)

#: the graph's viewBox width, node size, row pitch and the space above the first row
WIDTH = 1040
NODE_W = 180
NODE_H = 30
PITCH = 50
#: the straight run of an edge into (or out of) a side node, where its label sits
RUN = 130
TOP = 44
BOTTOM = 16
#: characters of a name drawn in a node (the whole name is in its tooltip and the tables)
LABEL_CHARS = 21


def human_lag(seconds: float | None) -> str:
    """A lag for people: ``45 min``, ``5.2 h``, ``3.1 days``; ``—`` when unknown."""
    if seconds is None:
        return "—"
    s = max(0.0, float(seconds))
    if s < 3600:
        return f"{round(s / 60)} min"
    if s < 86400:
        return f"{s / 3600:.1f} h"
    return f"{s / 86400:.1f} days"


def short_label(name: str, limit: int = LABEL_CHARS) -> str:
    """The name cut to ``limit`` characters (an ellipsis marks the cut)."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def lag_bins(lags: Iterable[float | None]) -> tuple[list[dict[str, Any]], int]:
    """``([{label, from_seconds, to_seconds, count}], unknown)``: the lags counted per bin of
    :data:`LAG_BINS` (a negative lag counts as under an hour), and how many are unknown."""
    counts = [0] * len(LAG_BINS)
    unknown = 0
    for lag in lags:
        if lag is None or (isinstance(lag, float) and math.isnan(lag)):
            unknown += 1
            continue
        for i, (_, lo, hi) in enumerate(LAG_BINS):
            if (hi is None or lag < hi) and (lag >= lo or i == 0):
                counts[i] += 1
                break
    bins = [
        {"label": label, "from_seconds": lo, "to_seconds": hi, "count": n}
        for (label, lo, hi), n in zip(LAG_BINS, counts, strict=True)
    ]
    return bins, unknown


def lag_chart(bins: list[dict[str, Any]]) -> dict[str, Any]:
    """Bars, ticks and labels of a lag histogram (:func:`~vigie.web.chart.bar_chart`), each
    bar with the y of its count's label above it."""
    chart = bar_chart(
        [{"period": b["label"], "count": b["count"]} for b in bins],
        width=480,
        height=210,
        left=44,
        right=8,
        top=18,
        bottom=34,
    )
    for bar in chart["bars"]:
        bar["label_y"] = round(bar["y"] - 4, 1)
        bar["mid"] = round(bar["x"] + bar["w"] / 2, 1)
    return chart


def _side(
    edges: list[dict[str, Any]], x: float, rows: int, anchor_right: bool
) -> list[dict[str, Any]]:
    """Nodes of one side, centred on the rows, each with its edge's anchor point."""
    shift = (rows - len(edges)) * PITCH / 2
    out = []
    for i, e in enumerate(edges):
        y = TOP + shift + i * PITCH + (PITCH - NODE_H) / 2
        cy = y + NODE_H / 2
        out.append(
            {
                **e,
                "x": x,
                "y": round(y, 1),
                "cy": round(cy, 1),
                "label": short_label(e["outlet"]),
                "ax": x + NODE_W if anchor_right else x,
            }
        )
    return out


def _edge_path(x1: float, y1: float, x2: float, y2: float, run_at_start: bool) -> str:
    """From (x1, y1) to (x2, y2): a straight run of :data:`RUN` units at the side node's end
    (the start for a source, the end for a copier) and an S-curve over the rest."""
    if run_at_start:
        kx = x1 + RUN
        mx = (kx + x2) / 2
        return (
            f"M {x1:.1f} {y1:.1f} L {kx:.1f} {y1:.1f}"
            f" C {mx:.1f} {y1:.1f}, {mx:.1f} {y2:.1f}, {x2:.1f} {y2:.1f}"
        )
    kx = x2 - RUN
    mx = (x1 + kx) / 2
    return (
        f"M {x1:.1f} {y1:.1f} C {mx:.1f} {y1:.1f}, {mx:.1f} {y2:.1f}, {kx:.1f} {y2:.1f}"
        f" L {x2:.1f} {y2:.1f}"
    )


def graph_layout(
    name: str, sources: list[dict[str, Any]], copiers: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """Where the outlet, its sources and its copiers go, and the edges between them, in a
    ``width`` × ``height`` viewBox; None when it has no copy edge. ``sources`` and ``copiers``
    are the edge records (``outlet, copies, median_lag_seconds, …``), busiest first."""
    if not sources and not copiers:
        return None
    left_edges = sources[:MAX_SIDE]
    right_edges = copiers[:MAX_SIDE]
    rows = max(len(left_edges), len(right_edges), 1)
    height = TOP + rows * PITCH + BOTTOM
    left_x = 8.0
    right_x = WIDTH - 8.0 - NODE_W
    center_x = (WIDTH - NODE_W) / 2
    center_cy = TOP + rows * PITCH / 2
    peak = max(e["copies"] for e in [*left_edges, *right_edges])
    left = _side(left_edges, left_x, rows, anchor_right=True)
    right = _side(right_edges, right_x, rows, anchor_right=False)

    def width_of(copies: int) -> float:
        return round(1.5 + 3.5 * math.sqrt(copies / peak), 1)

    edges = []
    for n in left:
        edges.append(
            {
                "path": _edge_path(n["ax"], n["cy"], center_x - 4, center_cy, True),
                "stroke": width_of(n["copies"]),
                "lx": round(n["ax"] + RUN / 2, 1),
                "ly": round(n["cy"] - 17, 1),
                "node": n,
            }
        )
    for n in right:
        edges.append(
            {
                "path": _edge_path(center_x + NODE_W, center_cy, n["ax"] - 4, n["cy"], False),
                "stroke": width_of(n["copies"]),
                "lx": round(n["ax"] - RUN / 2, 1),
                "ly": round(n["cy"] - 17, 1),
                "node": n,
            }
        )
    return {
        "width": WIDTH,
        "height": height,
        "node_w": NODE_W,
        "node_h": NODE_H,
        "center": {
            "x": center_x,
            "y": round(center_cy - NODE_H / 2, 1),
            "cy": round(center_cy, 1),
            "label": short_label(name),
            "name": name,
        },
        "left": left,
        "right": right,
        "edges": edges,
        "left_heading_x": left_x,
        "right_heading_x": right_x + NODE_W,
        "left_x": left_x,
        "right_x": right_x,
        "hidden_left": len(sources) - len(left_edges),
        "hidden_right": len(copiers) - len(right_edges),
    }
