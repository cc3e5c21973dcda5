from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vigie.article import Article, OffsetMap, Removal


def test_clean_text_is_original_minus_removals() -> None:
    a = Article(doc="d", text="Titre\nS'abonner\nCorps du texte.\n")
    a.set_removed([Removal(6, 16, "S'abonner\n", "subscription")])
    assert a.clean_text == "Titre\nCorps du texte.\n"
    m = a.offset_map()
    i = a.clean_text.index("Corps")
    assert a.text[m.to_original(i)] == "C"
    assert m.to_clean(8) is None  # inside the removed line
    assert m.to_clean(a.text.index("Corps")) == i


def test_set_removed_rejects_mismatch_and_overlap() -> None:
    a = Article(doc="d", text="abcdef")
    with pytest.raises(ValueError, match="does not match"):
        a.set_removed([Removal(0, 2, "xx", "r")])
    with pytest.raises(ValueError, match="bad removal"):
        a.set_removed([Removal(0, 3, "abc", "r"), Removal(2, 4, "cd", "r")])


def test_article_id_changes_with_content_not_with_analysis() -> None:
    a = Article(doc="d", text="un texte")
    b = Article(doc="d", text="un texte", title="autre titre")
    c = Article(doc="d", text="un autre texte")
    assert a.article_id == b.article_id != c.article_id


def test_article_pickles_with_results() -> None:
    a = Article(doc="d", text="x y z", results={"k": [1, 2]})
    a.add_error("s", ValueError("boom"))
    b = pickle.loads(pickle.dumps(a))
    assert b.results == {"k": [1, 2]} and b.errors[0].message == "boom"


@st.composite
def text_and_removals(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = draw(st.text(min_size=0, max_size=200))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=10)))
    spans = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2) if cuts[i] < cuts[i + 1]]
    return text, spans


@given(text_and_removals())
def test_offset_map_points_every_clean_char_at_the_same_original_char(
    data: tuple[str, list[tuple[int, int]]],
) -> None:
    text, spans = data
    a = Article(doc="d", text=text)
    a.set_removed([Removal(s, e, text[s:e], "r") for s, e in spans])
    clean = a.clean_text
    m = a.offset_map()
    assert m.clean_length == len(clean)
    for i, ch in enumerate(clean):
        o = m.to_original(i)
        assert text[o] == ch
        assert m.to_clean(o) == i
    removed = {i for s, e in spans for i in range(s, e)}
    for o in removed:
        assert m.to_clean(o) is None
    if clean:
        s, e = m.span_to_original(0, len(clean))
        assert text[s:e].startswith(clean[0]) and text[s:e].endswith(clean[-1])


def test_offset_map_rejects_overlap() -> None:
    with pytest.raises(ValueError):
        OffsetMap([(0, 5), (3, 6)], 10)
