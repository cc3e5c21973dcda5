"""Speaker mentions: the noun phrase (or pronoun) that is grammatically the source.

A mention keeps the full noun phrase the annotation guide asks for: article, title and a name
that follows the title directly or after a comma ("le secrétaire d'État américain, Antony
Blinken"), without appositions after a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from vigie.quotes.gazetteer import fold
from vigie.quotes.lexicon import (
    ADVERBIAL_PHRASES,
    FEMININE_HONORIFICS,
    HONORIFICS,
    ROLE_NOUNS,
    SPEECH_NOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from vigie.quotes.context import Context

__all__ = ["Mention", "chunk_np", "make_mention", "skip_to_subject"]

DETERMINERS = frozenset(
    fold(w)
    for w in [
        "le",
        "la",
        "l'",
        "les",
        "un",
        "une",
        "des",
        "du",
        "ce",
        "cet",
        "cette",
        "ces",
        "son",
        "sa",
        "ses",
        "leur",
        "leurs",
        "notre",
        "nos",
        "votre",
        "vos",
        "mon",
        "ma",
        "mes",
        "plusieurs",
        "certains",
        "certaines",
        "quelques",
        "deux",
        "trois",
        "quatre",
        "cinq",
        "aucun",
        "aucune",
        "chaque",
        "tout",
        "toute",
        "tous",
        "toutes",
        "au",
        "aux",
    ]
)
INDEFINITE = frozenset(
    fold(w)
    for w in [
        "un",
        "une",
        "des",
        "plusieurs",
        "certains",
        "certaines",
        "quelques",
        "deux",
        "trois",
        "quatre",
        "cinq",
    ]
)
PRONOUNS = {
    "il": ("m", False),
    "-il": ("m", False),
    "elle": ("f", False),
    "-elle": ("f", False),
    "ils": ("m", True),
    "-ils": ("m", True),
    "elles": ("f", True),
    "-elles": ("f", True),
    "lui": ("m", False),
    "eux": ("m", True),
    "celui-ci": ("m", False),
    "celle-ci": ("f", False),
    "ceux-ci": ("m", True),
    "celles-ci": ("f", True),
    "son": (None, False),
    "sa": (None, False),
    "ses": (None, False),
    "leur": (None, True),
    "leurs": (None, True),
}
GENERIC = frozenset({"on", "-on", "l'on"})
RELATIVE = frozenset({"qui", "lequel", "laquelle", "lesquels", "lesquelles"})
_PARTICLES = frozenset(
    {
        "de",
        "du",
        "des",
        "d'",
        "la",
        "le",
        "van",
        "von",
        "der",
        "di",
        "da",
        "ben",
        "bin",
        "al",
        "el",
        "del",
        "dos",
        "ibn",
    }
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
        "aujourd'hui",
        "soir",
        "matin",
        "après-midi",
        "midi",
        "dernier",
        "dernière",
        "prochain",
        "prochaine",
        "encore",
        "également",
        "aussi",
        "ensuite",
        "enfin",
        "alors",
        "notamment",
    ]
)
_SKIP_PREPS = frozenset(
    fold(w)
    for w in [
        "à",
        "au",
        "aux",
        "dans",
        "lors",
        "devant",
        "sur",
        "en",
        "après",
        "avant",
        "pendant",
        "depuis",
        "par",
        "avec",
        "auprès",
        "face",
        "lors",
        "durant",
        "via",
        "chez",
        "vers",
        "contre",
        "pour",
    ]
)


_ADJ_LIKE = re.compile(r"(?:iens?|iennes?|ois|oises?|ais|aises?|ains?|aines?|iques?|aux|ales?)$")
_NOT_ADJ = frozenset({"mais", "jamais", "desormais", "ainsi", "apres", "pendant", "sans"})


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    kind: str  # name | pronoun | relative | generic | description | org | speech | coord
    head: str = ""
    name: str = ""
    definite: bool = True
    gender: str | None = None
    plural: bool = False
    mods: frozenset[str] = frozenset()
    parts: list[Mention] = field(default_factory=list)
    source: Mention | None = None  # "le message du département d'État": the département

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text}


def _cap(t: Token) -> bool:
    return bool(t.text) and t.text[0].isupper()


def _is_name_tok(t: Token) -> bool:
    return (_cap(t) and t.pos_ in ("PROPN", "NOUN", "X", "ADJ")) or t.lower_ in _PARTICLES


def chunk_np(doc: Doc, i: int, stop: int | None = None) -> int:
    """End (exclusive token index) of the noun phrase starting at ``i``; ``i`` if none."""
    stop = len(doc) if stop is None else min(stop, len(doc))
    j = i
    if j < stop and fold(doc[j].text) in DETERMINERS:
        j += 1
    saw = False
    role = False
    while j < stop:
        t = doc[j]
        lw = fold(t.text)
        if lw.rstrip(".") in HONORIFICS and j + 1 < stop and _cap(doc[j + 1]):
            j += 1
            continue
        if t.is_punct or t.is_space:
            if (
                t.text == ","
                and saw
                and role
                and j + 1 < stop
                and _cap(doc[j + 1])
                and (doc[j + 1].pos_ == "PROPN" or doc[j + 1].ent_type_ == "PER")
            ):
                k = j + 1
                while k < stop and _is_name_tok(doc[k]):
                    k += 1
                while k > j + 1 and not _cap(doc[k - 1]):
                    k -= 1
                return k
            if t.text in "-‑" and saw and j + 1 < stop and not doc[j + 1].is_punct:
                j += 1
                continue
            break
        if lw in ROLE_NOUNS and t.pos_ != "VERB":
            saw = True
            role = True
            j += 1
            continue
        if (
            not saw
            and j > i
            and t.pos_ in ("VERB", "ADJ")
            and "Fin" not in t.morph.get("VerbForm", [])
            and not t.text[:1].isupper()
        ):
            saw = True  # a noun made of a participle or adjective: "l'accusé", "le blessé"
            j += 1
            continue
        if t.pos_ in ("NOUN", "PROPN") or (_cap(t) and t.pos_ not in ("VERB", "AUX", "ADP")):
            saw = True
            j += 1
            continue
        if t.pos_ in ("ADJ", "NUM") and (saw or j + 1 < stop):
            j += 1
            continue
        if saw and t.text.islower() and _ADJ_LIKE.search(lw) and lw not in _NOT_ADJ:
            j += 1  # an adjective the tagger missed: "la ministre valdorienne"
            continue
        if lw in ("de", "du", "des", "d'") and saw:
            k = j + 1
            if k < stop and fold(doc[k].text) in ("la", "l'", "le", "les"):
                k += 1
            if (
                k < stop
                and (doc[k].pos_ in ("NOUN", "PROPN") or _cap(doc[k]))
                and not (doc[k].is_punct)
            ):
                j = k
                continue
        break
    if not saw:
        return i
    # a trailing adjective-like word that is really a verb form ends nothing; trim punct
    while j > i and (doc[j - 1].is_punct or doc[j - 1].is_space):
        j -= 1
    return j


_ADVERBIAL_FIRST = frozenset(p[0] for p in ADVERBIAL_PHRASES)


def _adverbial_at(doc: Doc, j: int) -> int:
    if fold(doc[j].text) not in _ADVERBIAL_FIRST:
        return 0
    for p in ADVERBIAL_PHRASES:
        n = len(p)
        if j + n <= len(doc) and tuple(fold(doc[j + m].text) for m in range(n)) == p:
            return n
    return 0


def skip_to_subject(doc: Doc, i: int, stop: int) -> int | None:
    """From the token after an inverted verb group, skip time words, adverbs and
    prepositional phrases ("vendredi aux journalistes") to the inverted subject's start."""
    j = i
    guard = 0
    while j < stop and guard < 30:
        guard += 1
        t = doc[j]
        lw = fold(t.text)
        if t.is_space:
            j += 1
            continue
        if lw in _CALENDAR or t.pos_ == "ADV" or (t.pos_ == "NUM" and j + 1 < stop):
            j += 1
            continue
        adv = _adverbial_at(doc, j)
        if adv:
            j += adv
            continue
        if lw in _SKIP_PREPS or (t.pos_ == "ADP" and lw not in ("de", "d'", "du", "des")):
            if lw == "d'" or lw == "de":
                return None
            k = chunk_np(doc, j + 1, stop)
            if k == j + 1:
                return None
            # "à l'Estafette Jana Kostelec": a person's name glued after the PP's noun
            run = k
            while run - 1 > j + 1 and doc[run - 1].pos_ == "PROPN" and _cap(doc[run - 1]):
                run -= 1
            if k - run >= 2 and (k >= stop or doc[k].is_punct):
                return run
            j = k
            continue
        if t.is_punct:
            return None
        if lw in DETERMINERS or t.pos_ in ("NOUN", "PROPN", "PRON") or _cap(t):
            return j
        return None
    return None


def _merge_hyphens(content: list[tuple[Token, str]]) -> list[tuple[Token, str]]:
    """ "état", "-", "major" → one word "etat-major" (kept with its first token)."""
    out: list[tuple[Token, str]] = []
    k = 0
    while k < len(content):
        t, w = content[k]
        while (
            k + 2 < len(content)
            and content[k + 1][1] in ("-", "‑")
            and not t.whitespace_
            and not content[k + 1][0].whitespace_
        ):
            w = w + "-" + content[k + 2][1]
            k += 2
        out.append((t, w))
        k += 1
    return out


def make_mention(ctx: Context, seg: int, i: int, j: int) -> Mention | None:
    """Classify the tokens ``[i, j)`` of segment ``seg`` as a mention."""
    doc = ctx.docs[seg]
    while i < j and (doc[i].is_space or doc[i].is_punct):
        i += 1
    while j > i and (doc[j - 1].is_space or doc[j - 1].is_punct):
        j -= 1
    if j <= i:
        return None
    toks = [doc[k] for k in range(i, j)]
    base = ctx.segments[seg].start
    start = base + toks[0].idx
    end = base + toks[-1].idx + len(toks[-1].text)
    text = ctx.text[start:end]
    words = [fold(t.text) for t in toks]
    if len(toks) == 1 or (len(toks) == 2 and words[0] in ("l'", "l’")):
        w = words[-1]
        if w in PRONOUNS:
            g, pl = PRONOUNS[w]
            return Mention(start, end, text, "pronoun", w.lstrip("-"), gender=g, plural=pl)
        if w in GENERIC:
            return Mention(start, end, text, "generic", "on")
        if w in RELATIVE:
            return Mention(start, end, text, "relative", w)
    if (len(toks) == 2 and words == ["ce", "dernier"]) or words == ["cette", "derniere"]:
        return Mention(
            start, end, text, "pronoun", "ce dernier", gender="f" if words[0] == "cette" else "m"
        )
    det = words[0] if words[0] in DETERMINERS else ""
    definite = det not in INDEFINITE
    gender = None
    if det in ("le", "ce", "cet", "du", "au", "un"):
        gender = "m"
    elif det in ("la", "cette", "une"):
        gender = "f"
    # a person's name inside (possibly after a title)
    per = [e for e in ctx.entities if e[2] == "PER" and start <= e[0] and e[1] <= end]
    content = [(t, w) for t, w in zip(toks, words, strict=True) if w not in DETERMINERS]
    head = ""
    mods: set[str] = set()
    content = _merge_hyphens(content)
    for t, w in content:
        if not head and (
            t.pos_ in ("NOUN", "PROPN") or w in ROLE_NOUNS or _cap(t) or w in SPEECH_NOUNS
        ):
            head = w
        elif head and not t.is_punct and w not in ("de", "du", "des", "d'", "la", "l'", "le"):
            mods.add(w)
    if not head and content and content[0][0].pos_ in ("VERB", "ADJ", "X"):
        head = content[0][1]  # "la metteuse (en scène)", "l'accusé": the tagger's non-noun
    hon = words[0].rstrip(".") if words and words[0].rstrip(".") in HONORIFICS else ""
    if hon:
        gender = "f" if hon in FEMININE_HONORIFICS else "m"
    if per:
        ps, pe, _ = per[-1]
        name = ctx.text[ps:pe]
        role_mods = frozenset(
            fold(t.text) for t in toks if base + t.idx < ps and not t.is_punct
        ) - {"de", "du", "des", "d'", "la", "l'", "le", "les"}
        role_head = head if head in ROLE_NOUNS else ""
        m = Mention(
            start,
            end,
            text,
            "name",
            role_head,
            name=name,
            definite=True,
            gender=gender,
            mods=role_mods - {role_head},
        )
        if hon:
            m.gender = gender
        return m
    if hon and len(toks) >= 2:
        name = " ".join(t.text for t in toks[1:])
        return Mention(start, end, text, "name", "", name=name, gender=gender)
    if head in SPEECH_NOUNS:
        m = Mention(start, end, text, "speech", head, definite=definite, plural=head.endswith("s"))
        # "le message du département d'État": its source follows "de"
        for k, t in enumerate(toks):
            if fold(t.text) in ("du", "de", "des", "d'") and k > 0 and k + 1 < len(toks):
                sub = make_mention(ctx, seg, toks[k + 1].i, j)
                if sub is not None and sub.kind in ("org", "name", "description"):
                    m.source = sub
                break
        return m
    if head in ROLE_NOUNS:
        return Mention(
            start,
            end,
            text,
            "description",
            head,
            definite=definite,
            gender=gender,
            plural=det in ("les", "des", "ces", "leurs", "plusieurs"),
            mods=frozenset(mods),
        )
    if any(_cap(t) for t, _ in content):
        return Mention(start, end, text, "org", head, definite=definite, mods=frozenset(mods))
    return Mention(
        start,
        end,
        text,
        "description",
        head,
        definite=definite,
        gender=gender,
        plural=det in ("les", "des", "ces"),
        mods=frozenset(mods),
    )
