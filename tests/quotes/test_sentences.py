"""Sentence boundaries that never cut inside quotes or after abbreviations."""

from __future__ import annotations

from vigie.quotes.sentences import Sentences, sentence_bounds


def sents(text: str, atomic: list[tuple[int, int]] | None = None) -> list[str]:
    return [text[s:e] for s, e in sentence_bounds(text, atomic)]


def test_basic_and_abbreviations() -> None:
    text = "M. Durand est arrivé. Il a parlé à Mme Lefort ! Puis il est parti."
    assert sents(text) == [
        "M. Durand est arrivé.",
        "Il a parlé à Mme Lefort !",
        "Puis il est parti.",
    ]


def test_never_inside_an_atomic_quote() -> None:
    text = "« Nous partons. Nous revenons. », a-t-il dit. Fin."
    close = text.index("»") + 1
    assert sents(text, [(0, close)]) == ["« Nous partons. Nous revenons. », a-t-il dit.", "Fin."]


def test_lines_are_boundaries_and_no_punctuation_is_one_sentence() -> None:
    assert sents("Titre sans point\nUn texte sans ponctuation du tout") == [
        "Titre sans point",
        "Un texte sans ponctuation du tout",
    ]


def test_lookup() -> None:
    text = "Un. Deux."
    s = Sentences(sentence_bounds(text))
    assert s.at(0) == (0, 3) and s.at(5) == (4, 9) and s.index(3) is None
