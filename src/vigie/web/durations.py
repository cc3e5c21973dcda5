"""Durations for people, in the two styles the pages use: ``short`` (``2 h 10 min``,
``3 d 4 h``: story pages, and quote-group delays of two days or more) and ``long``
(``1 day 7 hours``: the copies of an article and the compare page).

Both keep the two largest units (days and hours, hours and minutes, or minutes), cut down,
never rounded up, and leave out a second unit that is zero. The outlet page's medians
(``5.2 h``, :func:`vigie.web.outlet_graph.human_lag`) and the quote-group delays under two days
(``+2.5 h``) are decimal on purpose and keep their own functions.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["Style", "duration_text"]

Style = Literal["short", "long"]


def _unit(n: int, unit: str, style: Style) -> str:
    if style == "short":
        return f"{n} {unit}"
    return f"{n} {_LONG[unit]}{'' if n == 1 else 's'}"


_LONG = {"d": "day", "h": "hour", "min": "minute"}


def duration_text(seconds: float | None, style: Style = "short") -> str | None:
    """A duration of ``seconds`` (its sign ignored); None when unknown.

    ``short``: ``45 s``, ``12 min``, ``2 h 10 min``, ``3 d 4 h``;
    ``long``: ``none``, ``under a minute``, ``1 minute``, ``5 hours 20 minutes``, ``1 day 7 hours``.
    """
    if seconds is None:
        return None
    s = round(abs(seconds))
    if s < 60:
        if style == "short":
            return f"{s} s"
        return "none" if s == 0 else "under a minute"
    days, rest = divmod(s, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        big, small = _unit(days, "d", style), (_unit(hours, "h", style) if hours else "")
    elif hours:
        big, small = _unit(hours, "h", style), (_unit(minutes, "min", style) if minutes else "")
    else:
        big, small = _unit(minutes, "min", style), ""
    return f"{big} {small}" if small else big
