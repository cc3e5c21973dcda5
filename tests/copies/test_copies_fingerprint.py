"""Fingerprints: deterministic, serialisable, built from the clean text only."""

from __future__ import annotations

import json

import numpy as np
import pytest
from copies_texts import EN_TRANSLATED, FR_ORIGINAL, RU_TRANSLATED

from vigie.article import Article, Removal
from vigie.config import Options
from vigie.copies import Fingerprint, fingerprint
from vigie.copies.minhash import EMPTY, NUM_PERM, estimate_jaccard
from vigie.copies.summary import entity_key, number_keys, summarize
from vigie.pipeline.registry import get_stage, register_module

# until the registry lists it among the built-in stages
register_module("fingerprints", "vigie.stages.fingerprints")


def test_fingerprint_round_trips_through_bytes_and_json() -> None:
    fp = fingerprint(FR_ORIGINAL, "fr")
    assert fp.words > 100
    assert len(fp.signature) == NUM_PERM and fp.signature.dtype == np.uint32
    assert fp.anchors and fp.band_keys()
    again = Fingerprint.from_bytes(fp.to_bytes())
    assert again == fp
    assert Fingerprint.from_dict(json.loads(json.dumps(fp.to_dict()))) == fp
    assert again.band_keys() == fp.band_keys()
    assert all(0 <= k < 2**63 for k in fp.band_keys() + list(fp.anchors))


def test_fingerprint_is_deterministic_and_case_accent_insensitive() -> None:
    a = fingerprint(FR_ORIGINAL)
    b = fingerprint(FR_ORIGINAL.upper())
    folded = FR_ORIGINAL.replace("é", "e").replace("è", "e")
    c = fingerprint(folded)
    assert np.array_equal(a.signature, fingerprint(FR_ORIGINAL).signature)
    assert a.text_hash == b.text_hash == c.text_hash
    assert estimate_jaccard(a.signature, c.signature) == 1.0


def test_edits_lower_but_keep_similarity() -> None:
    a = fingerprint(FR_ORIGINAL)
    edited = FR_ORIGINAL.replace("piscine", "salle").replace("travaux", "chantiers")
    j = estimate_jaccard(a.signature, fingerprint(edited).signature)
    assert 0.4 < j < 1.0
    unrelated = fingerprint(EN_TRANSLATED)
    assert estimate_jaccard(a.signature, unrelated.signature) < 0.1


def test_empty_and_short_texts_have_no_keys() -> None:
    empty = fingerprint("", "fr")
    assert empty.empty and empty.band_keys() == [] and empty.anchor_keys() == []
    assert bool((empty.signature == EMPTY).all())
    short = fingerprint("La piscine ferme pour travaux.", "fr")
    assert not short.empty and short.band_keys() == [] and short.anchor_keys() == []


def test_stage_fingerprints_uses_the_clean_text(tmp_path: object) -> None:
    stage = get_stage("fingerprints")
    assert stage.requires == ("clean_text", "language")
    assert stage.assigns == ("results.fingerprint",)
    furniture = "Partager sur Facebook\nVotre inscription a été enregistrée.\n"
    text = furniture + FR_ORIGINAL
    art = Article(doc="x.txt", text=text, language="fr")
    art.set_removed([Removal(0, len(furniture), furniture, "rule")])
    stage.fn(art, Options())
    stored = art.results["fingerprint"]
    json.dumps(stored)  # JSON-safe as the store will keep it
    assert Fingerprint.from_dict(stored) == fingerprint(FR_ORIGINAL, "fr")
    assert not art.errors


def test_stage_notes_a_furniture_only_page() -> None:
    stage = get_stage("fingerprints")
    text = "Partager sur Facebook\nVotre inscription a été enregistrée.\n"
    art = Article(doc="x.txt", text=text, language="fr")
    art.set_removed([Removal(0, len(text), text, "rule")])
    stage.fn(art, Options())
    assert Fingerprint.from_dict(art.results["fingerprint"]).empty
    assert [e.error for e in art.errors] == ["note"]


def test_summary_keys_survive_translation() -> None:
    fr = summarize(FR_ORIGINAL)
    en = summarize(EN_TRANSLATED)
    ru = summarize(RU_TRANSLATED)
    assert {"18", "4.2", "3200", "450", "25", "2027"} <= set(fr.numbers)
    assert set(fr.numbers) == set(en.numbers) == set(ru.numbers)
    assert "12/1" in fr.dates and "12/1" in en.dates and "12/1" in ru.dates
    shared = set(fr.entities) & set(en.entities) & set(ru.entities)
    assert {"mrd", "tsr", "vlk"} <= shared  # Mardivel, Tassart, Valcourt in three spellings
    assert fr.paragraphs == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 200 soldats", ["1200"]),
        ("1,200 soldiers", ["1200"]),
        ("3,5 millions et 3.5 million", ["3.5"]),
        ("en 2021, 7 fois", ["2021"]),
    ],
)
def test_number_keys(text: str, expected: list[str]) -> None:
    assert number_keys(text) == expected


def test_entity_keys_across_scripts() -> None:
    assert entity_key("Moscou") == entity_key("Moscow") == entity_key("Москва")
    assert entity_key("Lavrov") == entity_key("Лавров")


def test_signature_works_with_datasketch_lsh() -> None:
    from copies_texts import FR_EDITED
    from datasketch import MinHashLSH

    a = fingerprint(FR_ORIGINAL, "fr")
    b = fingerprint(FR_EDITED, "fr")
    ma, mb = a.to_datasketch(), b.to_datasketch()
    assert ma.jaccard(mb) == estimate_jaccard(a.signature, b.signature)
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(32, 2))
    lsh.insert("a", ma)
    assert lsh.query(mb) == ["a"]
    assert lsh.query(fingerprint(EN_TRANSLATED, "en").to_datasketch()) == []
