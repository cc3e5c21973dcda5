"""The speech-verb lexicon, with stance and complement frames, and the other word lists.

Stance says how the reporting verb frames what was said (documented in ``STANCES``):

============== ======================================================================
neutral        reports without colouring: dire, déclarer, indiquer, expliquer, ajouter
emphatic       the speaker insists: insister, souligner, marteler, affirmer, assurer
distancing     the reporter keeps a distance: prétendre, alléguer; any cue with "sans
               preuve" or in the conditional ("aurait déclaré")
hedged         attribution by source, not by verb: selon, d'après, pour X, à son avis
opinion        a judgement: estimer, juger, considérer, penser, croire
concessive     an admission: reconnaître, admettre, concéder, convenir
critical       blame: dénoncer, critiquer, accuser, reprocher, fustiger
directive      a request: demander, appeler, exhorter, exiger, inviter
commissive     a promise: promettre, s'engager, jurer, garantir
denial         nier, démentir, contester, réfuter
warning        avertir, prévenir, mettre en garde, menacer
interrogative  s'interroger, se demander, questionner
approving      saluer, féliciter, applaudir, remercier
emotive        feelings voiced in an incise: regretter, déplorer, se réjouir, s'inquiéter
============== ======================================================================

Frames say which complements make a reported-speech record (see the annotation guide):
``Q`` a ``que`` clause, ``D`` ``de``/``à`` + infinitive, ``I`` a bare infinitive ("affirme
avoir reçu"), ``W`` an indirect question. Every verb may also introduce a quote after a colon
or stand in an incise ("« … », a-t-il dit"); emotive verbs only do that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vigie.quotes.gazetteer import fold

__all__ = [
    "CONNECTORS",
    "HONORIFICS",
    "ROLE_NOUNS",
    "SPEECH_NOUNS",
    "STANCES",
    "VERBS",
    "Verb",
    "verb_for_form",
]

STANCES = (
    "neutral",
    "emphatic",
    "distancing",
    "hedged",
    "opinion",
    "concessive",
    "critical",
    "directive",
    "commissive",
    "denial",
    "warning",
    "interrogative",
    "emotive",
    "approving",
)


@dataclass(frozen=True, slots=True)
class Verb:
    lemma: str
    stance: str
    frames: str  # letters among Q D I W; "" = incise/colon only


# lemma | stance | frames
_VERB_ROWS = """
déclarer|neutral|QIW
dire|neutral|QDIW
indiquer|neutral|QIW
expliquer|neutral|QW
ajouter|neutral|Q
préciser|neutral|QW
annoncer|neutral|QDI
répondre|neutral|Q
raconter|neutral|QW
noter|neutral|Q
observer|neutral|Q
constater|neutral|Q
rappeler|neutral|Q
poursuivre|neutral|
continuer|neutral|
reprendre|neutral|
commenter|neutral|
confier|neutral|QI
lancer|neutral|Q
rapporter|neutral|Q
écrire|neutral|QW
relever|neutral|Q
signaler|neutral|Q
évoquer|neutral|
mentionner|neutral|Q
détailler|neutral|W
informer|neutral|Q
communiquer|neutral|Q
répéter|neutral|Q
témoigner|neutral|
conclure|neutral|Q
résumer|neutral|
tweeter|neutral|Q
stipuler|neutral|Q
remarquer|neutral|Q
confirmer|neutral|QI
décrire|neutral|W
qualifier|neutral|
citer|neutral|
répliquer|neutral|Q
rétorquer|neutral|Q
objecter|neutral|Q
enchaîner|neutral|
glisser|neutral|Q
lâcher|neutral|
révéler|neutral|QW
dévoiler|neutral|
développer|neutral|
argumenter|neutral|Q
arguer|neutral|QI
plaider|neutral|
justifier|neutral|
analyser|neutral|
expliciter|neutral|
nuancer|neutral|
préciser|neutral|QW
interpeller|neutral|
faire savoir|neutral|Q
faire remarquer|neutral|Q
faire observer|neutral|Q
faire part|neutral|
insister|emphatic|Q
souligner|emphatic|Q
marteler|emphatic|Q
affirmer|emphatic|QI
assurer|emphatic|QI
soutenir|emphatic|QI
maintenir|emphatic|Q
réaffirmer|emphatic|QI
réitérer|emphatic|
clamer|emphatic|QI
proclamer|emphatic|Q
certifier|emphatic|QI
renchérir|emphatic|
s'exclamer|emphatic|
tonner|emphatic|
insister|emphatic|Q
faire valoir|emphatic|Q
prétendre|distancing|QI
alléguer|distancing|Q
se vanter|distancing|D
estimer|opinion|QI
juger|opinion|QI
considérer|opinion|QI
penser|opinion|QI
croire|opinion|QI
suggérer|opinion|QD
laisser entendre|opinion|Q
sous-entendre|opinion|Q
supposer|opinion|Q
avancer|opinion|Q
présumer|opinion|Q
trouver|opinion|
reconnaître|concessive|QI
admettre|concessive|QI
concéder|concessive|Q
convenir|concessive|Q
avouer|concessive|QI
dénoncer|critical|Q
critiquer|critical|
accuser|critical|D
reprocher|critical|D
fustiger|critical|
condamner|critical|
railler|critical|
ironiser|critical|
tacler|critical|
cingler|critical|
s'indigner|critical|
s'insurger|critical|
demander|directive|QDW
appeler|directive|D
exhorter|directive|D
exiger|directive|QD
réclamer|directive|Q
presser|directive|D
inviter|directive|D
enjoindre|directive|D
sommer|directive|D
ordonner|directive|QD
recommander|directive|QD
conseiller|directive|D
proposer|directive|D
prier|directive|D
supplier|directive|D
promettre|commissive|QD
s'engager|commissive|D
jurer|commissive|QD
garantir|commissive|Q
nier|denial|QI
démentir|denial|QI
contester|denial|Q
réfuter|denial|Q
récuser|denial|
avertir|warning|Q
prévenir|warning|Q
mettre en garde|warning|Q
menacer|warning|D
alerter|warning|Q
s'interroger|interrogative|W
se demander|interrogative|W
questionner|interrogative|W
interroger|interrogative|W
regretter|emotive|
déplorer|emotive|
se réjouir|emotive|
se féliciter|emotive|
s'inquiéter|emotive|
s'alarmer|emotive|
s'étonner|emotive|
se désoler|emotive|
s'enthousiasmer|emotive|
espérer|emotive|
craindre|emotive|
sourire|emotive|
soupirer|emotive|
plaisanter|emotive|
s'amuser|emotive|
saluer|approving|
rassurer|neutral|
se souvenir|neutral|
se rappeler|neutral|
se remémorer|neutral|
réagir|neutral|
trancher|neutral|
se défendre|neutral|
se justifier|neutral|
tempérer|neutral|
relativiser|neutral|
applaudir|approving|
féliciter|approving|
louer|approving|
remercier|approving|
s'agacer|emotive|
s'emporter|emotive|
fulminer|emotive|
"""

VERBS: dict[str, Verb] = {}
for _row in _VERB_ROWS.strip().splitlines():
    _lemma, _stance, _frames = _row.split("|")
    VERBS[_lemma] = Verb(_lemma, _stance, _frames)

#: verbs governing "<verb> X à + infinitive" ("appeler l'Otan à entamer…")
A_INF_VERBS = frozenset({"appeler", "exhorter", "inviter", "s'engager", "pousser", "encourager"})

#: explicit forms of irregular verbs (3rd person, participles, infinitive, gerund)
_IRREGULAR = {
    "dire": "dit disent disait disaient dira diront dirait diraient dise disant dite dits dites "
    "dis",
    "écrire": "écrit écrivent écrivait écrivaient écrira écrirait écrivant écrite écrits "
    "écrites écrivit",
    "décrire": "décrit décrivent décrivait décrivaient décrira décrirait décrivant décrite "
    "décrits décrites décrivit",
    "admettre": "admet admettent admettait admettaient admettra admettrait admettant admis "
    "admise admises admit",
    "promettre": "promet promettent promettait promettaient promettra promettrait promettant "
    "promis promise promises promit",
    "reconnaître": "reconnaît reconnait reconnaissent reconnaissait reconnaissaient "
    "reconnaîtra reconnaîtrait reconnaissant reconnu reconnue reconnus reconnues reconnut",
    "soutenir": "soutient soutiennent soutenait soutenaient soutiendra soutiendrait soutenant "
    "soutenu soutenue soutenus soutint",
    "maintenir": "maintient maintiennent maintenait maintenaient maintiendra maintiendrait "
    "maintenant maintenu maintenue maintint",
    "prévenir": "prévient préviennent prévenait prévenaient préviendra préviendrait "
    "prévenant prévenu prévenue prévint",
    "convenir": "convient conviennent convenait convenaient conviendra conviendrait "
    "convenant convenu convenue convenus convint",
    "répondre": "répond répondent répondait répondaient répondra répondrait répondant "
    "répondu répondue répondit",
    "conclure": "conclut concluent concluait concluaient conclura conclurait concluant "
    "conclu conclue",
    "prétendre": "prétend prétendent prétendait prétendaient prétendra prétendrait "
    "prétendant prétendu prétendue prétendit",
    "craindre": "craint craignent craignait craignaient craindra craindrait craignant "
    "crainte craignit",
    "croire": "croit croient croyait croyaient croira croirait croyant cru crut",
    "poursuivre": "poursuit poursuivent poursuivait poursuivaient poursuivra poursuivrait "
    "poursuivant poursuivi poursuivit",
    "reprendre": "reprend reprennent reprenait reprenaient reprendra reprendrait reprenant "
    "repris reprit",
    "démentir": "dément démentent démentait démentaient démentira démentirait démentant "
    "démenti démentie démentit",
    "sourire": "sourit sourient souriait souriaient souriant souri",
    "se souvenir": "souvient souviennent souvenait souvenaient souviendra souvenu souvenue "
    "souvenant souvint",
    "avertir": "avertit avertissent avertissait avertissaient avertira avertirait "
    "avertissant averti avertie",
    "mettre en garde": "",
}

_FORM_TO_LEMMA: dict[str, str] = {}


def _er_forms(lemma: str) -> list[str]:
    stem = lemma[:-2]
    soft = stem  # before a/o: annonç-, jug-e-
    if stem.endswith("c"):
        soft = stem[:-1] + "ç"
    elif stem.endswith("g"):
        soft = stem + "e"
    forms = [lemma]
    # present with a grave accent on the last stem vowel: répète, considère, suggère
    pres = stem
    m = re.search(r"é([^aeiouyéèêë]+)$", stem)
    if m:
        pres = stem[: m.start()] + "è" + m.group(1)
    m2 = re.search(r"e(l|t)$", stem)
    if m2 and lemma in {"rappeler", "appeler", "interpeller"}:
        pres = stem + m2.group(1)
    forms += [pres + "e", pres + "ent", pres + "es"]
    forms += [stem + "é", stem + "ée", stem + "és", stem + "ées"]
    forms += [soft + "ant", soft + "ait", soft + "aient", soft + "a", stem + "èrent"]
    forms += [pres + "era", pres + "eront", pres + "erait", pres + "eraient"]
    forms += [stem + "era", stem + "erait", stem + "eraient", stem + "eront"]
    return forms


def _ir_forms(lemma: str) -> list[str]:  # 2nd group: réagir, avertir
    stem = lemma[:-2]
    return [
        lemma,
        stem + "it",
        stem + "issent",
        stem + "issait",
        stem + "issaient",
        stem + "ira",
        stem + "irait",
        stem + "issant",
        stem + "i",
        stem + "ie",
    ]


def _register() -> None:
    for lemma in VERBS:
        base = lemma
        for prefix in ("se ", "s'"):
            if base.startswith(prefix):
                base = base[len(prefix) :]
        head = base.split()[0]
        if lemma in _IRREGULAR or head in _IRREGULAR:
            words = (_IRREGULAR.get(lemma) or _IRREGULAR.get(head) or "").split()
            forms = [head, *words]
        elif head.endswith("er"):
            forms = _er_forms(head)
        elif head.endswith("ir"):
            forms = _ir_forms(head)
        else:
            forms = [head]
        for f in forms:
            _FORM_TO_LEMMA.setdefault(fold(f), lemma if " " not in base else head)


_register()


def could_be_speech_verb(folded_form: str, spacy_lemma: str) -> bool:
    """Cheap test before :func:`verb_for_form`: the form or the lemma is in the lexicon."""
    return (
        folded_form in _FORM_TO_LEMMA
        or spacy_lemma in VERBS
        or spacy_lemma in _REFLEXIVE_BY_BASE
        or fold(spacy_lemma) in _FOLDED_LEMMAS
    )


def verb_for_form(form: str, spacy_lemma: str = "") -> Verb | None:
    """The lexicon entry of a verb form ("déclaré", "estime", "a-t-il" excluded), or None."""
    f = fold(form)
    lemma = _FORM_TO_LEMMA.get(f)
    if lemma is None and spacy_lemma:
        lf = fold(spacy_lemma)
        for cand in (spacy_lemma, lf):
            if cand in VERBS:
                lemma = cand
                break
        else:
            lemma = _FOLDED_LEMMAS.get(lf)
    if lemma is None:
        return None
    return VERBS.get(lemma) or _REFLEXIVE_BY_BASE.get(lemma)


_FOLDED_LEMMAS = {fold(k): k for k in VERBS}
_REFLEXIVE_BY_BASE: dict[str, Verb] = {}
for _lemma, _verb in VERBS.items():
    for _p in ("se ", "s'"):
        if _lemma.startswith(_p):
            _base = _lemma[len(_p) :]
            if _base not in VERBS:
                _REFLEXIVE_BY_BASE[_base] = _verb
                _FOLDED_LEMMAS.setdefault(fold(_base), _base)

#: multi-word speech expressions: (light verb lemma, following word) -> expression
MULTIWORD = {
    ("faire", "savoir"): "faire savoir",
    ("faire", "valoir"): "faire valoir",
    ("faire", "remarquer"): "faire remarquer",
    ("faire", "observer"): "faire observer",
    ("faire", "part"): "faire part",
    ("laisser", "entendre"): "laisser entendre",
    ("mettre", "en"): "mettre en garde",
}

#: semi-auxiliaries kept in the cue: "vient de déclarer", "a tenu à souligner"
PAST_SEMI_AUX = frozenset({"venir", "tenir", "vouloir"})
#: heads that make the speech predicted or hypothetical (not annotated)
MODAL_HEADS = frozenset(
    {
        "devoir",
        "pouvoir",
        "aller",
        "falloir",
        "refuser",
        "hésiter",
        "comptes",
        "compter",
        "envisager",
        "prévoir",
        "souhaiter",
    }
)

#: words of the ``selon`` family, as folded token sequences -> cue label
SELON_MARKERS = {
    ("selon",): "selon",
    ("d'", "apres"): "d'après",
    ("d'apres",): "d'après",
}

#: possessive "à son avis" family: folded sequences
AVIS_MARKERS = (
    ("a", "son", "avis"),
    ("a", "leur", "avis"),
    ("a", "ses", "yeux"),
    ("a", "leurs", "yeux"),
    ("de", "son", "point", "de", "vue"),
    ("de", "leur", "point", "de", "vue"),
    ("selon", "lui"),
    ("selon", "elle"),
    ("selon", "eux"),
    ("selon", "elles"),
)

#: nouns naming a speech event, for "N selon lequel…" and "selon ces déclarations"
SPEECH_NOUNS = frozenset(
    fold(w)
    for w in [
        "message",
        "messages",
        "nouvelle",
        "nouvelles",
        "déclaration",
        "déclarations",
        "affirmation",
        "affirmations",
        "information",
        "informations",
        "communiqué",
        "communiqués",
        "propos",
        "annonce",
        "annonces",
        "rumeur",
        "rumeurs",
        "allégation",
        "allégations",
        "accusation",
        "accusations",
        "rapport",
        "rapports",
        "article",
        "dépêche",
        "dépêches",
        "tweet",
        "tweets",
        "publication",
        "interview",
        "entretien",
        "discours",
        "lettre",
        "courrier",
        "note",
        "notes",
        "texte",
        "document",
        "documents",
        "source",
        "sources",
        "témoignage",
        "témoignages",
        "version",
        "assertion",
        "assertions",
        "thèse",
        "théorie",
    ]
)
#: documents and figures: "selon un sondage de l'institut K" speaks for its source
DOCUMENT_NOUNS = frozenset(
    fold(w)
    for w in [
        "sondage",
        "sondages",
        "étude",
        "études",
        "enquête",
        "enquêtes",
        "bilan",
        "bilans",
        "chiffres",
        "données",
        "estimations",
        "statistiques",
        "prévisions",
        "relevés",
        "décompte",
        "bulletin",
        "comptage",
        "rapport",
        "rapports",
        "communiqué",
        "communiqués",
        "note",
        "document",
        "documents",
    ]
)
SPEECH_NOUNS = SPEECH_NOUNS | DOCUMENT_NOUNS

#: adverbial phrases allowed inside a verb group or between a verb and its complement
ADVERBIAL_PHRASES = tuple(
    tuple(fold(w) for w in p.split())
    for p in (
        "en outre",
        "par ailleurs",
        "de nouveau",
        "à nouveau",
        "une nouvelle fois",
        "encore une fois",
        "pour sa part",
        "pour leur part",
        "de son côté",
        "de leur côté",
        "à son tour",
        "à leur tour",
        "lui aussi",
        "elle aussi",
        "eux aussi",
        "en effet",
        "à plusieurs reprises",
        "quant à elle",
        "quant à lui",
        "quant à eux",
        "de plus",
        "entre autres",
        "par exemple",
        "en substance",
        "en particulier",
        "une fois de plus",
        "elle-même",
        "lui-même",
        "à juste titre",
        "sans détour",
        "sans ambages",
        "par la suite",
        "dans la foulée",
        "tout de suite",
        "en personne",
    )
)


#: sentence-initial connectors excluded from an indirect span
CONNECTORS = tuple(
    sorted(
        (
            fold(c)
            for c in (
                "Dans le même temps",
                "En même temps",
                "Ensuite",
                "En effet",
                "Par ailleurs",
                "Cependant",
                "Toutefois",
                "Pourtant",
                "Néanmoins",
                "De plus",
                "En outre",
                "Enfin",
                "Ainsi",
                "D'autre part",
                "D'une part",
                "Par conséquent",
                "Or",
                "Mais",
                "Et",
                "Puis",
                "Aussi",
                "Quant à lui",
                "Quant à elle",
                "De même",
                "En revanche",
                "Au contraire",
                "Selon lui",
                "Selon elle",
                "Dès lors",
                "Parallèlement",
                "Auparavant",
                "Plus tard",
                "Plus tôt",
                "Entre-temps",
                "En conclusion",
                "Finalement",
                "Bref",
                "D'ailleurs",
                "Du reste",
                "De son côté",
                "De leur côté",
                "Pour sa part",
                "Pour leur part",
                "À ce propos",
                "À cet égard",
                "Dans ce contexte",
                "Dans ce cadre",
                "Sur ce point",
                "Là encore",
                "Encore",
            )
        ),
        key=len,
        reverse=True,
    )
)

#: honorifics before a name (folded, without the final dot)
HONORIFICS = frozenset({"m", "mme", "mlle", "mr", "mrs", "ms", "dr", "me", "pr", "mgr", "sir"})
FEMININE_HONORIFICS = frozenset({"mme", "mlle", "mrs", "ms"})

#: nouns denoting a person by role (folded): heads of speaker descriptions
ROLE_NOUNS = frozenset(
    fold(w)
    for w in [
        "ministre",
        "vice-ministre",
        "sous-ministre",
        "président",
        "présidente",
        "vice-président",
        "vice-présidente",
        "porte-parole",
        "secrétaire",
        "sous-secrétaire",
        "chef",
        "cheffe",
        "directeur",
        "directrice",
        "patron",
        "patronne",
        "ambassadeur",
        "ambassadrice",
        "député",
        "députée",
        "sénateur",
        "sénatrice",
        "maire",
        "chancelier",
        "chancelière",
        "roi",
        "reine",
        "prince",
        "princesse",
        "général",
        "générale",
        "amiral",
        "colonel",
        "commandant",
        "capitaine",
        "lieutenant",
        "procureur",
        "procureure",
        "juge",
        "avocat",
        "avocate",
        "conseiller",
        "conseillère",
        "diplomate",
        "responsable",
        "dirigeant",
        "dirigeante",
        "représentant",
        "représentante",
        "délégué",
        "déléguée",
        "négociateur",
        "négociatrice",
        "émissaire",
        "envoyé",
        "envoyée",
        "commissaire",
        "gouverneur",
        "gouverneure",
        "préfet",
        "préfète",
        "PDG",
        "fondateur",
        "fondatrice",
        "économiste",
        "analyste",
        "expert",
        "experte",
        "chercheur",
        "chercheuse",
        "professeur",
        "professeure",
        "médecin",
        "docteur",
        "élu",
        "élue",
        "candidat",
        "candidate",
        "leader",
        "opposant",
        "opposante",
        "militant",
        "militante",
        "syndicaliste",
        "entraîneur",
        "sélectionneur",
        "joueur",
        "joueuse",
        "coordinateur",
        "coordinatrice",
        "homologue",
        "premier",
        "première",
        "locataire",
        "souverain",
        "monarque",
        "pape",
        "cardinal",
        "évêque",
        "imam",
        "rabbin",
        "pasteur",
        "historien",
        "historienne",
        "politologue",
        "sociologue",
        "journaliste",
        "témoin",
        "habitant",
        "habitante",
        "riverain",
        "riveraine",
        "manifestant",
        "manifestante",
        "policier",
        "policière",
        "gendarme",
        "pompier",
        "infirmier",
        "infirmière",
        "enseignant",
        "enseignante",
        "étudiant",
        "étudiante",
        "agriculteur",
        "agricultrice",
        "commerçant",
        "commerçante",
        "salarié",
        "salariée",
        "victime",
        "mère",
        "père",
        "fils",
        "fille",
        "frère",
        "soeur",
        "épouse",
        "époux",
        "femme",
        "homme",
        "source",
        "observateur",
        "observatrice",
        "spécialiste",
        "officiel",
        "officielle",
        "haut-représentant",
        "haute-représentante",
        "administrateur",
        "administratrice",
        "gérant",
        "gérante",
        "propriétaire",
        "membre",
        "cadre",
        "collaborateur",
        "collaboratrice",
        "proche",
        "entourage",
        "interlocuteur",
        "interlocutrice",
        "auteur",
        "autrice",
        "écrivain",
        "écrivaine",
        "artiste",
        "acteur",
        "actrice",
        "chanteur",
        "chanteuse",
        "réalisateur",
        "réalisatrice",
        "président-directeur",
        "attaché",
        "attachée",
        "adjoint",
        "adjointe",
        "rapporteur",
        "rapporteure",
        "médiateur",
        "médiatrice",
    ]
)

#: verbs whose inverted subject in an incise may be unknown to the lexicon (any verb after
#: "», " with an inverted subject is taken as a speech incise, with this stance)
UNKNOWN_INCISE_STANCE = "neutral"

#: interrogative words opening an indirect question
WH_WORDS = frozenset(
    {
        "si",
        "s'",
        "pourquoi",
        "comment",
        "quand",
        "ou",
        "combien",
        "quel",
        "quelle",
        "quels",
        "quelles",
        "qui",
        "lequel",
        "laquelle",
    }
)

#: first/second person subjects: inside a direct quote, the speaker's own "je pense que…"
FIRST_SECOND_PERSON = frozenset(
    {"je", "j'", "nous", "tu", "vous", "on", "-je", "-nous", "-vous", "-on", "moi"}
)

#: words that mark distance in the cue's neighbourhood
DISTANCING_MODIFIERS = (
    "sans preuve",
    "sans apporter de preuve",
    "sans fournir de preuve",
    "sans étayer",
    "sans le prouver",
    "sans élément",
)

#: designations before a quoted name or title: «…» after these is a name, not a quote
NAMING_WORDS = frozenset(
    fold(w)
    for w in [
        "appelé",
        "appelée",
        "appelés",
        "appelées",
        "baptisé",
        "baptisée",
        "baptisés",
        "intitulé",
        "intitulée",
        "intitulés",
        "surnommé",
        "surnommée",
        "dénommé",
        "dénommée",
        "nommé",
        "nommée",
        "dit",
        "dite",
        "opération",
        "operation",
        "projet",
        "programme",
        "plan",
        "slogan",
        "hashtag",
        "mot-dièse",
        "livre",
        "film",
        "émission",
        "série",
        "roman",
        "album",
        "chanson",
        "ouvrage",
        "documentaire",
        "spectacle",
        "pièce",
        "festival",
        "journal",
        "magazine",
        "rubrique",
        "label",
        "mouvement",
        "association",
        "collectif",
        "parti",
        "groupe",
        "marque",
        "navire",
        "bateau",
        "station",
        "club",
        "campagne",
        "dispositif",
        "loi",
        "réforme",
        "texte",
        "initiative",
        "sommet",
        "format",
        "concept",
        "doctrine",
    ]
)
