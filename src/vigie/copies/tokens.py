"""Words and sentences of a clean text, with their offsets, normalised for comparison.

Normalisation folds case and accents ("Sécurité" and "securite" compare equal, as do texts whose
accents were lost in transcription) but keeps every token's span in the clean text, so that any
match can be shown in the original. Lines that are links (URLs, bulleted short link titles)
carry little authored content: their tokens are marked ``linky`` and left out of fingerprints,
so two pages that share only a list of links never look alike.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "Sentence",
    "Tokens",
    "content_words",
    "fold",
    "sentences",
    "tokenize",
]

_WORD = re.compile(r"\d+(?:[.,]\d+)*|\w+", re.UNICODE)
_WORD_SPLIT = re.compile(f"({_WORD.pattern})", re.UNICODE)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[•·▪►→»>*+\-–—]|\d{1,2}[.)])\s")
_COMBINING = re.compile(r"[\u0300-\u036f]")
_LINE = re.compile(r"[^\n]*\n?")


def fold(text: str) -> str:
    """Case- and accent-folded text (used on tokens and titles, never to compute offsets)."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))


@dataclass(frozen=True, slots=True)
class Tokens:
    """Tokens of a clean text: folded forms, clean-text spans, and which are link tokens."""

    words: list[str]
    starts: list[int]
    ends: list[int]
    linky: list[bool]

    def __len__(self) -> int:
        return len(self.words)

    def content_words(self) -> list[str]:
        """Folded words outside link lines (what fingerprints are made of)."""
        if not any(self.linky):
            return self.words
        return [w for w, k in zip(self.words, self.linky, strict=True) if not k]


def _fold_tokens(raw: list[str]) -> list[str]:
    joined = fold(" ".join(raw))
    out = joined.split(" ")
    if len(out) != len(raw):  # a compatibility character decomposed into a space: rare
        out = [fold(t).replace(" ", "") for t in raw]
    return out


def _linky_lines(text: str) -> list[tuple[int, int]]:
    """Spans of lines that are links: a URL line, or a run of ≥3 short bulleted lines."""
    spans: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    pos = 0
    for m in _LINE.finditer(text):
        line = m.group(0)
        if not line:
            break
        start, end = pos, pos + len(line)
        pos = end
        stripped = line.strip()
        url = _URL.search(stripped)
        if url and len(stripped) - len(url.group(0)) < 60:
            spans.append((start, end))
            continue
        if _BULLET.match(line) and len(stripped) < 140:
            run.append((start, end))
            continue
        if stripped or len(run) < 3:
            if len(run) >= 3:
                spans.extend(run)
            run = [] if stripped else run
    if len(run) >= 3:
        spans.extend(run)
    return spans


def content_words(text: str) -> list[str]:
    """Folded words outside link lines: what fingerprints are made of (fast path)."""
    if "\n" in text or "http" in text or "www." in text:
        return tokenize(text).content_words()
    return _WORD.findall(fold(text))


def tokenize(text: str) -> Tokens:
    """Word tokens of ``text`` with their spans; link lines and URLs are marked ``linky``."""
    # split keeps the words at odd places: their spans come from the running lengths
    parts = _WORD_SPLIT.split(text)
    raw = parts[1::2]
    offsets = list(itertools.accumulate(map(len, parts)))
    ends = offsets[1::2]
    starts = offsets[0::2][: len(raw)]
    linky = [False] * len(raw)
    if "\n" in text or "http" in text or "www." in text:
        spans = _linky_lines(text) + [(m.start(), m.end()) for m in _URL.finditer(text)]
        if spans:
            spans.sort()
            j = 0
            for i, s in enumerate(starts):
                while j < len(spans) and spans[j][1] <= s:
                    j += 1
                if j < len(spans) and spans[j][0] <= s:
                    linky[i] = True
    return Tokens(_fold_tokens(raw) if raw else [], starts, ends, linky)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


_SENT_END = re.compile(r"(?<=[.!?…])[»”\"')\]]*\s+(?=[\"«“(\[]?\s*[A-ZÀ-ÖØ-ÞА-ЯЁ0-9])|\n\s*")


def sentences(text: str, min_chars: int = 12) -> list[Sentence]:
    """Sentences of ``text`` (split at end punctuation before a capital, and at line breaks).

    Fragments shorter than ``min_chars`` are joined to the sentence before them.
    """
    out: list[Sentence] = []
    pos = 0
    cuts = [m.end() for m in _SENT_END.finditer(text)] + [len(text)]
    for cut in cuts:
        seg = text[pos:cut]
        lead = len(seg) - len(seg.lstrip())
        s, e = pos + lead, pos + len(seg.rstrip())
        pos = cut
        if e <= s:
            continue
        if (
            out
            and (e - s < min_chars or out[-1].end - out[-1].start < min_chars)
            and ("\n" not in text[out[-1].end : s])
        ):
            prev = out.pop()
            out.append(Sentence(prev.start, e, text[prev.start : e]))
        else:
            out.append(Sentence(s, e, text[s:e]))
    return out
