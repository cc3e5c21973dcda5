"""Small hand-made gazetteers: countries, capitals used as metonyms, institutions, outlets.

They serve two purposes: correcting the NER model's known slips on news text (a capital tagged
as a person) and giving speakers and sources canonical names ("Moscou" → "gouvernement russe",
"l'agence Tass" → "Tass"). Keys are folded with :func:`fold` (lower case, no accents, straight
apostrophes), so lookups are insensitive to case, accents and typography.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = [
    "CAPITALS",
    "COUNTRIES",
    "INSTITUTIONS",
    "ORG_ACRONYMS",
    "OUTLETS",
    "PLATFORMS",
    "country_government",
    "fold",
    "institution_name",
    "outlet_name",
]


def fold(text: str) -> str:
    """Lower case, accents stripped, apostrophes and dashes straightened, spaces squeezed."""
    if len(text) <= 40:
        return _fold_short(text)
    return _fold(text)


@functools.lru_cache(maxsize=200_000)
def _fold_short(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    if text.isascii():
        return " ".join(text.replace("\u00a0", " ").casefold().split())
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("’", "'").replace("‘", "'").replace("‐", "-").replace("‑", "-")
    s = s.replace("\u00a0", " ").replace("\u202f", " ")
    return " ".join(s.casefold().split())


#: country (folded) -> (canonical country name, adjective used in "gouvernement <adj>")
_COUNTRY_ROWS = """
russie|Russie|russe
etats-unis|États-Unis|des États-Unis
etats unis|États-Unis|des États-Unis
amerique|États-Unis|des États-Unis
france|France|français
royaume-uni|Royaume-Uni|britannique
grande-bretagne|Royaume-Uni|britannique
allemagne|Allemagne|allemand
chine|Chine|chinois
ukraine|Ukraine|ukrainien
italie|Italie|italien
espagne|Espagne|espagnol
portugal|Portugal|portugais
japon|Japon|japonais
iran|Iran|iranien
irak|Irak|irakien
israel|Israël|israélien
turquie|Turquie|turc
inde|Inde|indien
bresil|Brésil|brésilien
canada|Canada|canadien
mexique|Mexique|mexicain
pologne|Pologne|polonais
bielorussie|Biélorussie|biélorusse
belarus|Biélorussie|biélorusse
syrie|Syrie|syrien
liban|Liban|libanais
egypte|Égypte|égyptien
algerie|Algérie|algérien
maroc|Maroc|marocain
tunisie|Tunisie|tunisien
mali|Mali|malien
niger|Niger|nigérien
senegal|Sénégal|sénégalais
belgique|Belgique|belge
suisse|Suisse|suisse
pays-bas|Pays-Bas|néerlandais
grece|Grèce|grec
hongrie|Hongrie|hongrois
roumanie|Roumanie|roumain
suede|Suède|suédois
norvege|Norvège|norvégien
finlande|Finlande|finlandais
danemark|Danemark|danois
autriche|Autriche|autrichien
irlande|Irlande|irlandais
australie|Australie|australien
arabie saoudite|Arabie saoudite|saoudien
qatar|Qatar|qatarien
coree du nord|Corée du Nord|nord-coréen
coree du sud|Corée du Sud|sud-coréen
venezuela|Venezuela|vénézuélien
cuba|Cuba|cubain
afghanistan|Afghanistan|afghan
pakistan|Pakistan|pakistanais
kazakhstan|Kazakhstan|kazakh
georgie|Géorgie|géorgien
armenie|Arménie|arménien
azerbaidjan|Azerbaïdjan|azerbaïdjanais
moldavie|Moldavie|moldave
estonie|Estonie|estonien
lettonie|Lettonie|letton
lituanie|Lituanie|lituanien
serbie|Serbie|serbe
kosovo|Kosovo|kosovar
"""

COUNTRIES: dict[str, tuple[str, str]] = {}
for _row in _COUNTRY_ROWS.strip().splitlines():
    _k, _name, _adj = _row.split("|")
    COUNTRIES[_k] = (_name, _adj)

#: demonym adjective (folded, masculine singular) -> canonical country name
DEMONYMS: dict[str, str] = {}
for _name, _adj in COUNTRIES.values():
    if not _adj.startswith("des "):
        DEMONYMS.setdefault(fold(_adj), _name)
DEMONYMS["americain"] = "États-Unis"
DEMONYMS["etats-unien"] = "États-Unis"
DEMONYMS["anglais"] = "Royaume-Uni"

#: capital or seat of government (folded) -> country (folded key of COUNTRIES)
CAPITALS: dict[str, str] = {
    "moscou": "russie",
    "washington": "etats-unis",
    "paris": "france",
    "londres": "royaume-uni",
    "berlin": "allemagne",
    "pekin": "chine",
    "beijing": "chine",
    "kiev": "ukraine",
    "kyiv": "ukraine",
    "rome": "italie",
    "madrid": "espagne",
    "lisbonne": "portugal",
    "tokyo": "japon",
    "teheran": "iran",
    "bagdad": "irak",
    "jerusalem": "israel",
    "ankara": "turquie",
    "new delhi": "inde",
    "brasilia": "bresil",
    "ottawa": "canada",
    "mexico": "mexique",
    "varsovie": "pologne",
    "minsk": "bielorussie",
    "damas": "syrie",
    "beyrouth": "liban",
    "le caire": "egypte",
    "alger": "algerie",
    "rabat": "maroc",
    "tunis": "tunisie",
    "bamako": "mali",
    "niamey": "niger",
    "dakar": "senegal",
    "athenes": "grece",
    "budapest": "hongrie",
    "bucarest": "roumanie",
    "stockholm": "suede",
    "oslo": "norvege",
    "helsinki": "finlande",
    "copenhague": "danemark",
    "vienne": "autriche",
    "dublin": "irlande",
    "canberra": "australie",
    "riyad": "arabie saoudite",
    "doha": "qatar",
    "pyongyang": "coree du nord",
    "seoul": "coree du sud",
    "caracas": "venezuela",
    "la havane": "cuba",
    "kaboul": "afghanistan",
    "islamabad": "pakistan",
    "tbilissi": "georgie",
    "erevan": "armenie",
    "bakou": "azerbaidjan",
    "chisinau": "moldavie",
    "tallinn": "estonie",
    "riga": "lettonie",
    "vilnius": "lituanie",
    "belgrade": "serbie",
}

#: other well-known places the French model likes to tag as persons
_PLACES_EXTRA = {
    "bruxelles",
    "geneve",
    "new york",
    "strasbourg",
    "lyon",
    "marseille",
    "bordeaux",
    "toulouse",
    "lille",
    "nice",
    "nantes",
    "istanbul",
    "astana",
    "donetsk",
    "louhansk",
    "crimee",
    "kharkiv",
    "odessa",
    "marioupol",
    "davos",
    "munich",
    "francfort",
    "milan",
    "barcelone",
    "saint-petersbourg",
    "sotchi",
    "gaza",
    "kaliningrad",
    "europe",
    "afrique",
    "asie",
    "occident",
}
PLACES: frozenset[str] = frozenset(set(CAPITALS) | set(COUNTRIES) | _PLACES_EXTRA)

#: institutions a text lets speak, folded -> canonical
INSTITUTIONS: dict[str, str] = {
    "kremlin": "Kremlin",
    "elysee": "Élysée",
    "matignon": "Matignon",
    "maison blanche": "Maison Blanche",
    "maison-blanche": "Maison Blanche",
    "pentagone": "Pentagone",
    "quai d'orsay": "Quai d'Orsay",
    "bercy": "Bercy",
    "beauvau": "Beauvau",
    "downing street": "Downing Street",
    "departement d'etat": "département d’État des États-Unis",
    "departement d'etat americain": "département d’État des États-Unis",
    "departement d'etat des etats-unis": "département d’État des États-Unis",
    "diplomatie russe": "ministère russe des Affaires étrangères",
    "diplomatie americaine": "département d’État des États-Unis",
    "diplomatie francaise": "ministère français des Affaires étrangères",
    "vatican": "Vatican",
    "saint-siege": "Vatican",
    "commission europeenne": "Commission européenne",
    "bruxelles": "Union européenne",
}

#: acronyms of organisations the model tags as places or misc
ORG_ACRONYMS: frozenset[str] = frozenset(
    fold(a)
    for a in [
        "OTAN",
        "Otan",
        "ONU",
        "UE",
        "OSCE",
        "OMS",
        "FMI",
        "OMC",
        "OCDE",
        "BCE",
        "UNESCO",
        "Unicef",
        "HCR",
        "CIA",
        "FBI",
        "NSA",
        "KGB",
        "FSB",
        "SNCF",
        "RATP",
        "EDF",
        "CGT",
        "CFDT",
        "FO",
        "Medef",
        "INSEE",
        "Insee",
        "CNRS",
        "G7",
        "G20",
        "BRICS",
        "ASEAN",
        "OPEP",
        "AIEA",
        "CPI",
        "UEFA",
        "FIFA",
        "CIO",
    ]
)

#: outlets and agencies (folded name or alias -> canonical)
_OUTLET_ROWS = """
afp|AFP
agence france-presse|AFP
agence france presse|AFP
reuters|Reuters
associated press|AP
ap|AP
bloomberg|Bloomberg
tass|Tass
itar-tass|Tass
ria novosti|RIA Novosti
interfax|Interfax
sputnik|Sputnik
sputnik france|Sputnik
rt|RT
rt france|RT
russia today|RT
xinhua|Xinhua
chine nouvelle|Xinhua
anadolu|Anadolu
kyodo|Kyodo
yonhap|Yonhap
ansa|ANSA
efe|EFE
dpa|DPA
belga|Belga
ukrinform|Ukrinform
bbc|BBC
cnn|CNN
fox news|Fox News
cbs|CBS
nbc|NBC
abc|ABC
npr|NPR
new york times|New York Times
nyt|New York Times
washington post|Washington Post
wall street journal|Wall Street Journal
financial times|Financial Times
guardian|The Guardian
the guardian|The Guardian
times|The Times
the times|The Times
politico|Politico
axios|Axios
der spiegel|Der Spiegel
spiegel|Der Spiegel
bild|Bild
el pais|El País
corriere della sera|Corriere della Sera
le monde|Le Monde
le figaro|Le Figaro
figaro|Le Figaro
liberation|Libération
les echos|Les Échos
le parisien|Le Parisien
parisien|Le Parisien
ouest-france|Ouest-France
la croix|La Croix
l'humanite|L'Humanité
journal du dimanche|Journal du dimanche
jdd|Journal du dimanche
l'express|L'Express
le point|Le Point
l'obs|L'Obs
marianne|Marianne
mediapart|Mediapart
valeurs actuelles|Valeurs actuelles
canard enchaine|Le Canard enchaîné
le canard enchaine|Le Canard enchaîné
20 minutes|20 Minutes
la depeche|La Dépêche
sud ouest|Sud Ouest
le progres|Le Progrès
la voix du nord|La Voix du Nord
france inter|France Inter
franceinfo|France Info
france info|France Info
france culture|France Culture
rtl|RTL
europe 1|Europe 1
rmc|RMC
bfmtv|BFMTV
bfm tv|BFMTV
bfm|BFMTV
lci|LCI
cnews|CNews
tf1|TF1
france 2|France 2
france 3|France 3
france 5|France 5
france 24|France 24
arte|Arte
tv5monde|TV5Monde
rfi|RFI
public senat|Public Sénat
lcp|LCP
al jazeera|Al Jazeera
al-jazeera|Al Jazeera
izvestia|Izvestia
kommersant|Kommersant
rossiiskaia gazeta|Rossiïskaïa Gazeta
rossiiskaya gazeta|Rossiïskaïa Gazeta
vedomosti|Vedomosti
novaia gazeta|Novaïa Gazeta
komsomolskaia pravda|Komsomolskaïa Pravda
pravda|Pravda
rossiya 1|Rossiya 1
pervi kanal|Perviy Kanal
global times|Global Times
le soir|Le Soir
la libre belgique|La Libre Belgique
le temps|Le Temps
rts|RTS
radio-canada|Radio-Canada
le devoir|Le Devoir
jeune afrique|Jeune Afrique
"""

OUTLETS: dict[str, str] = {}
for _row in _OUTLET_ROWS.strip().splitlines():
    _k, _v = _row.split("|")
    OUTLETS[fold(_k)] = _v

#: social platforms and messaging services through which statements are relayed
PLATFORMS: dict[str, str] = {
    "twitter": "Twitter",
    "telegram": "Telegram",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "weibo": "Weibo",
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "linkedin": "LinkedIn",
    "vkontakte": "VKontakte",
    "truth social": "Truth Social",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "threads": "Threads",
}

#: nouns that introduce an outlet name: "la chaîne de télévision RT", "l'agence Tass"
OUTLET_NOUNS = frozenset(
    fold(w)
    for w in [
        "agence",
        "chaîne",
        "chaine",
        "journal",
        "quotidien",
        "hebdomadaire",
        "mensuel",
        "magazine",
        "radio",
        "station",
        "site",
        "média",
        "media",
        "télévision",
        "television",
        "télé",
        "tele",
        "émission",
        "emission",
        "podcast",
        "journaliste",
        "journalistes",
        "antenne",
        "micro",
        "plateau",
        "colonnes",
        "webzine",
        "revue",
        "blog",
    ]
)

_ARTICLE_RE = re.compile(r"^(?:l'|le |la |les |du |de la |des |de l'|d'|de |au |aux |à la |à l')")


def strip_article(name: str) -> str:
    """``"le Kremlin"`` → ``"Kremlin"`` (folded input or not)."""
    s = name.strip()
    s2 = re.sub(r"^(?:[lL][’']|[lL][ea]s? |[dD]u |[dD]es |[dD][’']|[aA]ux? )", "", s)
    return s2.strip() or s


_OUTLET_NOUN_SKIP = frozenset(
    {
        "de",
        "d'",
        "presse",
        "publique",
        "d'etat",
        "etat",
        "officielle",
        "etatique",
        "privee",
        "d'information",
        "d'informations",
        "information",
        "television",
        "radio",
        "en",
        "ligne",
    }
)
#: words that make a capitalised name an outlet's ("Canal Sept", "Radio Lisk", "Méridie Soir")
OUTLET_NAME_WORDS = frozenset(
    fold(w)
    for w in [
        "Canal",
        "Radio",
        "Télé",
        "Tele",
        "TV",
        "Info",
        "Infos",
        "Soir",
        "Matin",
        "Journal",
        "Courrier",
        "Écho",
        "Echo",
        "Échos",
        "Echos",
        "Presse",
        "Hebdo",
        "Gazette",
        "Tribune",
        "Dépêche",
        "Nouvelles",
        "Quotidien",
        "Express",
        "Observateur",
        "Times",
        "Post",
        "News",
        "Herald",
        "Daily",
        "Actu",
        "Actualités",
        "Magazine",
        "Mag",
        "Chronicle",
        "Ledger",
        "FM",
        "Média",
        "Médias",
        "Télévision",
        "Television",
        "Dépêches",
        "Press",
        "Gazet",
        "Zeitung",
        "Nachrichten",
    ]
)


def outlet_name(text: str, *, named_as_outlet: bool = False) -> str | None:
    """Canonical outlet for a mention ("l'agence Tass", "RIA Novosti", "la chaîne RT",
    "l'agence d'État Telekar", "Canal Sept"), or None.

    ``named_as_outlet``: the context already says it is an outlet ("dans une interview à …"),
    so any capitalised name is accepted."""
    whole = fold(text).strip(" .,;:")
    if whole in OUTLETS:
        return OUTLETS[whole]
    raw = strip_article(text).strip(" .,;:")
    f = fold(raw)
    if f in OUTLETS:
        return OUTLETS[f]
    if f in PLATFORMS:
        return PLATFORMS[f]
    raw_words = raw.split()
    words = f.split()
    # "l'agence de presse Tass", "la chaîne de télévision RT": drop the outlet noun phrase
    k = 0
    while (
        k < len(words)
        and k < len(raw_words)
        and not raw_words[k][:1].isupper()  # "Radio France", "Agence X" are names
        and (
            words[k] in OUTLET_NOUNS
            or words[k] in _OUTLET_NOUN_SKIP
            or DEMONYMS.get(words[k].rstrip("es"))
            or _is_demonym(words[k])
            or words[k].startswith("d'")
        )
    ):
        k += 1
    rest = " ".join(words[k:])
    if rest in OUTLETS:
        return OUTLETS[rest]
    if rest in PLATFORMS:
        return PLATFORMS[rest]
    name_words = raw_words[k:]
    capitalised = (
        bool(name_words)
        and all(
            w[:1].isupper() or w[:1].isdigit() or fold(w) in ("de", "du", "des", "la", "le", "d'")
            for w in name_words
        )
        and name_words[0][:1].isupper()
    )
    if not capitalised or len(name_words) > 5:
        return None
    if k > 0 or named_as_outlet:
        return " ".join(name_words)
    if any(fold(w) in OUTLET_NAME_WORDS for w in name_words):
        return " ".join(name_words)
    return None


def _is_demonym(word: str) -> bool:
    return demonym_country(word) is not None


def country_government(text: str) -> str | None:
    """``"Moscou"``/``"la Russie"``/``"la partie russe"`` → ``"gouvernement russe"``."""
    f = fold(strip_article(text)).strip(" .,;:")
    key = CAPITALS.get(f) or (f if f in COUNTRIES else None)
    if key is None:
        m = re.fullmatch(r"(?:partie|cote|camp|gouvernement|executif|pouvoir) (.+)", f)
        if m:
            adj = m.group(1)
            country = DEMONYMS.get(adj) or DEMONYMS.get(re.sub(r"e?s?$", "", adj))
            if country:
                key = fold(country)
    if key is None or key not in COUNTRIES:
        return None
    return f"gouvernement {COUNTRIES[key][1]}"


def institution_name(text: str) -> str | None:
    """Canonical name of a well-known institution mention, or None."""
    f = fold(strip_article(text)).strip(" .,;:")
    if f in INSTITUTIONS:
        return INSTITUTIONS[f]
    return None


def demonym_country(word: str) -> str | None:
    """``"russe"``/``"américaine"``/``"britanniques"`` → country name, else None."""
    f = fold(word)
    if f in DEMONYMS:
        return DEMONYMS[f]
    for suffix in ("nes", "ne", "es", "e", "s"):
        if f.endswith(suffix):
            base = f[: -len(suffix)]
            if base in DEMONYMS:
                return DEMONYMS[base]
            if suffix.startswith("n") and base + "n" in DEMONYMS:
                return DEMONYMS[base + "n"]
    return None
