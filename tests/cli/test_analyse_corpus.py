"""``vigie analyse`` builds the corpus steps again: copies, stories and quote groups come out
the same whether the demo corpus was ingested with every stage or with the core stages and
analysed afterwards, and rebuilding twice stores nothing twice."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from vigie.cli import cli

DEMO = Path(__file__).resolve().parents[2] / "src" / "vigie" / "demo" / "corpus"


def run(db: Path, *args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


def snapshot(db: Path) -> dict[str, object]:
    with sqlite3.connect(db) as c:
        return {
            "copies": sorted(
                c.execute("SELECT a_id, b_id, kind, direction, source_id FROM copies").fetchall()
            ),
            "stories": sorted(
                c.execute(
                    "SELECT s.story_id, group_concat(m.article_id) FROM stories s"
                    " JOIN (SELECT * FROM story_articles ORDER BY article_id) m"
                    " ON m.story_id = s.story_id GROUP BY s.story_id"
                ).fetchall()
            ),
            "groups": c.execute("SELECT count(*) FROM quote_groups").fetchone()[0],
        }


def test_core_ingest_then_analyse_builds_what_a_full_ingest_builds(tmp_path: Path) -> None:
    full, core = tmp_path / "full.db", tmp_path / "core.db"
    code, out, err = run(full, "ingest", "--workers", "1", "--json", str(DEMO))
    assert code == 0, err
    assert json.loads(out)["copies"] > 0
    expected = snapshot(full)
    assert {"exact", "near", "partial", "translated"} <= {r[2] for r in expected["copies"]}  # type: ignore[union-attr]

    code, out, err = run(core, "ingest", "--workers", "1", "--stages", "core", str(DEMO))
    assert code == 0, err
    assert snapshot(core)["copies"] == [] and snapshot(core)["stories"] == []
    code, out, err = run(core, "analyse", "--workers", "1", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["analysed"] == 47
    assert report["corpus"]["copies"] == len(expected["copies"])  # type: ignore[arg-type]
    assert snapshot(core) == expected

    # building again from the same articles replaces, never adds
    code, out, err = run(full, "analyse", "--corpus-only", "--json")
    assert code == 0, err
    assert json.loads(out)["analysed"] == 0
    assert snapshot(full) == expected


def test_corpus_only_refuses_stages(tmp_path: Path) -> None:
    code, _, err = run(tmp_path / "v.db", "analyse", "--corpus-only", "--stages", "quotes")
    assert code != 0
    assert "--corpus-only" in err


def test_no_corpus_leaves_copies_alone(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    code, _, err = run(db, "ingest", "--workers", "1", "--stages", "core", str(DEMO))
    assert code == 0, err
    code, out, err = run(
        db, "analyse", "--workers", "1", "--stages", "fingerprints", "--no-corpus", "--json"
    )
    assert code == 0, err
    assert json.loads(out) == {"analysed": 47, "corpus": None}
    assert snapshot(db)["copies"] == []
    code, out, err = run(db, "analyse", "--corpus-only", "--json")
    assert code == 0, err
    assert json.loads(out)["corpus"]["copies"] > 0
