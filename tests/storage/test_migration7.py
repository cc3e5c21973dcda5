"""Migration 7 on a store made at version 6: the quote groups already stored get their filter
columns and text rows (the same values ``write_stories`` writes), the filters then find on
them what they find on a store written afresh, later writes keep the text rows in step, and
the quote-group list and the story list (latest first) walk their indexes instead of sorting."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from vigie.storage.migrations import MIGRATIONS
from vigie.storage.quote_group_store import QuoteGroupFilters, group_columns
from vigie.storage.sqlite import SQLiteStore
from vigie.storage.story_store import StoryFilters
from vigie.stories.quote_groups import describe_group


def _q(aid: str, idx: int, text: str, day: str | None, outlet: str | None, **kw: Any) -> dict:
    return {
        "article_id": aid,
        "index": idx,
        "text": text,
        "speaker": kw.get("speaker", "Ilse Varnak"),
        "published": day,
        "outlet": outlet,
        "language": kw.get("language", "fr"),
        "type": "direct",
    }


def made_groups() -> list[dict[str, Any]]:
    """Groups made by the real grouping (fictional speakers), and one written by hand with
    the odd values a JSON group may hold."""
    full = "La frontière de Varnesk restera ouverte tant que le pacte respectera la sécurité"
    groups = [
        describe_group(
            [
                _q("a1", 0, full, "2025-03-01T08:00", "Méridie Soir"),
                _q("a2", 3, full, "2025-03-01T10:30", "Telekar"),
                _q("a3", 1, "La frontière de Varnesk restera ouverte …", "2025-03-02", "Orbita"),
                _q("a4", 0, full, None, "L’Écho Solidaire"),
            ],
            "qg-a1-0",
        ),
        describe_group(
            [
                _q(
                    "a6",
                    0,
                    "Nous sommes prêts au dialogue",
                    "2025-03-05",
                    "Telekar",
                    speaker="Sergueï Ostrov",
                ),
                _q(
                    "a7",
                    4,
                    "We are ready for dialogue",
                    "2025-03-06",
                    "Daily Wire",
                    speaker="Sergueï Ostrov",
                    language="en",
                ),
            ],
            "qg-a6-0",
        ),
        describe_group([_q("a9", 0, "=1+2 une phrase seule", None, None, speaker=None)], "qg-a9-0"),
        describe_group(
            [
                _q("a10", 0, "ligne un\nligne deux", "2025-02-01", "Gazette|Nord", language="x,y"),
                _q("a11", 0, "Appelez le ℡ 100%", "2025-02-02", "Radio_Sud", language="pt-BR"),
            ],
            "qg-a10-0",
        ),
    ]
    out = [g.to_dict() for g in groups]
    out.append(
        {
            "id": "qg-odd",
            "speaker": "ÉLODIE Marçal",
            "fullest": {"article_id": "o1", "index": 0},
            "first": {"article_id": "o1", "index": 0},
            "variants": [
                {"article_id": "o1", "index": 0, "text": "Sécurité d'abord", "published": ""},
                {"article_id": "o2", "index": 0, "text": None, "published": "2025-01-09"},
                {"article_id": "o2", "index": 1, "text": "SÉCURITÉ D'ABORD", "published": None},
            ],
            "outlets": [{"outlet": "Telekar"}, {"outlet": None}, {"outlet": 7}],
            "languages": ["fr", 5, ""],
        }
    )
    return out


def _v6_store(path: Path, groups: list[dict[str, Any]]) -> None:
    """A store made by the first six migrations, with groups and stories written as version
    6 wrote them."""
    conn = sqlite3.connect(path)
    for i, script in enumerate(MIGRATIONS[:6]):
        conn.executescript(f"BEGIN; {script}; PRAGMA user_version = {i + 1}; COMMIT;")
    for g in groups:
        variants = g.get("variants") or []
        conn.execute(
            "INSERT INTO quote_groups(group_id, n_articles, first_seen, speaker, data)"
            " VALUES (?, ?, ?, ?, ?)",
            (
                g["id"],
                len({v["article_id"] for v in variants}),
                min((v["published"] for v in variants if v.get("published")), default=None),
                g.get("speaker"),
                json.dumps(g, ensure_ascii=False),
            ),
        )
    conn.executemany(
        "INSERT INTO stories(story_id, label, first_seen, last_seen, n_articles, languages,"
        " outlets) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (f"st-{i:02d}", f"story {i}", day, day, n, '["fr"]', '["Telekar"]')
            for i, (day, n) in enumerate(
                [("2025-03-01", 2), (None, 5), ("2025-03-04", 1), ("2025-03-01", 3)] * 5
            )
        ],
    )
    conn.commit()
    conn.close()


@pytest.fixture
def migrated(tmp_path: Path) -> Any:
    path = tmp_path / "v6.db"
    _v6_store(path, made_groups())
    store = SQLiteStore(path)
    yield store
    store.close()


def _columns(store: SQLiteStore) -> dict[str, dict[str, Any]]:
    rows = store.conn.execute(
        "SELECT q.group_id, q.n_articles, q.first_seen, q.last_seen, q.speaker, q.speaker_key,"
        " q.languages, q.outlets, q.text_rowid, t.text FROM quote_groups q"
        " LEFT JOIN quote_group_text t ON t.rowid = q.text_rowid"
    )
    return {r["group_id"]: dict(r) for r in rows}


def test_migration_fills_the_columns_write_stories_writes(migrated: SQLiteStore) -> None:
    assert migrated.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    stored = _columns(migrated)
    groups = made_groups()
    assert set(stored) == {g["id"] for g in groups}
    for g in groups:
        row, want = stored[g["id"]], group_columns(g)
        assert row["text_rowid"] is not None, g["id"]
        for name in ("n_articles", "first_seen", "last_seen", "speaker", "speaker_key"):
            assert row[name] == getattr(want, name), (g["id"], name)
        assert row["languages"] == want.languages and row["outlets"] == want.outlets, g["id"]
        # the same distinct versions, in any order
        lines = (row["text"] or "").split("\n") if row["text"] is not None else None
        expected = want.text.split("\n") if want.text is not None else None
        if "\n" not in "".join(v["text"] or "" for v in g["variants"]):
            assert lines is not None and expected is not None
            assert sorted(lines) == sorted(expected), g["id"]
        else:
            assert row["text"] is not None and len(row["text"]) == len(want.text or ""), g["id"]
    odd = stored["qg-odd"]
    assert (odd["first_seen"], odd["last_seen"]) == ("2025-01-09", "2025-01-09")
    assert odd["speaker_key"] == "elodie marcal" and odd["outlets"] == "|Telekar|"
    assert odd["languages"] == ",fr,,"  # the number is no code; the empty one is plain
    assert stored["qg-a10-0"]["languages"].startswith("!")  # "x,y" is one odd code
    assert stored["qg-a9-0"]["outlets"] == "||"
    assert sorted(odd["text"].split("\n")) == ["securite d'abord"]
    n_text = migrated.conn.execute("SELECT count(*) FROM quote_group_text").fetchone()[0]
    assert n_text == len(groups) == len({r["text_rowid"] for r in stored.values()})


FILTERS = [
    QuoteGroupFilters(min_articles=1),
    QuoteGroupFilters(),
    QuoteGroupFilters(min_articles=1, speaker="serguei"),
    QuoteGroupFilters(min_articles=1, speaker="É"),
    QuoteGroupFilters(min_articles=1, text="SECURITE"),
    QuoteGroupFilters(min_articles=1, text="sécurité d'abord"),
    QuoteGroupFilters(min_articles=1, text="ready"),
    QuoteGroupFilters(min_articles=1, text="un\nligne"),
    QuoteGroupFilters(min_articles=1, text="tel"),
    QuoteGroupFilters(min_articles=1, text="%"),
    QuoteGroupFilters(min_articles=1, text="e"),
    QuoteGroupFilters(min_articles=1, outlet="echo"),
    QuoteGroupFilters(min_articles=1, outlet="Écho"),
    QuoteGroupFilters(min_articles=1, outlet="e|n"),
    QuoteGroupFilters(min_articles=1, outlet="o_s"),
    QuoteGroupFilters(min_articles=1, outlet="7"),
    QuoteGroupFilters(min_articles=1, language="fr"),
    QuoteGroupFilters(min_articles=1, language="en"),
    QuoteGroupFilters(min_articles=1, language="x,y"),
    QuoteGroupFilters(min_articles=1, language="x"),
    QuoteGroupFilters(min_articles=1, language="pt-BR"),
    QuoteGroupFilters(min_articles=1, language="5"),
    QuoteGroupFilters(min_articles=1, language="fr", outlet="telekar", text="dialogue"),
]


def test_migrated_store_filters_like_a_store_written_afresh(
    migrated: SQLiteStore, tmp_path: Path
) -> None:
    fresh = SQLiteStore(tmp_path / "fresh.db")
    try:
        fresh.write_stories([], made_groups(), [], {})
        for f in FILTERS:
            got = [g["id"] for g in migrated.iter_quote_groups(f)]
            assert got == [g["id"] for g in fresh.iter_quote_groups(f)], f
            assert migrated.quote_group_page(f, limit=2) == fresh.quote_group_page(f, limit=2)
    finally:
        fresh.close()

    def ids(**kw: Any) -> list[str]:
        return _ids(migrated, **kw)

    assert ids(text="SECURITE") == ["qg-a1-0", "qg-odd"]
    assert ids(text="sécurité d'abord") == ["qg-odd"]
    assert ids(outlet="Écho") == ["qg-a1-0"] and ids(outlet="echo") == []
    assert ids(outlet="e|n") == ["qg-a10-0"]  # "Gazette|Nord", case ignored
    assert ids(outlet="7") == []  # a number is no outlet name (the grouping writes none)
    assert ids(language="x,y") == ["qg-a10-0"] and ids(language="x") == []
    assert ids(language="5") == [] and ids(text="un\nligne") == ["qg-a10-0"]
    # a part that spans the two versions of the text row, in either order, is in neither
    assert ids(text="deux\nappelez") == [] and ids(text="100%\nligne") == []
    assert ids(text="tel") == ["qg-a10-0"]  # "℡" folds to "TEL"


def test_writes_after_the_migration_keep_text_rows_in_step(migrated: SQLiteStore) -> None:
    def text_rows() -> int:
        return int(migrated.conn.execute("SELECT count(*) FROM quote_group_text").fetchone()[0])

    renewed = describe_group(
        [_q("a1", 0, "Un texte tout neuf", "2025-04-01", "Telekar")], "qg-a1-0"
    ).to_dict()
    migrated.write_stories([], [renewed], ["qg-a6-0"], {})
    assert text_rows() == 4

    def find(text: str) -> list[str]:
        return _ids(migrated, text=text)

    assert find("tout neuf") == ["qg-a1-0"] and find("varnesk") == [] and find("dialogue") == []
    # a group inserted as version 6 wrote it (no columns, no text row) is found on its JSON
    g = made_groups()[1]
    migrated.conn.execute(
        "INSERT INTO quote_groups(group_id, n_articles, first_seen, speaker, data)"
        " VALUES (?, 2, '2025-03-05', ?, ?)",
        (g["id"], g["speaker"], json.dumps(g, ensure_ascii=False)),
    )
    migrated.conn.commit()
    assert find("dialogue") == ["qg-a6-0"] and text_rows() == 4
    assert _ids(migrated, speaker="SERGUEI", outlet="wire", language="en") == ["qg-a6-0"]
    assert _ids(migrated, language="fr", text="ready") == ["qg-a6-0"]
    # written again by write_stories, it gets them
    migrated.write_stories([], [g], [], {})
    assert _columns(migrated)[g["id"]]["text_rowid"] is not None and text_rows() == 5
    assert find("dialogue") == ["qg-a6-0"]
    migrated.clear_stories([])
    assert text_rows() == 0


def _ids(store: SQLiteStore, **kw: Any) -> list[str]:
    return [g["id"] for g in store.iter_quote_groups(QuoteGroupFilters(1, **kw))]


def _plan(store: SQLiteStore, sql: str, params: list[Any]) -> str:
    return " | ".join(r[3] for r in store.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))


def test_the_lists_walk_their_indexes(migrated: SQLiteStore) -> None:
    for f in (QuoteGroupFilters(), QuoteGroupFilters(speaker="x", outlet="y", language="fr")):
        where, params = migrated._quote_group_where(f)
        plan = _plan(
            migrated,
            "SELECT group_id FROM quote_groups WHERE"
            f" {where} ORDER BY n_articles DESC, first_seen DESC, group_id LIMIT 20",
            params,
        )
        assert "COVERING INDEX quote_groups_list" in plan and "TEMP B-TREE" not in plan, plan
    where, params = migrated._story_where(StoryFilters())
    plan = _plan(
        migrated,
        f"SELECT s.story_id FROM stories s WHERE {where}"
        " ORDER BY s.last_seen DESC, s.story_id LIMIT 20 OFFSET 10",
        params,
    )
    assert "COVERING INDEX stories_recent" in plan and "TEMP B-TREE" not in plan, plan


def test_story_order_is_unchanged(migrated: SQLiteStore) -> None:
    rows = migrated.conn.execute("SELECT story_id, last_seen, n_articles FROM stories").fetchall()

    def expected(keep: Any) -> list[str]:
        kept = [r for r in rows if keep(r)]
        dated = sorted((r for r in kept if r[1]), key=lambda r: r[0])
        dated.sort(key=lambda r: r[1], reverse=True)
        return [r[0] for r in dated] + sorted(r[0] for r in kept if not r[1])

    for filters, keep in [
        (StoryFilters(), lambda r: True),
        (StoryFilters(min_articles=3), lambda r: r[2] >= 3),
        (StoryFilters(since="2025-03-02"), lambda r: (r[1] or "") >= "2025-03-02"),
        (StoryFilters(language="fr"), lambda r: True),
    ]:
        want = expected(keep)
        assert [s["story_id"] for s in migrated.story_list(filters, limit=100)] == want
        pages = [
            s["story_id"]
            for offset in range(0, len(want), 3)
            for s in migrated.story_list(filters, limit=3, offset=offset)
        ]
        assert pages == want
