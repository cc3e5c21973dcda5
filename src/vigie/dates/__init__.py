"""Dates in news text: normalised date expressions and dated statements (events).

``find_dates`` finds date expressions with the rules of :mod:`vigie.dates.rules` (one regular
expression, French first, English and Russian basics), places them relative to the publication
date with :mod:`vigie.dates.normalise`, and ``find_events`` picks the sentences they date. The
``dates`` stage (:mod:`vigie.stages.dates`) runs both on an article's clean text.
"""

from vigie.dates.events import Event, find_events
from vigie.dates.find import DateMention, Found, find_dates, parse_published

__all__ = ["DateMention", "Event", "Found", "find_dates", "find_events", "parse_published"]
