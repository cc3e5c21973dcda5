"""Calendar dates for an :class:`~vigie.dates.expr.Expr`, given the publication date and tense.

The rules, kept simple on purpose:

* **A day or month without a year** ("le 26 janvier", "fin janvier", "en mars") takes the year
  that puts it closest to the publication date *on the side the tense points to*: in a past
  sentence the latest occurrence on or before the publication date; in a future one the first
  occurrence on or after it; in the present (or with no verb to tell) the nearest occurrence
  either way, ties going to the past. A tense cue can be wrong where a year-off date rarely
  is: a reading more than 300 days away loses to one within 45 days on the other side ("fin
  janvier" in a future sentence of mid-February is last January). "vendredi 26 janvier"
  prefers a year where the 26th is a Friday. "mars dernier" / "mars prochain" are the March
  strictly before / after the publication month; "le 9 janvier dernier" / "prochain" the 9th
  on that side, whatever the verb. In the present, "jusqu'à …" / "avant …" look ahead and
  "depuis …" / "après …" look back (see :func:`vigie.dates.find.find_dates`).
* **A weekday** ("vendredi", "on Monday") is the latest such day on or before the publication
  date (the day itself included: wire copy writes "a déclaré vendredi" on that Friday), or the
  first on or after it when the sentence is in the future. "vendredi dernier" / "last Friday"
  is 1–7 days back, "vendredi prochain" / "next Friday" 1–7 days ahead, "ce vendredi" / "this
  Friday" the Friday of the publication week (weeks run Monday to Sunday).
* **Relative words** count from the publication date: "hier" one day back, "la semaine
  dernière" the Monday–Sunday week before the publication week, "il y a trois mois" the
  calendar month three months back.
* **Value and range**: ``value`` is the day itself; for a month, week or year its first day; for
  a third of a month a representative day (early → 5, mid → 15, late → 25). ``start`` and
  ``end`` always bound the whole period: early-month is the 1st–10th, mid-month the 11th–20th,
  late-month the 21st–last day.

Without a publication date only expressions that carry their year are placed; the others get no
value and a note.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from vigie.dates.expr import Expr

__all__ = ["Resolved", "resolve"]

#: a reading the tense points to loses to the other side's when it is this far away (days)…
_FAR_DAYS = 300
#: …and the other side's is this near
_NEAR_DAYS = 45
_THIRDS = {"early": (1, 10, 5), "mid": (11, 20, 15), "late": (21, 31, 25)}
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class Resolved:
    """Where an expression falls: a representative day, the period's bounds, its precision."""

    value: date | None
    start: date | None
    end: date | None
    granularity: str
    relative: bool
    note: str | None = None
    #: multiplies the expression's confidence (a weekday that contradicts its date…)
    factor: float = 1.0


def _valid(y: int, m: int, d: int) -> date | None:
    if not 1 <= m <= 12 or not 1 <= d <= calendar.monthrange(y, m)[1] or not 1 <= y <= 9999:
        return None
    return date(y, m, d)


def _last_day(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _pick(candidates: list[date], ref: date, tense: str, strict: bool = False) -> date | None:
    """The candidate the tense points to (see the module rules); ``strict``: the text said
    which side ("dernier", "prochain"), so no nearer reading on the other side wins."""
    if not candidates:
        return None
    nearest = min(candidates, key=lambda c: (abs((c - ref).days), c > ref))
    if tense == "past":
        before = [c for c in candidates if c <= ref]
        chosen = max(before) if before else None
    elif tense == "future":
        after = [c for c in candidates if c >= ref]
        chosen = min(after) if after else None
    else:
        return nearest
    if chosen is None or (
        not strict
        and abs((chosen - ref).days) > _FAR_DAYS
        and abs((nearest - ref).days) <= _NEAR_DAYS
    ):
        return nearest
    return chosen


def _day_without_year(
    month: int, day: int, ref: date, tense: str, weekday: int | None, shift: int | None = None
) -> date | None:
    years = (ref.year - 1, ref.year, ref.year + 1)
    candidates = [d for y in years if (d := _valid(y, month, day)) is not None]
    if weekday is not None:
        agreeing = [d for d in candidates if d.weekday() == weekday]
        if agreeing and abs((agreeing[0] - ref).days) < 200:
            return _pick(agreeing, ref, "present")
    if shift:
        return _pick(candidates, ref, "past" if shift < 0 else "future", strict=True)
    return _pick(candidates, ref, tense) or _pick(candidates, ref, "present")


def _month_without_year(month: int, ref: date, tense: str, shift: int | None) -> tuple[int, int]:
    firsts = [date(y, month, 1) for y in (ref.year - 1, ref.year, ref.year + 1)]
    ref_month = date(ref.year, ref.month, 1)
    if shift == 0:
        return ref.year, month
    if shift == -1:
        chosen = max(f for f in firsts if f < ref_month)
    elif shift == 1:
        chosen = min(f for f in firsts if f > ref_month)
    else:
        chosen = _pick(firsts, ref_month, tense) or ref_month
    return chosen.year, chosen.month


def _week_of(d: date) -> tuple[date, date]:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def _weekday(e: Expr, ref: date, tense: str) -> date:
    wd = e.weekday if e.weekday is not None else 0
    back = (ref.weekday() - wd) % 7
    ahead = (wd - ref.weekday()) % 7
    if e.shift == -1:
        return ref - timedelta(days=back or 7)
    if e.shift == 1:
        return ref + timedelta(days=ahead or 7)
    if e.shift == 0:
        return _week_of(ref)[0] + timedelta(days=wd)
    if tense == "future":
        return ref + timedelta(days=ahead)
    return ref - timedelta(days=back)


def _no_ref(e: Expr, text: str) -> Resolved:
    gran = "day" if e.kind in ("date", "range", "weekday") else e.unit or "month"
    return Resolved(None, None, None, gran, True, f"no publication date to place {text!r}")


def _day_result(d: date, relative: bool, factor: float = 1.0) -> Resolved:
    return Resolved(d, d, d, "day", relative, None, factor)


def resolve(e: Expr, ref: date | None, tense: str, text: str) -> Resolved:
    """The calendar reading of ``e`` (``text`` is its wording, for notes)."""
    if e.kind == "time":
        return Resolved(None, None, None, "time", False)
    if e.kind == "year":
        y = e.year or 1
        return Resolved(date(y, 1, 1), date(y, 1, 1), date(y, 12, 31), "year", False)
    if e.kind == "date":
        month, day = e.month or 0, e.day or 0
        if e.year is None:
            if not (1 <= month <= 12 and 1 <= day <= 31) or _valid(2000, month, day) is None:
                return Resolved(None, None, None, "day", True, f"not a date: {text!r}")
            if ref is None:
                return _no_ref(e, text)
            d = _day_without_year(month, day, ref, tense, e.weekday, e.shift)
            if d is None:
                return Resolved(None, None, None, "day", True, f"not a date: {text!r}")
            factor = 0.6 if e.weekday is not None and d.weekday() != e.weekday else 1.0
            return _day_result(d, True, factor)
        d = _valid(e.year, month, day)
        if d is None:
            return Resolved(None, None, None, "day", False, f"not a date: {text!r}")
        factor = 1.0
        note = None
        if e.weekday is not None and d.weekday() != e.weekday:
            factor = 0.6
            note = f"{text!r}: {d.isoformat()} is a {_WEEKDAY_NAMES[d.weekday()]}"
        return Resolved(d, d, d, "day", False, note, factor)
    if e.kind == "range":
        return _range(e, ref, tense, text)
    if e.kind == "month":
        month = e.month or 1
        relative = e.year is None
        if e.year is not None:
            y = e.year
        elif ref is None:
            return _no_ref(e, text)
        else:
            y, month = _month_without_year(month, ref, tense, e.shift)
        last = _last_day(y, month)
        if e.third is None:
            return Resolved(date(y, month, 1), date(y, month, 1), last, "month", relative)
        lo, hi, rep = _THIRDS[e.third]
        start, end = date(y, month, lo), date(y, month, min(hi, last.day))
        return Resolved(date(y, month, rep), start, end, f"{e.third}-month", relative)
    if ref is None:
        return _no_ref(e, text)
    if e.kind == "weekday":
        return _day_result(_weekday(e, ref, tense), True)
    # relative: unit and shift from the publication date
    shift = e.shift or 0
    if e.unit == "day":
        return _day_result(ref + timedelta(days=shift), True)
    if e.unit == "week":
        monday, sunday = _week_of(ref + timedelta(days=7 * shift))
        return Resolved(monday, monday, sunday, "week", True)
    if e.unit == "month":
        y, m = _add_months(ref.year, ref.month, shift)
        return Resolved(date(y, m, 1), date(y, m, 1), _last_day(y, m), "month", True)
    y = ref.year + shift
    return Resolved(date(y, 1, 1), date(y, 1, 1), date(y, 12, 31), "year", True)


def _range(e: Expr, ref: date | None, tense: str, text: str) -> Resolved:
    m1, d1, m2, d2 = e.month or 0, e.day or 0, e.month2 or 0, e.day2 or 0
    relative = e.year is None
    if e.year is None or e.year2 is None:
        if _valid(2000, m1, d1) is None or _valid(2000, m2, d2) is None:
            return Resolved(None, None, None, "day", True, f"not a date: {text!r}")
        if ref is None:
            return _no_ref(e, text)
        first = _day_without_year(m1, d1, ref, tense, None)
        if first is None:
            return Resolved(None, None, None, "day", True, f"not a date: {text!r}")
        y1 = first.year
        y2 = y1 + 1 if (m2, d2) < (m1, d1) else y1
    else:
        y1, y2 = e.year, e.year2
    start, end = _valid(y1, m1, d1), _valid(y2, m2, d2)
    if start is None or end is None or end < start:
        return Resolved(None, None, None, "day", relative, f"not a date range: {text!r}")
    return Resolved(start, start, end, "day", relative)
