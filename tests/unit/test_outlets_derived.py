"""Which outlets relay chosen sources: counting copies and citations per outlet."""

from __future__ import annotations

import pytest

from vigie.outlets.derived import derived_outlets, source_list


def _edge(src: str, dst: str, rowid: int, cites: bool = False) -> dict[str, object]:
    return {"source_outlet": src, "copy_outlet": dst, "copy_rowid": rowid, "cites_source": cites}


def test_copies_and_citations_of_one_article_count_once() -> None:
    sources = source_list(["Tass", "Sputnik"])
    assert "ТАСС" in sources and "Le Monde" not in sources  # TASS with its other names
    edges = [
        _edge("TASS", "Relay", 1),
        _edge("ТАСС", "Relay", 2, cites=True),
        _edge("Le Monde", "Relay", 3),  # not a chosen source
        _edge("Tass", "Sputnik", 9),  # a source copying a source is left out
    ]
    citations = [("Relay", "Sputnik", 2), ("Relay", "Sputnik", 4), ("Other", "selon Tass", 7)]
    rows = derived_outlets(sources, edges, citations, {"Relay": 10, "Other": 0})
    relay = next(r for r in rows if r["outlet"] == "Relay")
    assert relay["copies"] == 2 and relay["copies_hiding_source"] == 1
    assert relay["citing"] == 2 and relay["derived"] == 3 and relay["share"] == 0.3
    assert relay["sources"] == {"TASS": 2, "Sputnik": 2}
    assert [r["outlet"] for r in rows] == ["Relay"]  # "selon Tass" is no name of TASS
    assert all(r["outlet"] != "Sputnik" for r in rows)


def test_unknown_names_are_matched_as_given_and_empty_names_refused() -> None:
    sources = source_list(["  Le Veilleur ", "le-veilleur"])
    assert len(sources) == 1 and "LE VEILLEUR" in sources
    with pytest.raises(ValueError, match="at least one source"):
        source_list(["", " - "])
