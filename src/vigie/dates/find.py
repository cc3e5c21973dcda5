"""Date mentions of a text: found by the rules, placed by the normaliser, with their tense.

:func:`find_dates` is the whole per-text job. The expensive steps (sentences, quotations, tense
cues) only run when the rules found something, sentence by sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from vigie.dates.normalise import resolve
from vigie.dates.read import scan
from vigie.dates.sentences import Segments
from vigie.dates.tense import tense_near

__all__ = ["DateMention", "Found", "find_dates", "parse_published"]

_ISO_DAY = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")


def parse_published(published: str | None) -> date | None:
    """The calendar day of an ISO 8601 publication date or date-time (its own local date:
    "2022-01-28T23:30:00+01:00" is the 28th), or None."""
    if not published:
        return None
    m = _ISO_DAY.match(published)
    if m is None:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


@dataclass(slots=True)
class DateMention:
    """A date expression of the text, with offsets into that text and its calendar reading."""

    start: int
    end: int
    text: str
    value: date | None
    start_date: date | None
    end_date: date | None
    granularity: str
    relative: bool
    confidence: float
    tense: str
    sentence: tuple[int, int]
    language: str | None = None
    time: str | None = None
    utc_offset: str | None = None
    in_quote: bool = False
    bound: str | None = None
    note: str | None = None
    #: distance in characters to the verb whose tense was used (None: no verb cue)
    cue_distance: int | None = None


@dataclass(slots=True)
class Found:
    mentions: list[DateMention]
    notes: list[str]
    segments: Segments | None


def find_dates(text: str, published: date | None) -> Found:
    """Every date mention of ``text``, placed relative to ``published`` (None: only dates
    that carry their year get a value). Expressions that are no date ("31 février") are left
    out with a note."""
    notes: list[str] = []
    mentions: list[DateMention] = []
    segments: Segments | None = None
    for e in scan(text):
        if segments is None:
            segments = Segments(text)
        sent = segments.sentence(e.start, e.end)
        tense, distance = tense_near(text, sent[0], sent[1], e.start, e.end)
        wording = text[e.start : e.end]
        r = resolve(e, published, _side(tense, e.bound), wording)
        if r.note is not None and r.note.startswith("not a date"):
            notes.append(r.note)
            continue
        quoted = segments.in_quote(e.start, e.end)
        confidence = e.confidence * r.factor
        if quoted and r.relative:
            confidence *= 0.8  # the speaker's "today" need not be the publication day
        mentions.append(
            DateMention(
                start=e.start,
                end=e.end,
                text=wording,
                value=r.value,
                start_date=r.start,
                end_date=r.end,
                granularity=r.granularity,
                relative=r.relative,
                confidence=round(confidence, 3),
                tense=tense,
                sentence=sent,
                language=e.language,
                time=None if e.hour is None else f"{e.hour:02d}:{e.minute or 0:02d}",
                utc_offset=e.utc_offset,
                in_quote=quoted,
                bound=e.bound,
                note=r.note,
                cue_distance=distance,
            )
        )
    _attach_times(mentions)
    unplaced = sum(1 for m in mentions if m.value is None and m.granularity != "time")
    if unplaced and published is None:
        notes.append(f"no publication date: {unplaced} relative date(s) left without a value")
    return Found(mentions, notes, segments)


def _side(tense: str, bound: str | None) -> str:
    """The side of the publication date to place a date on: the tense's, except that in the
    present "jusqu'à dimanche" looks ahead and "depuis lundi" back."""
    if tense == "present" and bound in ("until", "before"):
        return "future"
    if tense == "present" and bound in ("since", "after"):
        return "past"
    return tense


def _attach_times(mentions: list[DateMention]) -> None:
    """A time alone ("à 17h00, heure de Moscou") takes the day of the nearest dated mention
    of its sentence, when there is one."""
    by_sentence: dict[tuple[int, int], list[DateMention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    for m in mentions:
        if m.granularity != "time" or m.value is not None:
            continue
        days = [
            o
            for o in by_sentence[m.sentence]
            if o.granularity == "day" and o.value is not None and o.start_date == o.end_date
        ]
        if not days:
            m.note = "a time with no day in its sentence"
            continue
        best = min(days, key=lambda o: abs(o.start - m.start))
        m.value = m.start_date = m.end_date = best.value
        m.relative = best.relative
        m.confidence = round(min(m.confidence, best.confidence) + 0.2, 3)
