"""``vigie quotes`` and ``vigie export quotes|citations|events`` with the facet filters of
``vigie export articles`` — --actor, --story, --has-quotes/--no-quotes, --is-copy/--not-copy —
through click's runner on a small real store (fictional town, fictional people)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from store_records import write_facet_store

from vigie.article import Article
from vigie.cli import cli

QUOTE = "nous rouvrons le port"
TEXTS = {
    # a quotes the mayor, cites an agency and dates an event
    "a": f"Le maire de Brennisk a déclaré : « {QUOTE} », selon l'Agence Varnesk. "
    "Le 26 janvier, le port avait fermé.",
    # b copies a (near-verbatim, a is the original)
    "b": f"Brennisk : le maire a déclaré : « {QUOTE} », selon l'Agence Varnesk. "
    "Le 26 janvier, le port avait fermé.",
    # c names the mayor, quotes nobody, cites the agency and dates an event
    "c": "Le port de Brennisk, où le maire est passé, rouvre, selon l'Agence Varnesk. "
    "Le 2 février, les travaux ont fini.",
    # d is about something else, with all three
    "d": "« Le concert est gratuit », a dit l'organisatrice, selon le Courrier de Lorvik. "
    "Le 3 mars, la scène sera montée.",
}


def _span(text: str, piece: str) -> dict[str, Any]:
    start = text.index(piece)
    return {"start": start, "end": start + len(piece), "text": piece}


def _results(text: str) -> dict[str, Any]:
    """Quotations, cited sources and events as the stages record them."""
    out: dict[str, Any] = {"quotes": [], "citations": [], "events": []}
    for said, speaker in ((QUOTE, "le maire"), ("Le concert est gratuit", "l'organisatrice")):
        if said in text:
            out["quotes"].append({**_span(text, said), "type": "direct", "speaker": speaker})
    cited = "selon l'Agence Varnesk" if "Varnesk" in text else "selon le Courrier de Lorvik"
    outlet = "Agence Varnesk" if "Varnesk" in text else "Courrier de Lorvik"
    out["citations"].append({**_span(text, cited), "outlet": outlet, "cue": "selon"})
    sentence = text[text.index(". Le ") + 2 :]
    date_text = sentence.split(",")[0]
    out["events"].append(
        {
            "date": "2025-01-26",
            "date_span": _span(text, date_text),
            "sentence": _span(text, sentence),
            "tense": "past",
        }
    )
    return out


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """a quotes the mayor (actor per:maire-brennisk, also named in c); b copies a (known
    direction); a, b and c are the story st-port; d is about something else."""
    path = tmp_path / "quotes-cli.db"
    arts = {
        k: Article(
            doc=f"{k}.txt",
            text=t,
            source_key=k,
            outlet=f"Outlet {k.upper()}",
            language="fr",
            published=f"2025-01-2{i}",
        )
        for i, (k, t) in enumerate(TEXTS.items())
    }
    for a in arts.values():
        a.results.update(_results(a.text))
    ids = write_facet_store(
        path, arts, "per:maire-brennisk", "Le maire de Brennisk", "Brennisk · port"
    )
    return path, ids


def _run(path: Path, *args: str) -> str:
    r = CliRunner().invoke(cli, ["--db", str(path), *args], catch_exceptions=False)
    assert r.exit_code == 0, r.stderr
    return r.stdout


def _keys(ids: dict[str, str], article_ids: list[str]) -> list[str]:
    back = {v: k for k, v in ids.items()}
    return sorted(back[a] for a in article_ids)


def _quotes(db: tuple[Path, dict[str, str]], *args: str) -> tuple[list[str], dict[str, str]]:
    out = json.loads(_run(db[0], "quotes", "--json", *args))
    assert out["total"] == len(out["quotes"])
    return _keys(db[1], [q["article_id"] for q in out["quotes"]]), out["filters"]


def _export(db: tuple[Path, dict[str, str]], kind: str, *args: str) -> list[str]:
    lines = _run(db[0], "export", kind, *args).splitlines()
    return _keys(db[1], [json.loads(line)["article_id"] for line in lines])


#: flags → the articles (by key) whose records they keep
CASES: list[tuple[tuple[str, ...], set[str]]] = [
    ((), {"a", "b", "c", "d"}),
    (("--actor", "per:maire-brennisk"), {"a", "c"}),
    (("--story", "st-port"), {"a", "b", "c"}),
    (("--has-quotes",), {"a", "b", "d"}),
    (("--no-quotes",), {"c"}),
    (("--is-copy",), {"b"}),
    (("--not-copy",), {"a", "c", "d"}),
    (("--story", "st-port", "--not-copy", "--has-quotes"), {"a"}),
]


def test_quotes_command_takes_the_facet_filters(db: tuple[Path, dict[str, str]]) -> None:
    quoted = {"a", "b", "d"}
    for flags, articles in CASES:
        got, _ = _quotes(db, *flags)
        assert got == sorted(articles & quoted), flags
    assert _quotes(db, "--actor", "per:maire-brennisk") == (
        ["a"],
        {"actor": "per:maire-brennisk"},
    )
    assert _quotes(db, "--no-quotes", "--speaker", "maire")[1] == {
        "speaker": "maire",
        "has_quotes": "no",
    }
    assert _quotes(db, "--is-copy", "--lang", "fr")[1] == {"is_copy": "yes", "language": "fr"}
    # the flags combine with the quotation filters
    assert _quotes(db, "--not-copy", "--speaker", "maire")[0] == ["a"]


@pytest.mark.parametrize("kind", ["quotes", "citations", "events"])
def test_exports_take_the_facet_filters(db: tuple[Path, dict[str, str]], kind: str) -> None:
    quoted = {"a", "b", "d"} if kind == "quotes" else {"a", "b", "c", "d"}
    for flags, articles in CASES:
        assert _export(db, kind, *flags) == sorted(articles & quoted), (kind, flags)


def test_csv_export_and_output_file(db: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    path, ids = db
    text = _run(path, "export", "citations", "--format", "csv", "--story", "st-port", "--is-copy")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["article_id"] for r in rows] == [ids["b"]]
    out = tmp_path / "events.jsonl"
    r = CliRunner().invoke(
        cli, ["--db", str(path), "export", "events", "--no-quotes", "-o", str(out)]
    )
    assert r.exit_code == 0, r.stderr
    assert [json.loads(line)["article_id"] for line in out.read_text().splitlines()] == [ids["c"]]


def test_an_unknown_actor_or_story_keeps_nothing(db: tuple[Path, dict[str, str]]) -> None:
    assert _quotes(db, "--actor", "per:personne")[0] == []
    for kind in ("quotes", "citations", "events"):
        assert _export(db, kind, "--story", "st-aucune") == []


@pytest.mark.parametrize("command", [["quotes"], ["export", "events"], ["export", "citations"]])
def test_bad_flag_values_are_usage_errors(
    db: tuple[Path, dict[str, str]], command: list[str]
) -> None:
    for bad in (["--has-quotes", "maybe"], ["--is-copy=yes"], ["--actor"]):
        r = CliRunner().invoke(cli, ["--db", str(db[0]), *command, *bad])
        assert r.exit_code == 2, (command, bad, r.output)
        assert "Traceback" not in r.output


@pytest.mark.parametrize("command", [["quotes"], ["export", "quotes"], ["export", "events"]])
def test_help_names_the_flags_as_export_articles_does(command: list[str]) -> None:
    articles = CliRunner().invoke(cli, ["export", "articles", "--help"]).stdout
    mine = CliRunner().invoke(cli, [*command, "--help"]).stdout
    for flag in (
        "--actor ID",
        "--story ID",
        "--has-quotes / --no-quotes",
        "--is-copy / --not-copy",
    ):
        assert flag in articles and flag in mine, (command, flag)


def test_quote_export_takes_the_speaker_via_and_type_filters(
    db: tuple[Path, dict[str, str]],
) -> None:
    for flags in (("--speaker", "maire"), ("--speaker", "organisatrice"), ("--type", "direct")):
        listed, _ = _quotes(db, *flags)
        assert _export(db, "quotes", *flags) == listed, flags
    assert _export(db, "quotes", "--speaker", "organisatrice") != _export(db, "quotes")
    assert _export(db, "quotes", "--type", "indirect") == []
    assert _export(db, "quotes", "--speaker", "maire", "--not-copy") == ["a"]
