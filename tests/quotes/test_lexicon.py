"""The speech-verb lexicon (forms, stance, frames) and the gazetteers."""

from __future__ import annotations

import pytest

from vigie.quotes.gazetteer import country_government, institution_name, outlet_name
from vigie.quotes.lexicon import STANCES, VERBS, verb_for_form
from vigie.quotes.speakers import role_of, strip_honorific


@pytest.mark.parametrize(
    "form,lemma,stance",
    [
        ("déclaré", "déclarer", "neutral"),
        ("dit", "dire", "neutral"),
        ("estime", "estimer", "opinion"),
        ("martèle", "marteler", "emphatic"),
        ("insisté", "insister", "emphatic"),
        ("prétend", "prétendre", "distancing"),
        ("reconnaît", "reconnaître", "concessive"),
        ("annonçait", "annoncer", "neutral"),
        ("jugeant", "juger", "opinion"),
        ("rappelle", "rappeler", "neutral"),
        ("répète", "répéter", "neutral"),
        ("démenti", "démentir", "denial"),
        ("exhorte", "exhorter", "directive"),
        ("déplore", "déplorer", "emotive"),
    ],
)
def test_forms_map_to_lemmas_with_stance(form: str, lemma: str, stance: str) -> None:
    v = verb_for_form(form)
    assert v is not None and v.lemma == lemma and v.stance == stance


def test_every_stance_is_documented_and_frames_are_known_letters() -> None:
    for v in VERBS.values():
        assert v.stance in STANCES
        assert set(v.frames) <= set("QDIW")


def test_nouns_and_other_words_are_not_speech_verbs() -> None:
    assert verb_for_form("maison") is None
    assert verb_for_form("pourront") is None


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Moscou", "gouvernement russe"),
        ("Washington", "gouvernement des États-Unis"),
        ("la partie américaine", "gouvernement des États-Unis"),
        ("Paris", "gouvernement français"),
        ("les États-Unis", "gouvernement des États-Unis"),
        ("Lyon", None),
    ],
)
def test_places_standing_for_governments(text: str, expected: str | None) -> None:
    assert country_government(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("l'agence Tass", "Tass"),
        ("la chaîne de télévision RT", "RT"),
        ("RIA Novosti", "RIA Novosti"),
        ("Sputnik", "Sputnik"),
        ("le Monde", "Le Monde"),
        ("l’agence d’État Norpress", "Norpress"),
        ("la chaîne Canal Nord", "Canal Nord"),
        ("Radio Brévanne", "Radio Brévanne"),
        ("le ministre", None),
        ("Lyon", None),
    ],
)
def test_outlets(text: str, expected: str | None) -> None:
    assert outlet_name(text) == expected


def test_institutions_and_roles() -> None:
    assert institution_name("le Kremlin") == "Kremlin"
    assert institution_name("l'Élysée") == "Élysée"
    assert role_of("le chef de la diplomatie russe") == role_of(
        "le ministre russe des Affaires étrangères"
    )
    head, mods = role_of("le président des États-Unis") or ("", frozenset())
    assert head == "president" and mods == role_of("le président américain")[1]  # type: ignore[index]
    assert strip_honorific("M. Lavrov") == "Lavrov"
    assert strip_honorific("M.Riabkov") == "Riabkov"
    assert strip_honorific("Milena Iarovaïa") == "Milena Iarovaïa"
