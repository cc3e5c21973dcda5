"""Pair quotation marks into quoted spans, tolerating the marks real news text has.

Handled: French « » (with or without NBSP), English “ ” and ‹ ›, German „ “, straight " and
double prime ″ used as a closer; mismatched pairs (« … ″, « … “, « … «); nested quotes
(“ ” inside « »); a quote running over several paragraphs (French convention: each new
paragraph re-opens with «, only the last one closes); an unclosed quote (runs to the end of its
paragraph); a stray closing mark in the middle of a quote (« … » words … » is one quote); a
closing mark whose opener is missing.

Offsets are those of the text given (the article's clean text): ``start``/``end`` bound the
content inside the marks, trimmed of spaces, NBSP and stray marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["ALL_MARKS", "QuotedSpan", "find_quoted_spans"]

OPENERS = "«“„‹"
CLOSERS = "»”›"
AMBIGUOUS = '"″＂‟'
ALL_MARKS = OPENERS + CLOSERS + AMBIGUOUS
_PAIR = {"«": "»", "“": "”", "„": "“", "‹": "›"}
_FAMILY = {
    "«": "«",
    "»": "«",
    "“": "“",
    "”": "“",
    "„": "“",
    "‹": "‹",
    "›": "‹",
    '"': '"',
    "″": '"',
    "＂": '"',
    "‟": '"',
}
_TRIM = " \t\u00a0\u202f\u2009\u2007\n" + ALL_MARKS
_CLOSE_FOLLOW = ",.;:!?)]…-–—"
_INCISE_RE = re.compile(
    r"-t-(?:il|elle|on|ils|elles)\b|\w-(?:il|elle|ils|elles|on)\b|,\s*(?:a|ont|avait|aurait)\s+"
    r"(?:\w+\s+)?(?:déclaré|dit|ajouté|expliqué|précisé|souligné|indiqué|affirmé|estimé|noté)",
    re.IGNORECASE,
)
_SENTENCE_BREAK_RE = re.compile(r"[.!?…]\s+(?=[A-ZÀ-ÖØ-Þ«“\"])")


@dataclass(slots=True)
class QuotedSpan:
    """Content between a pair of marks (or from a mark to where its quote must end)."""

    start: int
    end: int
    open_at: int | None  # offset of the opening mark (None: opener missing)
    close_at: int | None  # offset of the closing mark (None: unclosed)
    open_mark: str = ""
    close_mark: str = ""
    paragraphs: int = 1
    flags: list[str] = field(default_factory=list)
    depth: int = 0  # 0: outermost, 1: nested in another quote

    @property
    def outer_start(self) -> int:
        return self.open_at if self.open_at is not None else self.start

    @property
    def outer_end(self) -> int:
        return self.close_at + 1 if self.close_at is not None else self.end


def _space(c: str | None) -> bool:
    return c is None or c.isspace()


def _next_visible(text: str, i: int) -> str | None:
    j = i + 1
    while j < len(text) and text[j].isspace():
        j += 1
    return text[j] if j < len(text) else None


def _closing_context(text: str, i: int) -> bool:
    """A mark that ends something: glued to the word before, or followed by punctuation."""
    prev = text[i - 1] if i > 0 else None
    nxt = _next_visible(text, i)
    if prev is not None and not prev.isspace() and prev not in "([":
        return True
    return nxt is None or nxt in _CLOSE_FOLLOW


def _opening_context(text: str, i: int) -> bool:
    """A mark that starts something: after a space or the line start, before a word."""
    prev = text[i - 1] if i > 0 else None
    if not (prev is None or prev.isspace() or prev in "([—–-:'’"):
        return False
    nxt = _next_visible(text, i)
    return nxt is not None and (nxt.isalnum() or nxt in OPENERS + AMBIGUOUS + "…([-–—'’")


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return s, e


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """All quoted spans of ``text`` (outermost and nested), sorted by start."""
    paras = _paragraph_bounds(text)
    spans: list[QuotedSpan] = []
    pending: tuple[int, str, int] | None = None  # (open_at, glyph, paragraphs) carried over
    for n, (ps, pe) in enumerate(paras):
        marks = [i for i in range(ps, pe) if text[i] in ALL_MARKS]
        if pending is not None:
            first = _first_visible(text, ps, pe)
            if (
                first is not None
                and text[first] in OPENERS + AMBIGUOUS
                and (_FAMILY[text[first]] in (_FAMILY[pending[1]], '"'))
            ):
                # French multi-paragraph quote: the paragraph re-opens the same quote
                marks = [m for m in marks if m != first]
                pending = (pending[0], pending[1], pending[2] + 1)
            elif not _closes_before_opening(text, marks):
                spans.append(_unclosed(text, pending, paras[n - 1][1]))
                pending = None
        spans_p, pending = _scan_paragraph(text, ps, pe, marks, pending)
        spans.extend(spans_p)
        if pending is not None and n == len(paras) - 1:
            spans.append(_unclosed(text, pending, pe))
            pending = None
    spans.sort(key=lambda q: (q.start, -q.end))
    return [q for q in spans if q.end > q.start]


def _first_visible(text: str, s: int, e: int) -> int | None:
    for i in range(s, e):
        if not text[i].isspace():
            return i
    return None


def _closes_before_opening(text: str, marks: list[int]) -> bool:
    for m in marks:
        c = text[m]
        if c in CLOSERS or (c in AMBIGUOUS and _closing_context(text, m)):
            return True
        if c in OPENERS and _opening_context(text, m):
            return False
    return False


def _unclosed(text: str, pending: tuple[int, str, int], end: int) -> QuotedSpan:
    open_at, glyph, n = pending
    s, e = _trim(text, open_at + 1, end)
    return QuotedSpan(s, e, open_at, None, glyph, "", n, ["unclosed"])


def _scan_paragraph(
    text: str, ps: int, pe: int, marks: list[int], pending: tuple[int, str, int] | None
) -> tuple[list[QuotedSpan], tuple[int, str, int] | None]:
    out: list[QuotedSpan] = []
    stack: list[tuple[int, str, int]] = [pending] if pending else []
    orphans: list[int] = []
    for i in marks:
        g = text[i]
        if not stack:
            if g in CLOSERS:
                orphans.append(i)  # German-style »…« is too rare to read » as an opener
            elif g in "«“" and _closing_context(text, i) and not _opening_context(text, i):
                orphans.append(i)
            else:
                stack.append((i, g, 1))
            continue
        top_g = stack[-1][1]
        closing = _closing_context(text, i)
        opening = _opening_context(text, i)
        if g in CLOSERS:
            # close the level this mark pairs with; a mismatch closes the innermost
            level = len(stack) - 1
            for k in range(len(stack) - 1, -1, -1):
                if _PAIR.get(stack[k][1]) == g:
                    level = k
                    break
            while len(stack) > level + 1:
                stack.pop()  # an inner quote left unclosed
            o_at, o_g, o_n = stack.pop()
            out.append(_closed(text, o_at, o_g, i, o_n, len(stack)))
        elif g in AMBIGUOUS:
            if closing or _FAMILY[top_g] == '"' or not opening:
                o_at, o_g, o_n = stack.pop()
                out.append(_closed(text, o_at, o_g, i, o_n, len(stack)))
            else:
                stack.append((i, g, 1))
        else:  # an opener glyph while a quote is open
            if closing and not opening:
                o_at, o_g, o_n = stack.pop()  # « … « : mismatched closer
                out.append(_closed(text, o_at, o_g, i, o_n, len(stack)))
            elif _FAMILY[g] != _FAMILY[top_g] and len(stack) < 2:
                stack.append((i, g, 1))  # nested quote
            elif g == "“" and top_g == "„":
                o_at, o_g, o_n = stack.pop()  # German „ … “
                out.append(_closed(text, o_at, o_g, i, o_n, len(stack)))
            else:
                # a new quote opens while one is still open: the first was never closed
                o_at, o_g, o_n = stack.pop()
                s, e = _trim(text, o_at + 1, i)
                out.append(QuotedSpan(s, e, o_at, None, o_g, "", o_n, ["unclosed"], len(stack)))
                stack.append((i, g, 1))
    carried = None
    if stack:
        carried = stack[0]
        for o_at, o_g, o_n in stack[1:]:  # nested quotes left open end with the paragraph
            s, e = _trim(text, o_at + 1, pe)
            out.append(QuotedSpan(s, e, o_at, None, o_g, "", o_n, ["unclosed"], 1))
    _attach_orphans(text, ps, out, orphans)
    return out, carried


def _closed(text: str, o_at: int, o_g: str, c_at: int, n: int, depth: int) -> QuotedSpan:
    s, e = _trim(text, o_at + 1, c_at)
    flags = [] if _PAIR.get(o_g) == text[c_at] or _FAMILY[o_g] == '"' else ["mismatched"]
    if n > 1:
        flags.append("multi-paragraph")
    return QuotedSpan(s, e, o_at, c_at, o_g, text[c_at], n, flags, depth)


def _attach_orphans(text: str, ps: int, out: list[QuotedSpan], orphans: list[int]) -> None:
    """A closing mark with no open quote: either a stray closer inside the previous quote
    (« … » words » → one quote), or a quote whose opener is missing."""
    for o in orphans:
        prev = [q for q in out if q.depth == 0 and q.close_at is not None and q.close_at < o]
        if prev:
            q = max(prev, key=lambda q: q.close_at or 0)
            assert q.close_at is not None
            between = text[q.close_at + 1 : o]
            if any(m in between for m in OPENERS):
                continue
            brk = None
            for m in _SENTENCE_BREAK_RE.finditer(between):
                brk = m
            if not _INCISE_RE.search(between) and brk is None:
                q.end = _trim(text, q.start, o)[1]
                q.close_at = o
                q.close_mark = text[o]
                q.flags.append("stray-closer")
                continue
            start = q.close_at + 1 + (brk.end() if brk else 0)
        else:
            nxt = _next_visible(text, o)
            if nxt is not None and nxt not in _CLOSE_FOLLOW:
                continue  # "il dit » bonjour": a stray mark, not the end of a quote
            start = ps
            breaks = list(_SENTENCE_BREAK_RE.finditer(text, ps, o))
            if breaks and _INCISE_RE.search(text, ps, breaks[-1].start()):
                start = breaks[-1].end()
        s, e = _trim(text, start, o)
        if e > s:
            out.append(QuotedSpan(s, e, None, o, "", text[o], 1, ["no-opener"]))
