"""The layout of a story's lineage graph, drawn as server-side SVG by ``story.html``.

Layered, left to right: generation 0 (the originals: articles with no known source in the
story) in the first column, each copy one column right of the article it was copied from
(its closest source, see :func:`vigie.web.story_page.lineage`). Within the forest, leaves take
consecutive rows and a parent sits midway between its first and last child, so the edges of
the lineage never cross. Edges of undetermined direction are drawn dashed, without an arrow
head. Beyond ``max_nodes`` articles, the first ones breadth-first (every original before any
copy) are drawn and the rest counted.

Everything here is numbers and plain strings; the template escapes the labels.
"""

from __future__ import annotations

from typing import Any

__all__ = ["MAX_NODES", "lineage_graph", "short"]

MAX_NODES = 40
NODE_W = 150
NODE_H = 40
#: between two columns: the curve of an edge, then its label above the straight end
GAP = 170
ROW = 56
MARGIN = 16
#: where an edge's curve ends and its straight run into the child starts
CURVE = 44
OUTLET_CHARS = 21


def short(text: str | None, limit: int) -> str:
    """``text`` cut to ``limit`` characters (an ellipsis ends a cut one)."""
    t = " ".join((text or "").split())
    return t if len(t) <= limit else t[: limit - 1].rstrip() + "…"


def _kept(tree: list[dict[str, Any]], max_nodes: int) -> tuple[set[str], int]:
    """The ids drawn (breadth-first, so a drawn copy's source is drawn) and how many are not."""
    kept: set[str] = set()
    total = 0
    level = list(tree)
    while level:
        nxt: list[dict[str, Any]] = []
        for node in level:
            total += 1
            if len(kept) < max_nodes:
                kept.add(node["article_id"])
            nxt.extend(node["copies"])
        level = nxt
    return kept, total - len(kept)


def _place(
    tree: list[dict[str, Any]], kept: set[str]
) -> tuple[dict[str, tuple[int, float]], list[dict[str, Any]]]:
    """``{id: (generation, row)}`` and the drawn nodes, parents midway over their children."""
    pos: dict[str, tuple[int, float]] = {}
    order: list[dict[str, Any]] = []
    next_row = 0

    def visit(node: dict[str, Any], gen: int) -> float:
        nonlocal next_row
        order.append(node)
        rows = [visit(c, gen + 1) for c in node["copies"] if c["article_id"] in kept]
        if rows:
            row = (rows[0] + rows[-1]) / 2
        else:
            row = float(next_row)
            next_row += 1
        pos[node["article_id"]] = (gen, row)
        return row

    for root in tree:
        if root["article_id"] in kept:
            visit(root, 0)
    return pos, order


def _node(node: dict[str, Any], gen: int, row: float) -> dict[str, Any]:
    x = MARGIN + gen * (NODE_W + GAP)
    y = MARGIN + row * ROW
    published = node.get("published") or ""
    date = published[:16].replace("T", " ") if published else "undated"
    outlet = node.get("outlet") or "(no outlet)"
    return {
        "article_id": node["article_id"],
        "x": x,
        "y": round(y, 1),
        "w": NODE_W,
        "h": NODE_H,
        "cx": x + NODE_W / 2,
        "cy": round(y + NODE_H / 2, 1),
        "outlet": short(outlet, OUTLET_CHARS),
        "date": date + (f" · {node['language']}" if node.get("language") else ""),
        "title": node.get("title") or "",
        "full_outlet": outlet,
        # an original: at the top of a chain of copies (not only in undetermined pairs)
        "origin": gen == 0 and bool(node["copies"]),
        "generation": gen,
    }


#: width of a character of an edge label (11 px sans-serif), for keeping labels apart
CHAR_W = 6.3
LABEL_H = 13


def _box(x: float, y: float, text: str, anchor: str) -> tuple[float, float, float, float]:
    """``(x0, y0, x1, y1)`` around a label whose baseline starts, ends or centres at x."""
    w = len(text) * CHAR_W
    x0 = x - w if anchor == "end" else x - w / 2 if anchor == "middle" else x
    return x0, y - LABEL_H + 3, x0 + w, y + 3


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _free_y(
    x: float, y: float, lo: float, hi: float, text: str, anchor: str, taken: list[Any]
) -> float:
    """The height nearest ``y`` within ``lo``–``hi`` where the label meets no other label and
    no box (``y`` itself when there is none)."""
    for step in range(0, 40):
        for dy in (step * 4, -step * 4) if step else (0,):
            cand = y + dy
            if not lo <= cand <= hi:
                continue
            box = _box(x, cand, text, anchor)
            if not any(_overlaps(box, t) for t in taken):
                return cand
    return y


def _edge_label(kind: str, lag: str | None) -> str:
    return f"{kind} · {lag}" if lag else kind


def lineage_graph(
    tree: list[dict[str, Any]],
    undetermined: list[dict[str, Any]],
    *,
    max_nodes: int = MAX_NODES,
) -> dict[str, Any] | None:
    """The drawing of ``tree`` (nested ``{article_id, outlet, published, language, title,
    kind, lag, copies}``, roots first) plus the ``undetermined`` pairs (``{a, b, kind}``
    between ids of the tree): nodes with their boxes and labels, edges with their SVG paths
    and labels, the size of the drawing, and how many articles are not drawn. None when the
    tree is empty."""
    if not tree:
        return None
    kept, not_drawn = _kept(tree, max_nodes)
    pos, order = _place(tree, kept)
    nodes = {n["article_id"]: _node(n, *pos[n["article_id"]]) for n in order}
    edges: list[dict[str, Any]] = []

    def link(parent: dict[str, Any]) -> None:
        p = nodes[parent["article_id"]]
        for child in parent["copies"]:
            if child["article_id"] not in nodes:
                continue
            c = nodes[child["article_id"]]
            x1, y1 = p["x"] + NODE_W, p["cy"]
            x2, y2 = c["x"], c["cy"]
            bend = x1 + CURVE
            mid = x1 + CURVE / 2
            d = f"M{x1},{y1} C{mid},{y1} {mid},{y2} {bend},{y2} L{x2 - 2},{y2}"
            edges.append(
                {
                    "d": d,
                    "kind": child.get("kind") or "",
                    "arrow": True,
                    "label": _edge_label(
                        child.get("kind") or "copy",
                        "same time" if child.get("lag_seconds") == 0 else child.get("lag"),
                    ),
                    "lx": x2 - 10,
                    "ly": round(y2 - 6, 1),
                    "anchor": "end",
                    "source": p["article_id"],
                    "target": c["article_id"],
                }
            )
            link(child)

    for root in tree:
        if root["article_id"] in nodes:
            link(root)

    # labels of undetermined pairs go where they hide no other label and no box
    taken: list[Any] = [_box(e["lx"], e["ly"], e["label"], e["anchor"]) for e in edges]
    taken += [(n["x"], n["y"], n["x"] + NODE_W, n["y"] + NODE_H) for n in nodes.values()]
    for u in undetermined:
        a, b = nodes.get(u["a"]), nodes.get(u["b"])
        if a is None or b is None:
            continue
        if a["x"] > b["x"] or (a["x"] == b["x"] and a["y"] > b["y"]):
            a, b = b, a
        label = f"{u.get('kind') or 'copy'} · undetermined"
        if a["x"] == b["x"]:
            # same column: an arc on the right of the two boxes
            x = a["x"] + NODE_W
            out = x + CURVE
            d = f"M{x},{a['cy']} C{out},{a['cy']} {out},{b['cy']} {x},{b['cy']}"
            lx, ly, anchor = out - 8, round((a["cy"] + b["cy"]) / 2 + 4, 1), "start"
        else:
            x1, x2 = a["x"] + NODE_W, b["x"]
            mid = (x1 + x2) / 2
            d = f"M{x1},{a['cy']} C{mid},{a['cy']} {mid},{b['cy']} {x2},{b['cy']}"
            lx, ly, anchor = mid, round((a["cy"] + b["cy"]) / 2 - 6, 1), "middle"
        lo, hi = sorted((a["cy"], b["cy"]))
        ly = round(_free_y(lx, ly, lo - 20, hi + 20, label, anchor, taken), 1)
        taken.append(_box(lx, ly, label, anchor))
        edges.append(
            {
                "d": d,
                "kind": u.get("kind") or "",
                "arrow": False,
                "label": label,
                "lx": lx,
                "ly": ly,
                "anchor": anchor,
                "source": a["article_id"],
                "target": b["article_id"],
            }
        )

    gens = max(g for g, _ in pos.values()) + 1
    rows = max(r for _, r in pos.values()) + 1
    # an arc beside the last column needs room for its label
    last_x = MARGIN + (gens - 1) * (NODE_W + GAP)
    arc_out = any(not e["arrow"] and e["anchor"] == "start" and e["lx"] > last_x for e in edges)
    width = MARGIN * 2 + gens * NODE_W + (gens - 1) * GAP + (CURVE + 120 if arc_out else 0)
    return {
        "width": int(width),
        "height": int(MARGIN * 2 + (rows - 1) * ROW + NODE_H),
        "nodes": list(nodes.values()),
        "edges": edges,
        "generations": gens,
        "drawn": len(nodes),
        "not_drawn": not_drawn,
        "arrows": sum(1 for e in edges if e["arrow"]),
        "undetermined": sum(1 for e in edges if not e["arrow"]),
    }
