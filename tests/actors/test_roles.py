"""Roles: titles in speaker mentions and next to names."""

from __future__ import annotations

import pytest

from vigie.actors.roles import role_after, role_before, role_of_mention


@pytest.mark.parametrize(
    ("mention", "role"),
    [
        ("le ministre russe des Affaires étrangères ", "ministre russe des Affaires étrangères"),
        ("Le chef de la diplomatie russe", "chef de la diplomatie russe"),
        ("l'ancien président ", "ancien président"),
        ("le Premier ministre ", "Premier ministre"),
        ("la porte-parole du ministère", "porte-parole du ministère"),
        ("il", None),
        ("qui", None),
        ("M. ", None),
        ("son porte-parole", None),  # whose?
        ("le père d'", None),  # the name cut out was someone else's
        ("la première fois", None),
        ("le ministre a dit", None),
    ],
)
def test_role_of_mention(mention: str, role: str | None) -> None:
    assert role_of_mention(mention) == role


TEXT = (
    "Le ministre russe des Affaires étrangères Sergueï Lavrov a reçu Antony Blinken, "
    "secrétaire d'État américain, à Genève. Selon l'ancienne épouse de Nicolas Sarkozy, "
    "le Premier ministre, Édouard Philippe, a parlé. Pour la première fois depuis deux mois "
    "Jean Dupont parle. Jens Stoltenberg, le secrétaire général de l'Otan. Marie Curie, qui "
    "était là."
)


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        ("Sergueï Lavrov", "ministre russe des Affaires étrangères", None),
        ("Antony Blinken", None, "secrétaire d'État américain"),
        ("Nicolas Sarkozy", None, None),
        ("Édouard Philippe", "Premier ministre", None),
        ("Jean Dupont", None, None),
        ("Jens Stoltenberg", None, "secrétaire général de l'Otan"),
        ("Marie Curie", None, None),
    ],
)
def test_titles_next_to_names(name: str, before: str | None, after: str | None) -> None:
    start = TEXT.index(name)
    assert role_before(TEXT, start) == before
    assert role_after(TEXT, start + len(name)) == after
