"""CopyIndex candidates, bulk restore, translation candidates, and CopyMatcher lineage."""

from __future__ import annotations

import random

import numpy as np
from copies_texts import (
    CHAIN_A,
    CHAIN_B,
    CHAIN_C,
    EN_SAME_STORY,
    EN_TRANSLATED,
    FR_EDITED,
    FR_ORIGINAL,
    FR_PARTIAL,
    FR_SAME_STORY,
    RU_TRANSLATED,
)

from vigie.copies import (
    CopyDoc,
    CopyIndex,
    CopyMatcher,
    IndexMeta,
    classify,
    fingerprint,
    index_rows,
)
from vigie.copies.direction import lineage_chains
from vigie.copies.index import parse_published
from vigie.copies.postings import Postings

DAY = 86400.0


def test_postings_match_a_dict_through_merges() -> None:
    rng = random.Random(3)
    p = Postings()
    truth: dict[int, list[int]] = {}
    for doc_id in range(3000):
        keys = [rng.randrange(0, 5000) for _ in range(40)]
        p.add(doc_id, keys)
        for k in keys:
            truth.setdefault(k, []).append(doc_id)
    assert len(p) == 3000 * 40
    query = list(range(0, 5000, 7))
    for pos, ids in p.lookup(query, max_df=10_000):
        assert sorted(ids.tolist()) == sorted(truth[query[pos]])
    found = {query[pos] for pos, _ in p.lookup(query, max_df=10_000)}
    assert found == {k for k in query if k in truth}
    capped = p.lookup(query, max_df=20)
    assert all(len(ids) <= 20 for _, ids in capped)


def build() -> CopyIndex:
    index = CopyIndex()
    for key, text, lang in [
        ("orig", FR_ORIGINAL, "fr"),
        ("same", FR_SAME_STORY, "fr"),
        ("chain_a", CHAIN_A, "fr"),
        ("en", EN_TRANSLATED, "en"),
        ("en_same", EN_SAME_STORY, "en"),
    ]:
        index.add(key, fingerprint(text, lang), IndexMeta(parse_published("2026-01-13"), lang))
    return index


def test_candidates_for_near_and_partial_copies() -> None:
    index = build()
    near = index.candidates(fingerprint(FR_EDITED, "fr"))
    assert [c.key for c in near] == ["orig"] and near[0].via == "lsh"
    assert near[0].jaccard > 0.3
    partial = index.candidates(fingerprint(FR_PARTIAL, "fr"))
    assert [c.key for c in partial] == ["orig"] and partial[0].shared_anchors >= 2
    assert index.candidates(fingerprint(CHAIN_B, "fr"))[0].key == "chain_a"
    exact = index.candidates(fingerprint(FR_ORIGINAL, "fr"))
    assert exact[0].key == "orig" and exact[0].via == "exact"
    assert index.candidates(fingerprint(FR_ORIGINAL, "fr"), exclude="orig") == []
    assert index.candidates(fingerprint("", "fr")) == []


def test_translation_candidates_use_numbers_names_and_the_date_window() -> None:
    index = build()
    fp = fingerprint(RU_TRANSLATED, "ru")
    cands = index.translation_candidates(fp, published=parse_published("2026-01-14"))
    keys = [c.key for c in cands]
    assert "orig" in keys and "en" in keys
    assert "chain_a" not in keys
    far = index.translation_candidates(fp, published=parse_published("2026-03-01"))
    assert far == []
    # a French article never gets French translation candidates
    fr = index.translation_candidates(fingerprint(FR_EDITED, "fr"))
    assert all(index.meta(c.key).language != "fr" for c in fr)


def test_bulk_load_equals_incremental_index() -> None:
    rows = []
    for key, text, lang in [
        ("orig", FR_ORIGINAL, "fr"),
        ("chain_a", CHAIN_A, "fr"),
        ("en", EN_TRANSLATED, "en"),
    ]:
        fp = fingerprint(text, lang)
        rows.append((key, fp.to_bytes(), IndexMeta(None, lang, "X")))
    restored = CopyIndex.bulk_load(rows)
    assert len(restored) == 3 and "orig" in restored
    for text in (FR_EDITED, FR_PARTIAL, CHAIN_B):
        q = fingerprint(text, "fr")
        assert [c.key for c in restored.candidates(q)] == [c.key for c in build().candidates(q)]
    kinds = {k for k, _ in index_rows(fingerprint(FR_ORIGINAL, "fr"))}
    assert kinds == {"band", "anchor", "hash", "xl"}


def test_index_grows_to_thousands_and_still_finds_the_copy() -> None:
    rng = random.Random(5)
    words = FR_SAME_STORY.split() + CHAIN_A.split() + EN_SAME_STORY.split()
    index = CopyIndex()
    for i in range(2000):
        text = " ".join(rng.choice(words) for _ in range(120))
        index.add(f"noise{i}", fingerprint(text, "fr"))
    index.add("orig", fingerprint(FR_ORIGINAL, "fr"))
    cands = index.candidates(fingerprint(FR_EDITED, "fr"))
    assert cands and cands[0].key == "orig"
    assert len(cands) < 10
    sig = index._sigs[: len(index)]
    assert sig.dtype == np.uint32 and sig.shape[0] == 2001


def test_matcher_keeps_chains_and_picks_the_closest_parent() -> None:
    docs = {
        "A": CopyDoc.from_text("A", CHAIN_A, language="fr", published="2026-02-01T06:00:00Z"),
        "B": CopyDoc.from_text("B", CHAIN_B, language="fr", published="2026-02-01T09:00:00Z"),
        "C": CopyDoc.from_text("C", CHAIN_C, language="fr", published="2026-02-01T12:00:00Z"),
    }
    matcher = CopyMatcher(CopyIndex(), docs.get)
    parents: dict[str, str] = {}
    for key in ("A", "B", "C"):
        res = matcher.match(docs[key])
        if res.parent:
            parents[key] = res.parent
    assert parents == {"B": "A", "C": "B"}
    assert lineage_chains(parents) == [["A", "B", "C"]]
    # C relates to both A and B, but B (closer) is its parent
    res_c = matcher.match(docs["C"], add=False)
    assert {r.source for r in res_c.relations} == {"A", "B"}


def test_matcher_out_of_order_reports_children() -> None:
    docs = {
        "A": CopyDoc.from_text("A", CHAIN_A, language="fr", published="2026-02-01T06:00:00Z"),
        "B": CopyDoc.from_text("B", CHAIN_B, language="fr", published="2026-02-01T09:00:00Z"),
    }
    matcher = CopyMatcher(CopyIndex(), docs.get)
    assert matcher.match(docs["B"]).parent is None
    res = matcher.match(docs["A"])
    assert res.parent is None and res.children == ["B"]


def test_matcher_finds_translations_across_languages() -> None:
    docs = {
        "fr": CopyDoc.from_text("fr", FR_ORIGINAL, language="fr", published="2026-01-13T08:00Z"),
        "en_same": CopyDoc.from_text(
            "en_same", EN_SAME_STORY, language="en", published="2026-01-13T09:00Z"
        ),
        "ru": CopyDoc.from_text("ru", RU_TRANSLATED, language="ru", published="2026-01-14T08:00Z"),
    }
    matcher = CopyMatcher(CopyIndex(), docs.get)
    matcher.match(docs["fr"])
    matcher.match(docs["en_same"])
    res = matcher.match(docs["ru"])
    assert [(r.kind, r.source) for r in res.relations] == [("translated", "fr")]
    assert res.parent == "fr"


SIGN_OFF = (
    "Ce reportage a été diffusé dans le journal de 19 heures du {d} présenté par Maëlle "
    "Quintard sur Radio Valcourt. Retrouvez au programme du journal de 19 heures du {d} des "
    "reportages sur l'actualité politique, économique et culturelle, des analyses sur les "
    "principaux thèmes du jour et des enquêtes sur les sujets qui concernent le quotidien "
    "des habitants de la région."
)


def test_outlet_boilerplate_is_not_evidence_of_copying() -> None:
    bodies = [CHAIN_A, FR_SAME_STORY, EN_SAME_STORY] + [
        " ".join(random.Random(i).sample(FR_ORIGINAL.split(), 60)) for i in range(12)
    ]
    docs: dict[str, CopyDoc] = {}
    for i, body in enumerate(bodies):
        text = body + "\n\n" + SIGN_OFF.format(d=f"{i + 1:02d}/03/2026")
        docs[f"d{i}"] = CopyDoc.from_text(
            f"d{i}",
            text,
            language="fr",
            outlet="Radio Valcourt",
            published=f"2026-03-{i + 1:02d}T19:00:00Z",
        )
    # without knowing the outlet's habits, the long sign-off alone looks like a reused passage
    bare = classify(docs["d0"], docs["d1"])
    assert bare is not None and bare.kind == "partial"
    index = CopyIndex()
    for key, d in docs.items():
        index.add(key, d.fingerprint, IndexMeta(None, "fr", "Radio Valcourt"))
    common = index.mark_common(docs["d1"])
    words = docs["d1"].tokens.words
    marked = " ".join(words[i] for i in sorted(common))
    assert "reportage a ete diffuse" in marked and "quotidien des habitants" in marked
    assert "02" in marked  # the date inside the sign-off too
    index.mark_common(docs["d0"])
    assert classify(docs["d0"], docs["d1"]) is None
    # a real copy by the same outlet is still found, sign-off or not
    copy_text = CHAIN_B + "\n\n" + SIGN_OFF.format(d="20/03/2026")
    copy = CopyDoc.from_text(
        "copy", copy_text, language="fr", outlet="Radio Valcourt", published="2026-03-20T19:00:00Z"
    )
    res = CopyMatcher(index, docs.get).match(copy)
    assert [(r.source, r.kind) for r in res.relations] == [("d0", "near")]


def test_candidates_many_equals_one_by_one() -> None:
    rng = random.Random(11)
    vocab = (FR_ORIGINAL + " " + CHAIN_A + " " + FR_SAME_STORY).split()
    index = CopyIndex()
    texts = [" ".join(rng.choice(vocab) for _ in range(150)) for _ in range(300)]
    for i, t in enumerate(texts):
        index.add(f"t{i}", fingerprint(t, "fr"), IndexMeta(None, "fr", f"outlet{i % 3}"))
    queries = [fingerprint(texts[i].replace(" la ", " une "), "fr") for i in range(0, 300, 7)]
    queries += [fingerprint(FR_EDITED, "fr"), fingerprint("", "fr")]
    batch = index.candidates_many(queries)
    assert [index.candidates(q) for q in queries] == batch
    assert any(c.key == "t0" for c in batch[0])


def test_match_batch_finds_copies_inside_the_batch_and_in_the_index() -> None:
    docs = {
        "A": CopyDoc.from_text("A", CHAIN_A, language="fr", published="2026-02-01T06:00:00Z"),
        "B": CopyDoc.from_text("B", CHAIN_B, language="fr", published="2026-02-01T09:00:00Z"),
        "C": CopyDoc.from_text("C", CHAIN_C, language="fr", published="2026-02-01T12:00:00Z"),
        "X": CopyDoc.from_text("X", FR_ORIGINAL, language="fr", published="2026-02-01T12:00:00Z"),
    }
    matcher = CopyMatcher(CopyIndex(), docs.get)
    matcher.match(docs["A"])
    results = {r.key: r for r in matcher.match_batch([docs["B"], docs["C"], docs["X"]])}
    assert results["B"].parent == "A" and results["C"].parent == "B"
    assert results["B"].children == ["C"]
    assert results["X"].relations == [] and results["X"].parent is None
    assert len(matcher.index) == 4
