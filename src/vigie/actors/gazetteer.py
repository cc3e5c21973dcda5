"""The built-in gazetteer: states, international organisations, institutions and media that
are actors under one id whatever the text calls them.

- **States** (``state:``): every country the quote extractor knows
  (:data:`vigie.quotes.gazetteer.COUNTRIES`), under its French name, with its other French
  keys, ``gouvernement <adjective>`` (the quote extractor's name for a government speaking:
  "gouvernement russe", "gouvernement des États-Unis"), its capital used as a metonym
  ("Moscou", "Washington") and a few English and Russian names and acronyms (:data:`_STATES`).
  Seats of the executive speak for the state: Kremlin → Russie, Maison Blanche → États-Unis,
  Élysée and Matignon → France, Downing Street → Royaume-Uni. **Paris is left a place**: in
  French news it is more often the city than the French government.
- **Organisations** (``org:``): :data:`_ORGANISATIONS` — Otan = OTAN = NATO = НАТО =
  Organisation du traité de l'Atlantique Nord, UE = Union européenne = EU, ONU, OSCE, …
- **Media** (``media:``): the outlets and agencies the quote extractor knows
  (:data:`vigie.quotes.gazetteer.OUTLETS`).

Aliases are matched by :func:`~vigie.actors.keys.plain_key` (case, accents, a leading article
and Cyrillic script do not matter). The registry overrides all of it: an alias the registry
gives to another actor wins, and a registry merge or split applies to built-in ids too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vigie.actors.keys import plain_key, slug, without_article
from vigie.quotes.gazetteer import CAPITALS, COUNTRIES, OUTLETS

__all__ = ["BUILTIN", "Entry", "builtin_entry", "lookup"]


@dataclass(slots=True)
class Entry:
    """A built-in actor: id, display name, kind and the names it goes by."""

    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)


#: French state name → extra aliases (English and Russian names, acronyms, seats of power)
_STATES: dict[str, tuple[str, ...]] = {
    "Russie": (
        "Russia",
        "Fédération de Russie",
        "Russian Federation",
        "Россия",
        "Российская Федерация",
        "Kremlin",
        "autorités russes",
        "pouvoir russe",
    ),
    "États-Unis": (
        "Etats-Unis d'Amérique",
        "États-Unis d'Amérique",
        "USA",
        "US",
        "U.S.",
        "U.S.A.",
        "United States",
        "United States of America",
        "США",
        "Maison Blanche",
        "Maison-Blanche",
        "White House",
        "gouvernement américain",
        "administration américaine",
        "autorités américaines",
    ),
    "France": ("Élysée", "Matignon", "gouvernement français", "autorités françaises"),
    "Royaume-Uni": (
        "UK",
        "United Kingdom",
        "Britain",
        "Great Britain",
        "Downing Street",
        "gouvernement britannique",
    ),
    "Chine": ("China", "République populaire de Chine", "RPC", "Китай", "gouvernement chinois"),
    "Ukraine": ("Украина", "Україна", "gouvernement ukrainien", "autorités ukrainiennes"),
    "Allemagne": ("Germany", "Deutschland", "gouvernement allemand"),
    "Biélorussie": ("Bélarus", "Belarus", "Беларусь"),
    "Turquie": ("Turkey", "Türkiye"),
    "Israël": ("Israel", "État hébreu", "Etat hébreu"),
    "Inde": ("India",),
    "Japon": ("Japan",),
    "Iran": ("République islamique d'Iran",),
    "Corée du Nord": ("North Korea", "Pyongyang"),
    "Corée du Sud": ("South Korea",),
    "Vatican": ("Saint-Siège", "Holy See"),
}

#: international organisations and national bodies: (id slug, name, aliases)
_ORGANISATIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "otan",
        "Otan",
        (
            "OTAN",
            "NATO",
            "НАТО",
            "Organisation du traité de l'Atlantique Nord",
            "Organisation du Traité de l'Atlantique Nord",
            "Organisation de l'Atlantique Nord",
            "North Atlantic Treaty Organization",
            "Alliance atlantique",
            "Alliance de l'Atlantique Nord",
            "Alliance nord-atlantique",
            "Организация Североатлантического договора",
        ),
    ),
    (
        "ue",
        "Union européenne",
        ("UE", "EU", "European Union", "ЕС", "Евросоюз", "Европейский союз", "Union européenne"),
    ),
    (
        "onu",
        "ONU",
        (
            "Organisation des Nations unies",
            "Organisation des Nations Unies",
            "Nations unies",
            "United Nations",
            "ООН",
        ),
    ),
    (
        "conseil-de-securite-de-l-onu",
        "Conseil de sécurité de l'ONU",
        (
            "Conseil de sécurité",
            "Conseil de sécurité des Nations unies",
            "UN Security Council",
            "Совет Безопасности ООН",
        ),
    ),
    (
        "osce",
        "OSCE",
        ("Organisation pour la sécurité et la coopération en Europe", "ОБСЕ"),
    ),
    ("commission-europeenne", "Commission européenne", ("European Commission", "Еврокомиссия")),
    ("conseil-de-l-europe", "Conseil de l'Europe", ("Council of Europe",)),
    ("parlement-europeen", "Parlement européen", ("European Parliament",)),
    ("oms", "OMS", ("Organisation mondiale de la santé", "WHO", "ВОЗ")),
    ("fmi", "FMI", ("Fonds monétaire international", "IMF", "МВФ")),
    ("bce", "BCE", ("Banque centrale européenne", "ECB")),
    ("omc", "OMC", ("Organisation mondiale du commerce", "WTO")),
    ("aiea", "AIEA", ("Agence internationale de l'énergie atomique", "IAEA", "МАГАТЭ")),
    ("cpi", "CPI", ("Cour pénale internationale", "ICC")),
    ("g7", "G7", ("G 7",)),
    ("g20", "G20", ("G 20",)),
    ("brics", "BRICS", ()),
    ("pentagone", "Pentagone", ("Pentagon", "département de la Défense des États-Unis")),
    (
        "departement-d-etat",
        "département d’État des États-Unis",
        (
            "département d'État",
            "département d'État américain",
            "State Department",
            "diplomatie américaine",
        ),
    ),
    (
        "ministere-russe-des-affaires-etrangeres",
        "ministère russe des Affaires étrangères",
        ("diplomatie russe", "MID", "МИД", "МИД России"),
    ),
    (
        "ministere-francais-des-affaires-etrangeres",
        "ministère français des Affaires étrangères",
        ("Quai d'Orsay", "diplomatie française"),
    ),
    ("cia", "CIA", ()),
    ("fbi", "FBI", ()),
    ("fsb", "FSB", ("ФСБ",)),
)


def _build() -> tuple[dict[str, Entry], dict[str, str]]:
    entries: dict[str, Entry] = {}
    by_key: dict[str, str] = {}

    def add(entry: Entry) -> None:
        entries[entry.id] = entry
        for alias in [entry.name, *entry.aliases]:
            k = plain_key(alias)
            if k:
                by_key.setdefault(k, entry.id)

    capitals: dict[str, list[str]] = {}
    for cap, country in CAPITALS.items():
        if cap != "paris":
            capitals.setdefault(country, []).append(cap)
    states: dict[str, Entry] = {}
    for key, (name, adj) in COUNTRIES.items():
        sid = "state:" + slug(plain_key(name))
        e = states.get(sid)
        if e is None:
            e = Entry(sid, name, "state", [f"gouvernement {adj}"])
            e.aliases.extend(_STATES.get(name, ()))
            states[sid] = e
        e.aliases.append(key)
        e.aliases.extend(capitals.get(key, ()))
    if "state:vatican" not in states:
        states["state:vatican"] = Entry(
            "state:vatican", "Vatican", "state", list(_STATES["Vatican"])
        )
    # media first: a state's alias never loses to an outlet's ("Russie" is not an outlet)
    for sid in sorted(states):
        add(states[sid])
    for s, name, aliases in _ORGANISATIONS:
        add(Entry("org:" + s, name, "organisation", list(aliases)))
    media: dict[str, Entry] = {}
    for key, name in OUTLETS.items():
        mid = "media:" + slug(plain_key(name))
        media.setdefault(mid, Entry(mid, name, "media", [])).aliases.append(key)
    for mid in sorted(media):
        add(media[mid])
    return entries, by_key


#: built-in actors by id
BUILTIN: dict[str, Entry]
_BY_KEY: dict[str, str]
BUILTIN, _BY_KEY = _build()


def lookup(plain: str) -> Entry | None:
    """The built-in actor a plain key names, or None."""
    eid = _BY_KEY.get(plain)
    if eid is None:
        bare = without_article(plain)
        eid = _BY_KEY.get(bare) if bare is not None else None
    return BUILTIN[eid] if eid is not None else None


def builtin_entry(actor_id: str) -> Entry | None:
    return BUILTIN.get(actor_id)
