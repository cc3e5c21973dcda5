"""Tense cues around a date: the nearest verb form that shows its tense."""

from __future__ import annotations

import pytest

from vigie.dates.tense import tense_near


def _tense(sentence: str, date_text: str) -> str:
    start = sentence.index(date_text)
    return tense_near(sentence, 0, len(sentence), start, start + len(date_text))[0]


@pytest.mark.parametrize(
    ("sentence", "date_text", "tense"),
    [
        ("Le 26 janvier, les États-Unis et l’Otan ont remis leurs réponses.", "26 janvier", "past"),
        ("Le document est en préparation, a-t-il déclaré vendredi.", "vendredi", "past"),
        ("Les consultations se sont déroulées en janvier.", "janvier", "past"),
        ("Le ministre est arrivé mardi à Genève.", "mardi", "past"),
        ("Moscou attendait jeudi une réaction concrète.", "jeudi", "past"),
        ("La conférence a eu lieu le 3 mai.", "3 mai", "past"),
        ("Les exercices, annoncés fin janvier, doivent durer un mois.", "fin janvier", "past"),
        ("Le sommet se tiendra vendredi à Genève.", "vendredi", "future"),
        ("Le FC Port-Selve recevra Valmorin samedi.", "samedi", "future"),
        ("Le président va signer le texte lundi.", "lundi", "future"),
        ("Le palmarès sera dévoilé le 9 mars.", "9 mars", "future"),
        ("Les réponses sont attendues fin janvier.", "fin janvier", "future"),
        ("Les discussions pourraient s’ouvrir mi-mars.", "mi-mars", "future"),
        ("Le salon est ouvert jusqu’à dimanche.", "dimanche", "present"),
        ("La réunion a lieu vendredi.", "vendredi", "present"),
        (
            "Les 9 et 10 janvier, la Russie et les États-Unis tiennent des consultations.",
            "9 et 10 janvier",
            "present",
        ),
        ("He said on Monday that talks were over.", "Monday", "past"),
        ("The exercise is due to end on Sunday.", "Sunday", "future"),
        ("Talks will resume on February 26.", "February 26", "future"),
        ("Министр обороны назвал в среду инцидент постановкой.", "среду", "past"),
        ("Учения будут завершены в начале марта.", "в начале марта", "future"),
        ("Sandra arrive lundi.", "lundi", "present"),  # a name in -dra is no future
    ],
)
def test_tense(sentence: str, date_text: str, tense: str) -> None:
    assert _tense(sentence, date_text) == tense


def test_the_dates_own_words_are_no_cue() -> None:
    assert _tense("Le ministre parle vendredi prochain.", "vendredi prochain") == "present"


def test_cues_beyond_reach_are_ignored() -> None:
    sentence = "Il a déclaré " + "que " * 40 + "lundi"
    assert _tense(sentence, "lundi") == "present"
