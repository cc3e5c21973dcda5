from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vigie.article import Article
from vigie.config import IngestOptions
from vigie.ingest.decode import decode_bytes
from vigie.ingest.sources import Failure, read_inputs


def _read(*paths: str, **kw: object) -> tuple[list[Article], list[Failure]]:
    items = list(read_inputs(list(paths), **kw))  # type: ignore[arg-type]
    return (
        [i for i in items if isinstance(i, Article)],
        [i for i in items if isinstance(i, Failure)],
    )


def test_txt_offsets_match_python_text_mode(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes("\ufeffTitre\r\nLigne « un »\rfin\n".encode())
    arts, fails = _read(str(p))
    assert not fails
    with open(p, encoding="utf-8-sig") as fh:
        assert arts[0].text == fh.read()
    assert arts[0].encoding == "utf-8-sig"


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_single_byte_encodings_are_decoded_and_recorded(tmp_path: Path, encoding: str) -> None:
    text = "Genève : l'été « sécurité » à côté\nDeuxième ligne.\n"
    if encoding == "cp1252":
        text = text.replace("'", "’") + "Fin… – œuvre\n"
    p = tmp_path / "a.txt"
    p.write_bytes(text.encode(encoding))
    arts, _ = _read(str(p))
    assert arts[0].text == text
    assert arts[0].encoding in ("cp1252", "iso8859-1")
    if encoding == "cp1252":
        assert arts[0].encoding == "cp1252"


def test_cyrillic_single_byte_encoding() -> None:
    text = "Министр иностранных дел заявил, что переговоры продолжатся в Женеве."
    assert decode_bytes(text.encode("cp1251"))[0] == text


@given(st.text(max_size=300))
def test_utf8_text_always_decodes_to_itself(text: str) -> None:
    data = text.encode("utf-8")
    try:
        decoded, _ = decode_bytes(data)
    except ValueError:
        return  # control characters: refused as binary
    assert decoded == text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")


def test_bad_inputs_each_get_a_clear_failure(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "ok.txt").write_text("Titre\nUn texte.\n", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"url": "https://ex.org/a", "text": "Un article."})
        + "\n"
        + "{not json\n"
        + json.dumps(["a list"])
        + "\n"
        + json.dumps({"url": "https://ex.org/b", "title": "sans texte"})
        + "\n",
        encoding="utf-8",
    )
    arts, fails = _read(str(tmp_path))
    problems = {f.input.removeprefix(str(tmp_path) + "/"): f.problem for f in fails}
    assert problems["empty.txt"] == "empty file"
    assert "binary" in problems["binary.txt"]
    assert "unknown extension .docx" in problems["notes.docx"]
    assert problems["feed.jsonl:2"].startswith("invalid JSON")
    assert "expected a JSON object" in problems["feed.jsonl:3"]
    assert "no 'text' or 'html'" in problems["feed.jsonl:4"]
    assert sorted(a.doc for a in arts) == sorted(["https://ex.org/a", str(tmp_path / "ok.txt")])


def test_large_file_is_refused_with_the_limit(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    with open(p, "wb") as fh:
        fh.write(b"Titre\n")
        fh.truncate(50_000_000)
    _, fails = _read(str(p))
    assert "too large: 50.0 MB" in fails[0].problem and "max_file_mb" in fails[0].problem


def test_missing_path(tmp_path: Path) -> None:
    _, fails = _read(str(tmp_path / "nope"))
    assert fails[0].problem == "no such file or directory"


def test_jsonl_gz_and_stdin(tmp_path: Path) -> None:
    rec = {
        "url": "https://www.example.org/x",
        "title": "T",
        "text": "Corps.",
        "published": "2022-01-12T10:00:00.000Z",
        "authors": ["", "A. B."],
        "language": "FR",
    }
    p = tmp_path / "f.jsonl.gz"
    with gzip.open(p, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(rec) + "\n")
    arts, _ = _read(str(p))
    a = arts[0]
    assert (a.outlet, a.published, a.authors, a.language) == (
        "example.org",
        "2022-01-12T10:00:00+00:00",
        ["A. B."],
        "fr",
    )
    arts2, _ = _read("-", stdin=io.BytesIO(json.dumps(rec).encode() + b"\n"))
    assert arts2[0].source_key == a.source_key == "https://www.example.org/x"


def test_outlet_option_overrides(tmp_path: Path) -> None:
    p = tmp_path / "f.jsonl"
    p.write_text(json.dumps({"outlet": "X", "text": "t"}) + "\n")
    arts, _ = _read(str(p), outlet="Forced")
    assert arts[0].outlet == "Forced"


def test_html_is_kept_for_the_extract_stage(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text("<html><body><p>Bonjour</p></body></html>", encoding="utf-8")
    arts, _ = _read(str(p), options=IngestOptions())
    assert arts[0].html and arts[0].text == "" and arts[0].input_format == "html"


def test_sidecar_metadata_beside_a_text_file(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Titre du fichier\nCorps.\n", encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text(
        json.dumps(
            {
                "url": "https://www.journal.test/2025/a",
                "published": "2025-02-03",
                "authors": ["Ana Liss"],
                "title": "Titre de la page",
            }
        ),
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text("Autre\nCorps.\n", encoding="utf-8")
    (tmp_path / "b.txt.meta.json").write_text("{broken", encoding="utf-8")
    arts, fails = _read(str(tmp_path))
    a = next(x for x in arts if x.doc.endswith("a.txt"))
    assert (a.url, a.outlet, a.published, a.authors, a.title) == (
        "https://www.journal.test/2025/a",
        "journal.test",
        "2025-02-03",
        ["Ana Liss"],
        "Titre de la page",
    )
    assert len(arts) == 2
    assert [f.input for f in fails] == [str(tmp_path / "b.txt.meta.json")]
    assert "metadata file ignored" in fails[0].problem
