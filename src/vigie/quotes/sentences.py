"""Sentence boundaries that never cut inside a quote.

spaCy's parser segments sentences too, but it cuts inside long quotes and after "M.". Here a
boundary is a line break, or final punctuation (. ! ? …, possibly followed by closing marks)
followed by a space and a capital, a digit or an opening mark; never after an abbreviation,
and never inside the given atomic spans (the quotes). A text with no sentence punctuation is one
sentence per line.
"""

from __future__ import annotations

import bisect
import re

__all__ = ["Sentences", "sentence_bounds"]

_END_RE = re.compile(r"[.!?…]+[\"»”″’)\]\u00a0\u202f]*(?:\s+)|\n+")
_NEXT_OK = re.compile(r"[A-ZÀ-ÖØ-Þ0-9«“\"„‹(—–-]")
_ABBREV = frozenset(
    [
        "m",
        "mm",
        "mme",
        "mmes",
        "mlle",
        "mlles",
        "dr",
        "pr",
        "me",
        "mgr",
        "st",
        "ste",
        "av",
        "apr",
        "env",
        "cf",
        "etc",
        "ex",
        "p",
        "pp",
        "vol",
        "no",
        "n°",
        "art",
        "fig",
        "éd",
        "ed",
        "coll",
        "dir",
        "trad",
        "min",
        "max",
        "gén",
        "col",
        "cdt",
        "lt",
        "sgt",
        "cne",
        "adj",
        "sq",
        "bd",
        "av.",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
    ]
)
_WORD_BEFORE = re.compile(r"([\w°]+)\.$")


def _is_abbreviation(text: str, dot: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot + 1)
    if not m:
        return False
    w = m.group(1)
    if len(w) == 1 and w.isalpha() and w.isupper():
        return True  # an initial: "J. Biden"
    return w.casefold() in _ABBREV


def sentence_bounds(
    text: str, atomic: list[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """``[(start, end), ...]`` covering the non-blank parts of ``text``.

    ``atomic`` spans (outermost quotes, ``(open mark, close mark + 1)``) must not overlap."""
    atomic = sorted(atomic or [])
    a_starts = [a for a, _ in atomic]
    bounds: list[tuple[int, int]] = []
    pos = 0

    def inside_atomic(i: int) -> bool:
        k = bisect.bisect_right(a_starts, i) - 1
        return k >= 0 and atomic[k][0] < i < atomic[k][1]

    for m in _END_RE.finditer(text):
        cut = m.end()
        if m.group(0)[0] != "\n":
            nxt = text[cut] if cut < len(text) else ""
            if nxt and not _NEXT_OK.match(nxt):
                continue
            dot = m.start()
            if text[dot] == "." and _is_abbreviation(text, dot):
                continue
        if inside_atomic(m.start()):
            continue
        if text[pos:cut].strip():
            bounds.append(_strip(text, pos, cut))
        pos = cut
    if text[pos:].strip():
        bounds.append(_strip(text, pos, len(text)))
    return bounds


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


class Sentences:
    """Sentence lookup by offset."""

    def __init__(self, bounds: list[tuple[int, int]]) -> None:
        self.bounds = bounds
        self._starts = [s for s, _ in bounds]

    def index(self, offset: int) -> int | None:
        k = bisect.bisect_right(self._starts, offset) - 1
        if k >= 0 and self.bounds[k][0] <= offset < max(self.bounds[k][1], self.bounds[k][0] + 1):
            return k
        return None

    def at(self, offset: int) -> tuple[int, int] | None:
        k = self.index(offset)
        return None if k is None else self.bounds[k]
