from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vigie.article import Article, Paragraph, Removal, StageError
from vigie.errors import NotFoundError, QueryError, StoreError
from vigie.storage.migrations import MIGRATIONS
from vigie.storage.sqlite import ArticleFilters, SQLiteStore


def _art(text: str, key: str = "k", **kw: object) -> Article:
    return Article(doc=key, text=text, source_key=key, **kw)  # type: ignore[arg-type]


def test_schema_is_migrated_and_wal(store: SQLiteStore) -> None:
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "x.db"
    c = sqlite3.connect(p)
    c.execute("PRAGMA user_version = 999")
    c.close()
    with pytest.raises(StoreError, match="newer than this vigie"):
        SQLiteStore(p)


def test_not_a_database(tmp_path: Path) -> None:
    p = tmp_path / "x.db"
    p.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        SQLiteStore(p)


def test_idempotent_and_versions(store: SQLiteStore) -> None:
    a1 = _art("première version")
    assert [o.status for o in store.write_articles([a1])] == ["added"]
    assert [o.status for o in store.write_articles([_art("première version")])] == ["unchanged"]
    out = store.write_articles([_art("deuxième version")])
    assert (out[0].status, out[0].version) == ("version", 2)
    assert store.count() == 2
    assert [v["version"] for v in store.article_versions("k")] == [1, 2]


def test_search_folds_diacritics_and_filters(store: SQLiteStore) -> None:
    store.write_articles(
        [
            _art(
                "La sécurité indivisible en Europe.",
                "a",
                outlet="Sputnik France",
                language="fr",
                published="2022-01-12",
                title="Sécurité",
            ),
            _art(
                "Security talks in Geneva.",
                "b",
                outlet="Other",
                language="en",
                published="2021-12-01",
                title="Talks",
            ),
        ]
    )
    page = store.search("securite")
    assert page.total == 1 and page.hits[0].outlet == "Sputnik France"
    assert "\x02sécurité\x03" in page.hits[0].snippet
    assert store.search("securite", ArticleFilters(outlet="sputnik")).total == 1
    assert store.search("securite", ArticleFilters(outlet="other")).total == 0
    assert store.search("securite", ArticleFilters(since="2022-01-13")).total == 0
    assert store.search("securite", ArticleFilters(until="2022-01-12")).total == 1
    assert store.search("security OR securite").total == 2
    with pytest.raises(QueryError, match="unbalanced"):
        store.search('"open phrase')


def test_get_unknown_article(store: SQLiteStore) -> None:
    with pytest.raises(NotFoundError, match="no article"):
        store.get_article("nope")


def test_readonly_store_needs_an_existing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        SQLiteStore(tmp_path / "absent.db", readonly=True)


articles = st.builds(
    lambda text, title, outlet, lang, cut: _with_removal(
        Article(
            doc="d",
            text=text,
            title=title,
            outlet=outlet,
            language=lang,
            authors=["A"],
            results={"x": [1, "é"]},
            errors=[StageError("s", "note", "m")],
            paragraphs=[Paragraph(0, len(text), lang, 0.5)],
        ),
        cut,
    ),
    st.text(min_size=1, max_size=80),
    st.none() | st.text(max_size=20),
    st.none() | st.text(max_size=20),
    st.none() | st.sampled_from(["fr", "en", "ru"]),
    st.integers(0, 80),
)


def _with_removal(a: Article, cut: int) -> Article:
    cut = min(cut, len(a.text))
    if cut:
        a.set_removed([Removal(0, cut, a.text[:cut], "test")])
    return a


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(articles)
def test_store_round_trips_articles(tmp_path: Path, a: Article) -> None:
    with SQLiteStore(tmp_path / "rt.db") as s:
        s.write_articles([a])
        b = s.get_article(a.article_id)
    for f in (
        "doc",
        "text",
        "title",
        "outlet",
        "language",
        "authors",
        "removed",
        "paragraphs",
        "results",
        "errors",
        "source_key",
        "input_sha1",
    ):
        assert getattr(b, f) == getattr(a, f), f
    assert b.clean_text == a.clean_text
    (tmp_path / "rt.db").unlink()
    for extra in ("rt.db-wal", "rt.db-shm"):
        (tmp_path / extra).unlink(missing_ok=True)


def test_facets_count_under_the_other_filters(store: SQLiteStore) -> None:
    store.write_articles(
        [
            _art("sécurité européenne", "a", outlet="Alpha", language="fr"),
            _art("sécurité collective", "b", outlet="Beta", language="fr"),
            _art("security talks sécurité", "c", outlet="Beta", language="en"),
        ]
    )
    f = store.search_facets("securite", ArticleFilters(outlet="Alpha"))
    assert f["outlet"] == [("Beta", 2), ("Alpha", 1)]
    assert f["language"] == [("fr", 1)]
    assert [r["article_id"] for r in store.recent_articles(2)]
    assert store.outlets() == [("Beta", 2), ("Alpha", 1)]


def test_search_volume_by_month(store: SQLiteStore) -> None:
    store.write_articles(
        [
            _art("otan sommet", "a", published="2022-01-12"),
            _art("otan réunion", "b", published="2022-01-30T10:00:00"),
            _art("otan accord", "c", published="2022-03-01"),
            _art("otan sans date", "d"),
            _art("autre sujet", "e", published="2022-03-02"),
        ]
    )
    assert store.search_volume("otan") == [("2022-01", 2), ("2022-03", 1)]
    assert store.search_volume(None, unit="year") == [("2022", 4)]
    with pytest.raises(ValueError, match="unit"):
        store.search_volume("otan", unit="week")
