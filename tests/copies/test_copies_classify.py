"""classify(): exact, near, partial, translated copies and the cases that must not match."""

from __future__ import annotations

from copies_texts import (
    EN_SAME_STORY,
    EN_TRANSLATED,
    FR_EDITED,
    FR_ORIGINAL,
    FR_PARTIAL,
    FR_SAME_STORY,
    LINKS_A,
    LINKS_B,
    RU_TRANSLATED,
    SHORT_A,
    SHORT_B,
)

from vigie.article import Removal
from vigie.copies import CopyDoc, CopyRelation, classify

T0 = "2026-01-13T08:00:00Z"
T1 = "2026-01-13T10:30:00Z"


def doc(key: str, text: str, lang: str = "fr", published: str | None = T0, **kw: object) -> CopyDoc:
    return CopyDoc.from_text(key, text, language=lang, published=published, **kw)  # type: ignore[arg-type]


def check_evidence(rel: CopyRelation, a: CopyDoc, b: CopyDoc) -> None:
    for p in rel.passages:
        assert 0 <= p.a_start < p.a_end <= len(a.text)
        assert 0 <= p.b_start < p.b_end <= len(b.text)
        assert a.text[p.a_start : p.a_end] == p.a_text
        assert b.text[p.b_start : p.b_end] == p.b_text
    for e in rel.added + rel.removed + rel.changed:
        assert a.text[e.a_start : e.a_end] == e.a_text
        assert b.text[e.b_start : e.b_end] == e.b_text


def test_exact_copy_with_different_furniture() -> None:
    top = "Partager sur Facebook\nPartager sur X\n"
    bottom = "\nVotre inscription a bien été enregistrée."
    text_b = top + FR_ORIGINAL + bottom
    removed = [
        Removal(0, len(top), top, "rule"),
        Removal(len(top) + len(FR_ORIGINAL), len(text_b), bottom, "rule"),
    ]
    a = doc("a", FR_ORIGINAL, outlet="Le Courrier de Valcourt")
    b = doc("b", text_b, published=T1, removed=removed, outlet="Info Express")
    rel = classify(a, b)
    assert rel is not None and rel.kind == "exact" and rel.score == 1.0
    assert rel.confidence == "high"
    assert rel.direction == "known" and rel.source == "a" and rel.copy == "b"
    assert rel.lag_seconds == 9000
    check_evidence(rel, a, b)
    # the evidence never includes the furniture: it starts after it in B
    assert min(p.b_start for p in rel.passages) >= len(top)
    assert max(p.b_end for p in rel.passages) <= len(top) + len(FR_ORIGINAL)
    # one passage from the first word to the last (final full stop aside)
    assert [p.a_text for p in rel.passages] == [FR_ORIGINAL.rstrip(".")]


def test_near_copy_reports_the_edits() -> None:
    a = doc("a", FR_ORIGINAL, title="Valcourt : la piscine ferme 18 mois")
    b = doc("b", FR_EDITED, published=T1, title="La piscine de Valcourt fermée 18 mois")
    rel = classify(a, b)
    assert rel is not None and rel.kind == "near"
    assert rel.edit_ratio is not None and 0.05 < rel.edit_ratio < 0.3
    assert rel.title_changed is True
    changed = {(e.a_text, e.b_text) for e in rel.changed}
    assert ("durée", "période") in changed and ("voté", "adopté") in changed
    assert any("audit indépendant" in e.b_text for e in rel.added)
    assert any(e.a_text.startswith("La réouverture est prévue") for e in rel.removed)
    assert rel.source == "a"
    check_evidence(rel, a, b)


def test_partial_reuse_of_a_passage() -> None:
    a = doc("a", FR_ORIGINAL)
    b = doc("b", FR_PARTIAL, published=T1)
    rel = classify(a, b)
    assert rel is not None and rel.kind == "partial"
    assert len(rel.passages) == 1
    p = rel.passages[0]
    assert "la structure du bâtiment est trop fragile" in p.a_text
    assert "la structure du" in p.b_text and "bâtiment est trop fragile" in p.b_text
    assert rel.coverage_a < 0.5
    check_evidence(rel, a, b)


def test_same_story_is_not_a_copy() -> None:
    assert classify(doc("a", FR_ORIGINAL), doc("b", FR_SAME_STORY, published=T1)) is None


def test_translated_copy_english_with_mt_signs() -> None:
    a = doc("a", FR_ORIGINAL)
    b = doc("b", EN_TRANSLATED, lang="en", published=T1)
    rel = classify(a, b)
    assert rel is not None and rel.kind == "translated"
    assert (rel.language_a, rel.language_b) == ("fr", "en")
    assert rel.source == "a" and rel.copy == "b"
    assert rel.details["aligned_sentences"] >= 7
    assert rel.details["number_agreement"] == 1.0
    check_evidence(rel, a, b)
    # sentence pairs in order, each pairing a French with an English sentence
    assert [p.a_start for p in rel.passages] == sorted(p.a_start for p in rel.passages)
    assert any("18 mois" in p.a_text and "18 months" in p.b_text for p in rel.passages)
    signs = {(s.kind, s.text) for k, s in rel.mt_signs if k == "b"}
    assert ("calque", "for a duration of") in signs
    assert ("leftover", "selon") in signs
    assert ("quote_marks", "«") in signs
    for _, s in rel.mt_signs:
        assert b.text[s.start : s.end] == s.text


def test_translated_copy_russian() -> None:
    a = doc("a", FR_ORIGINAL, published=T1)
    b = doc("b", RU_TRANSLATED, lang="ru", published=T0)
    rel = classify(a, b)
    assert rel is not None and rel.kind == "translated"
    # B was published first here: the French article is the translation
    assert rel.source == "b" and rel.copy == "a"
    check_evidence(rel, a, b)


def test_same_story_in_another_language_is_not_a_translation() -> None:
    assert classify(doc("a", FR_ORIGINAL), doc("b", EN_SAME_STORY, lang="en")) is None


def test_identical_texts_without_dates_have_no_direction() -> None:
    a = doc("a", FR_ORIGINAL, published=None)
    b = doc("b", FR_ORIGINAL, published=None)
    rel = classify(a, b)
    assert rel is not None and rel.kind == "exact"
    assert rel.direction == "undetermined" and rel.source is None and rel.copy is None
    assert rel.lag_seconds is None


def test_same_day_dates_without_time_leave_direction_undetermined() -> None:
    a = doc("a", FR_ORIGINAL, published="2026-01-13")
    b = doc("b", FR_EDITED, published="2026-01-13T15:20:00Z")
    rel = classify(a, b)
    assert rel is not None and rel.direction == "undetermined"


def test_citation_gives_direction_without_dates() -> None:
    a = doc("a", FR_ORIGINAL, published=None, outlet="Le Courrier de Valcourt")
    cited = "Selon Le Courrier de Valcourt, la piscine ferme.\n\n" + FR_EDITED
    b = doc("b", cited, published=None, outlet="Info Express")
    rel = classify(a, b)
    assert rel is not None and rel.direction == "known"
    assert rel.direction_reason == "citation" and rel.source == "a"
    # same pair, citation listed by another stage instead of written in the text
    b2 = doc(
        "b2",
        FR_EDITED,
        published=None,
        outlet="Info Express",
        citations=("Le Courrier de Valcourt",),
    )
    rel2 = classify(b2, a)
    assert rel2 is not None and rel2.source == "a" and rel2.copy == "b2"


def test_very_short_articles_give_no_relation() -> None:
    assert classify(doc("a", SHORT_A), doc("b", SHORT_B, published=T1)) is None
    assert classify(doc("a", SHORT_A), doc("b", SHORT_A, published=T1)) is None


def test_short_copy_is_low_confidence_only() -> None:
    line = (
        "La piscine municipale de Valcourt fermera ses portes lundi pour dix-huit mois de "
        "travaux, a annoncé la mairie."
    )
    rel = classify(doc("a", line), doc("b", line, published=T1))
    assert rel is not None and rel.confidence == "low"


def test_pages_that_are_mostly_links_do_not_match() -> None:
    assert classify(doc("a", LINKS_A), doc("b", LINKS_B, published=T1)) is None


def test_furniture_only_pages_give_no_relation() -> None:
    text = "Partager sur Facebook\nVotre inscription a été enregistrée.\n"
    removed = [Removal(0, len(text), text, "rule")]
    a = doc("a", text, removed=removed)
    b = doc("b", text, removed=removed, published=T1)
    assert a.clean_text == ""
    assert classify(a, b) is None


def test_relation_serialises() -> None:
    import json

    rel = classify(doc("a", FR_ORIGINAL), doc("b", EN_TRANSLATED, lang="en", published=T1))
    assert rel is not None
    d = json.loads(json.dumps(rel.to_dict()))
    assert d["kind"] == "translated" and d["mt_signs"][0]["article"] == "b"
