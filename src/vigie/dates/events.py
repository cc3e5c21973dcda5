"""Dated statements: sentences that say something happened (or will happen) on a date.

One event per sentence, from the sentence's best date mention. A mention can date its sentence
when it has a value, is a point or a period (not a bare time, not "depuis …" / "jusqu'au …" /
"avant …"), is outside quotation marks, does not qualify a noun ("le référendum du 26
janvier") or a comparison ("plus nombreux qu'en 2019"), is not a wire dateline ("KORVANSK, 14
février (Telekar) –"), and its sentence is a statement (at least four words, not a dateline
such as "Publié le 26 février 2025 à 18h30"). Among several, the one opening the sentence ("Le
26 janvier, …") comes first, then the one nearest a verb, then the finest, then the most
confident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vigie.dates.find import DateMention

__all__ = ["Event", "find_events"]

_DATELINE = re.compile(
    r"(?:publié|mis\s+à\s+jour|actualisé|modifié|updated|published|posted|опубликовано|"
    r"обновлено)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
#: "le référendum du 26 janvier", "les élections de dimanche": the date of a noun, not of the
#: statement
_OF_BEFORE = re.compile(r"\b(?:du|de|d['’]|des|of|qu['’]en|than)[^\S\n]*$", re.IGNORECASE)
#: a wire dateline before the date: "KORVANSK, 14 février (Telekar) – …"
_WIRE_PLACE = re.compile(r"[A-ZÀ-ÖØ-ÞА-ЯЁ][A-ZÀ-ÖØ-ÞА-ЯЁ'’ -]+,[^\S\n]*$")
_OPENING = re.compile(r"[^\S\n]*(?:(?:le|les|dès|ce|cette|la|en|on|in|в|во)[^\S\n]+)?$", re.I)
_FINENESS = {
    "day": 4,
    "early-month": 3,
    "mid-month": 3,
    "late-month": 3,
    "week": 2,
    "month": 1,
    "year": 0,
}


@dataclass(slots=True)
class Event:
    """A sentence and the date it is about (offsets into the text the mentions index)."""

    mention: DateMention
    sentence_start: int
    sentence_end: int
    tense: str
    time: str | None
    utc_offset: str | None


def _opens(text: str, m: DateMention) -> bool:
    return _OPENING.match(text, m.sentence[0], m.start) is not None and text[
        m.end : m.end + 2
    ].lstrip().startswith(",")


def _eligible(text: str, m: DateMention) -> bool:
    if m.value is None or m.granularity not in _FINENESS or m.in_quote or m.bound is not None:
        return False
    s, t = m.sentence
    if len(_WORD.findall(text, s, min(t, s + 200))) < 4:
        return False
    if _OF_BEFORE.search(text, max(s, m.start - 6), m.start):
        return False
    if m.start - s < 40 and _WIRE_PLACE.match(text, s, m.start):
        return False
    return "|" not in text[s:t] and _DATELINE.match(text, s) is None


def find_events(text: str, mentions: list[DateMention]) -> list[Event]:
    """The dated statements of ``text``, in text order."""
    by_sentence: dict[tuple[int, int], list[DateMention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    events: list[Event] = []
    for (s, t), group in by_sentence.items():
        candidates = [m for m in group if _eligible(text, m)]
        if not candidates:
            continue

        def rank(m: DateMention) -> tuple[int, int, int, float]:
            near = m.cue_distance is not None and m.cue_distance <= 40
            return (_opens(text, m), near, _FINENESS[m.granularity], m.confidence)

        best = max(candidates, key=rank)
        time, offset = best.time, best.utc_offset
        if time is None:
            for m in group:
                if m.granularity == "time" and m.value == best.value and m.time is not None:
                    time, offset = m.time, m.utc_offset
                    break
        events.append(Event(best, s, t, best.tense, time, offset))
    events.sort(key=lambda e: e.sentence_start)
    return events
