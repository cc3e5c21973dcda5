"""Who copied whom through the CLI, on the bundled demo corpus (its manifest is the truth)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from vigie.cli import cli
from vigie.cli.demo import demo_corpus_path


def run(db: Path, *args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("copies") / "v.db"
    code, _, err = run(db, "ingest", "--workers", "1", str(demo_corpus_path()))
    assert code == 0, err
    return db


def test_copies_export_lineage_and_outlet_graph(demo_db: Path) -> None:
    code, out, _ = run(demo_db, "export", "copies")
    assert code == 0
    rels = [json.loads(line) for line in out.splitlines()]
    kinds = {r["kind"] for r in rels}
    assert {"exact", "near", "partial", "translated"} <= kinds
    for r in rels:
        assert r["direction"] in ("known", "undetermined")
        assert (r["lag_seconds"] is None) == (r["direction"] == "undetermined")
        texts = {side: _text(demo_db, r[f"{side}_article_id"]) for side in ("original", "copy")}
        for p in r["evidence"]:
            for side, text in texts.items():
                assert text[p[side]["start"] : p[side]["end"]] == p[side]["text"]
    exact = [r for r in rels if r["kind"] == "exact" and r["direction"] == "known"]
    assert any("telekar" in r["original"] and "meridiesoir" in r["copy"] for r in exact)
    translated = [r for r in rels if r["kind"] == "translated"]
    assert any(r["languages"][0] == "fr" and r["languages"][1] in ("en", "ru") for r in translated)

    telekar = next(r["original_article_id"] for r in exact if "telekar" in r["original"])
    code, out, _ = run(demo_db, "lineage", telekar, "--json")
    tree = json.loads(out)
    assert tree["ancestors"] == []
    deepest = tree["copies"]
    depth = 0
    while deepest:
        depth += 1
        deepest = max(deepest, key=lambda n: len(n["copies"]))["copies"]
    assert depth >= 2  # a chain A → B → C

    code, out, _ = run(demo_db, "outlets", "--graph", "--json")
    edges = json.loads(out)["edges"]
    assert edges and all(0 <= e["hidden_source_share"] <= 1 for e in edges)
    code, _, err = run(demo_db, "lineage", "nope")
    assert code == 2 and "no article" in err


def _text(db: Path, article_id: str) -> str:
    """The original text as stored (offsets of every finding point into it)."""
    _, out, _ = run(db, "show", article_id, "--json")
    return str(json.loads(out)["text"])


def test_stories_and_quote_groups(demo_db: Path) -> None:
    code, out, _ = run(demo_db, "export", "stories")
    assert code == 0
    stories = [json.loads(line) for line in out.splitlines()]
    assert all({"story_id", "label", "docs"} <= set(s) for s in stories)
    big = sorted((s for s in stories if len(s["docs"]) >= 5), key=lambda s: -len(s["docs"]))
    assert len(big) == 3  # the demo's three main stories, each across languages
    for s in big:
        assert len(s["languages"]) >= 2 and s["label"]
    every_doc = [d for s in stories for d in s["docs"]]
    assert len(every_doc) == len(set(every_doc))  # an article is in one story
    code, out, _ = run(demo_db, "export", "quote-groups", "--min-articles", "2")
    groups = [json.loads(line) for line in out.splitlines()]
    assert groups and all(g["n_articles"] >= 2 for g in groups)
    assert any(len(g["outlets"]) >= 3 for g in groups)  # the wire story's quotes spread
    code, out, _ = run(demo_db, "stories", "--json")
    assert code == 0 and json.loads(out)


def test_outlets_from_a_source_by_copies_and_citations(demo_db: Path) -> None:
    code, out, _ = run(demo_db, "outlets", "--from", "telekar.kv", "--json")
    assert code == 0
    data = json.loads(out)
    assert [s["name"] for s in data["sources"]] == ["Telekar"]  # an alias names the agency
    rows = {r["outlet"]: r for r in data["outlets"]}
    assert "Telekar" not in rows  # the source itself does not relay itself
    # every copy of a Telekar article made by another outlet is counted for that outlet
    code, out, _ = run(demo_db, "outlets", "--graph", "--json")
    from_telekar = {}
    for e in json.loads(out)["edges"]:
        if e["source"] == "Telekar":
            from_telekar[e["copier"]] = from_telekar.get(e["copier"], 0) + e["copies"]
    assert from_telekar
    for outlet, n in from_telekar.items():
        assert rows[outlet]["copies"] == n
    for r in rows.values():
        assert r["derived"] <= r["copies"] + r["citing"]
        assert max(r["copies"], r["citing"]) <= r["derived"] <= r["articles"]
        assert r["copies_hiding_source"] <= r["copies"]
        assert r["share"] == round(r["derived"] / r["articles"], 3)
    assert any(r["citing"] for r in rows.values())  # "selon Telekar" counts too
    code, text, _ = run(demo_db, "outlets", "--from", "Telekar")
    assert code == 0 and "articles from Telekar" in text
    # a source nobody relays, and no source at all
    code, text, _ = run(demo_db, "outlets", "--from", "Nobody Press")
    assert code == 0 and "no outlet copies or cites Nobody Press" in text
    code, _, err = run(demo_db, "outlets", "--from", " - ")
    assert code != 0 and "source" in err
    code, _, err = run(demo_db, "outlets", "--from", "Telekar", "--graph")
    assert code != 0 and "not both" in err
