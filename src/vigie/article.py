"""The central data type: one news article as it flows through the pipeline.

An :class:`Article` keeps the original text whole. Cleaning never edits it: it records
:class:`Removal` spans, and the clean text is the original with those spans cut out. The
:class:`OffsetMap` built from the removals maps every clean-text offset back to the original,
so every finding can point at characters a person can audit.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Article", "OffsetMap", "Paragraph", "Removal", "StageError", "content_sha1"]


def content_sha1(text: str) -> str:
    """Hex SHA-1 of a text, as stored in ``articles.content_sha1`` and exports' ``doc_sha1``."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Removal:
    """A span of the original text that cleaning dropped, and why."""

    start: int
    end: int
    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the clean text, with its span in the original and its language."""

    start: int
    end: int
    language: str | None = None
    score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class StageError:
    """What went wrong when a stage ran on one article (the batch goes on)."""

    stage: str
    error: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class OffsetMap:
    """Maps offsets of a text with some spans cut out back to the text they were cut from.

    Built from sorted, non-overlapping removed spans ``[(start, end), ...]`` of an original of
    length ``n``. ``to_original(i)`` gives, for clean offset ``i``, the original offset of the
    same character; ``to_original(len(clean))`` gives the end of the last kept segment.
    """

    __slots__ = ("_clean_len", "_clean_starts", "_orig_len", "_orig_starts")

    def __init__(self, removed: list[tuple[int, int]], original_length: int) -> None:
        clean_starts: list[int] = []
        orig_starts: list[int] = []
        pos = 0
        clean = 0
        for start, end in sorted(removed):
            if start < pos or end < start or end > original_length:
                raise ValueError(f"removed spans overlap or fall outside the text: {start}-{end}")
            if start > pos:
                clean_starts.append(clean)
                orig_starts.append(pos)
                clean += start - pos
            pos = end
        if pos < original_length or not clean_starts:
            clean_starts.append(clean)
            orig_starts.append(pos)
            clean += original_length - pos
        self._clean_starts = clean_starts
        self._orig_starts = orig_starts
        self._orig_len = original_length
        self._clean_len = clean

    @property
    def clean_length(self) -> int:
        return self._clean_len

    def to_original(self, clean_offset: int) -> int:
        if not 0 <= clean_offset <= self._clean_len:
            raise IndexError(f"clean offset {clean_offset} outside 0..{self._clean_len}")
        i = bisect.bisect_right(self._clean_starts, clean_offset) - 1
        return self._orig_starts[i] + clean_offset - self._clean_starts[i]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original span of a clean span: its end maps from the last character inside it."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1

    def to_clean(self, original_offset: int) -> int | None:
        """Clean offset of an original offset, or None when that character was removed."""
        if not 0 <= original_offset <= self._orig_len:
            raise IndexError(f"original offset {original_offset} outside 0..{self._orig_len}")
        i = bisect.bisect_right(self._orig_starts, original_offset) - 1
        if i < 0:
            return None
        seg_len = (
            self._clean_starts[i + 1] - self._clean_starts[i]
            if i + 1 < len(self._clean_starts)
            else self._clean_len - self._clean_starts[i]
        )
        delta = original_offset - self._orig_starts[i]
        if delta < seg_len or (original_offset == self._orig_len and delta == seg_len):
            return self._clean_starts[i] + delta
        return None


def apply_removals(text: str, removed: list[Removal]) -> str:
    """The text with the removed spans cut out (spans must not overlap)."""
    parts: list[str] = []
    pos = 0
    for r in sorted(removed, key=lambda r: r.start):
        parts.append(text[pos : r.start])
        pos = r.end
    parts.append(text[pos:])
    return "".join(parts)


@dataclass(slots=True)
class Article:
    """One article: original text, clean text, offsets, metadata, analysis and errors.

    ``doc`` is the path or URL the article was ingested from, as exports show it. ``source_key``
    identifies where it came from for versioning (the URL, else the absolute path, plus the line
    number for a JSONL record without URL); the same ``source_key`` with another text is a new
    version. ``input_sha1`` is the SHA-1 of the input as read (HTML before extraction).
    """

    doc: str
    text: str
    source_key: str = ""
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    language_score: float | None = None
    input_format: str = "txt"
    encoding: str | None = None
    html: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    removed: list[Removal] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    results: dict[str, Any] = field(default_factory=dict)
    errors: list[StageError] = field(default_factory=list)
    done: list[str] = field(default_factory=list)
    input_sha1: str = ""
    _clean: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.source_key:
            self.source_key = self.url or self.doc
        if not self.input_sha1:
            self.input_sha1 = content_sha1(self.html if self.html is not None else self.text)

    @property
    def content_sha1(self) -> str:
        return content_sha1(self.text)

    @property
    def article_id(self) -> str:
        """Stable id from the source and the input as read (the text, or the HTML it was
        extracted from), so a new version of a page gets a new id."""
        h = hashlib.sha1(f"{self.source_key}\n{self.input_sha1}".encode())
        return h.hexdigest()[:16]

    @property
    def clean_text(self) -> str:
        if self._clean is None:
            self._clean = apply_removals(self.text, self.removed)
        return self._clean

    def set_removed(self, removed: list[Removal]) -> None:
        """Replace the removals (validated: inside the text, not overlapping, text matches)."""
        ordered = sorted(removed, key=lambda r: r.start)
        pos = 0
        for r in ordered:
            if r.start < pos or r.end <= r.start or r.end > len(self.text):
                raise ValueError(f"bad removal span {r.start}-{r.end} in {self.doc}")
            if self.text[r.start : r.end] != r.text:
                raise ValueError(f"removal text does not match the original at {r.start}")
            pos = r.end
        self.removed = ordered
        self._clean = None

    def offset_map(self) -> OffsetMap:
        return OffsetMap([(r.start, r.end) for r in self.removed], len(self.text))

    def add_error(self, stage: str, exc: BaseException | str, message: str | None = None) -> None:
        if isinstance(exc, BaseException):
            self.errors.append(StageError(stage, type(exc).__name__, message or str(exc)))
        else:
            self.errors.append(StageError(stage, exc, message or exc))

    def note(self, stage: str, message: str) -> None:
        """A problem a stage noticed but handled (recorded with error type ``note``)."""
        self.errors.append(StageError(stage, "note", message))
