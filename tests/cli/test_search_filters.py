"""``vigie search`` and ``vigie export articles`` with the facet filters: --actor, --story,
--has-quotes/--no-quotes, --is-copy/--not-copy, through click's runner on a real store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_records import write_facet_store

from vigie.article import Article
from vigie.cli import cli

TEXTS = {
    "a": "Le maire de Quimper annonce un plan pour le port.",
    "b": "Quimper : le maire annonce un plan pour le port.",
    "c": "Le port de Quimper rouvre après les travaux.",
    "d": "Un concert gratuit sur le port de Lorient.",
}


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """a quotes the mayor (actor per:maire, also named in c); b copies a (known direction);
    a, b and c are the story st-port; d is about something else."""
    path = tmp_path / "cli.db"
    arts = {
        k: Article(doc=f"{k}.txt", text=t, source_key=k, outlet=f"Outlet {k.upper()}")
        for k, t in TEXTS.items()
    }
    phrase = "annonce un plan"
    start = TEXTS["a"].index(phrase)
    arts["a"].results["quotes"] = [
        {"start": start, "end": start + len(phrase), "text": phrase, "type": "indirect"}
    ]
    ids = write_facet_store(path, arts, "per:maire", "Le Maire", "Quimper · port")
    return path, ids


def _run(path: Path, *args: str) -> str:
    r = CliRunner().invoke(cli, ["--db", str(path), *args], catch_exceptions=False)
    assert r.exit_code == 0, r.stderr
    return r.stdout


def _search(path: Path, ids: dict[str, str], *args: str) -> tuple[set[str], dict[str, str]]:
    out = json.loads(_run(path, "search", "port", "--json", *args))
    back = {v: k for k, v in ids.items()}
    assert out["total"] == len(out["hits"])
    return {back[h["article_id"]] for h in out["hits"]}, out["filters"]


def test_search_by_each_facet_filter(db: tuple[Path, dict[str, str]]) -> None:
    path, ids = db
    assert _search(path, ids)[0] == {"a", "b", "c", "d"}
    assert _search(path, ids, "--actor", "per:maire") == ({"a", "c"}, {"actor": "per:maire"})
    assert _search(path, ids, "--story", "st-port")[0] == {"a", "b", "c"}
    assert _search(path, ids, "--has-quotes") == ({"a"}, {"has_quotes": "yes"})
    assert _search(path, ids, "--no-quotes")[0] == {"b", "c", "d"}
    assert _search(path, ids, "--is-copy") == ({"b"}, {"is_copy": "yes"})
    assert _search(path, ids, "--not-copy") == ({"a", "c", "d"}, {"is_copy": "no"})
    hits, shown = _search(path, ids, "--story", "st-port", "--not-copy", "--no-quotes")
    assert hits == {"c"}
    assert shown == {"story": "st-port", "is_copy": "no", "has_quotes": "no"}
    assert _search(path, ids, "--actor", "per:nobody")[0] == set()
    # the text output says how many matched
    assert _run(path, "search", "port", "--actor", "per:maire").startswith("2 articles match")


def test_export_articles_with_facet_filters(db: tuple[Path, dict[str, str]]) -> None:
    path, ids = db
    out = _run(path, "export", "articles", "--story", "st-port", "--not-copy")
    docs = sorted(json.loads(line)["doc"] for line in out.splitlines())
    assert docs == ["a.txt", "c.txt"]
    out = _run(
        path, "export", "articles", "--format", "csv", "--actor", "per:maire", "--has-quotes"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["doc"], r["article_id"]) for r in rows] == [("a.txt", ids["a"])]
    out = _run(path, "export", "articles", "--is-copy", "--outlet", "outlet b")
    assert [json.loads(line)["doc"] for line in out.splitlines()] == ["b.txt"]
    assert _run(path, "export", "articles", "--is-copy", "--outlet", "outlet a") == ""


def test_help_lists_the_flags(db: tuple[Path, dict[str, str]]) -> None:
    path, _ = db
    for command in (["search"], ["export", "articles"]):
        text = _run(path, *command, "--help")
        for flag in ("--actor ID", "--story ID", "--has-quotes / --no-quotes"):
            assert flag in text
        assert "--is-copy / --not-copy" in text
