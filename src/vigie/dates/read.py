"""The finder: anchors first, then the forms of :mod:`vigie.dates.rules`, read into
:class:`Expr` values.

:func:`scan` lower-cases the text (character for character, offsets unchanged), finds the
anchors, and at each one tries the forms of its kind; one reader per form turns the match into
an :class:`Expr`. A reader returns None when the context shows the
match is no date: a lower-case English month ("may"), "Mars" mid-sentence, a bare month or
year without a word that makes it a date ("en mars", "depuis 1997"), a habitual weekday ("le
lundi, le marché…"), a time without "à"/"vers"/"at" before it.

The expression's text leaves out the article or preposition before it ("le 26 janvier" →
"26 janvier", "on Monday" → "Monday"); what that word says ("depuis", "jusqu'au", "ce") is read
from the context and kept as :attr:`Expr.bound` or the weekday's :attr:`Expr.shift`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from vigie.dates.expr import Expr
from vigie.dates.lexicon import (
    MONTH_LANGUAGE,
    MONTHS,
    NUMBER_WORDS,
    RU_MONTHS_IN,
    WEEKDAY_LANGUAGE,
    WEEKDAYS,
    ZONE_OFFSETS,
)
from vigie.dates.rules import (
    ABBREVIATIONS,
    ANCHOR_KIND,
    BEFORE_MONTH,
    BEFORE_TIME,
    BEFORE_YEAR,
    BOUND_BEFORE,
    DIGIT_ANCHOR_RE,
    EN_MONTHS,
    HABIT_BEFORE,
    KIND_RE,
    NOT_AFTER_YEAR,
    REL_LOOKUP,
    START_WORDS,
    THIRDS,
    THIS_BEFORE,
    WORD_ANCHOR_RE,
)

__all__ = ["anchors", "scan"]

Match = re.Match[str]
_CAPITALISED = frozenset(EN_MONTHS)
_LEADING_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r"[-‐‑–—]")


def _day(s: str) -> int:
    digits = _LEADING_DIGITS.match(s)
    return int(digits.group(0)) if digits else 1


def _month(s: str) -> int:
    return MONTHS[s.rstrip(".").lower()]


def _month_lang(s: str) -> str:
    return MONTH_LANGUAGE[s.rstrip(".").lower()]


def _year(s: str | None) -> int | None:
    return int(s) if s else None


def _offset(raw: str) -> str:
    """ "+3" / "−03:00" / "+0530" → "+03:00" / "-03:00" / "+05:30"."""
    raw = raw.replace("−", "-").replace(" ", "").replace("\u00a0", "")
    sign, body = raw[0], raw[1:]
    if ":" in body:
        hh, mm = body.split(":", 1)
    elif len(body) > 2:
        hh, mm = body[:-2], body[-2:]
    else:
        hh, mm = body, "00"
    return f"{sign}{int(hh):02d}:{int(mm):02d}"


def _read_time(m: Match, p: str, e: Expr) -> None:
    """The time of day (and zone) of the groups ``p``_* of ``m``, onto ``e``."""
    hour = m.group(p + "h")
    if hour is None:
        return
    h = int(hour)
    minute = m.group(p + "m1") or m.group(p + "m2") or m.group(p + "m3") or "0"
    ap = m.group(p + "ap")
    if ap:
        if h > 12:
            return
        h = h % 12 + (12 if ap.lower() == "p" else 0)
    e.hour, e.minute = h, int(minute)
    if m.group(p + "zu"):
        zo = m.group(p + "zo")
        e.utc_offset = _offset(zo) if zo else "+00:00"
    else:
        zone = (m.group(p + "zc") or m.group(p + "zc2") or "").lower()
        e.utc_offset = ZONE_OFFSETS.get(zone)


def _orig(m: Match, text: str, group: str) -> str:
    """The original (not lower-cased) wording of ``group``."""
    return text[m.start(group) : m.end(group)]


def _month_ok(form: str) -> bool:
    """English months are capitalised ("may", "mar" are words) unless abbreviated with a dot."""
    if form.rstrip(".").lower() in _CAPITALISED and not form.endswith("."):
        return form[:1].isupper()
    return True


def _full_month(form: str) -> bool:
    """A month written out (not "janv.", "sept"), which alone can name a month."""
    return form.rstrip(".").lower() not in ABBREVIATIONS and not form.endswith(".")


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4) : pos].rstrip()
    return not before or before[-1] in '.!?\n«"“'


def _iso(m: Match, text: str) -> Expr | None:
    g = m.group
    e = Expr(m.start(), m.end(), "date", None, int(g("iso_y")), int(g("iso_m")), int(g("iso_d")))
    e.confidence = 0.95
    if g("iso_h"):
        e.hour, e.minute = int(g("iso_h")), int(g("iso_mi"))
        z = g("iso_z")
        if z:
            e.utc_offset = "+00:00" if z == "z" else _offset(z)
    return e


def _num(m: Match, text: str) -> Expr | None:
    g = m.group
    e = Expr(m.start(), m.end(), "date", None, int(g("num_y")), int(g("num_m")), int(g("num_d")))
    _read_time(m, "num_", e)
    return e


def _cross_range(m: Match, text: str) -> Expr | None:
    g = m.group
    if not (_month_ok(_orig(m, text, "xr_m1")) and _month_ok(_orig(m, text, "xr_m2"))):
        return None
    y2 = _year(g("xr_y2"))
    y1 = _year(g("xr_y1")) or y2
    m1, m2 = _month(g("xr_m1")), _month(g("xr_m2"))
    if y2 is not None and not g("xr_y1") and m1 > m2:
        y1 = y2 - 1  # "du 28 décembre au 3 janvier 2022"
    e = Expr(m.start(), m.end(), "range", _month_lang(g("xr_m2")), y1, m1, _day(g("xr_d1")))
    e.year2, e.month2, e.day2 = y2, m2, _day(g("xr_d2"))
    return e


def _day_range(m: Match, text: str) -> Expr | None:
    g = m.group
    if not _month_ok(_orig(m, text, "rg_m")):
        return None
    y, month = _year(g("rg_y")), _month(g("rg_m"))
    e = Expr(m.start(), m.end(), "range", _month_lang(g("rg_m")), y, month, _day(g("rg_d1")))
    e.year2, e.month2, e.day2 = y, month, _day(g("rg_d2"))
    return e


def _day_month(m: Match, text: str) -> Expr | None:
    g = m.group
    if not _month_ok(_orig(m, text, "dm_m")):
        return None
    y = _year(g("dm_y"))
    e = Expr(m.start(), m.end(), "date", _month_lang(g("dm_m")), y, _month(g("dm_m")))
    e.day = _day(g("dm_d"))
    if g("dm_wd"):
        e.weekday = WEEKDAYS[g("dm_wd").lower()]
    if g("dm_mod"):
        e.shift = -1 if g("dm_mod") == "dernier" else 1  # "le 9 janvier dernier"
    e.confidence = 0.95 if y else 0.9
    _read_time(m, "dm_", e)
    return e


def _english_range(m: Match, text: str) -> Expr | None:
    g = m.group
    if not _month_ok(_orig(m, text, "er_m")):
        return None
    y, month = _year(g("er_y")), _month(g("er_m"))
    e = Expr(m.start(), m.end(), "range", "en", y, month, _day(g("er_d1")))
    e.year2, e.month2, e.day2 = y, month, _day(g("er_d2"))
    return e


def _month_day(m: Match, text: str) -> Expr | None:
    g = m.group
    if not _month_ok(_orig(m, text, "md_m")):
        return None
    y = _year(g("md_y"))
    e = Expr(m.start(), m.end(), "date", "en", y, _month(g("md_m")), _day(g("md_d")))
    if g("md_wd"):
        e.weekday = WEEKDAYS[g("md_wd").lower()]
    e.confidence = 0.95 if y else 0.85
    _read_time(m, "md_", e)
    return e


def _third(m: Match, text: str) -> Expr | None:
    g = m.group
    form = _orig(m, text, "th_m")
    if not _month_ok(form) or not _full_month(form):
        return None
    word = _SPACES.sub(" ", (g("th_fr") or g("th_en") or g("th_ru")).lower())
    third = THIRDS[word]
    e = Expr(m.start(), m.end(), "month", _month_lang(form), _year(g("th_y")), _month(form))
    e.third = None if third == "month" else third
    e.confidence = 0.85
    return e


def _month_year(m: Match, text: str) -> Expr | None:
    form = _orig(m, text, "my_m")
    if not _month_ok(form):
        return None
    return Expr(m.start(), m.end(), "month", _month_lang(form), int(m.group("my_y")), _month(form))


def _count(m: Match, text: str) -> Expr | None:
    """ "il y a deux jours", "3 weeks ago", "dans un mois"."""
    kind = m.lastgroup or ""
    n_raw = m.group(kind + "_n").lower()
    n = int(n_raw) if n_raw.isdigit() else NUMBER_WORDS[n_raw]
    word = m.group(kind + "_u").lower()
    if word.startswith(("jour", "day")):
        unit = "day"
    elif word.startswith(("semaine", "week")):
        unit = "week"
    elif word.startswith(("mois", "month")):
        unit = "month"
    else:
        unit = "year"
    lang = "en" if word[0] in "dwy" or word.startswith("month") else "fr"
    e = Expr(m.start(), m.end(), "relative", lang, unit=unit, shift=n if kind == "inn" else -n)
    e.confidence = 0.85
    return e


def _relative(m: Match, text: str) -> Expr | None:
    phrase = _SPACES.sub(" ", m.group("rel_p").lower().replace("’", "'"))
    unit, shift, lang = REL_LOOKUP[_DASHES.sub("-", phrase)]
    e = Expr(m.start(), m.end(), "relative", lang, unit=unit, shift=shift)
    e.confidence = 0.75 if shift == 0 and unit == "day" else 0.9
    _read_time(m, "rel_", e)
    return e


def _weekday(m: Match, text: str) -> Expr | None:
    word = _orig(m, text, "wd_w")
    lang = WEEKDAY_LANGUAGE[word.lower()]
    if lang == "en" and not word[:1].isupper():
        return None
    s = m.start()
    before = text[max(0, s - 20) : s]
    pre = (m.group("wd_pre") or "").lower()
    mod = (m.group("wd_mod") or "").lower()
    shift: int | None = None
    if mod in ("dernier", "passé") or pre in ("last", "прошлый", "прошлую", "прошлое"):
        shift = -1
    elif mod == "prochain" or pre in ("next", "следующий", "следующую"):
        shift = 1
    elif pre in ("this", "эту", "этот") or THIS_BEFORE.search(before):
        shift = 0
    elif HABIT_BEFORE.search(before):
        return None  # "le lundi, …", "chaque lundi", "every Monday"
    e = Expr(s, m.end(), "weekday", lang, weekday=WEEKDAYS[word.lower()], shift=shift)
    e.confidence = 0.8 if shift is None else 0.85
    _read_time(m, "wd_", e)
    return e


def _bare_month(m: Match, text: str) -> Expr | None:
    form = _orig(m, text, "mo_m")
    key = form.rstrip(".").lower()
    if not _full_month(form) or not _month_ok(form):
        return None
    s = m.start()
    if key == "mars" and form[0].isupper() and not _sentence_start(text, s):
        return None  # Mars, the planet
    mod = (m.group("mo_mod") or "").lower()
    pre = (m.group("mo_pre") or "").lower()
    if not (mod or pre or key in RU_MONTHS_IN or BEFORE_MONTH.search(text[max(0, s - 16) : s])):
        return None
    e = Expr(s, m.end(), "month", MONTH_LANGUAGE[key], None, MONTHS[key])
    if mod in ("dernier", "passé") or pre == "last":
        e.shift = -1
    elif mod == "prochain" or pre == "next":
        e.shift = 1
    elif pre == "this":
        e.shift = 0
    e.confidence = 0.8
    return e


def _bare_year(m: Match, text: str) -> Expr | None:
    s, t = m.span()
    before = text[max(0, s - 20) : s]
    if not BEFORE_YEAR.search(before) or NOT_AFTER_YEAR.match(text, t, t + 20):
        return None
    if _DECADE_BEFORE.search(before):
        return None  # "les années 1930": a decade
    e = Expr(s, t, "year", None, int(m.group("yr_y")))
    e.confidence = 0.8
    return e


def _time(m: Match, text: str) -> Expr | None:
    s = m.start()
    if not BEFORE_TIME.search(text[max(0, s - 24) : s]):
        return None
    e = Expr(s, m.end(), "time", None)
    _read_time(m, "tm_", e)
    if e.hour is None:
        return None
    e.confidence = 0.6
    return e


_READERS: dict[str, Callable[[Match, str], Expr | None]] = {
    "iso": _iso,
    "num": _num,
    "xr": _cross_range,
    "rg": _day_range,
    "dm": _day_month,
    "er": _english_range,
    "md": _month_day,
    "th": _third,
    "my": _month_year,
    "ago": _count,
    "agoen": _count,
    "inn": _count,
    "rel": _relative,
    "wd": _weekday,
    "mo": _bare_month,
    "yr": _bare_year,
    "tm": _time,
}


def _lower(text: str) -> str:
    """``text`` lower-cased, character for character (same length, same offsets)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _starts(low: str, anchor: int) -> list[int]:
    """Where an expression holding the word at ``anchor`` may start: the anchor, and words
    that can open an expression among the few before it on its line."""
    lo = max(0, anchor - _LOOK_BACK)
    line = low.rfind("\n", lo, anchor)
    if line >= 0:
        lo = line + 1
    out: list[int] = []
    for w in _WORDS.finditer(low, lo, anchor):
        if w.start() == lo and lo > 0 and (low[lo - 1].isalnum() or low[lo - 1] == "_"):
            continue  # a word cut by the window
        word = w.group(0)
        if word in START_WORDS or word[0].isdigit():
            out.append(w.start())
    out.append(anchor)
    return out


_LOOK_BACK = 32
_WORDS = re.compile(r"\w+")


def anchors(low: str) -> list[tuple[int, str]]:
    """The pre-check: (offset, kind) of every anchor of the lower-cased text, in order — a
    number shaped like a date, year or time, or a month, weekday or relative word."""
    found = [(m.start(), ANCHOR_KIND[m.group(0)]) for m in WORD_ANCHOR_RE.finditer(low)]
    digits = [
        (m.start(), "digit")
        for m in DIGIT_ANCHOR_RE.finditer(low)
        if m.start() == 0 or low[m.start() - 1] not in _NOT_BEFORE_DIGIT
    ]
    if digits:
        found.extend(digits)
        found.sort()
    return found


_DECADE_BEFORE = re.compile(r"\bles[^\S\n]+années?[^\S\n]+$", re.IGNORECASE)
_NOT_BEFORE_DIGIT = frozenset("0123456789.,:/")


def scan(text: str) -> Iterator[Expr]:
    """Every date expression of ``text``, in order, with its context read."""
    low = _lower(text)
    done = 0
    for anchor, kind in anchors(low):
        if anchor < done:
            continue
        pattern = KIND_RE[kind]
        for start in _starts(low, anchor) if kind != "digit" else (anchor,):
            if start < done:
                continue
            m = pattern.match(low, start)
            if m is None or m.end() <= anchor:
                continue
            e = _READERS[m.lastgroup or ""](m, text)
            if e is None:
                continue
            if e.kind != "time":
                b = BOUND_BEFORE.search(text, max(0, e.start - 28), e.start)
                if b is not None:
                    e.bound = b.lastgroup
            done = e.end
            yield e
            break
