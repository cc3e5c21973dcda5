"""Overlapping spans of a text made into properly nested pieces, for highlighting.

Findings overlap: an indirect quotation holds a mixed fragment, a speaker mention holds a
person entity, two entities can cross. HTML elements can nest but not cross, so the spans are
inserted one by one, most important first, into a tree: a span that lies inside another
becomes its child, a span that contains others becomes their parent, and a span that *crosses*
one already placed is cut at that span's boundary into pieces (the first piece keeps
``first=True``: it carries the anchor id and the keyboard focus; the others continue it).

:func:`tokens` walks the tree as ``open``/``text``/``close`` tokens for a template;
:func:`flat_segments` cuts the text into non-overlapping segments, each with the ids of the
spans covering it (the JSON twin's ``highlights``).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Mark", "Node", "Token", "build_tree", "flat_segments", "tokens"]


@dataclass(frozen=True)
class Mark:
    """A span to highlight: ``[start, end)`` of the original text, its kind (``quote``,
    ``entity``…), a page-wide id (``q-3``) and what the template needs to draw it."""

    start: int
    end: int
    kind: str
    id: str
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass
class Node:
    """A piece of a :class:`Mark` in the tree (``mark`` is None for the root)."""

    start: int
    end: int
    mark: Mark | None
    first: bool = True
    children: list[Node] = field(default_factory=list)


@dataclass(frozen=True)
class Token:
    """``kind`` is ``open``, ``close`` or ``text``; ``node`` for the first two, ``text`` for
    the last."""

    kind: str
    node: Node | None = None
    text: str = ""


def _insert(parent: Node, start: int, end: int, mark: Mark, first: bool) -> None:
    """Place ``[start, end)`` of ``mark`` under ``parent`` (which contains it)."""
    kids = parent.children
    # children never overlap and are in order: those overlapping the span are kids[lo:hi]
    lo = bisect.bisect_right(kids, start, key=_end)
    hi = bisect.bisect_left(kids, end, lo=lo, key=_start)
    if lo == hi:
        kids.insert(lo, Node(start, end, mark, first))
        return
    head, tail = kids[lo], kids[hi - 1]
    if head.start <= start and end <= head.end:
        # inside one child (or the same extent as it): nest in there
        _insert(head, start, end, mark, first)
    elif head.start < start:
        # crosses the end of ``head``: the part inside it goes there, the rest stays here
        _insert(head, start, head.end, mark, first)
        _insert(parent, head.end, end, mark, False)
    elif tail.end > end:
        # crosses the start of ``tail``: the part before it stays here, the rest goes in it
        _insert(parent, start, tail.start, mark, first)
        _insert(tail, tail.start, end, mark, False)
    else:
        # contains every child it overlaps: it becomes their parent
        kids[lo:hi] = [Node(start, end, mark, first, kids[lo:hi])]


def _end(node: Node) -> int:
    return node.end


def _start(node: Node) -> int:
    return node.start


def build_tree(length: int, marks: Iterable[Mark]) -> Node:
    """The nesting of ``marks`` over a text of ``length`` characters. Marks are placed in the
    order given (put the ones that must stay whole first); empty or out-of-range spans are
    left out."""
    root = Node(0, length, None)
    for m in marks:
        start, end = max(0, m.start), min(length, m.end)
        if start < end:
            _insert(root, start, end, m, True)
    return root


def tokens(text: str, root: Node) -> list[Token]:
    """The tree as a flat list of tokens: ``open``, ``text`` and ``close`` in document order."""
    out: list[Token] = []

    def walk(node: Node) -> None:
        pos = node.start
        for child in node.children:
            if child.start > pos:
                out.append(Token("text", text=text[pos : child.start]))
            out.append(Token("open", node=child))
            walk(child)
            out.append(Token("close", node=child))
            pos = child.end
        if node.end > pos:
            out.append(Token("text", text=text[pos : node.end]))

    walk(root)
    return out


def _leaves(node: Node, active: tuple[str, ...]) -> Iterator[tuple[int, int, tuple[str, ...]]]:
    pos = node.start
    for child in node.children:
        if child.start > pos:
            yield pos, child.start, active
        assert child.mark is not None
        yield from _leaves(child, (*active, child.mark.id))
        pos = child.end
    if node.end > pos:
        yield pos, node.end, active


def flat_segments(text: str, root: Node) -> list[dict[str, Any]]:
    """``[{start, end, text, marks}]``: the text cut where any span starts or ends, each piece
    with the ids of the spans over it (outermost first). The texts join back into ``text``."""
    return [
        {"start": s, "end": e, "text": text[s:e], "marks": list(ids)}
        for s, e, ids in _leaves(root, ())
    ]
