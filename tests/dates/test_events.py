"""Dated statements: which sentences a date dates, with which date and tense."""

from __future__ import annotations

from datetime import date

import pytest

from vigie.dates import Event, find_dates, find_events

PUB = date(2022, 1, 28)


def _events(text: str, published: date | None = PUB) -> list[Event]:
    return find_events(text, find_dates(text, published).mentions)


def _sentence(text: str, ev: Event) -> str:
    return text[ev.sentence_start : ev.sentence_end]


@pytest.mark.parametrize(
    ("text", "value", "tense"),
    [
        (
            "Le 26 janvier, les États-Unis et l’Otan ont remis à la Russie leurs réponses.",
            date(2022, 1, 26),
            "past",
        ),
        ("Le sommet se tiendra vendredi prochain à Genève.", date(2022, 2, 4), "future"),
        (
            "Les 9 et 10 janvier, les délégations tiennent leurs consultations.",
            date(2022, 1, 9),
            "present",
        ),
        ("Le Kremlin a annoncé hier la tenue de nouvelles discussions.", date(2022, 1, 27), "past"),
        ("Les consultations se sont déroulées en janvier 2022 à Genève.", date(2022, 1, 1), "past"),
        ("The minister said on Monday that talks would go on.", date(2022, 1, 24), "past"),
        ("Министр обороны назвал в среду инцидент постановкой.", date(2022, 1, 26), "past"),
    ],
)
def test_event_date_and_tense(text: str, value: date, tense: str) -> None:
    (ev,) = _events(text)
    assert ev.mention.value == value
    assert ev.tense == tense
    assert _sentence(text, ev) == text


def test_sentence_span_is_the_whole_sentence_in_a_paragraph() -> None:
    text = (
        "M. Lavrov a également noté qu’il n’y avait pas de progrès. Le 26 janvier, les "
        "États-Unis et l’Otan ont remis à la Russie leurs réponses écrites. Washington a "
        "demandé de ne pas les rendre publiques."
    )
    (ev,) = _events(text)
    assert _sentence(text, ev) == (
        "Le 26 janvier, les États-Unis et l’Otan ont remis à la Russie leurs réponses écrites."
    )


def test_one_event_per_sentence_the_opening_date_first() -> None:
    text = "Le 26 janvier, le ministre a annoncé qu’il se rendrait à Genève vendredi prochain."
    (ev,) = _events(text)
    assert ev.mention.text == "26 janvier"


def test_quoted_dates_date_no_statement() -> None:
    text = "« Aujourd’hui, nous défendrons une approche complexe », a déclaré le ministre."
    found = find_dates(text, PUB)
    assert [m.in_quote for m in found.mentions] == [True]
    assert find_events(text, found.mentions) == []


@pytest.mark.parametrize(
    "text",
    [
        "Publié le 26 février 2025 à 18h30",
        "14 février 2025 | Mis à jour à 16 h 20",
        "Mardi 3 mars",
        "Depuis lundi, les magasins restent fermés dans toute la ville.",
        "Le salon restera ouvert jusqu’à dimanche dans le parc des expositions.",
        "À 17h00, heure de Moscou (UTC+3), la diplomatie russe a publié le texte.",
    ],
)
def test_no_event(text: str) -> None:
    assert _events(text) == []


def test_event_keeps_the_time_of_its_sentence() -> None:
    text = "Vendredi, la diplomatie russe a publié à 17h00 le texte intégral de sa réponse."
    (ev,) = _events(text)
    assert (ev.mention.value, ev.time) == (date(2022, 1, 28), "17:00")


def test_no_publication_date_no_relative_event() -> None:
    text = "Hier, le ministre a parlé. Le 26 janvier 2022, les alliés ont remis leur réponse."
    events = _events(text, None)
    assert [e.mention.text for e in events] == ["26 janvier 2022"]


@pytest.mark.parametrize(
    "text",
    [
        "Pas le temps de dire ouf, une ville après l’autre. Cette semaine, ils en ont fait quatre.",
        "Quelles sont leurs habitudes ? Vendredi, la nuit tombe sur Rome.",
        "Bonjour M. Dupont. Le 26 janvier, les alliés ont remis leur réponse.",
    ],
)
def test_the_sentence_starts_right_after_the_previous_one(text: str) -> None:
    (ev,) = _events(text)
    sentence = _sentence(text, ev)
    assert text.endswith(sentence)
    assert sentence[0].isupper()
    assert "M. Dupont" not in sentence


def test_a_date_qualifying_a_noun_dates_no_statement() -> None:
    text = "Le ministre a demandé de clarifier le référendum du 26 janvier sur l’adhésion."
    assert _events(text) == []


def test_a_wire_dateline_is_not_the_statement_date() -> None:
    text = "KORVANSK, 26 janvier (Telekar) – Le ministre a dénoncé mardi une provocation."
    (ev,) = _events(text)
    assert ev.mention.text == "mardi"
