"""The built-in gazetteer: states, organisations and media under one id whatever the name."""

from __future__ import annotations

import pytest

from vigie.actors import gazetteer
from vigie.actors.keys import plain_key


@pytest.mark.parametrize(
    ("names", "actor_id"),
    [
        (
            [
                "États-Unis",
                "Etats-Unis",
                "US",
                "USA",
                "U.S.",
                "United States",
                "Washington",
                "gouvernement des États-Unis",
                "la Maison Blanche",
                "США",
                "Amérique",
            ],
            "state:etats-unis",
        ),
        (
            [
                "Russie",
                "la Russie",
                "Russia",
                "Moscou",
                "le Kremlin",
                "gouvernement russe",
                "Россия",
                "Fédération de Russie",
            ],
            "state:russie",
        ),
        (["Ukraine", "Kiev", "Kyiv", "Украина"], "state:ukraine"),
        (["France", "Élysée", "gouvernement français"], "state:france"),
        (
            [
                "Otan",
                "OTAN",
                "l'Otan",
                "NATO",
                "НАТО",
                "Organisation du traité de l’Atlantique Nord",
                "Alliance atlantique",
            ],
            "org:otan",
        ),
        (["UE", "Union européenne", "l'Union européenne", "EU", "ЕС"], "org:ue"),
        (["ONU", "Nations unies", "ООН"], "org:onu"),
        (["OSCE", "Organisation pour la sécurité et la coopération en Europe"], "org:osce"),
        (["AFP", "Agence France-Presse"], "media:afp"),
        (["Tass", "Itar-Tass"], "media:tass"),
        (["département d'État", "State Department"], "org:departement-d-etat"),
    ],
)
def test_names_of_one_actor(names: list[str], actor_id: str) -> None:
    for name in names:
        entry = gazetteer.lookup(plain_key(name))
        assert entry is not None, name
        assert entry.id == actor_id, name


def test_kinds_and_names() -> None:
    assert gazetteer.BUILTIN["state:russie"].kind == "state"
    assert gazetteer.BUILTIN["state:russie"].name == "Russie"
    assert gazetteer.BUILTIN["org:otan"].kind == "organisation"
    assert gazetteer.BUILTIN["org:otan"].name == "Otan"
    assert gazetteer.BUILTIN["media:afp"].kind == "media"


def test_paris_and_unknown_names_are_not_in_it() -> None:
    for name in ["Paris", "Bruxelles", "Sergueï Lavrov", "Karsovie", "un"]:
        assert gazetteer.lookup(plain_key(name)) is None, name


def test_no_name_belongs_to_two_actors() -> None:
    owner: dict[str, str] = {}
    for entry in gazetteer.BUILTIN.values():
        for alias in [entry.name, *entry.aliases]:
            k = plain_key(alias)
            assert owner.setdefault(k, entry.id) == entry.id, (alias, owner[k], entry.id)
