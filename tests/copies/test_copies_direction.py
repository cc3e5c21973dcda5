"""Direction (citation, publication order, undetermined) and lineage chains."""

from __future__ import annotations

import pytest

from vigie.copies.direction import (
    choose_parent,
    cited_outlet,
    decide_direction,
    lineage_chains,
    time_span,
)


def test_time_spans() -> None:
    day = time_span("2026-01-13")
    midnight = time_span("2026-01-13T00:00:00.000Z")
    precise = time_span("2026-01-13T10:30:00+01:00")
    assert day is not None and midnight is not None and precise is not None
    assert day == midnight and day.end - day.start == 86400 and not day.precise
    assert precise.precise and day.start <= precise.start < day.end
    assert time_span(None) is None and time_span("hier") is None


def test_publication_order() -> None:
    d = decide_direction("2026-01-13T08:00:00Z", "2026-01-13T09:00:00Z")
    assert (d.status, d.original, d.lag_seconds) == ("known", "a", 3600)
    d = decide_direction("2026-01-14", "2026-01-13T09:00:00Z")
    assert (d.status, d.original) == ("known", "b")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (None, None),
        ("2026-01-13T08:00:00Z", None),
        ("2026-01-13T08:00:00Z", "2026-01-13T08:00:00Z"),
        ("2026-01-13", "2026-01-13T17:45:00Z"),  # a bare date covers the whole day
    ],
)
def test_undetermined_without_distinct_dates(a: str | None, b: str | None) -> None:
    d = decide_direction(a, b)
    assert d.status == "undetermined" and d.original is None


def test_citation_wins_and_contradiction_is_not_trusted() -> None:
    d = decide_direction(None, None, b_cites_a=True)
    assert (d.status, d.original, d.reason) == ("known", "a", "citation")
    d = decide_direction("2026-01-13T08:00:00Z", "2026-01-13T08:00:00Z", a_cites_b=True)
    assert d.original == "b"
    # A cites B, but A was published a day before B: no lineage
    d = decide_direction("2026-01-12T08:00:00Z", "2026-01-13T08:00:00Z", a_cites_b=True)
    assert d.status == "undetermined"
    # both cite each other: no information
    d = decide_direction(None, None, a_cites_b=True, b_cites_a=True)
    assert d.status == "undetermined"


@pytest.mark.parametrize(
    "text",
    [
        "La piscine fermera, selon Le Courrier de Valcourt.",
        "D'après le Courrier de Valcourt, la piscine fermera.",
        "The pool will close, according to Le Courrier de Valcourt.",
        "Бассейн закроется, сообщает Le Courrier de Valcourt.",
        "Le Courrier de Valcourt rapporte que la piscine fermera.",
    ],
)
def test_cited_outlet_found(text: str) -> None:
    span = cited_outlet(text, "Le Courrier de Valcourt")
    assert span is not None
    assert "courrier" in text[span[0] : span[1]].lower()


def test_cited_outlet_needs_a_cue() -> None:
    assert cited_outlet("Le Courrier de Valcourt organise un concours.", "Courrier") is None
    assert cited_outlet("Rien à voir.", None) is None


def test_choose_parent_prefers_the_most_similar_then_the_latest() -> None:
    assert choose_parent([("A", 0.80, 1.0), ("B", 0.95, 2.0)]) == "B"
    assert choose_parent([("A", 0.9, 1.0), ("B", 0.9, 2.0)]) == "B"
    assert choose_parent([("B", 0.9, None), ("A", 0.9, None)]) == "A"
    assert choose_parent([]) is None


def test_lineage_chains() -> None:
    assert lineage_chains({"B": "A", "C": "B"}) == [["A", "B", "C"]]
    assert lineage_chains({"B": "A", "C": "A"}) == [["A", "B"], ["A", "C"]]
    assert lineage_chains({"A": "B", "B": "A"}) == []  # a cycle is never a chain
