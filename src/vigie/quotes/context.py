"""One article's clean text as the extractor sees it: parsed segments, quotes, sentences.

All offsets here are clean-text offsets; :mod:`vigie.quotes.export` maps them to the original.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.attrs import IDX

from vigie.quotes.marks import QuotedSpan, find_quoted_spans
from vigie.quotes.sentences import Sentences, sentence_bounds

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from vigie.quotes.cues import Cue
    from vigie.stages.entities import Parsed

__all__ = ["Context", "Tok"]


@dataclass(frozen=True, slots=True)
class Tok:
    """A token with its segment: ``start``/``end`` are clean-text offsets."""

    seg: int
    tok: Token
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.tok.text)

    @property
    def i(self) -> int:
        return int(self.tok.i)

    @property
    def text(self) -> str:
        return str(self.tok.text)


class Context:
    """Lookups over the parsed article."""

    def __init__(self, parsed: Parsed) -> None:
        self.text = parsed.clean
        self.segments = parsed.segments
        self.docs: list[Doc] = parsed.docs
        self._seg_starts = [s.start for s in self.segments]
        self._tok_starts = [d.to_array(IDX).tolist() if len(d) else [] for d in self.docs]
        self.quotes: list[QuotedSpan] = find_quoted_spans(self.text)
        self.outer_quotes = [q for q in self.quotes if q.depth == 0]
        self._outer_starts = [q.outer_start for q in self.outer_quotes]
        atomic = _non_overlapping([(q.outer_start, q.outer_end) for q in self.outer_quotes])
        self.sentences = Sentences(sentence_bounds(self.text, atomic))
        self.inner_sentences = Sentences(sentence_bounds(self.text))
        self.entities: list[tuple[int, int, str]] = []  # filled by the caller (clean offsets)
        self.cues: list[Cue] = []  # filled by the attribution step
        self.cue_by_start: dict[int, Cue] = {}

    # --- tokens ---------------------------------------------------------------------------

    def seg_index(self, offset: int) -> int | None:
        k = bisect.bisect_right(self._seg_starts, offset) - 1
        if k >= 0 and offset <= self.segments[k].end:
            return k
        return None

    def token_at(self, offset: int) -> Tok | None:
        """The token containing ``offset`` (or the next one in its segment)."""
        k = self.seg_index(offset)
        if k is None:
            return None
        doc = self.docs[k]
        local = offset - self.segments[k].start
        j = bisect.bisect_right(self._tok_starts[k], local) - 1
        if j < 0:
            j = 0
        if j < len(doc) and doc[j].idx + len(doc[j]) <= local:
            j += 1
        if j >= len(doc):
            return None
        return Tok(k, doc[j], self.segments[k].start + doc[j].idx)

    def tok(self, seg: int, i: int) -> Tok:
        t = self.docs[seg][i]
        return Tok(seg, t, self.segments[seg].start + t.idx)

    def tokens(self, start: int, end: int) -> Iterator[Tok]:
        """Tokens starting inside ``[start, end)``, in order, across segments."""
        k = self.seg_index(start)
        if k is None:
            k = bisect.bisect_right(self._seg_starts, start)
        while k < len(self.segments) and self.segments[k].start < end:
            seg = self.segments[k]
            for t in self.docs[k]:
                s = seg.start + t.idx
                if start <= s < end and not t.is_space:
                    yield Tok(k, t, s)
            k += 1

    # --- quotes ---------------------------------------------------------------------------

    def outer_quote_at(self, offset: int) -> QuotedSpan | None:
        """The outermost quote whose marks enclose ``offset``."""
        k = bisect.bisect_right(self._outer_starts, offset) - 1
        for j in range(k, max(-1, k - 4), -1):
            q = self.outer_quotes[j]
            if q.outer_start <= offset < q.outer_end:
                return q
        return None

    def inside_quote(self, start: int, end: int | None = None) -> QuotedSpan | None:
        q = self.outer_quote_at(start)
        if q is None:
            return None
        if end is not None and end > q.outer_end:
            return None
        return q

    def sentence(self, offset: int) -> tuple[int, int]:
        s = self.sentences.at(offset)
        if s is None:
            k = self.seg_index(offset)
            if k is None:
                return offset, offset
            return self.segments[k].start, self.segments[k].end
        return s

    def inner_sentence(self, offset: int) -> tuple[int, int]:
        s = self.inner_sentences.at(offset)
        return s if s is not None else self.sentence(offset)

    def entity_at(self, start: int, end: int) -> tuple[int, int, str] | None:
        """The first entity overlapping ``[start, end)``."""
        for e in self.entities:
            if e[0] < end and start < e[1]:
                return e
            if e[0] >= end:
                break
        return None

    def entities_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        return [e for e in self.entities if start <= e[0] and e[1] <= end]


def _non_overlapping(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
            continue
        out.append((s, e))
    return out
