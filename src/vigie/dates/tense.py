"""The tense of the verb nearest a date, from surface cues (no parser, no big regex).

The words around the date are read outwards, nearest first, until one shows a tense on its
surface:

* **future** — a simple future ("se tiendra", "seront", "recevra"), a near future ("va
  signer", "will meet", "is due to"), a planning word ("prévu", "doit", "devrait",
  "prochain"), a Russian future auxiliary ("будет");
* **past** — an auxiliary with a past participle ("ont remis", "a-t-il déclaré", "s'est tenu",
  "has said"), an imperfect ("attendait"), an English past form ("said", "announced"), a
  Russian past form ("заявил");
* a participle standing right before the date takes the tense of its auxiliary: "annoncés fin
  janvier" and "a été reporté au 3 février" are past, "sera dévoilé le 9 mars" future, "est
  prévu le 3" present.

With no cue within :data:`REACH` characters (inside the sentence) the date counts as present.
This is enough to place "vendredi" and "le 26 janvier" on the right side of the publication
date; it is no grammar.
"""

from __future__ import annotations

import re

__all__ = ["REACH", "tense_near"]

#: how far (characters) from a date its verb is looked for
REACH = 90

_TOKEN = re.compile(r"[^\W\d_]+")

_FUTURE_WORDS = frozenset(
    str.split(
        "sera seront aura auront fera feront ira iront pourra pourront devra devront faudra "
        "verra verront saura sauront voudra voudront viendra viendront tiendra tiendront "
        "prévu prévue prévus prévues programmé programmée programmés programmées attendu "
        "attendue attendus attendues doit doivent devrait devraient pourrait pourraient "
        "prochain prochaine prochains prochaines will shall ll upcoming "
        "будет будут буду будем станет станут планирует планируют намерен намерена"
    )
)
_FUTURE_ENDINGS = tuple(str.split("era eront ira iront dra dront vra vront rra rront ura uront"))
_NOT_FUTURE = frozenset({"riviera", "sierra", "madeira", "caméra", "opéra", "hyène", "tiara"})
#: "va signer", "vont se rendre": the near future, when an infinitive follows
_GO = frozenset({"va", "vont", "allait", "allaient"})
_INFINITIVE_ENDINGS = ("er", "ir", "re", "oir")
#: "is due to", "are expected to", "plans to"
_EN_PLAN = frozenset({"due", "expected", "set", "scheduled", "going", "plans", "plan"})

_AUX_PAST = frozenset(
    str.split(
        "ai as a avons avez ont avait avaient avions aurait auraient eut eurent suis es est "
        "sommes êtes sont était étaient serait seraient fut furent has have had"
    )
)
_AUX_PRESENT = frozenset({"est", "sont"})
_AUX_FUTURE = frozenset({"sera", "seront", "être"})
#: words that may stand between an auxiliary and its participle
_BETWEEN = frozenset(
    str.split(
        "t il elle ils elles on pas plus jamais déjà également aussi notamment bien encore "
        "ensuite enfin alors toujours finalement récemment pourtant ainsi même souvent "
        "longtemps lui leur y en été eu officiellement publiquement clairement not already "
        "also just been"
    )
)
_PARTICIPLE_ENDINGS = (
    "é",
    "ée",
    "és",
    "ées",
    "i",
    "ie",
    "is",
    "ies",
    "it",
    "ite",
    "its",
    "u",
    "ue",
    "us",
    "ues",
    "ert",
    "erte",
    "ort",
    "orte",
    "aint",
    "eint",
    "oint",
    "uit",
    "uite",
    "ed",
    "en",
    "wn",
    "ne",
)
_NOT_PARTICIPLE = frozenset(
    str.split(
        "aussi ainsi ici lieu peu parmi mi si ni qui oui lundi mardi mercredi jeudi vendredi "
        "samedi midi ceci celui voici depuis puis plus sous dessus tout un une au du elle il "
        "ils elles le la les de des en ne une the been jusqu lorsqu puisqu quoiqu mais pays "
        "prix avis fois"
    )
)
_PAST_WORDS = frozenset(
    str.split(
        "said told was were had did came went took made met held gave saw began left sent "
        "spoke wrote found called announced killed fell flew struck shot"
    )
)
_NOT_IMPERFECT = frozenset({"souhait", "parfait", "bienfait", "forfait", "méfait", "imparfait"})
_NOT_ED = frozenset(
    str.split(
        "speed breed hundred embed shred sacred naked wicked indeed united limited based "
        "related alleged"
    )
)
_RU_PAST_ENDINGS = tuple(
    v + e for v in "аяиеыу" for e in ("л", "ла", "ло", "ли", "лся", "лась", "лось", "лись")
)
_NOT_RU_PAST = frozenset({"недели", "модели", "шесть", "цели", "земли"})
#: words in -é / -ée that are nouns, not participles ("la journée", "le comité")
_NOUNS_IN_E = frozenset(
    str.split(
        "année journée soirée matinée nuitée armée entrée rentrée idée arrivée durée "
        "assemblée lycée musée trophée pensée vallée mosquée épopée portée fusée marée "
        "chaussée poignée allée randonnée fumée tournée traversée montée percée comité "
        "marché côté député députés été degré café clé thé pré curé santé"
    )
)
_PARTICIPLE_ITE = frozenset(
    str.split(
        "visité visités évité invité invités cité cités limité mérité hérité profité hésité "
        "habité quitté"
    )
)
_BARE_PARTICIPLES = frozenset(
    str.split("tenu tenue tenus tenues reçu reçue reçus reçues paru parue élu élue élus né née")
)
#: little words that may stand between a participle and its date: "annoncés fin janvier",
#: "reçues la semaine dernière", "reporté au 3 février"
_DATE_LEAD = frozenset({"le", "la", "les", "l", "en", "dès", "au", "à", "ce", "cette", "du"})

Token = tuple[int, int, str]  # start, end, word as written


def _participle(word: str) -> bool:
    return word not in _NOT_PARTICIPLE and len(word) > 2 and word.endswith(_PARTICIPLE_ENDINGS)


def _aux_tense(tokens: list[Token], i: int) -> str | None:
    """The tense of an auxiliary + participle starting at token ``i``, if it is one. "être" in
    the present with a participle is a passé composé only for reflexive verbs ("s'est tenu")
    and the verbs of motion and state ("est arrivé"); otherwise it is a present passive or a
    state ("le salon est ouvert"), which shows no tense."""
    aux = tokens[i][2].lower()
    if aux not in _AUX_PAST:
        return None
    been = False  # "a été", "a eu": past whatever follows ("a eu lieu", "a été difficile")
    for j in range(i + 1, min(i + 5, len(tokens))):
        w = tokens[j][2].lower()
        if w in _FUTURE_WORDS:
            return None  # "est prévu": the planning word decides
        if w in ("été", "eu", "been"):
            been = True
            continue
        if _participle(w):
            if aux not in _ETRE_PRESENT:
                return "past"
            return "past" if _perfect_with_etre(tokens, i, w) else None
        if w not in _BETWEEN:
            break
    return "past" if been else None


def _perfect_with_etre(tokens: list[Token], i: int, participle: str) -> bool:
    """Whether "être" (token ``i``) + ``participle`` is a passé composé: a reflexive verb
    ("se sont déroulées") or a verb of motion or state ("est arrivée")."""
    if i > 0 and tokens[i - 1][2].lower() in _REFLEXIVE:
        return True
    stem = participle.removesuffix("s").removesuffix("e")
    return stem in _ETRE_VERBS


_ETRE_PRESENT = frozenset({"suis", "es", "est", "sommes", "êtes", "sont"})
_REFLEXIVE = frozenset({"s", "se", "m", "me", "t", "te", "nous", "vous"})
#: participles of the verbs that take "être" in the passé composé (masculine singular)
_ETRE_VERBS = frozenset(
    str.split(
        "arrivé parti venu revenu devenu intervenu survenu mort né tombé resté entré rentré "
        "sorti monté descendu passé retourné allé décédé apparu"
    )
)


def _word_tense(tokens: list[Token], i: int) -> str | None:
    """The tense token ``i`` shows by itself or with the words after it, or None."""
    raw = tokens[i][2]
    w = raw.lower()
    if w in _FUTURE_WORDS:
        return "future"
    if w in _AUX_PAST:
        return _aux_tense(tokens, i)
    nxt = tokens[i + 1][2].lower() if i + 1 < len(tokens) else ""
    if w in _GO:
        after = tokens[i + 2][2].lower() if i + 2 < len(tokens) else ""
        if nxt.endswith(_INFINITIVE_ENDINGS) or (
            nxt in ("se", "s", "y", "en", "lui", "leur", "pas")
            and after.endswith(_INFINITIVE_ENDINGS)
        ):
            return "future"
        return None
    if w in _PAST_WORDS:
        return "past"
    if w in _EN_PLAN and nxt == "to":
        return "future"
    if w == "won" and nxt == "t":
        return "future"
    if raw != w:  # capitalised: a name, not a verb form ("Sandra", "Ahmed")
        return None
    n = len(w)
    if n >= 5 and w.endswith(_FUTURE_ENDINGS) and w not in _NOT_FUTURE:
        return "future"
    if n >= 5 and (
        w.endswith(("èrent", "irent")) or (n >= 6 and w.endswith("aient") and w[-6] != "r")
    ):
        return "past"
    if n >= 5 and w.endswith("ait") and w[-4] != "r" and w not in _NOT_IMPERFECT:
        return "past"
    if n >= 5 and w.endswith("ed") and w.isascii() and w not in _NOT_ED:
        return "past"
    if n >= 5 and w.endswith(_RU_PAST_ENDINGS) and w not in _NOT_RU_PAST:
        return "past"
    if w in ("будет", "будут"):
        return "future"
    return None


def _participle_in_e(w: str) -> bool:
    """A word in -é/-ée/-és/-ées that is likely a participle, not a noun ("sécurité")."""
    if len(w) < 4 or not w.endswith(("é", "ée", "és", "ées")) or w in _NOUNS_IN_E:
        return False
    return not w.endswith(("ité", "ités")) or w in _PARTICIPLE_ITE


def _participle_before(tokens: list[Token], k: int) -> str | None:
    """The tense of a participle ending right before the date (tokens[:k] precede it)."""
    i = k - 1
    while i >= 0 and k - i <= 2 and tokens[i][2].lower() in _DATE_LEAD:
        i -= 1
    if i < 0 or k - i > 3:
        return None
    raw = tokens[i][2]
    w = raw.lower()
    if w not in _BARE_PARTICIPLES and not _participle_in_e(w):
        return None
    j = i - 1
    while j >= 0 and i - j <= 2 and tokens[j][2].lower() in _BETWEEN:
        j -= 1
    aux = tokens[j][2].lower() if j >= 0 else ""
    if aux in _AUX_FUTURE:
        return "future"
    if aux in _AUX_PRESENT and not _perfect_with_etre(tokens, j, w):
        return "present"
    return "past"


def tense_near(text: str, lo: int, hi: int, start: int, end: int) -> tuple[str, int | None]:
    """The tense for the date at ``start``–``end``, reading the words of ``text[lo:hi]`` (its
    sentence) within :data:`REACH` characters; and the distance in characters to the cue
    (0 for a participle right before the date, None when no cue was found: "present")."""
    a, b = max(lo, start - REACH), min(hi, end + REACH)
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text, a, b)]
    k = 0  # first token at or after the date
    while k < len(tokens) and tokens[k][1] <= start:
        k += 1
    participle = _participle_before(tokens, k)
    if participle is not None:
        return participle, 0
    after = k
    while after < len(tokens) and tokens[after][0] < end:
        after += 1  # skip the date's own words ("vendredi prochain")
    best: tuple[int, str] | None = None
    i = after
    while i < len(tokens):
        tense = _word_tense(tokens, i)
        if tense is not None:
            best = (tokens[i][0] - end, tense)
            break
        i += 1
    i = k - 1
    while i >= 0:
        dist = start - tokens[i][1]
        if best is not None and dist >= best[0]:
            break
        tense = _word_tense(tokens, i)
        if tense is not None:
            best = (dist, tense)
            break
        i -= 1
    if best is None:
        return "present", None
    return best[1], best[0]
