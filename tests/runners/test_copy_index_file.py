"""The copy index kept beside the store: a later run reads it back (and adds only what was
stored since), finds the same copies as a run that builds it from the fingerprints, and
ignores a file that no longer fits the store."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from vigie.config import CORE_STAGES, Options
from vigie.runners.copies import CopyStep
from vigie.runners.ingest import ingest
from vigie.storage.sqlite import SQLiteStore

DEMO = Path(__file__).resolve().parents[2] / "src" / "vigie" / "demo" / "corpus"


@pytest.fixture
def demo(tmp_path: Path) -> str:
    """Eight demo articles (enough for copies; quicker than the whole demo corpus)."""
    out = tmp_path / "demo"
    out.mkdir()
    for src in sorted(DEMO.glob("*.txt"))[:8]:
        (out / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    return str(out)


def _options(index_file: bool = True) -> Options:
    opts = Options()
    opts.pipeline.workers = 1
    opts.pipeline.stages = [*CORE_STAGES, "fingerprints"]
    opts.copies.index_file = index_file
    opts.copies.index_file_min = 1
    opts.actors.enabled = False
    return opts


def _later(tmp_path: Path) -> Path:
    """Edited copies of three demo articles, published later by another outlet."""
    lines = []
    for i, src in enumerate(sorted(DEMO.glob("*.txt"))[:3]):
        text = src.read_text(encoding="utf-8").replace(" le ", " ce ", 2)
        lines.append(
            {
                "url": f"https://relais.example/{i}",
                "outlet": "Relais Express",
                "published": "2025-06-01T10:00:00Z",
                "title": f"Repris {i}",
                "text": text,
            }
        )
    path = tmp_path / "later.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    return path


def _pairs(store: SQLiteStore) -> set[tuple[str, str, str]]:
    rows = store.conn.execute("SELECT a_id, b_id, kind FROM copies").fetchall()
    return {(r[0], r[1], r[2]) for r in rows}


def test_a_later_run_reads_the_saved_index_and_finds_the_same_copies(
    tmp_path: Path, demo: str
) -> None:
    later = _later(tmp_path)
    with SQLiteStore(tmp_path / "kept.db") as kept:
        first = ingest([demo], kept, _options())
        assert first.copy_index is not None
        assert first.copy_index["source"] == "fingerprints" and first.copy_index["saved"]
        assert (tmp_path / "kept.db.copy-index").stat().st_size > 0
        second = ingest([str(later)], kept, _options())
        assert second.copy_index is not None
        assert second.copy_index["source"] == "file"
        # the index is loaded once the run's first batch is stored: those are read too
        assert second.copy_index["articles"] == first.added + 3
        assert second.copy_index["added"] == 3
        assert second.copies >= 3
        kept_pairs = _pairs(kept)
    with SQLiteStore(tmp_path / "built.db") as built:
        ingest([demo], built, _options(index_file=False))
        ingest([str(later)], built, _options(index_file=False))
        assert _pairs(built) == kept_pairs
    assert not (tmp_path / "built.db.copy-index").exists()


def test_the_saved_index_is_brought_up_to_date_with_articles_stored_since(
    tmp_path: Path, demo: str
) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        ingest([demo], store, _options())
        opts = _options()
        opts.copies.index_file_min = 10**6  # the second run does not save
        ingest([str(_later(tmp_path))], store, opts)
        third = ingest([demo], store, _options())  # nothing new: nothing matched
        assert third.copy_index is None
        step = CopyStep(store, _options())
        assert len(step.matcher.index) == store.fingerprint_extent()[0]
        assert step.index_load.source == "file" and step.index_load.added == 3


def _reingest_source(tmp_path: Path, store: SQLiteStore) -> str:
    report = ingest([str(_later(tmp_path))], store, _options())
    assert report.copy_index is not None
    return str(report.copy_index["source"]) + ": " + str(report.copy_index["reason"])


@pytest.mark.parametrize("change", ["date", "delete", "garbage", "other store"])
def test_a_file_that_no_longer_fits_the_store_is_ignored(
    tmp_path: Path, demo: str, change: str
) -> None:
    path = tmp_path / "s.db"
    with SQLiteStore(path) as store:
        ingest([demo], store, _options())
        saved = (tmp_path / "s.db.copy-index").read_bytes()
        if change == "date":
            with store.conn:
                store.conn.execute(
                    "UPDATE articles SET published = '2020-01-01' WHERE rowid ="
                    " (SELECT min(article_rowid) FROM fingerprints)"
                )
        elif change == "delete":
            with store.conn:
                store.conn.execute(
                    "DELETE FROM fingerprints WHERE article_rowid ="
                    " (SELECT max(article_rowid) FROM fingerprints)"
                )
        elif change == "garbage":
            (tmp_path / "s.db.copy-index").write_bytes(b"not an index")
    if change == "other store":  # a new store at the same path, the old store's file kept
        for p in tmp_path.glob("s.db*"):
            p.unlink()
        with SQLiteStore(path) as store:
            ingest([demo], store, _options(index_file=False))
        (tmp_path / "s.db.copy-index").write_bytes(saved)
    with SQLiteStore(path) as store:
        how = _reingest_source(tmp_path, store)
        assert how.startswith("fingerprints: ")
        expected = {
            "date": "changed",
            "delete": "changed",
            "garbage": "cannot read",
            "other store": "changed",
        }[change]
        assert expected in how
        # the rebuilt index was saved again and fits: the next run reads it
        step = CopyStep(store, _options())
        assert len(step.matcher.index) == store.fingerprint_extent()[0]
        assert step.index_load.source == "file" and step.index_load.added == 0


def test_no_file_for_a_store_in_memory_or_when_turned_off(tmp_path: Path, demo: str) -> None:
    with SQLiteStore(tmp_path / "off.db") as store:
        report = ingest([demo], store, _options(index_file=False))
        assert report.copy_index is not None and not report.copy_index["saved"]
    assert not (tmp_path / "off.db.copy-index").exists()
    from vigie.storage.copy_index_file import index_file_for

    assert index_file_for(Path(":memory:")) is None


def test_the_generation_moves_only_when_a_stored_fingerprint_changes(
    tmp_path: Path, demo: str
) -> None:
    with SQLiteStore(tmp_path / "g.db") as store:
        ingest([demo], store, _options())
        stamp = store.copy_index_stamp()
        ingest([str(_later(tmp_path))], store, _options())  # appended: same generation
        assert store.copy_index_stamp() == stamp
        with store.conn:
            store.conn.execute(
                "UPDATE articles SET title = 'autre titre' WHERE rowid ="
                " (SELECT min(article_rowid) FROM fingerprints)"
            )
        assert store.copy_index_stamp() == stamp  # the title is not indexed
        with store.conn:
            store.conn.execute(
                "INSERT OR REPLACE INTO fingerprints(article_rowid, fp)"
                " SELECT article_rowid, fp FROM fingerprints"
                " WHERE article_rowid = (SELECT min(article_rowid) FROM fingerprints)"
            )
        assert store.copy_index_stamp()[1] == stamp[1] + 1
    with pytest.raises(sqlite3.IntegrityError), sqlite3.connect(tmp_path / "g.db") as conn:
        conn.execute("INSERT INTO copy_index_state(id, store_id, generation) VALUES (2, 'x', 0)")


def _jsonl(path: Path, lang: str, n: int) -> str:
    words = {
        "fr": (
            "Le conseil de quartier discute du sujet {i} ce soir.",
            "Les habitants donnent "
            "leur avis sur la proposition numéro {i} et sur le calendrier des travaux.",
        ),
        "en": (
            "The neighbourhood council discusses topic {i} tonight.",
            "Residents give their views on proposal number {i} and on the timetable of the works.",
        ),
    }[lang]
    rows = [
        {
            "url": f"https://{lang}.example/{i}",
            "outlet": f"Gazette {lang}",
            "published": f"2026-03-0{1 + i % 5}T10:00:00Z",
            "title": f"{lang} {i}",
            "text": " ".join(s.format(i=i) for s in words) * 3,
        }
        for i in range(n)
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    return str(path)


def test_lead_vectors_computed_in_a_run_are_saved_for_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import vigie.runners.copies as copies_runner

    monkeypatch.setattr(copies_runner, "SAVE_GROWTH", 100.0)  # never saved for its size
    monkeypatch.setattr(copies_runner, "SAVE_LEADS", 1)
    with SQLiteStore(tmp_path / "l.db") as store:
        first = ingest([_jsonl(tmp_path / "fr.jsonl", "fr", 6)], store, _options())
        assert first.copy_index and first.copy_index["saved"]  # the first file
        second = ingest([_jsonl(tmp_path / "en.jsonl", "en", 6)], store, _options())
        assert second.copy_index and second.copy_index["saved"]  # for its lead vectors
        step = CopyStep(store, _options())
        index = step.matcher.index
        assert step.index_load.source == "file" and len(index.lead) >= 12
        assert step.index_load.saved_leads == len(index.lead)
