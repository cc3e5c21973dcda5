"""Furniture learned from a corpus: lines an outlet repeats across many of its articles.

A page template leaves the same lines in every article of an outlet ("Fil d'actu", a signature,
a newsletter box) and sometimes the same sentence glued to the end of a one-line text
("TF1 INFO"). Counting, per outlet, in how many articles each short line appears finds them
without a rule per site.

These are pure functions. The store keeps, per outlet, how many articles it holds and in how many
of them each candidate appears (count each distinct text once: versions or copies of one article
must not count twice), calls :func:`candidate_lines` on each new article and :func:`learn` to get
the outlet's furniture; the clean stage removes those lines (``options.clean.furniture``).
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "MIN_ARTICLES_FACTOR",
    "candidate_lines",
    "edge_segments",
    "learn",
    "looks_like_content",
    "sentence_bounds",
]

#: an outlet needs at least ``MIN_ARTICLES_FACTOR * min_repeats`` articles before anything of it
#: is learned: with fewer, a line "in 2 % of its articles" may be one article seen twice
MIN_ARTICLES_FACTOR = 4

#: the gap between two sentences of a line: end punctuation (maybe a closing quote), spaces
_BOUNDARY = re.compile(r"(?<=[.!?…])[»\"”)]?\s+(?=\S)")
_SENTENCE_END = re.compile(r"[.!?…][»\"”)]?(?:\s|$)")
_QUOTES = re.compile(r"[«»“”\"]")


def sentence_bounds(line: str) -> list[tuple[int, int]]:
    """Spans of the gaps between the sentences of a stripped line (punctuation excluded)."""
    return [(m.start(), m.end()) for m in _BOUNDARY.finditer(line)]


def _segment_ok(segment: str) -> bool:
    # "M." of "M. Lavrov" or "Gén." of "Gén. Durand" is no sentence of its own
    return len(segment) >= 5 and (" " in segment or sum(c.isalpha() for c in segment) >= 5)


def edge_segments(line: str, max_line: int) -> list[str]:
    """The first sentence and the last two sentences of a stripped line of several sentences,
    where furniture glued to a text without line breaks sits ("… à l'identique. TF1 INFO")."""
    gaps = sentence_bounds(line)
    if not gaps:
        return []
    out = []
    head = line[: gaps[0][0]]
    if _segment_ok(head) and len(head) <= max_line:
        out.append(head)
    tail = line[gaps[-1][1] :]
    if _segment_ok(tail) and len(tail) <= max_line:
        out.append(tail)
        if len(gaps) >= 2:
            before = line[gaps[-2][1] : gaps[-1][0]]
            if _segment_ok(before) and len(before) <= max_line:
                out.append(before)
    return out


def candidate_lines(text: str, max_line: int = 200) -> set[str]:
    """Distinct stripped lines of ``text`` short enough to be furniture (``max_learned_line``),
    plus the edge sentences of its first and last lines (see :func:`edge_segments`)."""
    out: set[str] = set()
    first: str | None = None
    last: str | None = None
    for raw in text.split("\n"):
        s = raw.strip()
        if not s:
            continue
        if first is None:
            first = s
        last = s
        if len(s) <= max_line:
            out.add(s)
    if first is not None:
        out.update(edge_segments(first, max_line))
    if last is not None and last is not first:
        out.update(edge_segments(last, max_line))
    return out


def looks_like_content(line: str) -> bool:
    """Whether a line reads like article prose or someone's words rather than page furniture.

    Long lines with sentence punctuation, and lines quoting someone, are content; labels,
    buttons, signatures and lines that are mostly digits or dates are not.
    """
    words = len(line.split())
    if words >= 12 and _SENTENCE_END.search(line):
        return True
    return words >= 6 and _QUOTES.search(line) is not None


def learn(counts: dict[str, int], n_articles: int, options: Any) -> list[str]:
    """Lines to treat as an outlet's furniture, from in how many of its ``n_articles`` articles
    each candidate appeared. ``options`` is :class:`~vigie.config.Options` or its ``clean``
    part (``min_repeats``, ``min_share``, ``max_learned_line``). Most frequent first."""
    clean = getattr(options, "clean", options)
    min_repeats = int(clean.min_repeats)
    min_share = float(clean.min_share)
    max_line = int(clean.max_learned_line)
    if n_articles <= 0 or n_articles < MIN_ARTICLES_FACTOR * min_repeats:
        return []
    need = max(min_repeats, min_share * n_articles)
    learned = [
        (count, line)
        for line, count in counts.items()
        if count >= need
        and line
        and line == line.strip()
        and len(line) <= max_line
        and any(c.isalnum() for c in line)
        and not looks_like_content(line)
    ]
    learned.sort(key=lambda cl: (-cl[0], cl[1]))
    return [line for _, line in learned]
