"""Words that name months, weekdays, numbers and time zones, in French, English and Russian.

Every table maps a lower-case form to its value; the rules build their alternations from the
keys (longest first), so a form added here is found everywhere it fits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

__all__ = [
    "MONTHS",
    "MONTH_LANGUAGE",
    "NUMBER_WORDS",
    "RU_MONTHS_IN",
    "WEEKDAYS",
    "WEEKDAY_LANGUAGE",
    "ZONE_OFFSETS",
    "alternation",
]

_FR_MONTHS = {
    "janvier": 1,
    "janv": 1,
    "février": 2,
    "fevrier": 2,
    "févr": 2,
    "fév": 2,
    "mars": 3,
    "avril": 4,
    "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "juil": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "decembre": 12,
    "déc": 12,
}

_EN_MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

#: Russian months in the genitive ("26 февраля") and the nominative ("январь 2022")
_RU_MONTHS = {
    "января": 1,
    "февраля": 2,
    "марта": 3,
    "апреля": 4,
    "мая": 5,
    "июня": 6,
    "июля": 7,
    "августа": 8,
    "сентября": 9,
    "октября": 10,
    "ноября": 11,
    "декабря": 12,
    "январь": 1,
    "февраль": 2,
    "март": 3,
    "апрель": 4,
    "май": 5,
    "июнь": 6,
    "июль": 7,
    "август": 8,
    "сентябрь": 9,
    "октябрь": 10,
    "ноябрь": 11,
    "декабрь": 12,
}

#: Russian months in the prepositional, after в/во: "в январе" (in January)
RU_MONTHS_IN = {
    "январе": 1,
    "феврале": 2,
    "марте": 3,
    "апреле": 4,
    "мае": 5,
    "июне": 6,
    "июле": 7,
    "августе": 8,
    "сентябре": 9,
    "октябре": 10,
    "ноябре": 11,
    "декабре": 12,
}

MONTHS: dict[str, int] = {**_FR_MONTHS, **_EN_MONTHS, **_RU_MONTHS, **RU_MONTHS_IN}

#: which language a month form belongs to (French wins for forms two languages share)
MONTH_LANGUAGE: dict[str, str] = {
    **dict.fromkeys(_RU_MONTHS, "ru"),
    **dict.fromkeys(RU_MONTHS_IN, "ru"),
    **dict.fromkeys(_EN_MONTHS, "en"),
    **dict.fromkeys(_FR_MONTHS, "fr"),
}

_FR_WEEKDAYS = {
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
}
_EN_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
#: Russian weekdays, nominative and accusative ("в среду", "в пятницу")
_RU_WEEKDAYS = {
    "понедельник": 0,
    "вторник": 1,
    "среда": 2,
    "среду": 2,
    "четверг": 3,
    "пятница": 4,
    "пятницу": 4,
    "суббота": 5,
    "субботу": 5,
    "воскресенье": 6,
}

WEEKDAYS: dict[str, int] = {**_FR_WEEKDAYS, **_EN_WEEKDAYS, **_RU_WEEKDAYS}
WEEKDAY_LANGUAGE: dict[str, str] = {
    **dict.fromkeys(_FR_WEEKDAYS, "fr"),
    **dict.fromkeys(_EN_WEEKDAYS, "en"),
    **dict.fromkeys(_RU_WEEKDAYS, "ru"),
}

#: small counts written as words ("il y a deux jours", "two weeks ago")
NUMBER_WORDS: dict[str, int] = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "quinze": 15,
    "vingt": 20,
    "trente": 30,
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "ten": 10,
}

#: "heure de Moscou" and friends: places whose offset from UTC has not changed in years
ZONE_OFFSETS: dict[str, str] = {
    "moscou": "+03:00",
    "moscow": "+03:00",
    "москве": "+03:00",
    "мск": "+03:00",
    "pékin": "+08:00",
    "beijing": "+08:00",
    "tokyo": "+09:00",
    "utc": "+00:00",
    "gmt": "+00:00",
}


def alternation(words: Iterable[str]) -> str:
    """A regex matching any of ``words`` (escaped), as a trie: "janv(?:ier)?|juil(?:let)?…",
    so a failing branch fails on its first character. Longer words win over their prefixes."""
    root: dict[str, Any] = {}
    for w in set(words):
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(root)


def _emit(node: dict[str, Any]) -> str:
    branches = [re.escape(ch) + _emit(sub) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body
