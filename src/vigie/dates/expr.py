"""The intermediate form of a date expression: what the text says, before any calendar."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Expr"]


@dataclass(slots=True)
class Expr:
    """One date expression read from the text, before it is resolved to calendar dates.

    ``kind`` says which fields count: ``date`` (year?, month, day), ``range`` (two dates),
    ``month`` (year?, month, ``third``), ``year``, ``weekday`` (``weekday``, ``shift``: -1
    last, 1 next, 0 this week, None bare), ``relative`` (``unit`` and ``shift`` from the
    publication date), ``time`` (a time of day alone).
    """

    start: int
    end: int
    kind: str
    language: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    year2: int | None = None
    month2: int | None = None
    day2: int | None = None
    third: str | None = None
    weekday: int | None = None
    unit: str | None = None
    shift: int | None = None
    hour: int | None = None
    minute: int | None = None
    utc_offset: str | None = None
    bound: str | None = None
    confidence: float = 0.9
