"""One article's actor mentions: its named entities and its quotes' speakers, as *units*.

A unit is the smallest thing the corpus step groups: ``"n:<plain key>"`` for a name (an
entity's or a speaker's, :func:`~vigie.actors.keys.plain_key`) or ``"a:<plain key>"`` for an
anonymous speaker (``anonymous:diplomate valdorien``). Units do not depend on the rest of the
corpus, so the store can keep each mention's unit and, when the corpus step changes its mind
about which actor a unit is, update the mention rows by unit without reading the articles
again.

Inside the article:

- a person's surname alone ("Lavrov", "M. Lavrov", "J. Biden" with its initial) takes the unit
  of the full name it stands for when the article names exactly one person with that surname
  (first names that are spellings of one another count as one: Dmitar / Dimitar);
- a quote's speaker (the quote extractor's canonical string: "Sergueï Lavrov",
  "gouvernement russe", "anonymous:…") takes the unit of the entity it names, or a unit of its
  own; "Antony Blinken et Jens Stoltenberg" is two speakers when both parts are names;
- a speaker mention with a title ("le ministre russe des Affaires étrangères Sergueï Lavrov",
  "le chef de la diplomatie russe") gives the speaker a role, and so does a title written
  next to a person's name when the record carries the article's text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from vigie.actors import gazetteer
from vigie.actors.keys import (
    PARTICLES,
    first_names_compatible,
    fold,
    is_short_form,
    person_parts,
    phonetic_of,
    phonetic_tokens,
    plain_key,
)
from vigie.actors.roles import role_after, role_before, role_of_mention
from vigie.quotes.gazetteer import demonym_country

if TYPE_CHECKING:
    from vigie.actors.registry import Registry

__all__ = [
    "ANON",
    "PERSON_LABELS",
    "SPEAKER_ORG",
    "SPEAKER_PERSON",
    "ArticleMentions",
    "Mention",
    "article_mentions",
    "person_name",
]

#: labels of speakers (entities keep spaCy's PER, ORG, LOC, MISC)
SPEAKER_PERSON = "SPK_PER"
SPEAKER_ORG = "SPK_ORG"
ANON = "ANON"
PERSON_LABELS = frozenset({"PER", SPEAKER_PERSON})


@dataclass(slots=True)
class Mention:
    """One mention of an actor in an article."""

    unit: str
    label: str
    form: str | None = None  # the surface form, counted as an alias
    role: str | None = None
    counted: bool = True  # counts in n_mentions (a speaker already named by an entity: no)
    quote: bool = False  # a quote attributed to the actor


@dataclass(slots=True)
class ArticleMentions:
    """An article's mentions: one per entity (None: not an actor) and a list per quote (its
    speakers; empty when it has none)."""

    entities: list[Mention | None] = field(default_factory=list)
    quotes: list[list[Mention]] = field(default_factory=list)

    def all(self) -> list[Mention]:
        out = [m for m in self.entities if m is not None]
        for q in self.quotes:
            out.extend(q)
        return out


_ALLOWED_LOWER_START = frozenset({"de", "d'", "van", "von", "da", "di", "del", "le", "la", "el"})
_STRIP = " \t,;:.«»“”\"'()[]"


def person_name(text: str) -> str | None:
    """A person entity's name, or None for the recogniser's slips ("des Affaires", "de la
    Défense"); a leading demonym is dropped ("Karsovien Ilia Fomenko" keeps the name only when
    the demonym is known: "Russe Ivan Petrov" → "Ivan Petrov")."""
    name = text.strip(_STRIP)
    if name.endswith(".") and len(name.split()[-1]) > 2:
        name = name.rstrip(".")
    toks = name.split()
    if len(toks) >= 3 and toks[0][:1].isupper() and demonym_country(toks[0]):
        toks = toks[1:]
    if not toks:
        return None
    if not toks[0][:1].isupper():
        first = fold(toks[0])
        if not (first in _ALLOWED_LOWER_START and len(toks) == 2 and toks[1][:1].isupper()):
            return None
    if not any(t[:1].isupper() for t in toks):
        return None
    return " ".join(toks)


#: plain keys that are no name (pronouns and function words a recogniser or a quote's
#: speaker can yield: "Ça", "C'", "je", "nous")
_NOT_NAMES = frozenset(
    [
        "ca", "c", "cela", "ceci", "celui", "celle", "ceux", "celles", "ce", "je", "j", "tu", "il",
        "elle", "on", "nous", "vous", "ils", "elles", "moi", "toi", "lui", "eux", "soi", "autre",
        "autres", "tout", "tous", "toute", "toutes", "chacun", "chacune", "personne", "rien",
        "quelqu un", "certains", "certaines", "plusieurs", "aucun", "aucune", "oui", "non", "bon",
        "voila", "alors", "mais", "et", "ou", "donc", "car", "ni", "si", "la", "le", "les", "l",
        "un", "une", "des", "de", "du", "d", "y", "en", "qui", "que", "quoi",
    ]
)  # fmt: skip
_LOWER_PREFIX_RE = re.compile(r"^(?:de la |de l['’]|de |du |des |d['’])\s*(?=[A-ZÀ-ÖØ-Þ])")


def other_name(text: str) -> str:
    """A non-person entity's name: "de France" (a recogniser's span) → "France"."""
    return _LOWER_PREFIX_RE.sub("", text.strip(_STRIP))


def _name_like(text: str) -> bool:
    toks = text.split()
    if not 2 <= len(toks) <= 5 or any(c.isdigit() for c in text):
        return False
    return toks[0][:1].isupper() and all(
        t[:1].isupper() or fold(t).rstrip("'") in PARTICLES for t in toks
    )


@dataclass(slots=True)
class _Person:
    plain: str
    first: str  # phonetic
    surname: str  # phonetic
    count: int = 0


def _cluster_ok(firsts: Sequence[str]) -> bool:
    """Whether the first names are all spellings or short forms of one name."""
    uniq = sorted(set(firsts), key=lambda f: (-len(f), f))
    longest = uniq[0]
    return all(first_names_compatible(f, longest) or is_short_form(f, longest) for f in uniq[1:])


class _ArticlePeople:
    """The people an article names in full, by phonetic surname."""

    def __init__(self) -> None:
        self.by_surname: dict[str, dict[str, _Person]] = {}

    def add(self, plain: str) -> None:
        first, sur = person_parts(plain)
        if first is None or len(first) == 1:
            return
        ft = phonetic_tokens(first)[0]
        st = " ".join(phonetic_tokens(sur))
        p = self.by_surname.setdefault(st, {}).setdefault(plain, _Person(plain, ft, st))
        p.count += 1

    def full_name_of(self, plain: str) -> str | None:
        """The plain key of the one full name a surname (or initial + surname) stands for."""
        first, sur = person_parts(plain)
        if first is not None and len(first) > 1:
            return None
        st = " ".join(phonetic_tokens(sur))
        people = list(self.by_surname.get(st, {}).values())
        if first is not None:  # an initial
            people = [p for p in people if p.first.startswith(phonetic_tokens(first)[0][:1])]
        if not people or not _cluster_ok([p.first for p in people]):
            return None
        best = max(people, key=lambda p: (p.count, len(p.plain), p.plain))
        return best.plain


def _is_split(registry: Registry | None, plain: str) -> bool:
    return registry is not None and registry.split_of(plain, phonetic_of(plain))[0]


def _known(registry: Registry | None, plain: str) -> str | None:
    """The registry's or the gazetteer's id for a name."""
    if registry is not None:
        owner = registry.alias_owner(plain, phonetic_of(plain))
        if owner is not None:
            return owner
    e = gazetteer.lookup(plain)
    return e.id if e is not None else None


def article_mentions(
    record: Mapping[str, Any], registry: Registry | None = None
) -> ArticleMentions:
    """The actor mentions of one article record: ``entities`` (``results.entities``),
    ``quotes`` (``results.quotes``) and optionally ``text`` (the original text, for titles in
    apposition)."""
    entities: Sequence[Mapping[str, Any]] = record.get("entities") or []
    quotes: Sequence[Mapping[str, Any]] = record.get("quotes") or []
    text: str | None = record.get("text")
    out = ArticleMentions()
    people = _ArticlePeople()
    # entity names
    names: list[tuple[str, str] | None] = []
    for e in entities:
        label = e.get("label") or "MISC"
        raw = e.get("name") or e.get("text") or ""
        name = person_name(raw) if label == "PER" else other_name(raw)
        plain = plain_key(name) if name else ""
        if (
            not plain
            or plain in _NOT_NAMES
            or (registry is not None and registry.is_ignored(plain))
        ):
            names.append(None)
            continue
        names.append((plain, label))
        if label == "PER":
            people.add(plain)
    # the quote extractor's speakers named in full are people of the article too: its
    # per-article resolution ("Lavrov" → "Sergueï Lavrov") is evidence for the surname
    for q in quotes:
        speaker = q.get("speaker")
        if isinstance(speaker, str) and not speaker.startswith("anonymous:"):
            for part in speaker.split(" et "):
                part = part.strip()
                plain = plain_key(part)
                if _name_like(part) and _known(registry, plain) is None:
                    people.add(plain)
    by_plain: dict[str, tuple[str, str]] = {}  # plain → (unit, label) of the article's entities
    by_phon: dict[str, str] = {}  # phonetic key of a full name → its unit
    for e, nl in zip(entities, names, strict=True):
        if nl is None:
            out.entities.append(None)
            continue
        plain, label = nl
        unit_plain = plain
        if label == "PER" and not _is_split(registry, plain):
            full = people.full_name_of(plain)
            if full is not None:
                unit_plain = full
        unit = "n:" + unit_plain
        role = None
        if label == "PER" and text is not None:
            s, end = int(e["start"]), int(e["end"])
            role = role_before(text, s) or role_after(text, end)
        out.entities.append(Mention(unit, label, e.get("text") or plain, role))
        by_plain.setdefault(plain, (unit, label))
        if label == "PER" and person_parts(plain)[0]:
            by_phon.setdefault(phonetic_of(plain), unit)
    # quote speakers
    for q in quotes:
        out.quotes.append(_speakers(q, entities, out.entities, people, by_plain, by_phon, registry))
    return out


def _speakers(
    q: Mapping[str, Any],
    entities: Sequence[Mapping[str, Any]],
    ent_mentions: Sequence[Mention | None],
    people: _ArticlePeople,
    by_plain: Mapping[str, tuple[str, str]],
    by_phon: Mapping[str, str],
    registry: Registry | None,
) -> list[Mention]:
    speaker = q.get("speaker")
    if not speaker or not isinstance(speaker, str):
        return []
    sm = q.get("speaker_mention") or None
    if speaker.startswith("anonymous:"):
        written = " ".join(speaker[len("anonymous:") :].split())
        desc = plain_key(written) or "anonymous"
        return [
            Mention("a:" + desc, ANON, written or None, None, counted=sm is not None, quote=True)
        ]
    parts = [p.strip() for p in speaker.split(" et ")]
    if len(parts) > 1 and not all(
        plain_key(p) in by_plain or _known(registry, plain_key(p)) or _name_like(p) for p in parts
    ):
        parts = [speaker.strip()]
    # entities inside the speaker mention: they already count as mentions and forms
    inside: list[tuple[int, int, str]] = []
    if sm is not None:
        ms, me = int(sm["start"]), int(sm["end"])
        for e, m in zip(entities, ent_mentions, strict=True):
            if m is not None and ms <= int(e["start"]) and int(e["end"]) <= me:
                inside.append((int(e["start"]), int(e["end"]), m.unit))
    out: list[Mention] = []
    for part in parts:
        plain = plain_key(part)
        if not plain or plain in _NOT_NAMES:
            continue
        if registry is not None and registry.is_ignored(plain):
            continue
        unit, label = _speaker_unit(part, plain, people, by_plain, by_phon, registry)
        backed = any(u == unit for _, _, u in inside)
        role = None
        if label == SPEAKER_PERSON and len(parts) == 1 and sm is not None:
            own = [x for x in inside if x[2] == unit]
            role = role_of_mention(_without_name(_cut(sm, own), part))
        out.append(
            Mention(
                unit,
                label,
                None if backed else part,
                role,
                counted=sm is not None and not backed,
                quote=True,
            )
        )
    return out


def _speaker_unit(
    part: str,
    plain: str,
    people: _ArticlePeople,
    by_plain: Mapping[str, tuple[str, str]],
    by_phon: Mapping[str, str],
    registry: Registry | None,
) -> tuple[str, str]:
    hit = by_plain.get(plain)
    if hit is not None:
        unit, label = hit
        return unit, SPEAKER_PERSON if label == "PER" else SPEAKER_ORG
    phon_hit = by_phon.get(phonetic_of(plain))
    if phon_hit is not None:
        return phon_hit, SPEAKER_PERSON
    known = _known(registry, plain)
    if known is not None:
        return "n:" + plain, SPEAKER_PERSON if known.startswith("per:") else SPEAKER_ORG
    if part[:1].isupper() and len(part.split()) == 1:
        full = None if _is_split(registry, plain) else people.full_name_of(plain)
        if full is not None:
            return "n:" + full, SPEAKER_PERSON
        return "n:" + plain, SPEAKER_ORG
    if _name_like(part):
        return "n:" + plain, SPEAKER_PERSON
    return "n:" + plain, SPEAKER_ORG


def _cut(sm: Mapping[str, Any], inside: list[tuple[int, int, str]]) -> str:
    """The speaker mention's text without the names inside it."""
    text = str(sm.get("text") or "")
    base = int(sm["start"])
    for s, e, _ in sorted(inside, reverse=True):
        a, b = s - base, e - base
        if 0 <= a <= b <= len(text):
            text = text[:a] + " " + text[b:]
    return text


def _without_name(text: str, name: str) -> str:
    """The text cut before the first word of ``name`` it contains (a name the entity
    recogniser missed: "le ministre Sergueï Lavrov" → "le ministre ")."""
    keys = {fold(t) for t in name.split() if t[:1].isupper()}
    words = text.split()
    for i, w in enumerate(words):
        if fold(w.strip(_STRIP)) in keys:
            return " ".join(words[:i])
    return text
