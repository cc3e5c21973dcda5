"""The facet filters of the store (actor, story, has-quotes, is-copy) and their counts: the
marks migration 6 keeps in ``article_facets`` follow the quotes, stories and copies written
through the store's own methods, and a store migrated from version 5 gets them too."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_records import actor_record, copy_record, story_record

from vigie.article import Article
from vigie.storage.migrations import MIGRATIONS
from vigie.storage.sqlite import ArticleFilters, SQLiteStore

TEXTS = {
    "a": "La sécurité du port de Brest inquiète les élus.",
    "b": "Sécurité : les élus de Brest réclament des moyens.",
    "c": "La sécurité routière progresse en Bretagne.",
    "d": "Brest accueille un festival de musique.",
    "e": "Sécurité du port : la mairie de Brest répond.",
}


def _quote(text: str, phrase: str) -> dict[str, Any]:
    start = text.index(phrase)
    return {"start": start, "end": start + len(phrase), "text": phrase, "type": "direct"}


def _article(key: str, **kw: Any) -> Article:
    return Article(doc=f"{key}.txt", text=TEXTS[key], source_key=key, **kw)


@pytest.fixture
def ids(store: SQLiteStore) -> dict[str, str]:
    """Five articles: a and e quote someone; actors Ana (a, b, e) and Bo (b quoted, d);
    story s1 = a, b, e and s2 = c; b copies a (known), d and e are a near pair of unknown
    direction, c and d a translated pair of unknown direction."""
    arts = {
        "a": _article("a", outlet="Ouest", language="fr", published="2024-01-02", title="Port"),
        "b": _article("b", outlet="Ouest", language="fr", published="2024-01-03"),
        "c": _article("c", outlet="Breizh", language="fr", published="2024-02-01"),
        "d": _article("d", outlet="Breizh", language="fr", published="2024-02-02"),
        "e": _article("e", outlet="Nord", language="fr", published="2024-03-05"),
    }
    arts["a"].results["quotes"] = [_quote(TEXTS["a"], "inquiète les élus")]
    arts["e"].results["quotes"] = [_quote(TEXTS["e"], "la mairie de Brest répond")]
    store.write_articles(list(arts.values()))
    aid = {k: a.article_id for k, a in arts.items()}
    store.write_actors(
        state={},
        registry="test",
        mentions=[
            (aid["a"], "entity", 0, 0, "n:ana", "per:ana"),
            (aid["a"], "entity", 1, 0, "n:ana", "per:ana"),
            (aid["b"], "entity", 0, 0, "n:ana", "per:ana"),
            (aid["b"], "quote", 0, 0, "n:bo", "per:bo"),
            (aid["d"], "entity", 0, 0, "n:bo", "per:bo"),
            (aid["e"], "quote", 0, 0, "n:ana", "per:ana"),
            (aid["e"], "entity", 2, 0, "n:x", None),
        ],
        upsert=[actor_record("per:ana", "Ana Kerlo"), actor_record("per:bo", "Bo Lenn")],
    )
    store.write_stories(
        [
            story_record("s1", "Brest · port", [aid["a"], aid["b"], aid["e"]], ["fr"]),
            story_record("s2", "Bretagne · routes", [aid["c"]], ["fr"]),
        ],
        [],
        [],
        {},
    )
    store.save_copies(
        [
            copy_record(aid["a"], aid["b"], "near", source=aid["a"]),
            copy_record(aid["d"], aid["e"], "near"),
            copy_record(aid["c"], aid["d"], "translated"),
        ]
    )
    return aid


def _keys(store: SQLiteStore, ids: dict[str, str], f: ArticleFilters) -> set[str]:
    back = {v: k for k, v in ids.items()}
    return {back[i] for i in store.article_ids(f)}


def _searched(store: SQLiteStore, ids: dict[str, str], q: str, f: ArticleFilters) -> set[str]:
    back = {v: k for k, v in ids.items()}
    page = store.search(q, f, limit=50)
    assert page.total == len(page.hits)
    return {back[h.article_id] for h in page.hits}


def test_each_filter_selects_its_articles(store: SQLiteStore, ids: dict[str, str]) -> None:
    assert _keys(store, ids, ArticleFilters(actor="per:ana")) == {"a", "b", "e"}
    assert _keys(store, ids, ArticleFilters(actor="per:bo")) == {"b", "d"}
    assert _keys(store, ids, ArticleFilters(actor="per:nobody")) == set()
    assert _keys(store, ids, ArticleFilters(story="s1")) == {"a", "b", "e"}
    assert _keys(store, ids, ArticleFilters(story="s2")) == {"c"}
    assert _keys(store, ids, ArticleFilters(has_quotes=True)) == {"a", "e"}
    assert _keys(store, ids, ArticleFilters(has_quotes=False)) == {"b", "c", "d"}
    # b: copy side of a known relation; d, e: the near pair of unknown direction; the
    # translated pair of unknown direction (c, d) makes no copy, nor is a source one
    assert _keys(store, ids, ArticleFilters(is_copy=True)) == {"b", "d", "e"}
    assert _keys(store, ids, ArticleFilters(is_copy=False)) == {"a", "c"}
    both = ArticleFilters(actor="per:ana", is_copy=True, has_quotes=True, outlet="nord")
    assert _keys(store, ids, both) == {"e"}


def test_filters_apply_to_search_volume_and_export(store: SQLiteStore, ids: dict[str, str]) -> None:
    f = ArticleFilters(actor="per:ana", is_copy=False)
    assert _searched(store, ids, "brest", f) == {"a"}
    assert _searched(store, ids, "sécurité", ArticleFilters(story="s1")) == {"a", "b", "e"}
    assert _searched(store, ids, "brest", ArticleFilters(has_quotes=False)) == {"b", "d"}
    assert store.search("brest", f, limit=0).total == 1
    assert store.search_volume("brest", ArticleFilters(actor="per:ana")) == [
        ("2024-01", 2),
        ("2024-03", 1),
    ]
    assert store.search_volume(None, ArticleFilters(is_copy=True), unit="year") == [("2024", 3)]
    exported = [a.source_key for a in store.iter_articles(ArticleFilters(story="s1"))]
    assert exported == ["a", "b", "e"]


def test_shown_and_empty() -> None:
    assert ArticleFilters().empty and ArticleFilters().shown() == {}
    f = ArticleFilters(language="fr", actor="per:ana", has_quotes=False, is_copy=True)
    assert not f.empty
    assert f.shown() == {"language": "fr", "actor": "per:ana", "has_quotes": "no", "is_copy": "yes"}
    assert not ArticleFilters(has_quotes=False).empty


def test_facets_count_under_the_other_filters(store: SQLiteStore, ids: dict[str, str]) -> None:
    f = store.search_facets("brest", ArticleFilters())
    assert f["actor"] == [("per:ana", 3), ("per:bo", 2)]
    assert f["story"] == [("s1", 3)]
    assert f["has_quotes"] == [("yes", 2), ("no", 2)]
    assert f["is_copy"] == [("yes", 3), ("no", 1)]
    assert f["outlet"] == [("Ouest", 2), ("Breizh", 1), ("Nord", 1)]
    assert f.sampled == {}
    # an actor chosen: the actor facet still lists both, the others count Ana's articles
    f = store.search_facets("brest", ArticleFilters(actor="per:bo"))
    assert f["actor"] == [("per:ana", 3), ("per:bo", 2)]
    assert f["outlet"] == [("Breizh", 1), ("Ouest", 1)]
    assert f["has_quotes"] == [("no", 2)]
    assert f["is_copy"] == [("yes", 2)]
    assert f["story"] == [("s1", 1)]
    # yes/no filters leave their own facet whole and narrow the others
    f = store.search_facets("brest", ArticleFilters(has_quotes=True, is_copy=True))
    assert f["has_quotes"] == [("yes", 1), ("no", 2)]
    assert f["is_copy"] == [("yes", 1), ("no", 1)]
    assert f["actor"] == [("per:ana", 1)]
    assert f["outlet"] == [("Nord", 1)]


FILTER_OF = {"outlet": "outlet", "language": "language", "actor": "actor", "story": "story"}


@pytest.mark.parametrize(
    "filters",
    [
        ArticleFilters(),
        ArticleFilters(since="2024-02-01", actor="per:bo"),
        ArticleFilters(until="2024-01", has_quotes=False),
        ArticleFilters(outlet="ouest", is_copy=True, story="s1"),
        ArticleFilters(actor="per:ana", has_quotes=True, language="fr"),
    ],
)
def test_each_facet_count_is_what_its_filter_finds(
    store: SQLiteStore, ids: dict[str, str], filters: ArticleFilters
) -> None:
    """For every value of every facet: searching with that value in place of the facet's own
    filter finds as many articles as the facet says."""
    facets = store.search_facets("brest OR sécurité", filters)
    assert any(facets.values())
    for facet, values in facets.items():
        for value, n in values:
            if facet in ("has_quotes", "is_copy"):
                chosen = replace(filters, **{facet: value == "yes"})
            else:
                chosen = replace(filters, **{FILTER_OF[facet]: value})
            if facet == "outlet":
                # the outlet filter matches part of the name: these names are distinct
                assert all(value.lower() not in o.lower() for o, _ in values if o != value)
            assert store.search("brest OR sécurité", chosen, limit=0).total == n, (facet, value)


def test_actor_counts_are_estimated_past_the_sample(
    store: SQLiteStore, ids: dict[str, str]
) -> None:
    f = store.search_facets("brest", ArticleFilters(), actor_sample=2)
    assert f.sampled == {"actor": (2, 4)}
    counted = dict(f["actor"])
    # scaled from 2 of the 4 matches: never more than the matches, never a zero
    assert set(counted) <= {"per:ana", "per:bo"} and counted
    assert all(0 < n <= 4 and n % 2 == 0 for n in counted.values())
    assert store.search_facets("brest", ArticleFilters(), actor_sample=4).sampled == {}


def test_labels(store: SQLiteStore, ids: dict[str, str]) -> None:
    assert store.actor_names(["per:bo", "per:nobody", "per:ana"]) == {
        "per:bo": "Bo Lenn",
        "per:ana": "Ana Kerlo",
    }
    assert store.story_labels(["s2", "s9"]) == {"s2": "Bretagne · routes"}
    assert store.actor_names([]) == {} and store.story_labels([]) == {}


def test_marks_follow_rewrites(store: SQLiteStore, ids: dict[str, str]) -> None:
    # a verdict changes: the near pair d-e gets a known direction (e copies d)
    store.save_copies([copy_record(ids["d"], ids["e"], "near", source=ids["d"])])
    assert _keys(store, ids, ArticleFilters(is_copy=True)) == {"b", "e"}
    # the translated pair gets one too: d copies c
    store.save_copies([copy_record(ids["c"], ids["d"], "translated", source=ids["c"])])
    assert _keys(store, ids, ArticleFilters(is_copy=True)) == {"b", "d", "e"}
    store.clear_copies()
    assert _keys(store, ids, ArticleFilters(is_copy=True)) == set()
    # an article moves to another story
    store.write_stories(
        [story_record("s2", "Bretagne · routes", [ids["c"], ids["e"]], ["fr"])], [], [], {}
    )
    assert _keys(store, ids, ArticleFilters(story="s2")) == {"c", "e"}
    assert _keys(store, ids, ArticleFilters(story="s1")) == {"a", "b"}
    store.clear_stories([])
    assert _keys(store, ids, ArticleFilters(story="s2")) == set()
    # re-analysis drops a's quotation and gives d one
    a, d = store.get_articles([ids["a"], ids["d"]])
    a.results["quotes"] = []
    d.results["quotes"] = [_quote(TEXTS["d"], "un festival de musique")]
    store.update_analysis([a, d])
    assert _keys(store, ids, ArticleFilters(has_quotes=True)) == {"d", "e"}
    # an actors rebuild: Bo is no longer in d
    store.write_actors(
        state={},
        registry="test",
        mentions=[(ids["d"], "entity", 0, 0, "n:bo", None)],
        upsert=[],
    )
    assert _keys(store, ids, ArticleFilters(actor="per:bo")) == {"b"}


def test_an_article_written_after_its_marks_gets_them(store: SQLiteStore) -> None:
    later = _article("c", published="2024-02-01")
    other = _article("d")
    store.write_articles([other])
    # story and copy rows naming an article not stored yet
    store.write_stories([story_record("s3", "Plus tard", [later.article_id], ["fr"])], [], [], {})
    store.save_copies([copy_record(later.article_id, other.article_id, "exact")])
    store.write_articles([later])
    f = ArticleFilters(story="s3", is_copy=True)
    assert store.article_ids(f) == [later.article_id]


def test_a_version_5_store_is_migrated_with_its_marks(tmp_path: Path) -> None:
    path = tmp_path / "v5.db"
    conn = sqlite3.connect(path)
    for i, script in enumerate(MIGRATIONS[:5]):
        conn.executescript(f"BEGIN; {script}; PRAGMA user_version = {i + 1}; COMMIT;")
    rows = [(f"id{i}", f"k{i}", f"t{i} brest") for i in range(3)]
    conn.executemany(
        "INSERT INTO articles(article_id, source_key, version, input_sha1, content_sha1, doc,"
        " input_format, text, clean_text, ingested_at) VALUES (?, ?, 1, ?, 'c', 'd', 'txt',"
        " 'x', ?, 'now')",
        [(a, k, k, t) for a, k, t in rows],
    )
    conn.execute(
        "INSERT INTO quotes(article_rowid, idx, start, end, text, type) VALUES (1, 0, 0, 1, 'x',"
        " 'direct')"
    )
    conn.execute("INSERT INTO story_articles(article_id, story_id) VALUES ('id2', 's')")
    conn.execute(
        "INSERT INTO copies(a_id, b_id, kind, score, direction, source_id, copy_id, data)"
        " VALUES ('id0', 'id1', 'partial', 1, 'known', 'id0', 'id1', '{}')"
    )
    conn.commit()
    conn.close()
    with SQLiteStore(path) as store:
        assert store.article_ids(ArticleFilters(has_quotes=True)) == ["id0"]
        assert store.article_ids(ArticleFilters(story="s")) == ["id2"]
        assert store.article_ids(ArticleFilters(is_copy=True)) == ["id1"]
        assert store.search_facets("brest")["is_copy"] == [("yes", 1), ("no", 2)]


KINDS = ("exact", "near", "partial", "translated")


@settings(max_examples=40, deadline=None)
@given(
    relations=st.lists(
        st.tuples(
            st.integers(0, 4),
            st.integers(0, 4),
            st.sampled_from(KINDS),
            st.sampled_from(["a", "b", None]),
        ).filter(lambda r: r[0] != r[1]),
        max_size=8,
    ),
    cleared=st.sets(st.integers(0, 4), max_size=2),
)
def test_is_copy_mark_matches_its_definition(
    relations: list[tuple[int, int, str, str | None]], cleared: set[int]
) -> None:
    """Whatever relations are saved, replaced and deleted, the is-copy mark is: the copy side
    of a relation of known direction, or either side of an exact or near one of unknown."""
    with SQLiteStore(":memory:") as store:
        arts = [_article(k) for k in "abcde"]
        store.write_articles(arts)
        aid = [a.article_id for a in arts]
        for i, j, kind, side in relations:
            a, b = aid[i], aid[j]
            source = {"a": a, "b": b, None: None}[side]
            store.save_copies([copy_record(a, b, kind, source=source)])
        # delete the relations of some articles, as a partial rebuild would
        for i in cleared:
            with store.conn:
                store.conn.execute(
                    "DELETE FROM copies WHERE a_id = ? OR b_id = ?", (aid[i], aid[i])
                )
        expected: set[str] = set()
        for r in store.copies():
            if r["direction"] == "known":
                expected.add(r["copy_id"])
            elif r["kind"] in ("exact", "near"):
                expected |= {r["a_id"], r["b_id"]}
        assert set(store.article_ids(ArticleFilters(is_copy=True))) == expected
        assert set(store.article_ids(ArticleFilters(is_copy=False))) == set(aid) - expected
