"""The batched forms used at ingest give the same results as one article at a time; the
incremental boilerplate counts, the compact fingerprint bytes and the postings stay right."""

from __future__ import annotations

import itertools
import json
import random

import numpy as np
from copies_texts import (
    CHAIN_A,
    CHAIN_B,
    EN_SAME_STORY,
    EN_TRANSLATED,
    FR_EDITED,
    FR_ORIGINAL,
    FR_SAME_STORY,
    LINKS_A,
    RU_TRANSLATED,
    SHORT_A,
)

from vigie.article import Article
from vigie.config import Options
from vigie.copies import CopyDoc, CopyIndex, CopyMatcher, Fingerprint, IndexMeta, classify
from vigie.copies.fingerprint import fingerprint, fingerprint_many
from vigie.copies.index import parse_published
from vigie.copies.postings import Postings
from vigie.pipeline import run_batch
from vigie.pipeline.registry import register_module

register_module("fingerprints", "vigie.stages.fingerprints")

TEXTS = [
    FR_ORIGINAL,
    FR_EDITED,
    EN_TRANSLATED,
    RU_TRANSLATED,
    LINKS_A,
    SHORT_A,
    "",
    "   ",
    "Un deux trois quatre cinq six.",  # fewer shingles than a winnowing window
    "Anticonstitutionnellement" * 3 + " et " + "x" * 60 + " fin du texte ici même",
    " ".join(f"mot{i}" for i in range(17)),  # exactly a window of 5-word shingles plus some
]


def test_fingerprint_many_equals_one_at_a_time() -> None:
    langs = ["fr", "fr", "en", "ru", "fr", "fr", None, "fr", "fr", "fr", "de"]
    batch = fingerprint_many(TEXTS, langs)
    for text, lang, fp in zip(TEXTS, langs, batch, strict=True):
        one = fingerprint(text, lang)
        assert fp == one and fp.language == lang
        assert fp.band_keys() == one.band_keys()
    assert fingerprint_many([]) == []


def test_stage_batch_form_equals_the_single_form() -> None:
    def articles() -> list[Article]:
        return [Article(doc=f"a{i}.txt", text=t, language="fr") for i, t in enumerate(TEXTS)]

    batch, single = articles(), articles()
    run_batch(["fingerprints"], batch, Options())
    for a in single:
        run_batch(["fingerprints"], [a], Options())
    for a, b in zip(batch, single, strict=True):
        assert a.results["fingerprint"] == b.results["fingerprint"]
        assert [e.message for e in a.errors] == [e.message for e in b.errors]
        assert a.done == b.done == ["fingerprints"]
    assert any(e.error == "note" for e in batch[5].errors)  # too short to match


def test_fingerprint_bytes_are_compact_and_read_old_json_bytes() -> None:
    for text, lang in [(FR_ORIGINAL, "fr"), (RU_TRANSLATED, None), ("", ""), (SHORT_A, "fr")]:
        fp = fingerprint(text, lang)
        data = fp.to_bytes()
        again = Fingerprint.from_bytes(data)
        assert again == fp and again.language == fp.language
        old = json.dumps(fp.to_dict(), separators=(",", ":")).encode("utf-8")
        assert Fingerprint.from_bytes(old) == fp
    big = fingerprint(FR_ORIGINAL, "fr")
    assert len(big.to_bytes()) < 0.6 * len(json.dumps(big.to_dict()))


def test_postings_keep_few_runs_whatever_the_sizes_added() -> None:
    rng = np.random.default_rng(2)
    p = Postings()
    truth: dict[int, list[int]] = {}
    doc = 0
    for size in [5000, 40, 3000, 7, 2500, 900, 2400, 1, 1300, *([600] * 30), 11, 4000]:
        keys = rng.integers(0, 3000, size=size, dtype=np.int64)
        ids = np.arange(doc, doc + size, dtype=np.int32)
        doc += size
        p.add_bulk(keys, ids)
        for k, i in zip(keys.tolist(), ids.tolist(), strict=True):
            truth.setdefault(k, []).append(i)
        sizes = sorted((len(r) for r in p._runs), reverse=True)
        # each run more than twice the next: at most about log2(n) of them
        assert all(a > 2 * b for a, b in itertools.pairwise(sizes))
    assert len(p._runs) <= int(np.log2(len(p))) + 1
    q = np.arange(3000, dtype=np.int64)
    assert p.df(q).tolist() == [len(truth.get(k, [])) for k in range(3000)]
    _, qidx, ids = p.gather(q, 10_000)
    got: dict[int, list[int]] = {}
    for k, i in zip(qidx.tolist(), ids.tolist(), strict=True):
        got.setdefault(k, []).append(i)
    assert {k: sorted(v) for k, v in got.items()} == {k: sorted(v) for k, v in truth.items()}


SIGN_OFF = (
    "Ce reportage a été diffusé dans le journal de 19 heures présenté par Maëlle Quintard "
    "sur Radio Valcourt, avec des analyses sur les principaux thèmes du jour."
)


def _rows(n: int, outlets: list[str]) -> list[tuple[str, Fingerprint, IndexMeta]]:
    rng = random.Random(4)
    words = (FR_SAME_STORY + " " + CHAIN_A + " " + EN_SAME_STORY).split()
    rows = []
    for i in range(n):
        body = " ".join(rng.choice(words) for _ in range(80))
        outlet = outlets[i % len(outlets)]
        fp = fingerprint(body + "\n\n" + SIGN_OFF, "fr")
        rows.append((f"d{i}", fp, IndexMeta(None, "fr", outlet)))
    return rows


def test_boilerplate_counted_per_outlet_as_articles_are_added() -> None:
    rows = _rows(30, ["Radio Valcourt"])
    sign_off = set(fingerprint(SIGN_OFF, "fr").anchors)
    one = CopyIndex()
    for key, fp, meta in rows[:7]:
        one.add(key, fp, meta)
    assert not (one._boilerplate & sign_off)  # seven articles: not yet
    one.add(*rows[7])
    assert sign_off <= one._boilerplate  # the eighth of one outlet makes it boilerplate
    for row in rows[8:]:
        one.add(*row)
    many = CopyIndex()
    many.add_many(rows[:13])
    many.add_many(rows[13:])
    loaded = CopyIndex.bulk_load((k, fp.to_bytes(), m) for k, fp, m in rows)
    assert one._boilerplate == many._boilerplate == loaded._boilerplate
    q = fingerprint(FR_EDITED, "fr")
    assert one.candidates(q) == many.candidates(q) == loaded.candidates(q)


def test_a_passage_spread_over_many_outlets_is_not_boilerplate() -> None:
    rows = _rows(30, [f"Outlet {i}" for i in range(6)])  # five articles an outlet
    index = CopyIndex.bulk_load(rows)
    sign_off = set(fingerprint(SIGN_OFF, "fr").anchors)
    assert not (index._boilerplate & sign_off)
    assert not index.boilerplate_anchors(sorted(sign_off))


def test_translation_candidates_many_equals_one_at_a_time() -> None:
    index = CopyIndex()
    day = parse_published("2026-01-13")
    for key, text, lang in [
        ("orig", FR_ORIGINAL, "fr"),
        ("same", FR_SAME_STORY, "fr"),
        ("en", EN_TRANSLATED, "en"),
        ("en_same", EN_SAME_STORY, "en"),
        ("ru", RU_TRANSLATED, "ru"),
    ]:
        index.add(key, fingerprint(text, lang), IndexMeta(day, lang))
    queries = [
        (fingerprint(RU_TRANSLATED, "ru"), day, "ru"),
        (fingerprint(FR_EDITED, "fr"), day, None),
        (fingerprint(EN_TRANSLATED, "en"), None, "en"),
        (fingerprint("", "fr"), day, None),
    ]
    many = index.translation_candidates_many(
        [q for q, _, _ in queries],
        published=[p for _, p, _ in queries],
        excludes=[e for _, _, e in queries],
    )
    for (q, p, e), got in zip(queries, many, strict=True):
        assert index.translation_candidates(q, published=p, exclude=e) == got
    assert "orig" in [c.key for c in many[0]] and "ru" not in [c.key for c in many[0]]


def test_a_much_longer_text_is_no_translation_candidate() -> None:
    index = CopyIndex()
    long_fr = "\n\n".join([FR_ORIGINAL] * 5)
    index.add("long", fingerprint(long_fr, "fr"), IndexMeta(None, "fr"))
    index.add("orig", fingerprint(FR_ORIGINAL, "fr"), IndexMeta(None, "fr"))
    keys = [c.key for c in index.translation_candidates(fingerprint(EN_TRANSLATED, "en"))]
    assert keys == ["orig"]
    # classify says no without computing embeddings
    a = CopyDoc.from_text("long", long_fr, language="fr")
    b = CopyDoc.from_text("en", EN_TRANSLATED, language="en")
    assert classify(a, b) is None
    assert a._embeddings is None and b._embeddings is None


def test_match_batch_loads_its_candidates_in_one_go() -> None:
    stored = {
        "A": CopyDoc.from_text("A", CHAIN_A, language="fr", published="2026-02-01T06:00:00Z"),
        "X": CopyDoc.from_text("X", FR_ORIGINAL, language="fr", published="2026-02-01T06:00:00Z"),
    }
    calls: list[list[str]] = []

    def load_many(keys: list[str]) -> dict[str, CopyDoc]:
        calls.append(keys)
        return {
            k: CopyDoc.from_text(k, stored[k].text, language="fr", published=stored[k].published)
            for k in keys
        }

    def load_one(key: str) -> CopyDoc | None:
        raise AssertionError(f"{key} loaded alone")

    index = CopyIndex()
    for key, doc in stored.items():
        index.add(key, doc.fingerprint, IndexMeta(parse_published(doc.published), "fr"))
    matcher = CopyMatcher(index, load_one, load_many=load_many)
    new = [
        CopyDoc.from_text("B", CHAIN_B, language="fr", published="2026-02-01T09:00:00Z"),
        CopyDoc.from_text("E", FR_EDITED, language="fr", published="2026-02-01T09:00:00Z"),
    ]
    results = {r.key: r for r in matcher.match_batch(new)}
    assert calls == [["A", "X"]]
    assert results["B"].parent == "A" and results["E"].parent == "X"
    matcher.match_batch(new, add=False)  # both now cached: nothing loaded again
    assert calls == [["A", "X"]]
