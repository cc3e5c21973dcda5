"""Speech cues in spaCy's parse: verb groups, participles and ``selon``-type markers.

A cue knows its text span (the verb group with auxiliary, inserted adverbs and inverted
pronoun: "a également noté", "a-t-il ajouté", "insiste-t-on", "vient justement d'annoncer"),
its lexicon entry and stance, its subject mention, whether the subject is inverted (an incise),
and its complement: a ``que`` clause, ``de``/``à`` + infinitive, a bare infinitive, an
indirect question, a colon or a quote. Negated speech ("n'a pas dit") and predicted speech
(future tense, "devrait annoncer", "va dire") are not cues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vigie.quotes.gazetteer import fold, institution_name, outlet_name
from vigie.quotes.lexicon import (
    A_INF_VERBS,
    ADVERBIAL_PHRASES,
    AVIS_MARKERS,
    HONORIFICS,
    MODAL_HEADS,
    MULTIWORD,
    ROLE_NOUNS,
    SPEECH_NOUNS,
    VERBS,
    WH_WORDS,
    Verb,
    could_be_speech_verb,
    verb_for_form,
)
from vigie.quotes.marks import ALL_MARKS, CLOSERS
from vigie.quotes.mentions import (
    DETERMINERS,
    Mention,
    chunk_np,
    make_mention,
    skip_to_subject,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from vigie.quotes.context import Context

__all__ = ["Cue", "find_cues"]

_AUX = frozenset(
    fold(w)
    for w in [
        "a",
        "ont",
        "avait",
        "avaient",
        "aurait",
        "auraient",
        "aura",
        "auront",
        "eut",
        "eurent",
        "ait",
        "aient",
        "avoir",
        "ayant",
        "est",
        "sont",
        "était",
        "étaient",
        "serait",
        "seraient",
        "sera",
        "seront",
        "fut",
        "furent",
        "être",
        "étant",
    ]
)
_ETRE = frozenset(
    fold(w)
    for w in [
        "est",
        "sont",
        "était",
        "étaient",
        "serait",
        "seraient",
        "sera",
        "seront",
        "fut",
        "furent",
        "être",
        "étant",
        "été",
    ]
)
_CLITICS = frozenset(
    {
        "-t",
        "t",
        "-il",
        "-elle",
        "-on",
        "-ils",
        "-elles",
        "-t-il",
        "-t-elle",
        "-t-on",
        "-je",
        "-nous",
        "-vous",
    }
)
_SUBJ_CLITICS = frozenset(
    {
        "-il",
        "-elle",
        "-on",
        "-ils",
        "-elles",
        "-t-il",
        "-t-elle",
        "-t-on",
        "il",
        "elle",
        "on",
        "ils",
        "elles",
    }
)
_NEG_END = frozenset(
    {"pas", "jamais", "plus", "guere", "point", "rien", "nullement", "aucun", "aucune", "personne"}
)
_OBJ_CLITICS = frozenset(
    {
        "le",
        "la",
        "les",
        "l'",
        "lui",
        "leur",
        "se",
        "s'",
        "y",
        "en",
        "me",
        "m'",
        "te",
        "t'",
        "nous",
        "vous",
    }
)
#: verbs whose reflexive form is not a speech act ("s'explique", "se confirme")
_NOT_REFLEXIVE_SPEECH = frozenset(
    {
        "expliquer",
        "confirmer",
        "préciser",
        "annoncer",
        "résumer",
        "observer",
        "constater",
        "noter",
        "écrire",
        "répéter",
        "poursuivre",
        "conclure",
        "traduire",
        "relever",
        "révéler",
        "dévoiler",
        "développer",
        "justifier",
        "lancer",
        "reprendre",
        "rappeler",
        "trouver",
        "juger",
        "estimer",
        "considérer",
        "avancer",
        "maintenir",
        "réclamer",
        "demander",
    }
)
_VENIR = frozenset(fold(w) for w in ["vient", "viennent", "venait", "venaient", "venir"])
_TENIR = frozenset(fold(w) for w in ["tenu", "tenue", "voulu", "voulue"])
_SOURCE_HEADS = frozenset(
    fold(w)
    for w in [
        "autorités",
        "autorité",
        "médias",
        "média",
        "responsables",
        "services",
        "source",
        "sources",
        "entourage",
        "proches",
        "observateurs",
        "analystes",
        "experts",
        "spécialistes",
        "presse",
        "agence",
        "agences",
        "gouvernement",
        "ministère",
        "ministères",
        "parquet",
        "police",
        "armée",
        "état-major",
        "justice",
        "tribunal",
        "commission",
        "conseil",
        "syndicat",
        "syndicats",
        "organisation",
        "organisations",
        "association",
        "associations",
        "parti",
        "opposition",
        "majorité",
        "camp",
        "partie",
        "diplomatie",
        "direction",
        "préfecture",
        "mairie",
        "élysée",
        "kremlin",
        "kiev",
        "moscou",
        "washington",
        "paris",
        "communiqué",
    ]
)
_NOT_SOURCE = frozenset(
    fold(w)
    for w in [
        "cas",
        "lequel",
        "laquelle",
        "lesquels",
        "lesquelles",
        "que",
        "loi",
        "lois",
        "règle",
        "règles",
        "modalités",
        "critères",
        "calendrier",
        "plan",
        "principe",
        "principes",
        "termes",
        "conditions",
        "besoin",
        "besoins",
        "circonstances",
        "saison",
        "saisons",
        "heure",
        "heures",
        "région",
        "régions",
        "secteur",
        "secteurs",
        "taille",
        "type",
        "types",
        "niveau",
        "niveaux",
        "profil",
        "tradition",
        "traditions",
        "usage",
        "usages",
        "formule",
        "procédure",
        "procédures",
        "coutume",
        "méthode",
        "méthodes",
        "expression",
        "logique",
        "schéma",
        "scénario",
        "scénarios",
        "modèle",
        "modèles",
        "rythme",
        "ordre",
        "degré",
        "âge",
        "âges",
        "sexe",
        "humeur",
        "goût",
        "goûts",
        "situation",
        "situations",
        "contexte",
        "météo",
        "moment",
        "moments",
        "période",
        "périodes",
        "zone",
        "zones",
        "endroit",
        "endroits",
        "lieu",
        "lieux",
        "taux",
        "prix",
        "valeur",
        "valeurs",
        "mesure",
        "mesures",
        "résultat",
        "résultats",
        "façon",
        "manière",
        "mode",
        "modes",
        "critère",
        "norme",
        "normes",
        "barème",
        "grille",
        "échelle",
        "horaire",
        "horaires",
        "cours",
    ]
)


@dataclass(slots=True)
class Cue:
    kind: str  # verb | participle | selon | relselon | pour | avis | comme
    start: int
    end: int
    text: str
    lemma: str
    stance: str
    seg: int
    head: int  # token index of the verb or marker
    first: int  # first token index of the group
    last: int  # last token index of the group (inclusive)
    subject: Mention | None = None
    inverted: bool = False
    comp: str | None = None  # que | de | inf | wh | colon | quote | after | before | whole
    comp_start: int | None = None  # clean offset where the content starts
    comma_before: bool = False
    conditional: bool = False
    frames: str = ""
    antecedent: Mention | None = None  # "pour qui", "selon lequel": the noun phrase before

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "lemma": self.lemma,
            "stance": self.stance,
        }


def _f(t: Token) -> str:
    return fold(t.text)


def _is_inf(t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX") and "Inf" in t.morph.get("VerbForm", [])


def _verb_of(doc: Doc, t: Token) -> tuple[Verb, int] | None:
    """The lexicon verb of token ``t`` and the index of the group's last token."""
    nxt = _f(doc[t.i + 1]) if t.i + 1 < len(doc) else ""
    key = (fold(t.lemma_), nxt)
    if key in MULTIWORD and t.pos_ in ("VERB", "AUX"):
        expr = MULTIWORD[key]
        last = t.i + (2 if expr == "mettre en garde" else 1)
        if expr == "mettre en garde" and (last >= len(doc) or _f(doc[last]) != "garde"):
            return None
        return VERBS[expr], last
    v = verb_for_form(t.text, t.lemma_ if t.pos_ in ("VERB", "AUX") else "")
    if v is None:
        return None
    if t.pos_ == "VERB":
        return v, t.i
    # a verb the tagger took for a noun/adjective: accept after an auxiliary or before an
    # inverted pronoun, never after a determiner ("la demande", "l'annonce")
    prev = doc[t.i - 1] if t.i > 0 else None
    if prev is not None and _f(prev) in DETERMINERS:
        return None
    if t.pos_ in ("NOUN", "ADJ", "PROPN", "ADV", "X") and (
        (prev is not None and (_f(prev) in _AUX or _f(prev) in _CLITICS))
        or nxt in _CLITICS
        or nxt in (":", "que", "qu'")
        or _after_closing_mark(doc, t.i)
    ):
        return v, t.i
    return None


def _after_closing_mark(doc: Doc, i: int) -> bool:
    """Token ``i`` opens an incise right after a quote: "« … », réplique X"."""
    k = i - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    if k >= 0 and doc[k].text == ",":
        k -= 1
        while k >= 0 and doc[k].is_space:
            k -= 1
    return k >= 0 and doc[k].text[:1] in CLOSERS + '"″'


_TRIGGERS = frozenset(
    {
        "selon",
        "d'",
        "d'apres",
        "pour",
        "a",
        "de",
        "comme",
        "faire",
        "laisser",
        "mettre",
        "fait",
        "fais",
        "font",
        "faisait",
        "laisse",
        "laissait",
        "met",
        "mis",
        "mettait",
    }
)


def find_cues(ctx: Context) -> list[Cue]:
    cues: list[Cue] = []
    for seg, doc in enumerate(ctx.docs):
        for t in doc:
            if t.is_punct or t.is_space or t.like_num:
                continue
            lw = _f(t)
            if lw not in _TRIGGERS and not could_be_speech_verb(lw, t.lemma_):
                continue
            if lw == "selon" or (lw in ("d'", "d'apres") and _d_apres(doc, t.i)):
                c = _selon_cue(ctx, seg, doc, t)
            elif lw == "pour":
                c = _pour_cue(ctx, seg, doc, t)
            elif lw in ("a", "à", "de") and _avis_at(doc, t.i):
                c = _avis_cue(ctx, seg, doc, t)
            elif lw == "comme":
                c = _comme_cue(ctx, seg, doc, t)
            else:
                c = _verb_cue(ctx, seg, doc, t)
            if c is not None:
                cues.append(c)
    cues.sort(key=lambda c: c.start)
    cues = _dedupe(cues)
    cues.extend(_colon_cues(ctx, cues))
    cues.sort(key=lambda c: c.start)
    return cues


def _main_verb(t: Token) -> bool:
    """A finite verb, or a participle with its auxiliary ("a fait")."""
    if t.pos_ != "VERB":
        return False
    return "Fin" in t.morph.get("VerbForm", []) or any(
        c.dep_.startswith("aux") and c.i < t.i for c in t.children
    )


def _colon_cues(ctx: Context, cues: list[Cue]) -> list[Cue]:
    """ "X a tenu à rassurer : « … »": any verb before a colon that opens a quote introduces
    it, even when the lexicon does not know the verb (neutral stance)."""
    out: list[Cue] = []
    for seg, doc in enumerate(ctx.docs):
        if ":" not in ctx.segments[seg].text:
            continue
        for t in doc:
            if t.text != ":":
                continue
            k = t.i + 1
            while k < len(doc) and doc[k].is_space:
                k += 1
            if k >= len(doc) or doc[k].text[:1] not in ALL_MARKS:
                continue
            colon_off = ctx.segments[seg].start + t.idx
            if any(
                c.seg == seg and c.comp == "colon" and c.comp_start == colon_off + 1 for c in cues
            ):
                continue
            cands = []
            for v in range(t.i - 1, max(-1, t.i - 12), -1):
                if doc[v].text in ".;!?" or doc[v].text[:1] in ALL_MARKS:
                    break
                if _main_verb(doc[v]):
                    kids = {c.dep_.split(":")[0] for c in doc[v].children}
                    score = 2 * ("nsubj" in kids) + ("aux" in kids)
                    cands.append((score, v))
            if not cands:
                continue
            v = max(cands)[1]
            verb = Verb(fold(doc[v].lemma_), "neutral", "")
            c = _verb_cue_with(ctx, seg, doc, doc[v], verb)
            if c is not None and not c.inverted:
                c.comp, c.comp_start = "colon", colon_off + 1
                out.append(c)
    return out


def _dedupe(cues: list[Cue]) -> list[Cue]:
    out: list[Cue] = []
    for c in cues:
        if out and out[-1].seg == c.seg and c.first <= out[-1].last:
            continue
        out.append(c)
    return out


def _span(ctx: Context, seg: int, i: int, j: int) -> tuple[int, int, str]:
    doc = ctx.docs[seg]
    base = ctx.segments[seg].start
    s = base + doc[i].idx
    e = base + doc[j].idx + len(doc[j].text)
    return s, e, ctx.text[s:e]


# --- verb groups ----------------------------------------------------------------------------


def _verb_cue(ctx: Context, seg: int, doc: Doc, t: Token) -> Cue | None:
    found = _verb_of(doc, t)
    if found is None:
        return None
    return _verb_cue_with(ctx, seg, doc, t, found[0], found[1])


def _verb_cue_with(
    ctx: Context, seg: int, doc: Doc, t: Token, verb: Verb, last: int | None = None
) -> Cue | None:
    if last is None:
        last = t.i
    first = t.i
    clitic: Token | None = None
    aux: Token | None = None
    # left: inverted clitics, adverbs, "quant à elle", auxiliary, semi-auxiliary
    k = t.i - 1
    while k >= 0:
        w = _f(doc[k])
        phrase = _adverbial_ending_at(doc, k)
        if phrase:
            k -= phrase
            continue
        if w in _CLITICS:
            if w in _SUBJ_CLITICS or w.endswith(("il", "elle", "on", "ils", "elles")):
                clitic = doc[k]
            k -= 1
            continue
        if (
            k >= 2
            and w in ("elle", "lui", "eux", "elles")
            and _f(doc[k - 1]) == "a"
            and (_f(doc[k - 2]) == "quant")
        ):
            k -= 3
            continue
        if doc[k].pos_ == "ADV" and w not in ("ne", "n'") and not doc[k].is_punct:
            k -= 1
            continue
        if w in ("de", "d'") and k >= 1:
            # "vient (justement) d'annoncer"
            m = k - 1
            while m >= 0 and doc[m].pos_ == "ADV":
                m -= 1
            if m >= 0 and _f(doc[m]) in _VENIR:
                first = m
                k = m - 1
                continue
            break
        if w == "a" and doc[k].pos_ == "ADP" and k >= 1 and _f(doc[k - 1]) in _TENIR:
            first = k - 1
            k -= 2
            continue
        if w in _AUX and doc[k].pos_ in ("AUX", "VERB"):
            aux = doc[k]
            first = k
            k -= 1
            if k >= 0 and _f(doc[k]) in ("s'", "se"):
                first = k
            break
        if w in ("s'", "se"):
            first = k
        break
    # right: inverted clitics "estime-t-elle", "dit-il"
    r = last + 1
    while r < len(doc) and _f(doc[r]) in _CLITICS:
        if _f(doc[r]) in _SUBJ_CLITICS or _f(doc[r]).endswith(("il", "elle", "on")):
            clitic = doc[r]
        last = r
        r += 1
    # negation: "n'a pas dit", "ne dit pas", "ne l'a jamais dit"
    lo = max(0, first - 1)
    while lo > 0 and _f(doc[lo]) in _OBJ_CLITICS:
        lo -= 1
    has_ne = any(_f(doc[m]) in ("ne", "n'") for m in range(lo, t.i))
    if has_ne and any(_f(doc[m]) in _NEG_END for m in range(first, min(len(doc), last + 3))):
        return None
    morph_tok = aux if aux is not None else t
    tense = morph_tok.morph.get("Tense", [])
    mood = morph_tok.morph.get("Mood", [])
    verbform = t.morph.get("VerbForm", [])
    if "Part" in verbform and verb.lemma.endswith("er") and t.text.endswith(("e", "ent")):
        verbform = ["Fin"]  # "résume" tagged as the participle "résumé": the form says present
    kind = "verb"
    if aux is None and first == t.i and clitic is None:
        if "Inf" in verbform or _f(t) == fold(verb.lemma.split()[-1]):
            seq = _sequence_marker(doc, first)
            if seq is not None:
                kind = "participle"  # "avant de préciser que…": the clause's speaker
                first = seq
            elif not _semi_aux_head(doc, t):
                return None
            else:
                first = _semi_aux_first(doc, t)
        elif "Part" in verbform and ("Pres" in t.morph.get("Tense", []) or _f(t).endswith("ant")):
            kind = "participle"
            if t.i > 0 and _f(doc[t.i - 1]) == "en":
                first = t.i - 1  # "en ajoutant", "tout en prévenant"
                if first > 0 and _f(doc[first - 1]) == "tout":
                    first -= 1
        elif (
            "Part" in verbform
            and t.dep_ == "conj"
            and any(c.dep_.startswith("aux") for c in t.head.children)
        ):
            pass  # "a pris acte de la décision et appelé les banques à …": shared auxiliary
        elif _after_closing_mark(doc, t.i) and not _is_inf(t):
            pass  # "« … », réplique Tomas Ledvin": the tagger's noun is the incise verb
        elif (
            t.pos_ in ("NOUN", "ADJ", "X")
            and t.i + 1 < len(doc)
            and _f(doc[t.i + 1]) in (":", "que", "qu'")
            and t.i > 0
            and doc[t.i - 1].pos_ in ("NOUN", "PROPN", "ADJ", "PRON")
        ):
            pass  # "Un diplomate résume : …": the tagger's adjective is the verb
        elif "Part" in verbform or (t.pos_ != "VERB"):
            return None  # "cité par RIA Novosti": a participle, not a speech act
    if (
        aux is not None
        and _f(aux) in _ETRE
        and not verb.lemma.startswith(("se ", "s'"))
        and _f(doc[first]) not in ("s'", "se")
    ):
        return None  # passive "a été annoncé"
    if "Fut" in tense and "Cnd" not in mood:
        return None
    if _f(doc[first]) in ("s'", "se") and not verb.lemma.startswith(("se ", "s'")):
        reflexive = VERBS.get("se " + verb.lemma) or VERBS.get("s'" + verb.lemma)
        if reflexive is not None:
            verb = reflexive  # "s'est demandé si": se demander
        elif verb.lemma in _NOT_REFLEXIVE_SPEECH:
            return None  # "la hausse s'explique par …": not a speech act
    head = t.head
    if (
        t.dep_ in ("xcomp", "ccomp")
        and fold(head.lemma_) in MODAL_HEADS
        and head.i < t.i
        and _f(head) not in _VENIR
    ):
        return None
    if fold(t.lemma_) in ("devoir", "pouvoir"):
        return None
    s, e, text = _span(ctx, seg, first, last)
    cue = Cue(
        kind,
        s,
        e,
        text,
        verb.lemma,
        verb.stance,
        seg,
        t.i,
        first,
        last,
        conditional="Cnd" in mood,
        frames=verb.frames,
    )
    prev = doc[first - 1] if first > 0 else None
    cue.comma_before = prev is not None and (prev.text == "," or prev.text in CLOSERS + '"″')
    # subject
    if clitic is not None:
        cs = ctx.segments[seg].start + clitic.idx
        ce = cs + len(clitic.text)
        # the mention is the pronoun alone, without its hyphen
        if ctx.text[cs] == "-":
            cs += 1
        cue.subject = make_mention(ctx, seg, clitic.i, clitic.i + 1)
        if cue.subject is not None:
            cue.subject.start, cue.subject.end = cs, ce
            cue.subject.text = ctx.text[cs:ce].lstrip("-").replace("t-", "")
            if cue.subject.text != ctx.text[cs:ce]:
                cue.subject.start = ce - len(cue.subject.text)
        cue.inverted = True
    else:
        _find_subject(ctx, seg, doc, t, cue)
    _find_complement(ctx, seg, doc, cue, verb)
    return cue


_ADVERBIALS = ADVERBIAL_PHRASES


_ADVERBIAL_LAST = frozenset(p[-1] for p in ADVERBIAL_PHRASES)
_ADVERBIAL_FIRST = frozenset(p[0] for p in ADVERBIAL_PHRASES)


def _adverbial_ending_at(doc: Doc, k: int) -> int:
    """Length of a known adverbial phrase ending at token ``k`` (0 if none)."""
    if _f(doc[k]) not in _ADVERBIAL_LAST:
        return 0
    for p in _ADVERBIALS:
        n = len(p)
        if k - n + 1 >= 0 and tuple(_f(doc[k - n + 1 + m]) for m in range(n)) == p:
            return n
    return 0


def _adverbial_starting_at(doc: Doc, j: int) -> int:
    if _f(doc[j]) not in _ADVERBIAL_FIRST:
        return 0
    for p in _ADVERBIALS:
        n = len(p)
        if j + n <= len(doc) and tuple(_f(doc[j + m]) for m in range(n)) == p:
            return n
    return 0


def _sequence_marker(doc: Doc, i: int) -> int | None:
    """Start of "avant de"/"avant d'"/"après avoir"/"sans oublier de" before token ``i``."""
    words = [_f(doc[k]) for k in range(max(0, i - 2), i)]
    if words[-2:] == ["avant", "de"] or words[-2:] == ["avant", "d'"]:
        return i - 2
    if words[-2:] == ["apres", "avoir"]:
        return i - 2
    return None


def _semi_aux_head(doc: Doc, t: Token) -> bool:
    k = t.i - 1
    while k >= 0 and doc[k].pos_ == "ADV":
        k -= 1
    if k >= 1 and _f(doc[k]) in ("de", "d'"):
        m = k - 1
        while m >= 0 and doc[m].pos_ == "ADV":
            m -= 1
        return m >= 0 and _f(doc[m]) in _VENIR
    return k >= 1 and _f(doc[k]) == "a" and _f(doc[k - 1]) in _TENIR


def _semi_aux_first(doc: Doc, t: Token) -> int:
    k = t.i - 1
    while k >= 0 and (doc[k].pos_ == "ADV" or _f(doc[k]) in ("de", "d'", "a")):
        k -= 1
    if k >= 0 and (_f(doc[k]) in _VENIR or _f(doc[k]) in _TENIR):
        if _f(doc[k]) in _TENIR and k >= 1 and _f(doc[k - 1]) in _AUX:
            return k - 1
        return k
    return t.i


def _find_subject(ctx: Context, seg: int, doc: Doc, t: Token, cue: Cue) -> None:
    subj = None
    holders = [doc[k] for k in range(cue.first, cue.last + 1)]
    if t.dep_ in ("xcomp", "ccomp") and t.head.i < t.i and t.head.i >= cue.first:
        holders.append(t.head)
    if t.dep_ == "conj" and t.head.i < t.i:
        holders.append(t.head)  # "X a déclaré … et a ajouté que": the first verb's subject
    cands = []
    for h in holders:
        for c in h.children:
            if c.dep_ in ("nsubj", "nsubj:pass") and c.i < cue.first:
                if _f(c) in ("elle", "lui", "eux") and c.i > 0 and _f(doc[c.i - 1]) == "a":
                    continue  # "quant à elle"
                if _f(c) in ("ans", "an") or c.like_num:
                    continue  # "Mme Leblanc, 67 ans, se souvient": an age, not a subject
                if _quote_between(doc, c.i, cue.first):
                    continue  # a subject inside a quote before the cue is not its subject
                if cue.comma_before and _clause_between(doc, c.i, cue.first):
                    continue  # "La ligne sera prolongée, a précisé X": the content's subject
                cands.append(c)
    if cands:
        subj = min(cands, key=lambda c: c.i)
        cue.subject = _subject_mention(ctx, seg, doc, subj, cue.first)
        return
    if cue.kind == "participle":
        head = t.head
        if head.i != t.i:
            for c in head.children:
                if c.dep_ in ("nsubj", "nsubj:pass") and c.i < head.i:
                    cue.subject = _subject_mention(ctx, seg, doc, c, min(head.i, cue.first))
                    break
        return
    prev = _prev_word(doc, cue.first)
    after_quote = _after_closing_mark(doc, cue.first)
    # "La secrétaire générale du pacte, Henrike Maasland, s'est dite …": the parser lost a
    # subject set off by commas
    if cue.comma_before and not after_quote:
        span = _appositive_subject(doc, cue.first)
        if span is not None:
            cue.subject = make_mention(ctx, seg, span[0], span[1])
            if cue.subject is not None:
                return
    # inverted subject after the group, in an incise ("…, a déclaré le ministre") or after
    # "que"/"comme" ("ce qu'a déclaré X", "comme l'a dit X")
    if cue.comma_before or after_quote or prev in ("que", "qu'", "l'", "le", "ainsi", "comme"):
        start = skip_to_subject(doc, cue.last + 1, len(doc))
        if start is not None and _f(doc[start]) not in ("que", "qu'"):
            if doc[start].pos_ == "PRON" and _f(doc[start]) not in ("il", "elle", "ils", "elles"):
                return
            end = chunk_np(doc, start, len(doc))
            if end > start:
                cue.subject = make_mention(ctx, seg, start, end)
                cue.inverted = True
        return
    # the parser lost the subject: take the noun phrase just before the group
    if prev not in ("et", "puis", "mais", "ou", "ni"):
        a = _np_start_before(doc, cue.first)
        if a is not None:
            cue.subject = make_mention(ctx, seg, a, cue.first)


def _prev_word(doc: Doc, i: int) -> str:
    k = i - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    return _f(doc[k]) if k >= 0 else ""


def _is_np(doc: Doc, a: int, b: int) -> bool:
    """Tokens ``[a, b)`` form one noun phrase (no verb, no quote mark)."""
    if b <= a or any(
        doc[k].pos_ in ("VERB", "AUX") or doc[k].text[:1] in ALL_MARKS for k in range(a, b)
    ):
        return False
    return chunk_np(doc, a, b) == b


def _appositive_subject(doc: Doc, first: int) -> tuple[int, int] | None:
    """``NP, Name,`` or ``Name, NP,`` or ``NP,`` right before the verb group (tokens)."""
    k = first - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    if k < 0 or doc[k].text != ",":
        return None
    commas = [k]
    m = k - 1
    while m >= 0 and len(commas) < 3 and m > k - 40:
        if doc[m].text == "," or (doc[m].is_sent_start and m < k - 1):
            commas.append(m if doc[m].text == "," else m - 1)
        if doc[m].text in ".;:!?" or doc[m].text[:1] in ALL_MARKS:
            commas.append(m)
            break
        m -= 1
    else:
        commas.append(m)
    if len(commas) < 2:
        commas.append(-1)
    a_start, a_end = commas[1] + 1, commas[0]
    if (
        a_end - a_start == 1
        and _f(doc[a_start]) in ("lui", "elle", "eux", "elles")
        and len(commas) >= 3
        and _is_np(doc, commas[2] + 1, commas[1])
    ):
        return commas[2] + 1, commas[1]  # "Janousek, lui, a regretté …"
    if not _is_np(doc, a_start, a_end):
        return None
    age = doc[a_start].like_num  # "Mme Leblanc, 67 ans, se souvient"
    if len(commas) >= 3:
        b_start, b_end = commas[2] + 1, commas[1]
        if _is_np(doc, b_start, b_end) and (
            _f(doc[b_start]) in DETERMINERS
            or (
                age and (doc[b_start].pos_ == "PROPN" or _f(doc[b_start]).rstrip(".") in HONORIFICS)
            )
        ):
            return (b_start, b_end) if age else (b_start, a_end)
    return None if age else (a_start, a_end)


def _np_start_before(doc: Doc, first: int) -> int | None:
    """Start of a noun phrase that ends right before token ``first``, or None."""
    k = first - 1
    if k < 0 or not (
        doc[k].pos_ in ("PROPN", "NOUN", "PRON", "ADJ")
        or _f(doc[k]) in ("il", "elle", "ils", "elles")
    ):
        return None
    if doc[k].pos_ == "PRON":
        return k if _f(doc[k]) in ("il", "elle", "ils", "elles", "qui") else None
    steps = 0
    while k >= 0 and steps < 12:
        steps += 1
        w = _f(doc[k])
        if doc[k].is_punct or doc[k].pos_ in ("VERB", "AUX", "SCONJ", "CCONJ", "PRON"):
            break
        if doc[k].pos_ == "ADP" and w not in ("de", "du", "des", "d'"):
            break
        k -= 1
    start = k + 1
    while start < first and (_f(doc[start]) in ("de", "du", "des", "d'")):
        start += 1
    if start >= first:
        return None
    return start if chunk_np(doc, start, first) == first else None


def _clause_between(doc: Doc, a: int, b: int) -> bool:
    """A finite verb of a main clause between tokens ``a`` and ``b``."""
    for k in range(a + 1, b):
        t = doc[k]
        if _finite(t) and t.dep_ != "acl:relcl" and t.head.dep_ != "acl:relcl":
            return True
        if (
            t.pos_ == "VERB"
            and "Part" in t.morph.get("VerbForm", [])
            and any(c.dep_.startswith("aux") and c.i < t.i for c in t.children)
        ):
            return True
    return False


def _quote_between(doc: Doc, a: int, b: int) -> bool:
    return any(doc[k].text[:1] in ALL_MARKS for k in range(a + 1, b))


def _subject_mention(ctx: Context, seg: int, doc: Doc, subj: Token, limit: int) -> Mention | None:
    lw = _f(subj)
    if lw == "qui":
        m = make_mention(ctx, seg, subj.i, subj.i + 1)
        head = subj.head.head if subj.head.dep_.startswith("acl") else None
        if m is not None and head is not None and head.i < subj.i:
            a = head.left_edge.i
            end = chunk_np(doc, a, subj.i)
            if end > a:
                m.source = make_mention(ctx, seg, a, end)
        return m
    if subj.pos_ == "PRON":
        return make_mention(ctx, seg, subj.i, subj.i + 1)
    a = subj.left_edge.i
    while a < subj.i and (doc[a].is_punct or doc[a].pos_ in ("ADP", "CCONJ", "SCONJ")):
        a += 1
    conj = [c for c in subj.children if c.dep_ == "conj" and c.i < limit]
    if conj:
        end = max(c.right_edge.i for c in conj) + 1
        end = min(end, limit)
        while end > a and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        m = make_mention(ctx, seg, a, end)
        if m is not None:
            m.kind = "coord"
            heads = [subj, *conj]
            for h in heads:
                ha = h.left_edge.i
                while ha < h.i and (doc[ha].is_punct or doc[ha].pos_ in ("CCONJ", "ADP")):
                    ha += 1
                he = chunk_np(doc, ha, limit)
                if he <= h.i:
                    he = h.i + 1
                part = make_mention(ctx, seg, ha, he)
                if part is not None:
                    m.parts.append(part)
        return m
    end = chunk_np(doc, a, limit)
    if end <= subj.i:
        end = min(subj.right_edge.i + 1, limit)
        while end > a and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
    return make_mention(ctx, seg, a, end)


def _find_complement(ctx: Context, seg: int, doc: Doc, cue: Cue, verb: Verb) -> None:
    base = ctx.segments[seg].start
    j = cue.last + 1
    skipped_obj = False
    subj_end = None
    if cue.inverted and cue.subject is not None and cue.subject.start > cue.end:
        subj_end = cue.subject.end
    steps = 0
    while j < len(doc) and steps < 30:
        steps += 1
        t = doc[j]
        w = _f(t)
        off = base + t.idx
        if subj_end is not None and off >= subj_end:
            # an incise has no complement after its inverted subject (only a colon)
            if t.text == ":":
                cue.comp, cue.comp_start = "colon", base + t.idx + 1
            return
        if subj_end is not None and cue.end <= off < subj_end:
            j += 1
            continue
        if t.is_space:
            j += 1
            continue
        adv = _adverbial_starting_at(doc, j)
        if adv:
            j += adv
            continue
        if w in ("que", "qu'") and t.head.dep_ == "acl:relcl" and j > cue.last + 1:
            return  # "un discours que la chaîne a diffusé": a relative pronoun
        if w in ("que", "qu'") and "Q" in verb.frames:
            cue.comp, cue.comp_start = "que", base + t.idx + len(t.text)
            return
        if t.text == ":":
            cue.comp, cue.comp_start = "colon", base + t.idx + 1
            return
        if t.text and t.text[0] in ALL_MARKS:
            if t.text[0] not in CLOSERS:
                cue.comp, cue.comp_start = "quote", off
            return
        if w in ("de", "d'") or (w in ("a", "à") and verb.lemma in A_INF_VERBS):
            k = j + 1
            while k < len(doc) and (
                _f(doc[k]) in ("ne", "n'", "pas", "plus", "jamais")
                or _f(doc[k]) in _OBJ_CLITICS
                or doc[k].text[:1] in ALL_MARKS
                or doc[k].is_space
            ):
                k += 1
            if k < len(doc) and _is_inf(doc[k]) and "D" in verb.frames:
                cue.comp, cue.comp_start = "de", base + doc[j + 1].idx
            return
        if _is_inf(t) and "I" in verb.frames and not skipped_obj:
            cue.comp, cue.comp_start = "inf", off
            return
        if w in WH_WORDS and "W" in verb.frames and w not in ("qui",):
            cue.comp, cue.comp_start = "wh", off
            return
        if t.pos_ == "ADV" or w in (
            "mardi",
            "lundi",
            "mercredi",
            "jeudi",
            "vendredi",
            "samedi",
            "dimanche",
            "soir",
            "matin",
            "hier",
        ):
            j += 1
            continue
        if t.text == ",":
            nxt = doc[j + 1] if j + 1 < len(doc) else None
            if nxt is not None and (
                nxt.pos_ in ("ADP", "ADV")
                or _f(nxt)
                in ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
            ):
                j += 1
                continue
            return
        if t.pos_ == "ADP" or w in ("au", "aux"):
            end = chunk_np(doc, j + 1, len(doc))
            if end == j + 1:
                return
            j = end
            continue
        if (
            (w in DETERMINERS or t.pos_ in ("PROPN", "NOUN"))
            and "D" in verb.frames
            and (not skipped_obj)
        ):
            end = chunk_np(doc, j, len(doc))
            if end > j:
                skipped_obj = True
                j = end
                continue
        if w in _OBJ_CLITICS:
            j += 1
            continue
        return


# --- selon-type markers -----------------------------------------------------------------------


def _d_apres(doc: Doc, i: int) -> bool:
    w = _f(doc[i])
    if w == "d'apres":
        return True
    return i + 1 < len(doc) and _f(doc[i + 1]) == "apres"


def _source_ok(m: Mention | None) -> bool:
    if m is None:
        return False
    if m.kind in ("name", "pronoun", "org", "speech", "coord"):
        return not (m.kind == "org" and m.head in _NOT_SOURCE)
    if m.kind == "description":
        # people or bodies ("son cabinet", "les gardes-frontières", "les organisateurs"), not
        # "selon les cas", "selon la loi"
        return bool(m.head) and m.head not in _NOT_SOURCE
    return False


def _selon_cue(ctx: Context, seg: int, doc: Doc, t: Token) -> Cue | None:
    i = t.i
    last = i + 1 if _f(t) == "d'" else i
    label = "selon" if _f(t) == "selon" else "d'après"
    nxt = last + 1
    if nxt >= len(doc):
        return None
    w = _f(doc[nxt])
    s, e, text = _span(ctx, seg, i, last)
    if w in ("lequel", "laquelle", "lesquels", "lesquelles"):
        ante = _antecedent_noun(doc, i)
        if ante is None or _f(ante) not in SPEECH_NOUNS:
            return None
        a = ante.left_edge.i
        while a < ante.i and (doc[a].is_punct or doc[a].pos_ == "ADP"):
            a += 1
        end = chunk_np(doc, a, i)
        ante_m = make_mention(ctx, seg, a, max(end, ante.i + 1))
        s2, e2, text2 = _span(ctx, seg, i, nxt)
        cue = Cue("relselon", s2, e2, text2, label, "hedged", seg, i, i, nxt, antecedent=ante_m)
        cue.subject = ante_m.source if ante_m is not None and ante_m.source else ante_m
        cue.comp = "relative"
        cue.comp_start = ctx.segments[seg].start + doc[nxt].idx + len(doc[nxt].text)
        return cue
    if w == "que" or w == "qu'":
        return None
    end = chunk_np(doc, nxt, len(doc))
    if end == nxt and doc[nxt].pos_ in ("PRON", "PROPN", "NOUN"):
        end = nxt + 1
    m = make_mention(ctx, seg, nxt, end) if end > nxt else None
    if m is None and end == nxt:
        return None
    if not _source_ok(m) and not (m is not None and outlet_name(m.text)):
        return None
    if m is not None and fold(m.text).split()[0] in ("nos", "notre"):
        return None  # "selon nos informations": the newsroom's own reporting
    cue = Cue("selon", s, e, text, label, "hedged", seg, i, i, last, subject=m)
    _position_content(ctx, seg, doc, cue, i, end)
    return cue


def _antecedent_noun(doc: Doc, i: int) -> Token | None:
    k = i - 1
    steps = 0
    while k >= 0 and steps < 12:
        steps += 1
        if _f(doc[k]) in SPEECH_NOUNS:
            return doc[k]
        if doc[k].text in ".;:":
            return None
        k -= 1
    return None


def _position_content(ctx: Context, seg: int, doc: Doc, cue: Cue, i: int, end: int) -> None:
    """Where the content of a ``selon X`` / ``pour X`` / ``à son avis`` phrase lies."""
    base = ctx.segments[seg].start
    ss, se = ctx.sentence(base + doc[i].idx)
    before = ctx.text[ss : base + doc[i].idx]
    after_np = base + doc[end - 1].idx + len(doc[end - 1].text) if end > i else cue.end
    rest = ctx.text[after_np:se]
    head = before.strip()
    if _only_connector(head) or re.search(r"(?:\b(?:et|mais|car|or|donc|puisque)|,)$", head):
        comma = _comma_after_source(doc, end)
        if comma is not None:
            cue.comp, cue.comp_start = "after", base + doc[comma].idx + 1
            return
    if not rest.strip(' .!?…»”"\u00a0') or _trailing_incise(rest):
        cue.comp, cue.comp_start = "before", ss
        return
    cue.comp, cue.comp_start = "whole", ss


def _finite(t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", [])


def _stops_phrase(t: Token) -> bool:
    return _finite(t) or t.text in ".;:!?" or t.text[:1] in ALL_MARKS


def _comma_after_source(doc: Doc, end: int) -> int | None:
    """The comma that ends a sentence-initial source phrase ("Selon X, …"), past modifiers
    and appositions ("Selon un sondage de l'institut K publié mercredi, …", "Pour
    l'économiste A, de l'université B, …", "Selon son porte-parole, cité par l'agence T, …")."""
    k = end
    steps = 0
    while k < len(doc) and doc[k].text != "," and steps < 10:
        if _stops_phrase(doc[k]):
            return None
        k += 1
        steps += 1
    if k >= len(doc) or doc[k].text != ",":
        return None
    for _ in range(2):
        j = k + 1
        while j < len(doc) and doc[j].is_space:
            j += 1
        if j >= len(doc):
            break
        first = doc[j]
        form = first.morph.get("VerbForm", [])
        apposition = (
            _f(first) in ("de", "du", "des", "d'", "ancien", "ancienne", "age", "agee")
            or (first.pos_ == "NUM" and j + 1 < len(doc) and _f(doc[j + 1]) in ("ans", "an"))
            or _f(first) in ROLE_NOUNS
            or (_f(first) in DETERMINERS and j + 1 < len(doc) and _f(doc[j + 1]) in ROLE_NOUNS)
        ) or ("Part" in form and "Pres" not in first.morph.get("Tense", []))
        if not apposition:
            break
        m = j
        while m < len(doc) and doc[m].text != "," and m - j < 12:
            if _stops_phrase(doc[m]):
                return k
            m += 1
        if m < len(doc) and doc[m].text == ",":
            k = m
        else:
            break
    return k


def _only_connector(text: str) -> bool:
    from vigie.quotes.lexicon import CONNECTORS

    f = fold(text).strip(" ,")
    return not f or f in CONNECTORS


def _trailing_incise(rest: str) -> bool:
    r = rest.strip()
    return r.startswith(",") and len(r) < 120 and not any(m in r for m in '«“"')


def _pour_cue(ctx: Context, seg: int, doc: Doc, t: Token) -> Cue | None:
    i = t.i
    if i + 1 >= len(doc):
        return None
    nxt = doc[i + 1]
    w = _f(nxt)
    base = ctx.segments[seg].start
    s, e, text = _span(ctx, seg, i, i)
    if w == "qui":
        # ", pour qui …": the antecedent is the noun phrase before the comma
        if i == 0 or doc[i - 1].text != ",":
            return None
        ante = _person_before(ctx, seg, doc, i - 1)
        if ante is None:
            return None
        m = make_mention(ctx, seg, i + 1, i + 2)
        if m is None:
            return None
        m.source = ante
        cue = Cue("pour", s, e, text, "pour", "hedged", seg, i, i, i, subject=m)
        cue.comp, cue.comp_start = "after", base + nxt.idx + len(nxt.text)
        return cue
    end = chunk_np(doc, i + 1, len(doc))
    if end == i + 1 and w in ("lui", "elle", "eux", "elles"):
        end = i + 2
    if end == i + 1:
        return None
    m = make_mention(ctx, seg, i + 1, end)
    if m is None or (
        m.kind not in ("name", "pronoun")
        and not (m.kind == "description" and m.head in ROLE_NOUNS and m.definite)
    ):
        return None
    if end >= len(doc) or doc[end].text != ",":
        return None
    ss, _ = ctx.sentence(base + t.idx)
    if not _only_connector(ctx.text[ss : base + t.idx]):
        return None
    comma = _comma_after_source(doc, end)
    if comma is None:
        return None
    cue = Cue("pour", s, e, text, "pour", "hedged", seg, i, i, i, subject=m)
    cue.comp, cue.comp_start = "after", base + doc[comma].idx + 1
    return cue


def _person_before(ctx: Context, seg: int, doc: Doc, comma: int) -> Mention | None:
    base = ctx.segments[seg].start
    off = base + doc[comma].idx
    for s, e, label in reversed(ctx.entities):
        if e <= off and off - e <= 3 and label == "PER":
            tok = ctx.token_at(s)
            if tok is not None and tok.seg == seg:
                return make_mention(ctx, seg, tok.i, _tok_end(doc, base, e))
    k = comma - 1
    if k >= 0 and (doc[k].pos_ in ("NOUN", "PROPN") or _f(doc[k]) in ROLE_NOUNS):
        a = doc[k].left_edge.i
        return make_mention(ctx, seg, a, comma)
    return None


def _tok_end(doc: Doc, base: int, end_off: int) -> int:
    for t in doc:
        if base + t.idx + len(t.text) >= end_off:
            return t.i + 1
    return len(doc)


def _avis_at(doc: Doc, i: int) -> tuple[str, ...] | None:
    if i + 2 >= len(doc) or _f(doc[i + 1]) not in _AVIS_SECOND:
        return None
    for marker in AVIS_MARKERS:
        if marker[0] == "selon":
            continue
        n = len(marker)
        if i + n <= len(doc) and tuple(_f(doc[i + k]) for k in range(n)) == marker:
            return marker
    return None


_AVIS_SECOND = frozenset(m[1] for m in AVIS_MARKERS)


def _avis_cue(ctx: Context, seg: int, doc: Doc, t: Token) -> Cue | None:
    marker = _avis_at(doc, t.i)
    if marker is None:
        return None
    i, last = t.i, t.i + len(marker) - 1
    s, e, text = _span(ctx, seg, i, last)
    poss = next(k for k in range(i, last + 1) if _f(doc[k]) in ("son", "leur", "ses", "leurs"))
    m = make_mention(ctx, seg, poss, poss + 1)
    cue = Cue("avis", s, e, text, text, "hedged", seg, i, i, last, subject=m)
    _position_content(ctx, seg, doc, cue, i, last + 1)
    return cue


def _comme_cue(ctx: Context, seg: int, doc: Doc, t: Token) -> Cue | None:
    """ "comme le rapporte X", "comme l'a rappelé X", "comme l'évoquait X"."""
    i = t.i
    k = i + 1
    if k < len(doc) and _f(doc[k]) in ("le", "l'", "la"):
        k += 1
    if k < len(doc) and _f(doc[k]) in ("a", "ont", "avait", "avaient"):
        k += 1
    while k < len(doc) and doc[k].pos_ == "ADV":
        k += 1
    if k >= len(doc):
        return None
    found = _verb_of(doc, doc[k])
    if found is None:
        return None
    verb, last = found
    start = skip_to_subject(doc, last + 1, len(doc))
    if start is None:
        return None
    end = chunk_np(doc, start, len(doc))
    if end <= start:
        return None
    m = make_mention(ctx, seg, start, end)
    s, e, text = _span(ctx, seg, i, last)
    cue = Cue("comme", s, e, text, verb.lemma, "hedged", seg, i, i, last, subject=m)
    _position_content(ctx, seg, doc, cue, i, end)
    return cue


def is_institution(text: str) -> bool:
    return institution_name(text) is not None
