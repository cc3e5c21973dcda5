"""Signs that a text was machine-translated (or translated in haste) from another language.

Looked for in the translated side of a ``translated`` relation, given the source language:

* ``calque`` — a phrase copied word for word from a construction of the source language
  ("at the level of" for « au niveau de », "since two years" for « depuis deux ans »): a small
  lexicon per language pair, written for vigie;
* ``leftover`` — words of the source language left in the text ("selon", "et", "les" inside
  English), or its script (Cyrillic letters inside a French text);
* ``quote_marks`` — the source language's quotation marks (« » inside English text);
* ``punctuation`` — French spacing before ``; : ! ?`` in a language that does not use it.

Each sign carries its span in the text it was found in and the matched string.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["MTSign", "mt_signs"]


@dataclass(frozen=True, slots=True)
class MTSign:
    kind: str
    start: int
    end: int
    text: str
    note: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _phrases(pairs: list[tuple[str, str]]) -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(rf"\b{p}\b", re.IGNORECASE), note) for p, note in pairs]


#: (source, target) -> [(regex, what it renders)]
_CALQUES: dict[tuple[str, str], list[tuple[re.Pattern[str], str]]] = {
    ("fr", "en"): _phrases(
        [
            (r"at the level of", "« au niveau de »"),
            (r"in the frame(?:work)? of", "« dans le cadre de »"),
            (
                r"since (?:\d+|one|two|three|four|five|several) (?:years?|months?|weeks?|days?)",
                "« depuis N ans » (for N years)",
            ),
            (r"(?:he|she|who) has \d+ years", "« il a N ans » (is N years old)"),
            (
                r"\bthe \d{1,2} (?:january|february|march|april|may|june|july|august|september"
                r"|october|november|december)",
                "« le 12 janvier » (on 12 January)",
            ),
            (r"for a duration of", "« pour une durée de »"),
            (r"at the prorata of", "« au prorata de »"),
            (r"(?:the )?elected official", "« l'élu(e) » (the mayor, the councillor)"),
            (r"security guarantees", "« garanties de sécurité » (security assurances)"),
            (r"we had no more choice", "« nous n'avions plus le choix »"),
            (r"put in place", "« mettre en place » (set up)"),
            (r"it is about", "« il s'agit de »"),
            (r"the totality of", "« la totalité de » (all of)"),
            (r"(?:handicapped|disabled) persons", "« personnes handicapées » (disabled people)"),
            (r"without concertation", "« sans concertation » (without consultation)"),
            (r"(?:which )?counts \d+", "« qui compte N » (which has N)"),
            (r"declared the (?:minister|president|mayor|official|elected)", "« a déclaré le… »"),
            (r"on the occasion of", "« à l'occasion de »"),
            (r"in effect,", "« en effet » (indeed)"),
        ]
    ),
    ("en", "fr"): _phrases(
        [
            (r"fait du sens", "“makes sense” (a du sens)"),
            (r"définitivement", "“definitely” (certainement)"),
            (
                r"adresser (?:le|la|les|ce|cette|ces) (?:problème|question|enjeu)s?",
                "“address the issue” (traiter)",
            ),
            (r"supporter (?:le|la|les) (?:projet|candidat|plan)", "“support” (soutenir)"),
            (r"être en charge de", "“be in charge of” (être chargé de)"),
            (r"réaliser que", "“realize that” (se rendre compte)"),
        ]
    ),
    ("ru", "en"): _phrases(
        [
            (r"in the frame(?:work)? of", "«в рамках» (as part of)"),
            (r"on the territory of", "«на территории» (in)"),
            (r"the so-called", "«так называемый»"),
            (r"in the course of", "«в ходе» (during)"),
            (r"on the question of", "«по вопросу» (on)"),
            (r"security guarantees", "«гарантии безопасности»"),
            (r"indivisible security", "«неделимая безопасность»"),
        ]
    ),
    ("ru", "fr"): _phrases(
        [
            (r"sur le territoire de", "«на территории» (en, dans)"),
            (r"au cours de la conversation", "«в ходе разговора»"),
            (r"la partie (?:russe|américaine|ukrainienne)", "«российская сторона» (la Russie)"),
            (r"l'appui des éléments", "«опора на элементы»"),
            (r"sécurité indivisible", "«неделимая безопасность»"),
            (r"conversation sur la sécurité", "«разговор о безопасности» (dialogue)"),
            (r"affaires appliquées", "«прикладные дела» (questions pratiques)"),
        ]
    ),
    ("en", "ru"): _phrases(
        [
            (r"делать смысл", "“make sense”"),
            (r"адресовать (?:проблему|вопрос)", "“address the issue”"),
        ]
    ),
}

#: frequent words of a source language that the target language does not use
_LEFTOVER_WORDS: dict[str, frozenset[str]] = {
    "fr": frozenset(
        [
            "selon",
            "avec",
            "dans",
            "pour",
            "mais",
            "aussi",
            "leurs",
            "sont",
            "était",
            "être",
            "avoir",
            "cette",
            "ces",
            "aux",
            "des",
            "du",
            "les",
            "et",
            "qui",
            "très",
            "déjà",
            "après",
            "chez",
            "entre",
            "lors",
            "sous",
            "parce",
            "puisque",
            "lorsque",
            "également",
            "ainsi",
            "notamment",
            "toutefois",
            "cependant",
            "aujourd'hui",
            "hier",
            "demain",
            "mairie",
            "gouvernement",
        ]
    ),
    "en": frozenset(
        [
            "the",
            "and",
            "with",
            "from",
            "which",
            "would",
            "should",
            "according",
            "said",
            "this",
            "that",
            "these",
            "those",
            "however",
            "although",
        ]
    ),
    "de": frozenset(["und", "der", "die", "das", "nicht", "mit", "auch", "wurde", "sind"]),
}
_CYRILLIC = re.compile(r"[А-Яа-яЁё]{2,}(?:[\s-]+[А-Яа-яЁё]{2,})*")
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ'’]+")
_GUILLEMETS = re.compile(r"[«»]")
_GERMAN_QUOTES = re.compile(r"[„‚]")
_FRENCH_SPACING = re.compile(r"[ \u00a0\u202f][;:!?](?=\s|$)")
_NAME_PARTICLES = frozenset({"de", "la", "le", "du", "des", "van", "von", "der"})


def _leftovers(text: str, source: str, target: str) -> list[MTSign]:
    out: list[MTSign] = []
    if source == "ru" and target != "ru":
        for m in _CYRILLIC.finditer(text):
            out.append(
                MTSign(
                    "leftover",
                    m.start(),
                    m.end(),
                    m.group(0),
                    "Cyrillic text left in a translation from Russian",
                )
            )
        return out
    words = _LEFTOVER_WORDS.get(source)
    if not words or source == target:
        return out
    target_words = _LEFTOVER_WORDS.get(target, frozenset())
    for m in _LATIN_WORD.finditer(text):
        w = m.group(0).lower()
        if w in words and w not in target_words and w not in _NAME_PARTICLES:
            # "Selon" at the start of a capitalised name ("Des Moines") is not a leftover
            if m.group(0)[0].isupper() and m.start() > 0 and text[m.start() - 1] not in ".\n":
                continue
            out.append(
                MTSign(
                    "leftover",
                    m.start(),
                    m.end(),
                    m.group(0),
                    f"{source} word left in the {target} text",
                )
            )
    return out


def mt_signs(text: str, source: str | None, target: str | None) -> list[MTSign]:
    """Machine-translation signs in ``text`` (in language ``target``) translated from
    ``source``; offsets are into ``text``."""
    if not source or not target or source == target:
        return []
    signs: list[MTSign] = []
    for pattern, note in _CALQUES.get((source, target), []):
        for m in pattern.finditer(text):
            signs.append(
                MTSign(
                    "calque",
                    m.start(),
                    m.end(),
                    m.group(0),
                    f"literal rendering of {note}" if note else "literal rendering",
                )
            )
    signs += _leftovers(text, source, target)
    if target not in ("fr", "ru", "de", "uk") and source in ("fr", "ru", "uk"):
        for m in _GUILLEMETS.finditer(text):
            signs.append(
                MTSign(
                    "quote_marks",
                    m.start(),
                    m.end(),
                    m.group(0),
                    f"{source} quotation marks in {target} text",
                )
            )
    if target not in ("de", "ru", "uk") and source in ("de", "ru", "uk"):
        for m in _GERMAN_QUOTES.finditer(text):
            signs.append(
                MTSign(
                    "quote_marks",
                    m.start(),
                    m.end(),
                    m.group(0),
                    f"{source} low quotation marks in {target} text",
                )
            )
    if source == "fr" and target != "fr":
        for m in _FRENCH_SPACING.finditer(text):
            signs.append(
                MTSign(
                    "punctuation", m.start(), m.end(), m.group(0), "French space before punctuation"
                )
            )
    signs.sort(key=lambda s: (s.start, s.kind))
    return signs
