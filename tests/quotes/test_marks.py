"""Quotation-mark pairing on the marks real news text has."""

from __future__ import annotations

import pytest

from vigie.quotes.marks import find_quoted_spans


def quoted(text: str) -> list[tuple[str, list[str]]]:
    return [(text[q.start : q.end], q.flags) for q in find_quoted_spans(text) if q.depth == 0]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("« Nous partons », a-t-il dit.", ["Nous partons"]),
        ("«\u00a0Nous partons\u00a0», a-t-il dit.", ["Nous partons"]),
        ("“Nous partons”, a-t-il dit.", ["Nous partons"]),
        ('"Nous partons", a-t-il dit.', ["Nous partons"]),
        ("„Nous partons“, a-t-il dit.", ["Nous partons"]),
        ("«Nous partons en 2010″, a-t-il dit.", ["Nous partons en 2010"]),
        ("« Nous partons. “, a-t-il dit.", ["Nous partons."]),
        ("« Nous partons. « , a-t-il dit.", ["Nous partons."]),
        ("« Nous partons.« ", ["Nous partons."]),
        ("Il a jugé « utile » la rencontre, « endoctrinés » les autres.", ["utile", "endoctrinés"]),
    ],
)
def test_pairs(text: str, expected: list[str]) -> None:
    assert [t for t, _ in quoted(text)] == expected


def test_nested_quotes_stay_inside_the_outer_one() -> None:
    text = "« Il m’a dit “jamais” hier », a-t-elle raconté."
    spans = find_quoted_spans(text)
    outer = [q for q in spans if q.depth == 0]
    inner = [q for q in spans if q.depth == 1]
    assert [text[q.start : q.end] for q in outer] == ["Il m’a dit “jamais” hier"]
    assert [text[q.start : q.end] for q in inner] == ["jamais"]


def test_multi_paragraph_quote_is_one_span() -> None:
    text = "« Premier paragraphe.\n\n« Deuxième paragraphe. »\nSuite."
    ((span, flags),) = quoted(text)
    assert span == "Premier paragraphe.\n\n« Deuxième paragraphe."
    assert "multi-paragraph" in flags


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "Il a dit : « Nous reviendrons demain.\nLe lendemain, rien."
    assert quoted(text) == [("Nous reviendrons demain.", ["unclosed"])]


def test_stray_closer_inside_a_quote_is_absorbed() -> None:
    text = "« Nous tiendrons nos engagements. » pleinement et sans délai », a déclaré X."
    ((span, flags),) = quoted(text)
    assert span == "Nous tiendrons nos engagements. » pleinement et sans délai"
    assert "stray-closer" in flags


def test_closer_without_opener_after_an_incise() -> None:
    text = "« Nous partons », a-t-il dit. Nous reviendrons bientôt », a-t-il ajouté."
    assert [t for t, _ in quoted(text)] == ["Nous partons", "Nous reviendrons bientôt"]


def test_a_stray_closer_followed_by_words_is_not_a_quote() -> None:
    assert quoted("Il dit » bonjour à tous.") == []


def test_a_very_long_quote() -> None:
    body = "Nous avancerons pas à pas. " * 800
    text = f"« {body.strip()} », a-t-il conclu."
    ((span, _),) = quoted(text)
    assert len(span) > 20_000 and span.endswith("pas.")


def test_spans_never_start_or_end_with_space_or_marks() -> None:
    text = "«  \u00a0 « Bonjour » \u00a0 », « “Salut” »."
    for q in find_quoted_spans(text):
        s = text[q.start : q.end]
        assert s and not s[0].isspace() and not s[-1].isspace()
        assert s[0] not in '«»“”"' and s[-1] not in '«»“”"'
