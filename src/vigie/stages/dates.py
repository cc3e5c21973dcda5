"""Stage ``dates``: normalised date expressions and the dated statements they anchor.

``results.dates`` lists every date expression of the clean text with offsets into the ORIGINAL
text and its calendar reading relative to ``article.published``; ``results.events`` lists the
sentences that a date dates ("Le 26 janvier, les États-Unis et l’Otan ont remis …"), one per
sentence, for timelines. Without a publication date, only expressions that carry their year
get a value (the others keep ``value: null`` and a ``note``). The rules live in
:mod:`vigie.dates`; shapes are in :func:`date_record` and :func:`event_record`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vigie.dates import DateMention, Event, find_dates, find_events, parse_published
from vigie.pipeline.registry import stage

if TYPE_CHECKING:
    from collections.abc import Callable

    from vigie.article import Article
    from vigie.config import Options

__all__ = ["date_record", "dates", "event_record"]

Span = tuple[int, int]


def _iso(d: Any) -> str | None:
    return None if d is None else str(d.isoformat())


def date_record(
    m: DateMention, text: str, to_original: Callable[[int, int], Span]
) -> dict[str, Any]:
    """One ``results.dates`` item."""
    s, e = to_original(m.start, m.end)
    return {
        "start": s,
        "end": e,
        "text": text[s:e],
        "value": _iso(m.value),
        "start_date": _iso(m.start_date),
        "end_date": _iso(m.end_date),
        "granularity": m.granularity,
        "relative": m.relative,
        "confidence": m.confidence,
        "tense": m.tense,
        "time": m.time,
        "utc_offset": m.utc_offset,
        "language": m.language,
        "in_quote": m.in_quote,
        "bound": m.bound,
        "note": m.note,
    }


def event_record(ev: Event, text: str, to_original: Callable[[int, int], Span]) -> dict[str, Any]:
    """One ``results.events`` item."""
    m = ev.mention
    ds, de = to_original(m.start, m.end)
    ss, se = to_original(ev.sentence_start, ev.sentence_end)
    return {
        "date": _iso(m.value),
        "start_date": _iso(m.start_date),
        "end_date": _iso(m.end_date),
        "granularity": m.granularity,
        "time": ev.time,
        "utc_offset": ev.utc_offset,
        "relative": m.relative,
        "confidence": m.confidence,
        "tense": ev.tense,
        "date_span": {"start": ds, "end": de, "text": text[ds:de]},
        "sentence": {"start": ss, "end": se, "text": text[ss:se]},
    }


def _identity(start: int, end: int) -> Span:
    return start, end


@stage("dates", requires=("clean_text", "published"), assigns=("results.dates", "results.events"))
def dates(article: Article, options: Options) -> None:
    """Date expressions (normalised against the publication date) and dated statements."""
    published = parse_published(article.published)
    if article.published and published is None:
        article.note("dates", f"publication date {article.published!r} is not ISO 8601")
    found = find_dates(article.clean_text, published)
    to_original = article.offset_map().span_to_original if article.removed else _identity
    text = article.text
    article.results["dates"] = [date_record(m, text, to_original) for m in found.mentions]
    article.results["events"] = [
        event_record(ev, text, to_original)
        for ev in find_events(article.clean_text, found.mentions)
    ]
    for n in found.notes:
        article.note("dates", n)
