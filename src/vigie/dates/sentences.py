"""The sentence and the quotation around a span, found locally (cheap on any text length).

A sentence ends at a line break, or at final punctuation (``. ! ? …``, closing marks allowed)
followed by space and a capital, a digit or an opening mark — except after an abbreviation
("M.", "Mme.", "etc.") or a lone initial ("J. Biden"). Only the text near the span is read
(at most :data:`REACH` characters each way), so a 1 MB article without punctuation costs no
more than a short one.

A span is quoted when, on its line, more « than » (or “ than ”) open before it and one closes
after it, or an odd number of straight double quotes stands before it and one after it: that
is all "trivial to detect" covers, and it keeps a speaker's "aujourd'hui" out of the timeline.
"""

from __future__ import annotations

import re

__all__ = ["REACH", "Segments"]

#: how far (characters) a sentence or a line is looked for on each side of a span
REACH = 600

_STEPS = (120, REACH)
_BOUNDARY = re.compile(
    r"[.!?…\n](?:(?<=\n)|[.!?…]*[\"»”’)\]]*[^\S\n]+(?=[«\"“„A-ZÀ-ÖØ-ÞА-ЯЁ0-9(—–-]))"
)
_ABBREVIATIONS = frozenset(
    {"m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "mgr", "st", "ste", "av", "env", "cf"}
    | {"etc", "ex", "p", "no", "art", "gén", "col", "lt", "mr", "mrs", "ms", "prof", "sen"}
    | {"rep", "gen", "gov", "jr", "sr", "vs", "inc", "ltd", "co", "corp", "jan", "feb", "aug"}
    | {"sept", "oct", "nov", "dec", "janv", "févr", "avr", "juil", "déc", "г", "им", "ул"}
)
_LAST_WORD = re.compile(r"(\w+)\.$")


class Segments:
    """Sentence and quotation lookups on one text (the last sentence found is remembered)."""

    __slots__ = ("_last", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._last = (-1, -1)

    def _is_boundary(self, m: re.Match[str]) -> bool:
        if m.group(0)[0] != ".":
            return True
        word = _LAST_WORD.search(self.text, max(0, m.start() - 12), m.start() + 1)
        if word is None:
            return True
        w = word.group(1)
        return w.lower() not in _ABBREVIATIONS and not (len(w) == 1 and w.isupper())

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around the span ``start``–``end`` (whitespace trimmed)."""
        s, t = self._last  # spans come in text order: the last sentence is the likely one
        if s <= start and end <= t:
            return s, t
        text = self.text
        s = -1
        hi = start
        for reach in _STEPS:  # backwards, a near window first
            lo = max(0, start - reach)
            # one character past the span's start: a boundary's look-ahead must see it
            for m in _BOUNDARY.finditer(text, lo, min(len(text), hi + 1)):
                if m.end() <= start and self._is_boundary(m):
                    s = m.end()
            if s >= 0 or lo == 0:
                break
            hi = lo + 8  # a boundary may straddle the windows' edge
        if s < 0:
            s = max(0, start - REACH)
        hi = min(len(text), end + REACH)
        t = hi
        for m in _BOUNDARY.finditer(text, end, hi):
            if self._is_boundary(m):
                t = m.start() + len(m.group(0).rstrip())
                break
        while s < start and text[s].isspace():
            s += 1
        while t > end and text[t - 1].isspace():
            t -= 1
        self._last = (s, t)
        return s, t

    def in_quote(self, start: int, end: int) -> bool:
        """Whether the span lies inside a quotation on its line."""
        text = self.text
        lo = max(text.rfind("\n", max(0, start - REACH), start) + 1, start - REACH, 0)
        hi = text.find("\n", end, end + REACH)
        if hi < 0:
            hi = min(len(text), end + REACH)
        before = text[lo:start]
        after = text[end:hi]
        if before.count("«") > before.count("»") and "»" in after:
            return True
        if before.count("“") > before.count("”") and "”" in after:
            return True
        return before.count('"') % 2 == 1 and '"' in after
