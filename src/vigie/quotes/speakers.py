"""Resolve speaker mentions to canonical speakers.

The article's people are collected first (a registry): every person entity, grouped by
surname ("Sergueï Lavrov", "M. Lavrov", "Lavrov" are one person, named by the fullest form),
with the titles the text gives them ("le ministre russe des Affaires étrangères Sergueï
Lavrov", "Antony Blinken, secrétaire d'État américain"). Mentions are then resolved in text
order:

- a name → the registry person with that surname;
- a title ("le ministre russe", "le chef de la diplomatie russe", "le président des
  États-Unis") → the most recently mentioned person whose title fits (same role, modifiers
  contained, demonyms and countries made equal: "américain" = "des États-Unis"); a vague role
  ("le diplomate", "le représentant du Kremlin") → the last speaker; otherwise
  ``anonymous:<description>``;
- a pronoun ("il", "a-t-elle", "son" in "à son avis", "qui", "ce dernier") → the most recent
  speaker or subject of matching gender;
- a place standing for a government ("Moscou", "Washington", "la partie américaine") →
  "gouvernement russe", "gouvernement des États-Unis"; an institution ("le Kremlin") → its
  name; "ces déclarations" → the speaker of the last speech act.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from vigie.quotes.gazetteer import (
    country_government,
    demonym_country,
    fold,
    institution_name,
    outlet_name,
    strip_article,
)
from vigie.quotes.lexicon import FEMININE_HONORIFICS, HONORIFICS, ROLE_NOUNS, SPEECH_NOUNS
from vigie.quotes.mentions import Mention, chunk_np

if TYPE_CHECKING:
    from vigie.quotes.context import Context

__all__ = ["Person", "Registry", "Resolver"]

_STOP = frozenset(
    {"de", "du", "des", "d'", "la", "le", "les", "l'", "et", ",", "en", "a", "au", "aux", "pour"}
)
_CALENDAR = frozenset(
    fold(w)
    for w in [
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "hier",
        "soir",
        "matin",
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ]
)
_ABBREVIATIONS = {"ae": ("affaires", "etrangeres"), "ue": ("union", "europeenne")}
#: role paraphrases → (role, implied modifiers)
_ROLE_PHRASES = (
    (re.compile(r"\bchef(?:fe)? de la diplomatie\b"), "ministre", ("affaires", "etrangeres")),
    (re.compile(r"\bchef(?:fe)? de l'etat\b"), "president", ()),
    (re.compile(r"\blocataire de l'elysee\b"), "president", ("france",)),
    (re.compile(r"\blocataire de la maison[ -]blanche\b"), "president", ("etats-unis",)),
    (re.compile(r"\bpremier ministre\b|\bpremiere ministre\b"), "premier ministre", ()),
    (re.compile(r"\bchef(?:fe)? du gouvernement\b"), "premier ministre", ()),
)
#: roles vague enough to refer back to the last speaker when no titled person fits
_VAGUE_ROLES = frozenset(
    fold(w)
    for w in [
        "diplomate",
        "responsable",
        "dirigeant",
        "dirigeante",
        "représentant",
        "représentante",
        "chef",
        "cheffe",
        "patron",
        "patronne",
        "élu",
        "élue",
        "interlocuteur",
        "interlocutrice",
        "homme",
        "femme",
        "officiel",
        "officielle",
        "haut-représentant",
        "intéressé",
        "intéressée",
    ]
)
_INSTITUTION_HEADS = frozenset(
    fold(w)
    for w in [
        "ministère",
        "gouvernement",
        "parlement",
        "assemblée",
        "sénat",
        "commission",
        "conseil",
        "parquet",
        "police",
        "gendarmerie",
        "armée",
        "état-major",
        "tribunal",
        "cour",
        "mairie",
        "préfecture",
        "agence",
        "organisation",
        "parti",
        "syndicat",
        "entreprise",
        "groupe",
        "société",
        "association",
        "fédération",
        "union",
        "banque",
        "ambassade",
        "présidence",
        "chancellerie",
        "administration",
        "direction",
        "service",
        "services",
        "diplomatie",
        "département",
        "office",
        "autorité",
        "institut",
        "fondation",
        "comité",
    ]
)
_INSTITUTION_HEADS = _INSTITUTION_HEADS | frozenset(
    fold(w)
    for w in [
        "club",
        "ligue",
        "ville",
        "commune",
        "municipalité",
        "région",
        "musée",
        "théâtre",
        "festival",
        "université",
        "école",
        "hôpital",
        "clinique",
        "usine",
        "compagnie",
        "groupe",
        "laboratoire",
        "académie",
        "orchestre",
        "opéra",
        "station",
        "chaîne",
        "journal",
        "quotidien",
        "rédaction",
        "assureur",
        "banque",
        "constructeur",
        "opérateur",
        "distributeur",
        "enseigne",
        "marque",
        "firme",
        "start-up",
        "cabinet",
        "collectivité",
        "agglomération",
        "métropole",
    ]
)
_FEMININE_ROLES = frozenset(
    fold(w)
    for w in [
        "présidente",
        "ministre-présidente",
        "directrice",
        "ambassadrice",
        "députée",
        "sénatrice",
        "chancelière",
        "reine",
        "princesse",
        "procureure",
        "avocate",
        "conseillère",
        "dirigeante",
        "représentante",
        "déléguée",
        "négociatrice",
        "envoyée",
        "gouverneure",
        "préfète",
        "fondatrice",
        "experte",
        "chercheuse",
        "professeure",
        "élue",
        "candidate",
        "opposante",
        "militante",
        "joueuse",
        "coordinatrice",
        "première",
        "secrétaire-générale",
    ]
)


_HONORIFIC_RE = re.compile(r"^(?:M|Mme|Mlle|Mr|Mrs|Ms|Dr|Me|Pr)(?:\.\s*|\s+)")


def strip_honorific(name: str) -> str:
    """``"M. Lavrov"``/``"M.Riabkov"``/``"Mme Truss"`` → the name (never "Milena" → "ilena")."""
    return _HONORIFIC_RE.sub("", name.strip()).strip()


def _norm_mod(w: str) -> list[str]:
    w = fold(w)
    if w in _STOP or not w or w in _CALENDAR:
        return []
    if w in _ABBREVIATIONS:
        return [_singular(x) for x in _ABBREVIATIONS[w]]
    country = demonym_country(w)
    if country:
        return [fold(country)]
    if _DEMONYM_LIKE.search(w):
        return [fold(_masc_sing(w))]
    if w in ("etats-unis", "etats", "unis"):
        return ["etats-unis"] if w == "etats-unis" else []
    return [_singular(w)]


_DEMONYM_LIKE = re.compile(r"(?:ienne|iennes|iens|aise|aises|oise|oises|aine|aines)$")


def _singular(w: str) -> str:
    return w[:-1] if len(w) > 4 and w.endswith(("s", "x")) else w


def role_of(text: str) -> tuple[str, frozenset[str]] | None:
    """``"le ministre russe des Affaires étrangères"`` → ``("ministre", {russie, affaires,
    etrangere})``, or None when no role noun heads the phrase."""
    f = fold(text)
    head = ""
    mods: list[str] = []
    for pat, role, implied in _ROLE_PHRASES:
        if pat.search(f):
            head = role
            mods.extend(_singular(x) for x in implied)
            f = pat.sub(" ", f)
            break
    words = re.findall(r"[\w'-]+", f)
    for w in words:
        if not head and w in ROLE_NOUNS:
            head = w
            continue
        if w in ROLE_NOUNS and head:
            mods.append(w)
            continue
        mods.extend(_norm_mod(w))
    if not head:
        return None
    head = _base_role(head)
    return head, frozenset(m for m in mods if m != head and m not in ("ancien", "nouveau"))


def _base_role(head: str) -> str:
    """Feminine and masculine forms share one key: présidente → president."""
    for suf, rep in (
        ("trice", "teur"),
        ("ere", "er"),
        ("euse", "eur"),
        ("ienne", "ien"),
        ("ante", "ant"),
        ("ente", "ent"),
        ("ee", "e"),
    ):
        if head.endswith(suf) and len(head) > len(suf) + 2:
            return head[: -len(suf)] + rep
    return head


def _surname_key(name: str) -> str:
    toks = [t for t in re.findall(r"[\w'-]+", fold(name)) if t not in HONORIFICS]
    if not toks:
        return ""
    s = toks[-1].replace("y", "i").replace("ou", "u")
    return s


def _gender_of(text: str) -> str | None:
    f = fold(text)
    first = f.split()[0].rstrip(".") if f.split() else ""
    if first in FEMININE_HONORIFICS or first in ("la", "une", "cette"):
        return "f"
    if first in ("m", "mr", "le", "un", "ce", "cet"):
        return "m"
    if any(w in _FEMININE_ROLES for w in f.split()):
        return "f"
    return None


@dataclass(slots=True)
class Person:
    canonical: str
    key: str
    gender: str | None = None
    titles: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)


class Registry:
    """The people an article names, with their titles."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.people: list[Person] = []
        self._by_key: dict[str, Person] = {}
        for s, e, label in ctx.entities:
            if label == "PER":
                self._add(s, e)

    def _add(self, s: int, e: int) -> None:
        text = self.ctx.text[s:e]
        name = strip_honorific(text).strip()
        if not name:
            return
        key = _surname_key(name)
        if not key:
            return
        p = self._by_key.get(key)
        ntoks = len(name.split())
        if p is None:
            p = Person(name, key)
            self._by_key[key] = p
            self.people.append(p)
        elif ntoks > len(p.canonical.split()) and len(p.canonical.split()) == 1:
            p.canonical = name
        p.positions.append(s)
        g = _gender_of(text)
        title = self._title_before(s) or self._title_after(e)
        if title is not None:
            role = role_of(title)
            if role is not None and role not in p.titles:
                p.titles.append(role)
            g = g or _gender_of(title)
        if g and not p.gender:
            p.gender = g

    def _title_before(self, s: int) -> str | None:
        tok = self.ctx.token_at(s)
        if tok is None:
            return None
        doc = self.ctx.docs[tok.seg]
        k = tok.i - 1
        if k >= 0 and doc[k].text == ",":
            k -= 1
        end = k + 1
        steps = 0
        while k >= 0 and steps < 12:
            steps += 1
            t = doc[k]
            w = fold(t.text)
            if (t.is_punct and t.text not in "-") or w in _CALENDAR:
                break
            if t.pos_ in ("VERB", "AUX", "PRON", "SCONJ", "CCONJ") or (
                t.pos_ == "ADP" and w not in ("de", "du", "des", "d'")
            ):
                break
            k -= 1
        start = k + 1
        words = [fold(doc[m].text) for m in range(start, end)]
        if not any(w in ROLE_NOUNS for w in words):
            return None
        base = self.ctx.segments[tok.seg].start
        return self.ctx.text[
            base + doc[start].idx : base + doc[end - 1].idx + len(doc[end - 1].text)
        ]

    def _title_after(self, e: int) -> str | None:
        tok = self.ctx.token_at(e)
        if tok is None or tok.text != ",":
            return None
        doc = self.ctx.docs[tok.seg]
        j = tok.i + 1
        if j >= len(doc):
            return None
        end = chunk_np(doc, j, len(doc))
        words = [fold(doc[m].text) for m in range(j, end)]
        if end <= j or not any(w in ROLE_NOUNS for w in words[:3]):
            return None
        base = self.ctx.segments[tok.seg].start
        return self.ctx.text[base + doc[j].idx : base + doc[end - 1].idx + len(doc[end - 1].text)]

    def recent_person(
        self, pos: int, gender: str | None, head: str, window: int = 1500
    ) -> Person | None:
        """The person named most recently before ``pos`` (within ``window`` characters) whom
        a definite description with role ``head`` may refer to: gender compatible, and no
        known title with another role."""
        cands = []
        for p in self.people:
            before = [x for x in p.positions if pos - window <= x < pos]
            if before:
                cands.append((max(before), p))
        for _, p in sorted(cands, key=lambda c: c[0], reverse=True):
            if gender and p.gender and gender != p.gender:
                continue
            if p.titles and all(h != head for h, _ in p.titles):
                continue
            return p
        return None

    def by_name(self, name: str) -> Person | None:
        key = _surname_key(name)
        if not key:
            return None
        if key in self._by_key:
            return self._by_key[key]
        # a glued prefix from page furniture: "SVLavrov"
        f = fold(name).replace("y", "i").replace("ou", "u")
        for k, p in self._by_key.items():
            if len(k) >= 4 and f.endswith(k) and " " not in f:
                return p
        return None

    def by_title(
        self, role: tuple[str, frozenset[str]], pos: int, gender: str | None
    ) -> Person | None:
        head, mods = role
        best: tuple[int, int, Person] | None = None
        for p in self.people:
            if gender and p.gender and gender != p.gender:
                continue
            for h, pm in p.titles:
                if h != head:
                    continue
                missing = mods - pm
                if missing and not (len(missing) == 1 and len(mods & pm) >= 1):
                    continue
                before = [x for x in p.positions if x <= pos]
                recency = max(before) if before else -min(p.positions)
                score = (len(mods & pm) - 2 * len(missing), recency)
                if best is None or score > best[:2]:
                    best = (score[0], score[1], p)
        return best[2] if best else None


@dataclass(slots=True)
class _Seen:
    pos: int
    speaker: str
    gender: str | None
    plural: bool
    person: bool


class Resolver:
    """Resolves mentions in text order, remembering who spoke last."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.registry = Registry(ctx)
        self.history: list[_Seen] = []
        self._subjects = self._person_subjects()

    def _person_subjects(self) -> list[_Seen]:
        """People named as the subject of any verb: candidates for a later "il"/"elle"."""
        out = []
        for s, e, label in self.ctx.entities:
            if label != "PER":
                continue
            tok = self.ctx.token_at(s)
            if tok is None:
                continue
            q = self.ctx.outer_quote_at(s)
            if q is not None and q.start <= s < q.end:
                continue  # people named inside quotes are not the article's subjects
            t = tok.tok
            head_tok = t
            while head_tok.head is not head_tok and (
                head_tok.dep_ in ("flat:name", "flat", "appos", "conj")
                or (
                    head_tok.dep_ == "nmod"
                    and not any(c.dep_ == "case" for c in head_tok.children)
                    and head_tok.head.i < head_tok.i
                )
            ):
                head_tok = head_tok.head  # "le chef cuisinier Tom Arnal": the title's role
            is_subject = any(x.dep_.startswith("nsubj") for x in (t, head_tok)) or (
                self.ctx.sentence(s)[0] == s  # "Milos Kadlec, 71 ans, a été réveillé …"
            )
            if not is_subject:
                continue
            p = self.registry.by_name(self.ctx.text[s:e])
            if p is not None:
                out.append(_Seen(s, p.canonical, p.gender, False, True))
        return out

    def note_speaker(self, pos: int, speaker: str | None, mention: Mention | None) -> None:
        if not speaker:
            return
        person = any(p.canonical == speaker for p in self.registry.people)
        gender = None
        if person:
            p = next(p for p in self.registry.people if p.canonical == speaker)
            gender = p.gender
        elif mention is not None:
            gender = mention.gender
        plural = " et " in speaker
        self.history.append(_Seen(pos, speaker, gender, plural, person))

    def last_speaker(
        self,
        pos: int,
        gender: str | None = None,
        plural: bool = False,
        include_subjects: bool = True,
    ) -> str | None:
        cands = [h for h in self.history if h.pos < pos]
        if include_subjects:
            cands += [h for h in self._subjects if h.pos < pos]
        cands.sort(key=lambda h: h.pos)
        for h in reversed(cands):
            if gender and h.gender and h.gender != gender:
                continue
            if plural != h.plural and plural:
                continue
            return h.speaker
        if include_subjects:
            # last resort: the person named most recently before ``pos``
            best: tuple[int, Person] | None = None
            for p in self.registry.people:
                if gender and p.gender and p.gender != gender:
                    continue
                before = [x for x in p.positions if x < pos]
                if before and (best is None or max(before) > best[0]):
                    best = (max(before), p)
            if best is not None and not plural:
                return best[1].canonical
        return None

    def resolve(self, m: Mention | None, pos: int) -> str | None:
        if m is None:
            return None
        kind = m.kind
        if kind == "coord" and m.parts:
            names = [n for n in (self.resolve(p, pos) for p in m.parts) if n]
            return " et ".join(dict.fromkeys(names)) if names else None
        if kind == "name":
            p = self.registry.by_name(m.name or m.text)
            if p is not None:
                return p.canonical
            return strip_honorific(m.name or m.text)
        if kind == "pronoun":
            if m.head in ("son", "sa", "ses", "leur", "leurs"):
                return self.last_speaker(pos, None, m.plural and m.head.startswith("leur"))
            found = self.last_speaker(pos, m.gender, m.plural)
            if found is None and m.plural:
                found = self._plural_subject(pos)
            return found
        if kind == "relative":
            if m.source is not None:
                return self.resolve(m.source, pos)
            return self.last_speaker(pos)
        if kind == "generic":
            return None
        if kind == "speech":
            if m.source is not None:
                return self.resolve(m.source, pos)
            first = fold(m.text).split()[0] if m.text.split() else ""
            if first in ("ces", "ses", "cette", "ce", "leurs", "leur", "sa", "son"):
                return self.last_speaker(pos, include_subjects=False)
            return None
        return self._resolve_description(m, pos)

    def _plural_subject(self, pos: int) -> str | None:
        """ "Les cheminots se sont réunis. Selon eux, …": the last plural subject noun phrase
        (within 600 characters) for "ils", "elles", "eux"."""
        best = None
        for seg, doc in enumerate(self.ctx.docs):
            base = self.ctx.segments[seg].start
            if base > pos or self.ctx.segments[seg].end < pos - 600:
                continue
            for t in doc:
                off = base + t.idx
                if off >= pos:
                    break
                if (
                    off >= pos - 600
                    and t.dep_.startswith("nsubj")
                    and t.pos_ == "NOUN"
                    and "Plur" in t.morph.get("Number", [])
                ):
                    best = (seg, t)
        if best is None:
            return None
        seg, t = best
        a = t.left_edge.i
        end = chunk_np(self.ctx.docs[seg], a, t.i + 8)
        base = self.ctx.segments[seg].start
        doc = self.ctx.docs[seg]
        text = self.ctx.text[base + doc[a].idx : base + doc[end - 1].idx + len(doc[end - 1])]
        words = text.split()
        bare = " ".join(words[1:]) if words and fold(words[0]) in _DETS else text
        return _collective(text) or (bare if t.lemma_ in _COLLECTIVES else "anonymous:" + bare)

    def _salient_person(self, pos: int, gender: str | None, head: str) -> str | None:
        """The last person who spoke or was the subject of a verb (within 1,500 characters)
        that a definite description may refer to: gender compatible, no other known role."""
        cands = [h for h in self.history + self._subjects if pos - 1500 <= h.pos < pos]
        cands.sort(key=lambda h: h.pos, reverse=True)
        for h in cands:
            if not h.person:
                continue
            p = next((p for p in self.registry.people if p.canonical == h.speaker), None)
            if p is None:
                continue
            if gender and p.gender and gender != p.gender:
                continue
            if p.titles and all(t != head for t, _ in p.titles):
                continue
            return p.canonical
        return None

    def _resolve_description(self, m: Mention, pos: int) -> str | None:
        text = m.text.strip()
        if len(text.split()) == 1 and text[:1].isupper():
            p = self.registry.by_name(text)
            if p is not None:
                return p.canonical
        inst = institution_name(text) or country_government(text) or _collective(text)
        if inst:
            return inst
        outlet = outlet_name(text)
        if outlet:
            return outlet
        words = text.split()
        det = fold(words[0]) if words else ""
        bare = " ".join(words[1:]) if det in _DETS else text
        if det.startswith("l'"):
            bare = text[2:].strip()  # "l’accusé", "l'économiste X"
            det = "l'"
        role = role_of(text)
        if role is not None and m.kind != "org":
            gender = m.gender or _gender_of(text)
            if det in _POSSESSIVES:
                # "son porte-parole": the role of the last speaker (a person or a body)
                owner = self.last_speaker(pos, include_subjects=True)
                if owner:
                    return "anonymous:" + bare + " " + _of(owner)
            elif m.definite:
                p = self.registry.by_title(role, pos, gender)
                if p is not None:
                    return p.canonical
                if role[0] in _VAGUE_ROLES or (role[0] == "president" and not role[1]):
                    last = self.last_speaker(pos, gender, include_subjects=False)
                    if last is not None:
                        return last
                if det in ("le", "la", "l'", "ce", "cet", "cette"):
                    found = self._salient_person(pos, gender, role[0])
                    if found is not None:
                        return found
            return "anonymous:" + bare
        if (
            m.kind == "description"
            and det in ("le", "la", "l'", "ce", "cet", "cette")
            and m.head
            and not m.plural
            and m.head not in _INSTITUTION_HEADS | _COLLECTIVES
            and m.head not in SPEECH_NOUNS
        ):
            # "le vainqueur", "le retraité": a person just introduced by name
            found = self._salient_person(pos, m.gender or _gender_of(text), _base_role(m.head))
            if found is not None:
                return found
        named = _NOUN_THEN_NAME_RE.match(bare)
        if named and fold(named.group(1)) not in _KEEP_NOUN_WITH_NAME:
            return named.group(2)  # "le distributeur Réseau Méridie" → "Réseau Méridie"
        if m.kind == "org" or m.head in _INSTITUTION_HEADS or m.head in _COLLECTIVES:
            inst2 = institution_name(bare) or country_government(bare)
            if det in _POSSESSIVES:
                owner = self.last_speaker(pos, include_subjects=True)
                if owner:
                    return bare + " " + _of(owner)
            if m.kind != "org" and not m.definite:
                return "anonymous:" + bare
            return inst2 or bare
        if m.kind == "description" and m.head:
            return "anonymous:" + bare
        return bare or None


_DETS = frozenset(
    fold(w)
    for w in [
        "le",
        "la",
        "les",
        "un",
        "une",
        "des",
        "du",
        "son",
        "sa",
        "ses",
        "leur",
        "leurs",
        "ce",
        "cet",
        "cette",
        "ces",
        "plusieurs",
        "certains",
        "certaines",
        "quelques",
    ]
)
_POSSESSIVES = frozenset({"son", "sa", "ses", "leur", "leurs"})
#: groups speaking as one: named without an article, not "anonymous"
_COLLECTIVES = frozenset(
    fold(w)
    for w in [
        "délégation",
        "délégations",
        "organisateurs",
        "organisateur",
        "presse",
        "médias",
        "gardes-frontières",
        "état-major",
        "cabinet",
        "services",
        "autorités",
        "enquêteurs",
        "secouristes",
        "pompiers",
        "gendarmes",
        "policiers",
        "douaniers",
        "syndicats",
        "manifestants",
        "habitants",
        "riverains",
        "participants",
        "élus",
        "équipe",
        "équipes",
        "direction",
        "comité",
        "chambre",
        "institut",
        "observatoire",
        "opposition",
        "majorité",
        "collectif",
        "rédaction",
    ]
)
_ADJ_COLLECTIVE_RE = re.compile(
    r"^(?:les |l['’])?(autorités|diplomatie)\s+([a-zéèêëïîôûç-]+)$", re.IGNORECASE
)


#: "le ministère X", "l'institut X" keep their noun; "le distributeur X", "le groupe X" do not
_KEEP_NOUN_WITH_NAME = frozenset(
    fold(w)
    for w in [
        "ministère",
        "institut",
        "université",
        "tribunal",
        "conseil",
        "commission",
        "cour",
        "comité",
        "fondation",
        "musée",
        "théâtre",
        "festival",
        "école",
        "hôpital",
        "académie",
        "orchestre",
        "opéra",
        "département",
        "préfecture",
        "mairie",
        "parquet",
        "office",
        "observatoire",
        "centre",
    ]
)
_NOUN_THEN_NAME_RE = re.compile(
    r"^([a-zàâçéèêëîïôûùüÿœ-]+|ONG)\s+((?:[A-ZÀ-Þ][\w'’-]*)(?:\s+(?:[A-ZÀ-Þ0-9][\w'’-]*|de|du|des|d'))*)$"
)


def _masc_sing(adj: str) -> str:
    a = fold(adj)
    for suf, rep in (
        ("iennes", "ien"),
        ("ienne", "ien"),
        ("aines", "ain"),
        ("aine", "ain"),
        ("aises", "ais"),
        ("aise", "ais"),
        ("ises", "is"),
        ("es", "e"),
    ):
        if a.endswith(suf):
            return adj[: len(adj) - len(suf)] + rep
    return adj[:-1] if a.endswith("s") else adj


def _collective(text: str) -> str | None:
    """ "les autorités valdoriennes" → "gouvernement valdorien"; "la diplomatie karsovienne" →
    "ministère karsovien des Affaires étrangères"."""
    m = _ADJ_COLLECTIVE_RE.match(
        strip_article(text) if not text.lower().startswith("les ") else text
    )
    if m is None:
        return None
    adj = _masc_sing(m.group(2))
    if fold(m.group(1)) == "autorites":
        return country_government(f"gouvernement {adj}") or f"gouvernement {adj}"
    return f"ministère {adj} des Affaires étrangères"


def _of(owner: str) -> str:
    """French "de" before a name: "du ministère …", "de Sergueï Lavrov", "d'Antony Blinken"."""
    f = fold(owner)
    for prefix in (
        "ministere",
        "gouvernement",
        "departement",
        "conseil",
        "parlement",
        "senat",
        "comite",
        "parquet",
        "pacte",
        "kremlin",
        "pentagone",
    ):
        if f.startswith(prefix):
            return "du " + owner
    if f[:1] in "aeiouyh":
        return "d'" + owner
    return "de " + owner
