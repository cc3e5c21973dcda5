"""A copy index saved as arrays and read back is the same index (and grows the same)."""

from __future__ import annotations

import numpy as np
import pytest
from copies_texts import (
    CHAIN_A,
    CHAIN_B,
    EN_SAME_STORY,
    EN_TRANSLATED,
    FR_EDITED,
    FR_ORIGINAL,
    FR_SAME_STORY,
    RU_TRANSLATED,
)

from vigie.copies import CopyIndex, IndexMeta
from vigie.copies.fingerprint import fingerprint
from vigie.copies.index import parse_published
from vigie.copies.index_state import StateMismatch, index_from_state, index_state

DAY = parse_published("2026-01-13")
TEXTS = [
    ("orig", FR_ORIGINAL, "fr", "Telekar"),
    ("same", FR_SAME_STORY, "fr", "Orbita"),
    ("en", EN_TRANSLATED, "en", None),
    ("en_same", EN_SAME_STORY, "en", "Northern Ledger"),
    ("chain_a", CHAIN_A, "fr", "Telekar"),
]
LATER = [("ru", RU_TRANSLATED, "ru", "Orbita"), ("chain_b", CHAIN_B, "fr", "Ekrank")]
QUERIES = [FR_EDITED, CHAIN_B, RU_TRANSLATED, EN_TRANSLATED]


def _rows(texts: list[tuple[str, str, str, str | None]]) -> list:  # type: ignore[type-arg]
    return [(k, fingerprint(t, lang), IndexMeta(DAY, lang, o)) for k, t, lang, o in texts]


def _answers(index: CopyIndex) -> tuple[list, list]:  # type: ignore[type-arg]
    fps = [fingerprint(t, None) for t in QUERIES]
    fps[2] = fingerprint(RU_TRANSLATED, "ru")
    near = index.candidates_many(fps, excludes=[None] * len(fps))
    xl = index.translation_candidates_many(
        fps, published=[DAY] * len(fps), excludes=[None] * len(fps)
    )
    return near, xl


def _copy(index: CopyIndex) -> CopyIndex:
    header, arrays = index_state(index)
    # what a file gives back: copies, not the index's own arrays
    return index_from_state(header, {k: np.array(v) for k, v in arrays.items()})


def test_an_index_read_back_gives_the_same_candidates_and_grows_the_same() -> None:
    index = CopyIndex.bulk_load(_rows(TEXTS))
    back = _copy(index)
    assert len(back) == len(index) and "orig" in back and "ru" not in back
    assert back.meta("en") == index.meta("en") and back.meta("orig").outlet == "Telekar"
    assert _answers(back) == _answers(index)
    assert any(c.key == "orig" for c in _answers(back)[0][0])  # it finds something
    index.add_many(_rows(LATER))
    back.add_many(_rows(LATER))
    assert _answers(back) == _answers(index)
    assert back._boilerplate == index._boilerplate
    again = _copy(back)
    assert _answers(again) == _answers(index)


def test_an_empty_index_reads_back_empty() -> None:
    back = _copy(CopyIndex())
    assert len(back) == 0
    back.add_many(_rows(TEXTS))
    assert len(back) == len(TEXTS)


def test_a_state_of_other_parameters_or_version_is_refused() -> None:
    header, arrays = index_state(CopyIndex.bulk_load(_rows(TEXTS)))
    with pytest.raises(StateMismatch, match="other parameters"):
        index_from_state(header, arrays, max_band_df=50)
    with pytest.raises(StateMismatch, match="version"):
        index_from_state({**header, "state_version": 0}, arrays)


def test_arrays_that_do_not_fit_together_are_refused() -> None:
    header, arrays = index_state(CopyIndex.bulk_load(_rows(TEXTS)))
    with pytest.raises(StateMismatch, match="sigs"):
        index_from_state(header, {**arrays, "sigs": arrays["sigs"][:2]})
    bad_ids = {k: v for k, v in arrays.items()}
    bad_ids["bands.0.ids"] = np.full_like(arrays["bands.0.ids"], 99)
    with pytest.raises(StateMismatch, match="unknown articles"):
        index_from_state(header, bad_ids)
    unsorted = dict(arrays)
    unsorted["anchors.0.keys"] = arrays["anchors.0.keys"][::-1].copy()
    with pytest.raises(StateMismatch, match="not sorted"):
        index_from_state(header, unsorted)
    with pytest.raises(StateMismatch, match="keys"):
        index_from_state({**header, "keys": header["keys"][:-1]}, arrays)
