"""Roles and titles people are given: "le ministre russe des Affaires étrangères Sergueï
Lavrov", "Antony Blinken, secrétaire d'État américain", a quote's speaker mention "le chef de
la diplomatie russe".

A role is a noun phrase headed by a role noun (:data:`vigie.quotes.lexicon.ROLE_NOUNS`:
ministre, président, porte-parole, secrétaire, …), without its determiner, as the text writes
it. Relational nouns that say nothing on their own ("homologue", "homme", "source") are not
roles.
"""

from __future__ import annotations

import re

from vigie.actors.keys import fold
from vigie.quotes.lexicon import ROLE_NOUNS

__all__ = ["role_after", "role_before", "role_of_mention"]

_NOT_ROLES = frozenset(
    {"homologue", "homme", "femme", "source", "locataire", "temoin", "premier", "premiere"}
)
#: a title cannot end on these: the name after them is a complement ("l'épouse de X")
_DANGLING = frozenset(
    {
        "de",
        "d",
        "du",
        "des",
        "a",
        "au",
        "aux",
        "et",
        "ou",
        "pour",
        "par",
        "l",
        "la",
        "le",
        "les",
        "en",
        "sur",
        "avec",
        "chez",
    }
)
_MODIFIERS = frozenset(
    {
        "ancien",
        "ancienne",
        "ex",
        "nouveau",
        "nouvel",
        "nouvelle",
        "actuel",
        "actuelle",
        "futur",
        "future",
        "premier",
        "premiere",
        "vice",
        "haut",
        "haute",
        "jeune",
        "celebre",
    }
)
_DET_RE = re.compile(
    r"^(?:selon |d['’]apr[eè]s |pour )?(?:l['’]\s*|le |la |les |un |une |du |de la |de l['’]|"
    r"des |au |aux |à la |à l['’]|ce |cet |cette )",
    re.IGNORECASE,
)
_POSSESSIVE_RE = re.compile(r"^(?:son|sa|ses|leur|leurs|notre|votre|mon|ma)\s", re.IGNORECASE)
#: words that cannot stand inside a title: verbs, pronouns, most prepositions
_BREAK = frozenset(
    fold(w)
    for w in [
        "a", "ont", "est", "sont", "était", "avait", "avaient", "sera", "serait", "fut", "été",
        "qui", "que", "qu'", "quand", "dont", "il", "elle", "ils", "elles", "on", "se", "s'",
        "ne", "n'", "pas", "avec", "sur", "par", "dans", "ou", "mais", "lui", "leur", "y",
        "a-t-il", "a-t-elle", "selon", "comme", "avant", "après", "lors", "face", "contre",
        "entre", "chez", "vers", "sans", "sous", "où", "si", "plus", "très", "déjà",
        "son", "sa", "ses", "leurs", "notre", "votre", "depuis", "pendant", "durant", "lorsque",
        "puis", "encore", "aussi", "toujours", "jamais", "fois", "hier", "demain",
    ]
)  # fmt: skip
_CLAUSE_END_RE = re.compile(r"[.;:!?«»“”\"()\[\]\n]")
_MAX_WORDS = 10


def _head(word: str) -> str:
    w = fold(word).strip(",")
    return re.sub(r"^[ld]'", "", w)


def _is_role_noun(word: str) -> bool:
    h = _head(word)
    return h in ROLE_NOUNS and h not in _NOT_ROLES


def _tidy(words: list[str]) -> str | None:
    text = " ".join(words).strip(" ,;:-–—")
    text = _DET_RE.sub("", text).strip()
    if not text or len(text.split()) > _MAX_WORDS:
        return None
    if fold(text.split()[-1]).rstrip("'") in _DANGLING:
        return None
    return text


def role_of_mention(text: str) -> str | None:
    """The role in a speaker mention with the name already cut out: ``"le ministre russe des
    Affaires étrangères "`` → ``"ministre russe des Affaires étrangères"``; ``"il"``, ``"son
    porte-parole"`` (whose?), ``"M."`` → None."""
    t = " ".join(text.split()).strip(" ,;:")
    if not t or _POSSESSIVE_RE.match(t):
        return None
    t = _DET_RE.sub("", t).strip()
    words = t.split()
    k = 0
    while k < len(words) - 1 and _head(words[k]) in _MODIFIERS:
        k += 1
    if not words or not _is_role_noun(words[k]):
        return None
    if any(_head(w) in _BREAK for w in words[k + 1 :]):
        return None
    return _tidy(words)


def role_before(text: str, start: int) -> str | None:
    """A title written just before a name that starts at ``start``: "le président américain
    Joe Biden", "le ministre russe des Affaires étrangères, Sergueï Lavrov"."""
    window = text[max(0, start - 160) : start]
    cut = None
    for m in _CLAUSE_END_RE.finditer(window):
        cut = m.end()
    if cut is not None:
        window = window[cut:]
    words = window.split()
    if words and words[-1].endswith(","):
        words[-1] = words[-1][:-1]
    # the role noun nearest the name, with nothing but title words between
    for i in range(len(words) - 1, max(-1, len(words) - _MAX_WORDS - 1), -1):
        w = words[i]
        if w.endswith(",") or _head(w) in _BREAK:
            return None
        if _is_role_noun(w):
            j = i
            while j > 0 and (_head(words[j - 1]) in _MODIFIERS or _is_role_noun(words[j - 1])):
                if words[j - 1].endswith(","):
                    break
                j -= 1
            return _tidy(words[j:])
    return None


def role_after(text: str, end: int) -> str | None:
    """A title in apposition after a name that ends at ``end``: "Antony Blinken, secrétaire
    d'État américain, …", "Jens Stoltenberg, le secrétaire général de l'Otan."."""
    rest = text[end : end + 160]
    m = re.match(r"\s*,\s*", rest)
    if m is None:
        return None
    rest = rest[m.end() :]
    stop = re.search(r"[,.;:!?«»“”\"()\[\]\n]", rest)
    phrase = rest[: stop.start()] if stop else rest
    if stop is not None and stop.group() == "," and rest[stop.end() :].lstrip()[:1].isupper():
        return None  # "X, le Premier ministre, Édouard Philippe": the title of the next name
    phrase = _DET_RE.sub("", phrase.strip())
    words = phrase.split()
    k = 0
    while k < len(words) - 1 and _head(words[k]) in _MODIFIERS:
        k += 1
    if not words or not _is_role_noun(words[k]):
        return None
    if any(_head(w) in _BREAK for w in words[k + 1 :]):
        return None
    return _tidy(words)
