"""The rules: a regular expression for every date form, the pre-check, and context patterns.

Each form is a named pattern in :data:`FORMS` (``iso``, ``num``, ``xr``, ``rg``, ``dm``,
``er``, ``md``, ``th``, ``my``, ``ago``, ``agoen``, ``inn``, ``rel``, ``wd``, ``mo``, ``yr``,
``tm``), matched against the LOWER-CASED text. Running them all at every position is slow
(:data:`DATE_RE`, kept for comparison, costs some 6 ms per 1,200 characters), so the finder in
:mod:`vigie.dates.read` first runs the cheap pre-check — :data:`WORD_ANCHOR_RE` (a month, a
weekday, a relative word such as "hier" or "semaine") and :data:`DIGIT_ANCHOR_RE` (numbers
shaped like a date, a year or a time) — and only around each anchor tries the forms its kind
can belong to (:data:`KIND_RE`), from the words that may open an expression
(:data:`START_WORDS`) a few words before it. Within a kind, the most complete form comes first
(a weekday followed by a day and a month before the bare weekday, a range before a day).

Whitespace inside an expression never includes a line break, so a date never runs across lines
(and so never across a removed line of furniture).

The expression's text leaves out the article or preposition before it ("le 26 janvier" →
"26 janvier", "on Monday" → "Monday"); what that word says ("depuis", "jusqu'au", "ce") is read
from the context (:data:`BOUND_BEFORE`, :data:`THIS_BEFORE`).
"""

from __future__ import annotations

import re

from vigie.dates.lexicon import MONTH_LANGUAGE, MONTHS, NUMBER_WORDS, WEEKDAYS, alternation

__all__ = [
    "ABBREVIATIONS",
    "ANCHOR_KIND",
    "BEFORE_MONTH",
    "BEFORE_TIME",
    "BEFORE_YEAR",
    "BOUND_BEFORE",
    "DATE_RE",
    "DIGIT_ANCHOR_RE",
    "EN_MONTHS",
    "FORMS",
    "HABIT_BEFORE",
    "KIND_RE",
    "NOT_AFTER_YEAR",
    "REL_LOOKUP",
    "START_WORDS",
    "THIRDS",
    "THIS_BEFORE",
    "WORD_ANCHOR_RE",
]

_S = r"[^\S\n]+"  # some horizontal space
_S0 = r"[^\S\n]*"
_DASH = r"[-‐‑–—]"

EN_MONTHS = [m for m, lang in MONTH_LANGUAGE.items() if lang == "en"]
ABBREVIATIONS = frozenset(
    {"janv", "févr", "fév", "avr", "juil", "déc", "jan", "feb", "mar", "apr", "jun", "jul"}
    | {"aug", "sept", "sep", "oct", "nov", "dec"}
)


def _months(forms: list[str]) -> str:
    full = [f for f in forms if f not in ABBREVIATIONS]
    short = [f for f in forms if f in ABBREVIATIONS]
    return rf"(?:(?:{alternation(full)})(?!\w)|(?:{alternation(short)})(?:\.|(?!\w)))"


_MONTH = _months(list(MONTHS))
_EN_MONTH = _months(EN_MONTHS)
_WEEKDAY = rf"(?:{alternation(WEEKDAYS)})(?![\w])"
_DAY = r"(?<![\d.,:/])(?:1er|1re|1st|2nd|3rd|[0-3]?\d(?:st|nd|rd|th|-?го)?)(?![\d\w])"
_DAY_EN = r"(?:[0-3]?\d(?:st|nd|rd|th)?)(?![\d\w])"
_YEAR = r"(?:1[89]|20)\d\d(?![\d])"
_YEAR_WORD = rf"(?:{_S}(?:года|году|г\.))?"
_NUM = rf"(?:\d{{1,3}}|{alternation(NUMBER_WORDS)})"


def _time(p: str) -> str:
    """A time of day ("17h00", "17 h 30", "17:00", "17 heures") and its zone, groups ``p``_*."""
    return (
        rf"(?P<{p}h>[01]?\d|2[0-3])"
        rf"(?:{_S0}h(?:{_S0}(?P<{p}m1>[0-5]\d))?|:(?P<{p}m2>[0-5]\d)"
        rf"|{_S}heures?(?:{_S}(?P<{p}m3>[0-5]\d)(?!{_S0}min))?|{_S0}(?P<{p}ap>[ap])\.?m\.?)"
        r"(?![\w:])"
        rf"(?:{_S0},?{_S0}heure{_S}(?:de{_S}|d['’])(?P<{p}zc>[a-zà-ÿ-]+)"
        rf"|{_S}\((?:heure{_S}de{_S}|heure{_S}d['’])(?P<{p}zc2>[a-zà-ÿ-]+)\))?"
        rf"(?:{_S0}(?P<{p}zp>\()?(?P<{p}zu>utc|gmt|мск)"
        rf"(?P<{p}zo>{_S0}[+−-]{_S0}\d{{1,2}}(?::?\d{{2}})?)?(?({p}zp)\)))?"
    )


def _at_time(p: str) -> str:
    """An optional time after a date: "26 janvier à 17h00", "12.01.2022, 10:30"."""
    at = r"(?:à|a|vers|dès|at|около|в)"
    return rf"(?:(?:{_S0},{_S0}(?:{at}{_S})?|{_S}{at}{_S}){_time(p)})?"


_REL_PHRASES: dict[str, tuple[str, int, str]] = {
    # phrase: (unit, shift from the publication date in that unit, language)
    "avant-hier": ("day", -2, "fr"),
    "après-demain": ("day", 2, "fr"),
    "aujourd'hui": ("day", 0, "fr"),
    "hier": ("day", -1, "fr"),
    "demain": ("day", 1, "fr"),
    "ce matin": ("day", 0, "fr"),
    "ce midi": ("day", 0, "fr"),
    "cet après-midi": ("day", 0, "fr"),
    "ce soir": ("day", 0, "fr"),
    "cette nuit": ("day", 0, "fr"),
    "la semaine dernière": ("week", -1, "fr"),
    "la semaine passée": ("week", -1, "fr"),
    "la semaine prochaine": ("week", 1, "fr"),
    "cette semaine": ("week", 0, "fr"),
    "le mois dernier": ("month", -1, "fr"),
    "le mois passé": ("month", -1, "fr"),
    "le mois prochain": ("month", 1, "fr"),
    "ce mois-ci": ("month", 0, "fr"),
    "l'an dernier": ("year", -1, "fr"),
    "l'an passé": ("year", -1, "fr"),
    "l'an prochain": ("year", 1, "fr"),
    "l'année dernière": ("year", -1, "fr"),
    "l'année passée": ("year", -1, "fr"),
    "l'année prochaine": ("year", 1, "fr"),
    "cette année": ("year", 0, "fr"),
    "the day before yesterday": ("day", -2, "en"),
    "the day after tomorrow": ("day", 2, "en"),
    "yesterday": ("day", -1, "en"),
    "today": ("day", 0, "en"),
    "tonight": ("day", 0, "en"),
    "tomorrow": ("day", 1, "en"),
    "this morning": ("day", 0, "en"),
    "this afternoon": ("day", 0, "en"),
    "this evening": ("day", 0, "en"),
    "last week": ("week", -1, "en"),
    "next week": ("week", 1, "en"),
    "this week": ("week", 0, "en"),
    "last month": ("month", -1, "en"),
    "next month": ("month", 1, "en"),
    "this month": ("month", 0, "en"),
    "last year": ("year", -1, "en"),
    "next year": ("year", 1, "en"),
    "this year": ("year", 0, "en"),
    "позавчера": ("day", -2, "ru"),
    "послезавтра": ("day", 2, "ru"),
    "вчера": ("day", -1, "ru"),
    "сегодня": ("day", 0, "ru"),
    "завтра": ("day", 1, "ru"),
    "на прошлой неделе": ("week", -1, "ru"),
    "на этой неделе": ("week", 0, "ru"),
    "на следующей неделе": ("week", 1, "ru"),
    "в прошлом месяце": ("month", -1, "ru"),
    "в этом месяце": ("month", 0, "ru"),
    "в следующем месяце": ("month", 1, "ru"),
    "в прошлом году": ("year", -1, "ru"),
    "в этом году": ("year", 0, "ru"),
    "в следующем году": ("year", 1, "ru"),
}


def _phrase_re(phrase: str) -> str:
    out = re.escape(phrase)
    out = out.replace("'", "['’]").replace(r"\ ", _S).replace(r"\-", _DASH)
    return out


_REL = "|".join(_phrase_re(p) for p in sorted(_REL_PHRASES, key=len, reverse=True))
#: (?:soir|matin…) after hier/demain/a weekday: still that day
_DAY_PART = r"(?:soir|matin|midi|après-midi|morning|evening|afternoon|night|утром|вечером)"

_THIRD_FR = (
    rf"(?P<th_fr>début|fin|mi|courant)(?:{_S}du{_S}mois)?"
    rf"(?:{_S}de{_S}|{_S}d['’]|{_S0}{_DASH}{_S0}|{_S})"
)
_THIRD_EN = (
    rf"(?P<th_en>early|mid|late|the{_S}end{_S}of|the{_S}beginning{_S}of)(?:{_S0}{_DASH}{_S0}|{_S})"
)
_THIRD_RU = rf"(?P<th_ru>в{_S}начале|в{_S}середине|в{_S}конце){_S}"

_WEEKDAY_PRE = "last|next|this|прошлый|прошлую|прошлое|следующий|следующую|эту|этот"

#: every date form, by name: the alternatives of the finder
FORMS: dict[str, str] = {
    "iso": r"""(?P<iso>(?<![\d.])(?P<iso_y>\d{4})-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)
    (?:[t ](?P<iso_h>[0-2]\d):(?P<iso_mi>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?
    (?P<iso_z>z|[+-]\d\d:?\d\d)?)?(?![\d]))""",
    "num": rf"""(?P<num>(?<![\d.,/:-])(?P<num_d>[0-3]?\d)(?P<num_sep>[./-])
    (?P<num_m>[01]?\d)(?P=num_sep)(?P<num_y>(?:19|20)\d\d)(?![\d]){_at_time("num_")})""",
    "xr": rf"""(?P<xr>(?P<xr_du>(?:du|from|с){_S})?(?P<xr_d1>{_DAY}){_S}(?P<xr_m1>{_MONTH})
    (?:{_S}(?P<xr_y1>{_YEAR}))?{_S0}(?:{_DASH}|{_S}(?:au|to|по|until){_S}(?:le{_S})?){_S0}
    (?P<xr_d2>{_DAY}){_S}(?P<xr_m2>{_MONTH})(?:{_S}(?P<xr_y2>{_YEAR}){_YEAR_WORD})?)""",
    "rg": rf"""(?P<rg>(?P<rg_du>(?:du|from|entre(?:{_S}le)?|between|с){_S})?(?P<rg_d1>{_DAY})
    (?:{_S0}{_DASH}{_S0}|{_S}(?:au|et|and|to|по|и){_S}(?:le{_S}|the{_S})?)
    (?P<rg_d2>{_DAY}){_S}(?:of{_S})?(?P<rg_m>{_MONTH})(?:{_S}(?P<rg_y>{_YEAR}){_YEAR_WORD})?)""",
    "dm": rf"""(?P<dm>(?:(?P<dm_wd>{_WEEKDAY}),?{_S}(?:the{_S})?)?(?P<dm_d>{_DAY}){_S}(?:of{_S})?
    (?P<dm_m>{_MONTH})(?:,?{_S}(?P<dm_y>{_YEAR}){_YEAR_WORD})?
    (?:{_S}(?P<dm_mod>dernier|prochain)(?!\w))?{_at_time("dm_")})""",
    "er": rf"""(?P<er>(?P<er_m>{_EN_MONTH}){_S}(?P<er_d1>{_DAY_EN})
    {_S0}(?:{_DASH}|{_S}(?:to|and){_S}){_S0}(?P<er_d2>{_DAY_EN})(?:,?{_S}(?P<er_y>{_YEAR}))?)""",
    "md": rf"""(?P<md>(?:(?P<md_wd>{_WEEKDAY}),?{_S})?(?P<md_m>{_EN_MONTH}){_S}(?P<md_d>{_DAY_EN})
    (?:,?{_S}(?P<md_y>{_YEAR}))?{_at_time("md_")})""",
    "th": rf"""(?P<th>(?<![\w-])(?:{_THIRD_FR}|{_THIRD_EN}|{_THIRD_RU})(?P<th_m>{_MONTH})
    (?:,?{_S}(?P<th_y>{_YEAR}){_YEAR_WORD})?)""",
    "my": rf"""(?P<my>(?P<my_m>{_MONTH}){_S}(?:de{_S}|of{_S})?(?P<my_y>{_YEAR}){_YEAR_WORD})""",
    "ago": rf"""(?P<ago>(?<!\w)(?:il{_S}y{_S}a|voici|voilà){_S}(?P<ago_n>{_NUM}){_S}
    (?P<ago_u>jours?|semaines?|mois|ans|années?)(?!\w))""",
    "agoen": rf"""(?P<agoen>(?<!\w)(?P<agoen_n>{_NUM}){_S}
    (?P<agoen_u>days?|weeks?|months?|years?){_S}ago(?!\w))""",
    "inn": rf"""(?P<inn>(?<!\w)(?:dans|in){_S}(?P<inn_n>{_NUM}){_S}
    (?P<inn_u>jours?|semaines?|mois|ans|années?|days?|weeks?|months?|years?)(?!\w))""",
    "rel": rf"""(?P<rel>(?<![\w-])(?P<rel_p>{_REL})(?![\w-])
    (?:{_S}{_DAY_PART}(?!\w))?{_at_time("rel_")})""",
    "wd": rf"""(?P<wd>(?:(?P<wd_pre>{_WEEKDAY_PRE}){_S})?
    (?P<wd_w>{_WEEKDAY})(?:{_S}(?P<wd_mod>dernier|prochain|passé)(?!\w))?
    (?:{_S}{_DAY_PART}(?!\w))?{_at_time("wd_")})""",
    "mo": rf"""(?P<mo>(?:(?P<mo_pre>last|next|this){_S})?(?P<mo_m>{_MONTH})
    (?:{_S}(?P<mo_mod>dernier|prochain|passé)(?!\w))?)""",
    "yr": rf"""(?P<yr>(?<![\d.,:/-])(?P<yr_y>{_YEAR})(?![.,]\d)(?:{_S}(?:года|году|г\.))?)""",
    "tm": rf"""(?P<tm>(?<![\d.,:/]){_time("tm_")})""",
}

#: which forms an anchor of each kind can belong to, most complete first
_KIND_FORMS = {
    "digit": ("iso", "num", "yr", "tm"),
    "month": ("xr", "rg", "dm", "er", "md", "th", "my", "mo"),
    "weekday": ("dm", "md", "wd"),
    "relative": ("ago", "agoen", "inn", "th", "rel"),
}


def _compile(names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(FORMS[n] for n in names), re.VERBOSE)


#: every date form, one alternative each; matched against the LOWER-CASED text
DATE_RE = _compile(tuple(FORMS))
#: the forms to try for each kind of anchor (see :data:`ANCHOR_KIND`)
KIND_RE = {kind: _compile(names) for kind, names in _KIND_FORMS.items()}

#: words found in every date expression, and number shapes that can be one: the pre-check.
#: Only where one of these occurs is :data:`DATE_RE` tried, from the word that may start the
#: expression (:data:`START_WORDS`) up to a few words before it.
_ANCHOR_WORDS = (
    set(MONTHS)
    | set(WEEKDAYS)
    | {"hier", "demain", "aujourd", "matin", "midi", "soir", "nuit", "semaine", "mois", "an"}
    | {"année", "jour", "jours", "semaines", "ans", "années", "yesterday", "today", "tonight"}
    | {"tomorrow", "morning", "afternoon", "evening", "day", "days", "week", "weeks", "month"}
    | {"months", "year", "years", "вчера", "сегодня", "завтра", "позавчера", "послезавтра"}
    | {"неделе", "месяце", "году"}
)
#: digit shapes that can be (part of) a date: ISO, numeric, year, time of day
DIGIT_ANCHOR_RE = re.compile(
    r"\d(?:\d{3}-\d\d-\d\d|\d?[./-]\d{1,2}[./-]\d{4}|\d{3}(?!\d)|\d?[^\S\n]?(?:h|:\d|heure))"
)
WORD_ANCHOR_RE = re.compile(rf"\b(?:{alternation(_ANCHOR_WORDS)})\b")
#: the kind of a word anchor
ANCHOR_KIND = (
    dict.fromkeys(_ANCHOR_WORDS, "relative")
    | dict.fromkeys(MONTHS, "month")
    | dict.fromkeys(WEEKDAYS, "weekday")
)

#: words an expression may start with, before its anchor ("du 9 au 12 janvier", "il y a deux
#: jours", "la semaine dernière", "mi-décembre", "в прошлом году")
START_WORDS = frozenset(
    {"du", "from", "entre", "between", "с", "il", "voici", "voilà", "dans", "in", "avant"}
    | {"après", "ce", "cet", "cette", "la", "le", "l", "the", "this", "last", "next", "на", "в"}
    | {"прошлый", "прошлую", "прошлое", "следующий", "следующую", "эту", "этот", "début"}
    | {"fin", "mi", "courant", "early", "mid", "late", "a", "an", "one", "two", "three", "un"}
    | {"une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze"}
    | {"douze", "quinze", "vingt", "trente", "four", "five", "ten"}
    | set(MONTHS)
    | set(WEEKDAYS)
)

REL_LOOKUP = {re.sub(r"\s+", " ", p.replace("’", "'")): v for p, v in _REL_PHRASES.items()}

#: words before a bare month that make it a date ("en mars", "depuis janvier", "in March")
BEFORE_MONTH = re.compile(
    r"(?:\b(?:en|depuis|dès|jusqu['’]en|d['’]ici|in|since|until|by|от|с|до|к)|\bв|\bво)[^\S\n]+$",
    re.IGNORECASE,
)
#: words before a bare year that make it a date
BEFORE_YEAR = re.compile(
    r"(?:\b(?:en|depuis|dès|jusqu['’]en|d['’]ici|l['’]année|année|in|since|until|by|"
    r"в|с|до|к|of)|à\s+partir\s+de|au\s+cours\s+de)[^\S\n]+$",
    re.IGNORECASE,
)
#: what must not follow a year for it to be one: a unit or a counted plural noun ("en 2000
#: euros", "en 2000 communes", "in 2022 votes"), unless the plural is a little word ("en 2010
#: les", "en 2015 nous étions", "en 2012 dans")
NOT_AFTER_YEAR = re.compile(
    r"[^\S\n]*(?:%|€|\$|£|(?:km|kg|m|t|mw|ha)\b"
    r"|(?!(?:nous|vous|ils|elles|les|des|ses|ces|mes|tes|leurs|nos|vos|plus|tous|toutes|après|"
    r"dans|sous|sans|vers|chez|lors|puis|alors|depuis|jamais|toujours|selon|pas|mais|aux|"
    r"était|étaient|avais|avait)\b)[a-zà-ÿ]{3,}[sx]\b)"
)
#: words before a bare time that make it a time of day ("à 17h00", "at 5 p.m.")
BEFORE_TIME = re.compile(
    r"(?:\b(?:à|a|vers|dès|avant|après|jusqu['’]à|at|by|around|until|в|к|до)|"
    r"aux\s+alentours\s+de)[^\S\n]+$",
    re.IGNORECASE,
)
BOUND_BEFORE = re.compile(
    r"(?:(?P<since>\b(?:depuis|dès|since|à\s+partir\s+(?:du|de|d['’]))|\bс)"
    r"|(?P<until>\b(?:jusqu['’](?:au|à|en)|d['’]ici(?:\s+(?:au|à|le|la))?|until|till|by)|\bдо)"
    r"|(?P<before>\b(?:avant(?:\s+le)?|before))"
    r"|(?P<after>\b(?:après(?:\s+le)?|after))"
    r")(?:[^\S\n]+(?:le|la|les|l['’]|the|ce|cette|cet|this))?[^\S\n]+$",
    re.IGNORECASE,
)
THIS_BEFORE = re.compile(r"\b(?:ce|cette|this)[^\S\n]+$", re.IGNORECASE)
HABIT_BEFORE = re.compile(r"\b(?:le|du|chaque|tous\s+les|every|each|по)[^\S\n]+$", re.IGNORECASE)

THIRDS = {
    "début": "early",
    "early": "early",
    "the beginning of": "early",
    "в начале": "early",
    "mi": "mid",
    "mid": "mid",
    "в середине": "mid",
    "fin": "late",
    "late": "late",
    "the end of": "late",
    "в конце": "late",
    "courant": "month",
}
