"""Machine-translation signs: calques, leftovers, quote marks, French punctuation spacing."""

from __future__ import annotations

from vigie.copies.mtsigns import mt_signs


def kinds(text: str, source: str, target: str) -> set[tuple[str, str]]:
    signs = mt_signs(text, source, target)
    for s in signs:
        assert text[s.start : s.end] == s.text
    return {(s.kind, s.text) for s in signs}


def test_french_to_english() -> None:
    text = (
        "The minister insisted on security guarantees at the level of Europe. "
        "« It is unacceptable », he said : what next ? The talks, selon the agency, "
        "will resume in the frame of the OSCE."
    )
    found = kinds(text, "fr", "en")
    assert ("calque", "security guarantees") in found
    assert ("calque", "at the level of") in found
    assert ("calque", "in the frame of") in found
    assert ("quote_marks", "«") in found and ("quote_marks", "»") in found
    assert ("punctuation", " :") in found and ("punctuation", " ?") in found
    assert ("leftover", "selon") in found


def test_clean_english_has_no_signs() -> None:
    text = (
        "The minister asked for firm assurances on European security. “It is unacceptable,” "
        "he said. Talks resume next week in Vienna, according to the agency. Charles de Gaulle "
        "airport was closed."
    )
    assert mt_signs(text, "fr", "en") == []


def test_russian_to_english_and_french() -> None:
    en = "The so-called talks took place on the territory of Belarus, заявил he."
    found = kinds(en, "ru", "en")
    assert ("calque", "The so-called") in found
    assert ("calque", "on the territory of") in found
    assert ("leftover", "заявил") in found
    fr = "Les pourparlers ont eu lieu sur le territoire de la Biélorussie, selon la partie russe."
    found_fr = kinds(fr, "ru", "fr")
    assert ("calque", "sur le territoire de") in found_fr
    assert ("calque", "la partie russe") in found_fr
    # « » are normal in French: no quote-mark sign for a French target
    assert not any(k == "quote_marks" for k, _ in kinds("« Oui », dit-il.", "ru", "fr"))


def test_no_signs_without_two_languages() -> None:
    assert mt_signs("« Oui » : selon lui.", "fr", "fr") == []
    assert mt_signs("« Oui » : selon lui.", None, "en") == []
