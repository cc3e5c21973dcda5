"""The CLI end to end on the real samples, through click's runner and one real subprocess."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from vigie.cli import cli

FURNITURE = [
    "Laisser un commentaire",
    "Votre adresse e-mail ne sera pas publiée",
    "Votre inscription a été enregistrée avec succès!",
    "S'abonner",
    "Faites un don au Journal Chrétien",
    "Tagged",
    "loader",
    "Fil d’actu",
    "Les plus récents d'abord",
    "Pour participer aux discussions",
    "Заголовок открываемого материала",
    "Aller dans la banque de photos",
]
SUBHEADINGS = [
    "Pourparlers à Genève",
    "Des spéculations qui ne serviront à rien",
    "Moscou exclut toute concession en faveur des États-Unis lors des pourparlers sur la sécurité",
]


def run(db: Path, *args: str, input: bytes | None = None) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, ["--db", str(db), *args], input=input, catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


def test_ingest_samples_twice_search_export(tmp_path: Path, samples_dir: Path) -> None:
    db = tmp_path / "v.db"
    code, out, err = run(db, "ingest", "--workers", "1", "--json", str(samples_dir))
    assert code == 0, err
    report = json.loads(out)
    assert (report["added"], report["failed"]) == (5, 0)

    code, out, _ = run(db, "ingest", "--workers", "1", "--json", str(samples_dir))
    assert json.loads(out)["added"] == 0 and json.loads(out)["unchanged"] == 5

    code, out, _ = run(db, "export", "articles", "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 5
    for rec in records:
        original = (samples_dir / Path(rec["doc"]).name).read_text(encoding="utf-8")
        assert rec["text"] == original
        for r in rec["removed"]:
            assert original[r["start"] : r["end"]] == r["text"]
        for line in FURNITURE:
            assert line not in rec["clean_text"], (rec["doc"], line)
    all_clean = "\n".join(r["clean_text"] for r in records)
    for line in SUBHEADINGS:
        assert line in all_clean
    by_name = {Path(r["doc"]).name[:3]: r for r in records}
    assert by_name["003"]["outlet"] == "Sputnik France"
    # the article's own dateline (its photo caption, 09.01.2022): the 12.01.2022 one heads
    # the "Garanties de sécurité" dossier, updated after the talks the article announces
    assert by_name["003"]["published"].startswith("2022-01-09")
    assert by_name["000"]["title"].startswith("L’Otan ne pourra pas esquiver")

    code, out, _ = run(db, "search", "securite indivisible", "--json")
    hits = json.loads(out)
    assert code == 0 and hits["total"] >= 2
    code, out, _ = run(
        db, "search", "securite", "--outlet", "sputnik", "--since", "2022-01-01", "--json"
    )
    assert [h["outlet"] for h in json.loads(out)["hits"]] == ["Sputnik France"]

    code, out, _ = run(db, "export", "articles", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 5 and json.loads(rows[0]["removed"]) is not None


def test_malformed_query_is_a_message_not_a_traceback(tmp_path: Path, samples_dir: Path) -> None:
    db = tmp_path / "v.db"
    run(db, "ingest", "--workers", "1", str(samples_dir))
    code, _, err = run(db, "search", '"sécurité')
    assert code == 2 and "unbalanced double quote" in err and "Traceback" not in err


def test_bad_inputs_reported_and_exit_status(tmp_path: Path, samples_dir: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    (bad / "x.docx").write_bytes(b"PK")
    db = tmp_path / "v.db"
    code, _, err = run(db, "ingest", "--workers", "1", str(bad))
    assert code == 1 and "empty file" in err and "nothing could be read" in err
    code, _, err = run(db, "ingest", "--workers", "1", str(bad), str(samples_dir))
    assert code == 0 and "unknown extension .docx" in err
    code, _, _ = run(db, "ingest", "--workers", "1", "--strict", str(bad), str(samples_dir))
    assert code == 1
    code, out, _ = run(db, "runs", "--json")
    runs = json.loads(out)
    assert runs[0]["failed"] == 2 and runs[0]["unchanged"] == 5


def test_stdin_jsonl_and_new_version(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    rec = {
        "url": "https://exemple.test/a",
        "outlet": "Exemple",
        "title": "T",
        "text": "Première version du texte.",
        "published": "2022-02-01",
    }
    code, out, _ = run(
        db, "ingest", "--workers", "1", "--json", "-", input=json.dumps(rec).encode() + b"\n"
    )
    assert code == 0 and json.loads(out)["added"] == 1
    rec["text"] = "Deuxième version du texte."
    code, out, _ = run(
        db, "ingest", "--workers", "1", "--json", "-", input=json.dumps(rec).encode() + b"\n"
    )
    assert json.loads(out)["versions"] == 1


def test_config_show_and_bad_config(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["config", "show"])
    assert r.exit_code == 0 and "[pipeline]" in r.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text("[nope]\n")
    r = CliRunner().invoke(cli, ["--config", str(bad), "config", "show"])
    assert r.exit_code == 2 and "unknown option 'nope'" in r.stderr


def test_entry_point_runs_in_a_real_process(tmp_path: Path, samples_dir: Path) -> None:
    db = tmp_path / "v.db"
    vigie = Path(sys.executable).parent / "vigie"
    p = subprocess.run(
        [str(vigie), "--db", str(db), "ingest", str(samples_dir / "003_e8b1dd76a69466a7.txt")],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert p.returncode == 0, p.stderr
    assert "1 added" in p.stdout


def test_core_ingest_then_analyse_adds_quotes(tmp_path: Path, samples_dir: Path) -> None:
    db = tmp_path / "v.db"
    code, _, err = run(db, "ingest", "--workers", "1", "--stages", "core", str(samples_dir))
    assert code == 0, err
    _, out, _ = run(db, "quotes", "--json")
    assert json.loads(out)["total"] == 0
    code, out, err = run(db, "analyse", "--workers", "1", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["analysed"] == 5
    # the corpus steps fed by the stages run again: copies, stories and quote groups
    assert set(report["corpus"]) == {"articles", "copies", "stories", "quote_groups"}
    assert report["corpus"]["articles"] == 5 and report["corpus"]["stories"] >= 1
    _, out, _ = run(db, "quotes", "--speaker", "serguei lavrov", "--json")
    lavrov = json.loads(out)
    assert lavrov["total"] >= 5
    assert all(q["speaker"] == "Sergueï Lavrov" for q in lavrov["quotes"])
    _, out, _ = run(db, "quotes", "--via", "sputnik", "--json")
    assert {q["outlet"] for q in json.loads(out)["quotes"]} == {"Sputnik France"}
    _, out, _ = run(db, "export", "quotes")
    rec = json.loads(out.splitlines()[0])
    assert list(rec) == [
        "doc",
        "doc_sha1",
        "article_id",
        "start",
        "end",
        "text",
        "type",
        "speaker",
        "speaker_mention",
        "cue",
        "via",
        "confidence",
    ]
    original = Path(rec["doc"]).read_text(encoding="utf-8")
    assert original[rec["start"] : rec["end"]] == rec["text"]
    _, out, _ = run(db, "export", "citations", "--format", "csv")
    assert "Sputnik" in out


def test_events_export_dates_statements(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    rec = {
        "url": "https://exemple.test/e",
        "outlet": "Exemple",
        "published": "2022-02-02",
        "text": "Réponses écrites\nLe 26 janvier, les alliés ont remis leurs réponses écrites.",
    }
    code, _, err = run(db, "ingest", "--workers", "1", "-", input=json.dumps(rec).encode())
    assert code == 0, err
    _, out, _ = run(db, "export", "events")
    ev = json.loads(out.splitlines()[0])
    assert ev["date"] == "2022-01-26"
    assert ev["date_text"]["text"] == "26 janvier"
    text = rec["text"]
    assert text[ev["sentence"]["start"] : ev["sentence"]["end"]] == ev["sentence"]["text"]
    assert text[ev["date_text"]["start"] : ev["date_text"]["end"]] == "26 janvier"


def test_actors_list_show_edit_and_export(tmp_path: Path, samples_dir: Path) -> None:
    db = tmp_path / "v.db"
    code, out, err = run(db, "ingest", "--workers", "1", "--json", str(samples_dir))
    assert code == 0, err
    assert json.loads(out)["actors"] > 5
    _, out, _ = run(db, "actors", "--json")
    actors = {a["id"]: a for a in json.loads(out)}
    lavrov = actors["per:serguei-lavrov"]
    assert lavrov["kind"] == "person" and lavrov["n_quotes"] >= 5 and lavrov["n_articles"] >= 2
    assert {"Sergueï Lavrov", "M. Lavrov"} <= set(lavrov["aliases"])
    _, out, _ = run(db, "actors", "show", "per:serguei-lavrov", "--json")
    view = json.loads(out)
    assert view["quotes"] and all(q["speaker"] == "Sergueï Lavrov" for q in view["quotes"])
    assert "RT" in view["vias"]
    assert "per:jens-stoltenberg" in actors
    code, out, err = run(db, "actors", "ignore", "Jens Stoltenberg")
    assert code == 0, err
    assert (tmp_path / "actors.yaml").is_file() and "re-resolved" in out
    _, out, _ = run(db, "actors", "--json")
    assert "per:jens-stoltenberg" not in {a["id"] for a in json.loads(out)}
    code, _, err = run(db, "actors", "alias", "per:serguei-lavrov", "Jens Stoltenberg")
    assert code == 2 and "Stoltenberg" in err
    code, _, err = run(db, "actors", "show", "per:nobody")
    assert code == 2 and "no actor" in err
    _, out, _ = run(db, "export", "actors", "--format", "csv")
    assert out.splitlines()[0].startswith("id,name,kind,aliases")


def test_registry_edit_that_would_break_the_registry_is_refused(
    tmp_path: Path, samples_dir: Path
) -> None:
    db = tmp_path / "v.db"
    run(db, "ingest", "--workers", "1", "--stages", "core", str(samples_dir))
    code, _, err = run(db, "actors", "merge", "per:a", "not an id")
    assert code == 2 and "registry unchanged" in err
    assert not (tmp_path / "actors.yaml").exists()
