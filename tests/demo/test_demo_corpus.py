"""The bundled demo corpus: its files, its manifest (the copy/story labels) and its quote gold.

These tests read only the files under ``src/vigie/demo`` (and run vigie's reader over them);
they load no model.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from vigie.article import content_sha1
from vigie.demo import BAD_DIR, CORPUS_DIR, DEMO_DIR, GOLD_PATH, MANIFEST_PATH
from vigie.demo.tools.build_gold import (
    ANNOTATIONS_PATH,
    QUOTE_MARKS,
    build_gold,
    doc_text,
    verify_gold,
)
from vigie.ingest import Failure, read_inputs

SLOGAN = "Méridie Soir — l’actualité de Port-Selve et de toute la Méridie, chaque soir depuis 1952."

# Real countries, alliances and capitals must never appear: the demo world is fictional.
_REAL_WORDS_TEXT = (
    "France Français Russie Russia Ukraine États-Unis Etats-Unis Allemagne Germany Chine China "
    "Royaume-Uni Britain Pologne Poland Belgique Belgium Suisse Switzerland Italie Italy Espagne "
    "Spain Canada Japon Japan Turquie Turkey Biélorussie Belarus Moldavie Moldova Lituanie "
    "Lithuania Lettonie Latvia Estonie Estonia Finlande Finland Suède Sweden Norvège Norway Iran "
    "Israël Israel Inde India Otan OTAN NATO Europe Kremlin Moscou Moscow Kiev Kyiv Washington "
    "Bruxelles Brussels Genève Geneva Paris London Londres Berlin"
)
REAL_WORDS = [*_REAL_WORDS_TEXT.split(), "United States", "United Kingdom"]
REAL_STEMS_RU = [
    "Росси",
    "Украин",
    "США",
    "Германи",
    "Китай",
    "Польш",
    "Беларус",
    "НАТО",
    "Европ",
    "Кремл",
    "Москв",
    "Киев",
]
REAL_PATTERN = re.compile(
    r"(?<!\w)(?:(?:"
    + "|".join(map(re.escape, REAL_WORDS))
    + r")(?!\w)|"
    + "|".join(map(re.escape, REAL_STEMS_RU))
    + ")"
)


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def articles(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    arts: list[dict[str, Any]] = manifest["articles"]
    return arts


@pytest.fixture(scope="module")
def by_id(articles: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in articles}


@pytest.fixture(scope="module")
def gold() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLD_PATH.read_text(encoding="utf-8").splitlines()]


def article_text(art: dict[str, Any]) -> str:
    """The text of a manifest entry as a reader sees it (raw HTML for HTML pages)."""
    path = DEMO_DIR / art["file"]
    if art["format"] == "jsonl":
        rec = json.loads(path.read_text(encoding="utf-8").splitlines()[art["record"] - 1])
        return str(rec.get("text") or rec["html"])
    if art["format"] == "txt":
        return doc_text(path.name, art["encoding"])
    return path.read_text(encoding=art["encoding"])


def normalise(text: str) -> str:
    """Typography a copy editor changes: NBSP, curly apostrophes."""
    return text.replace("\u00a0", " ").replace("’", "'")


def body_paragraphs(text: str, min_len: int = 80) -> list[str]:
    return [p.strip() for p in re.split(r"\n+", normalise(text)) if len(p.strip()) >= min_len]


# -- counts ------------------------------------------------------------------------------------


def test_corpus_size_languages_and_formats(articles: list[dict[str, Any]]) -> None:
    assert len(articles) >= 45
    langs = Counter(a["language"] for a in articles)
    assert langs["fr"] >= 32 and langs["en"] >= 6 and langs["ru"] >= 4, langs
    formats = Counter(a["format"] for a in articles)
    assert formats["txt"] >= 20 and formats["html"] >= 5 and formats["jsonl"] >= 5, formats
    jsonl_files = {a["file"] for a in articles if a["format"] == "jsonl"}
    assert len(jsonl_files) == 1
    assert sum(1 for a in articles if a["language"] == "fr" and a["format"] == "txt") >= 20


def test_every_article_is_150_to_600_words(articles: list[dict[str, Any]]) -> None:
    for art in articles:
        text = article_text(art)
        if art["format"] == "html" or text.lstrip().startswith("<"):
            m = re.search(r"<article.*?</article>", text, re.S)
            text = re.sub(r"<(script|style)\b.*?</\1>", " ", m.group(0) if m else text, flags=re.S)
            text = re.sub(r"<[^>]+>", " ", text)
        n = len(text.split())
        assert 150 <= n <= 600, f"{art['id']}: {n} words"


# -- manifest ----------------------------------------------------------------------------------


def test_manifest_lists_exactly_the_corpus(articles: list[dict[str, Any]]) -> None:
    on_disk = {p.name for p in CORPUS_DIR.iterdir() if not p.name.endswith(".meta.json")}
    listed = {Path(a["file"]).name for a in articles}
    assert on_disk == listed
    ids = [a["id"] for a in articles]
    assert len(ids) == len(set(ids))
    for art in articles:
        assert (DEMO_DIR / art["file"]).is_file()
        assert art["file"].startswith("corpus/")


def test_jsonl_records_match_the_manifest(
    articles: list[dict[str, Any]], manifest: dict[str, Any]
) -> None:
    for file in {a["file"] for a in articles if a["format"] == "jsonl"}:
        lines = (DEMO_DIR / file).read_text(encoding="utf-8").splitlines()
        entries = sorted((a for a in articles if a["file"] == file), key=lambda a: a["record"])
        assert [a["record"] for a in entries] == list(range(1, len(lines) + 1))
        for art, line in zip(entries, lines, strict=True):
            rec = json.loads(line)
            assert rec["url"] == art["url"]
            assert rec["title"] == art["title"]
            assert datetime.fromisoformat(rec["published"]) == datetime.fromisoformat(
                art["published"]
            )
            assert isinstance(rec["authors"], list)
            assert ("text" in rec) != ("html" in rec)
            outlet = manifest["outlets"][art["outlet"]]
            assert rec["outlet"] in (art["outlet"], outlet.get("native_name"))
            if "language" in rec:
                assert rec["language"] == art["language"]


def test_manifest_labels_are_consistent(
    manifest: dict[str, Any], by_id: dict[str, dict[str, Any]]
) -> None:
    kinds, levels = manifest["copy_kinds"], manifest["edit_levels"]
    for art in by_id.values():
        assert art["outlet"] in manifest["outlets"], art["outlet"]
        assert art["story"] in manifest["stories"], art["story"]
        assert art["language"] in ("fr", "en", "ru")
        datetime.fromisoformat(art["published"])
        if art["copy_of"] is None:
            assert art["copy_kind"] is None and art["edit_level"] is None
            assert art["copy_root"] is None
            continue
        orig = by_id[art["copy_of"]]
        root = by_id[art["copy_root"]]
        assert root["copy_of"] is None, "copy_root must be an original"
        assert art["copy_kind"] in kinds and art["edit_level"] in levels
        assert isinstance(art["cites_source"], bool)
        assert art["story"] == orig["story"]
        assert datetime.fromisoformat(art["published"]) > datetime.fromisoformat(orig["published"])
        if art["copy_kind"] == "translated":
            assert art["language"] != orig["language"] and art["edit_level"] == "machine"
        else:
            assert art["language"] == orig["language"]


def test_planted_copy_structure(by_id: dict[str, dict[str, Any]]) -> None:
    copies = [a for a in by_id.values() if a["copy_of"]]
    per_kind = Counter((a["copy_root"], a["copy_kind"]) for a in copies)
    wire = "2025-02-14_telekar_koslevski-sarvel-manoeuvres.txt"
    assert per_kind[(wire, "exact")] >= 2
    assert per_kind[(wire, "near")] >= 2
    assert per_kind[(wire, "partial")] >= 1
    # a chain A → B → C: C copies B's edited version
    chains = [a for a in copies if a["copy_of"] != a["copy_root"]]
    assert chains and by_id[chains[0]["copy_of"]]["copy_of"] == chains[0]["copy_root"]
    translated = [a for a in copies if a["copy_kind"] == "translated"]
    assert {a["language"] for a in translated} == {"en", "ru"}
    assert len({a["copy_of"] for a in translated}) == 1
    # same story in English and Russian that is NOT a copy
    story = by_id[translated[0]["copy_of"]]["story"]
    others = {a["language"] for a in by_id.values() if a["story"] == story and not a["copy_of"]}
    assert {"en", "ru"} <= others
    assert {True, False} <= {a["cites_source"] for a in copies}
    stories = Counter(a["story"] for a in by_id.values())
    assert sum(1 for n in stories.values() if n >= 5) >= 3


def test_copy_labels_match_the_texts(by_id: dict[str, dict[str, Any]]) -> None:
    """Exact copies contain the original's paragraphs; near copies share only some of them;
    a partial copy embeds at least one long paragraph; translations share none."""
    for art in by_id.values():
        if not art["copy_of"] or art["format"] != "txt":
            continue
        orig_paras = body_paragraphs(article_text(by_id[art["copy_of"]]))
        copy = normalise(article_text(art))
        shared = [p for p in orig_paras if p in copy]
        kind = art["copy_kind"]
        if kind == "exact":
            assert len(shared) >= len(orig_paras) - 2, art["id"]
        elif kind == "near":
            assert 0 < len(shared) < len(orig_paras), art["id"]
        elif kind == "partial":
            assert any(len(p) >= 200 for p in shared), art["id"]
            assert len(shared) <= len(orig_paras) / 2, art["id"]
        elif kind == "translated":
            assert not shared, art["id"]


# -- encodings and furniture -------------------------------------------------------------------


def test_declared_encodings(articles: list[dict[str, Any]]) -> None:
    encs = {a["file"]: a["encoding"] for a in articles}
    assert "cp1252" in encs.values() and "iso-8859-1" in encs.values()
    for file, enc in encs.items():
        data = (DEMO_DIR / file).read_bytes()
        text = data.decode(enc)
        assert "\ufffd" not in text
        if enc == "utf-8":
            continue
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
        high_c1 = any(0x80 <= b < 0xA0 for b in data)
        # cp1252 text uses the typographic characters of 0x80–0x9F; latin-1 text cannot
        assert high_c1 == (enc == "cp1252"), file
        if enc == "cp1252":
            assert "’" in text and "«" in text and "»" in text and b"\r\n" in data
        else:
            assert "«" in text and "é" in text


def test_the_bom_is_not_part_of_the_text() -> None:
    name = "2025-03-02_leveilleur_nuit-des-fanaux.txt"
    assert (CORPUS_DIR / name).read_bytes().startswith(b"\xef\xbb\xbf")
    assert doc_text(name).startswith("Culture\n")


def test_one_outlet_repeats_its_slogan_in_every_article(articles: list[dict[str, Any]]) -> None:
    soir = [a for a in articles if a["outlet"] == "Méridie Soir"]
    assert len(soir) >= 6
    for art in articles:
        count = article_text(art).count(SLOGAN)
        assert count == (1 if art["outlet"] == "Méridie Soir" else 0), art["id"]


def test_no_real_country_or_capital_is_named() -> None:
    for path in sorted(CORPUS_DIR.iterdir()):
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252")
        m = REAL_PATTERN.search(text)
        assert m is None, f"{path.name}: {m.group() if m else ''}"


def test_bad_inputs_are_kept_apart_and_fail_cleanly() -> None:
    assert BAD_DIR.parent == CORPUS_DIR.parent and BAD_DIR != CORPUS_DIR
    assert (BAD_DIR / "empty.txt").read_bytes() == b""
    assert b"\x00" in (BAD_DIR / "binary.txt").read_bytes()
    lines = (BAD_DIR / "feed-with-broken-line.jsonl").read_text(encoding="utf-8").splitlines()
    parsed = []
    for line in lines:
        try:
            parsed.append(json.loads(line))
        except json.JSONDecodeError:
            parsed.append(None)
    assert None in parsed and any(isinstance(p, dict) and "text" in p for p in parsed)
    hostile = (BAD_DIR / "hostile-scripts.html").read_text(encoding="utf-8")
    assert hostile.count("<script") >= 5 and "javascript:" in hostile
    assert re.search(r"\son(load|error|click|mouseover)=", hostile)
    failures = {
        Path(r.input.split(":")[0]).name
        for r in read_inputs([str(BAD_DIR)])
        if isinstance(r, Failure)
    }
    assert {
        "empty.txt",
        "binary.txt",
        "communique-ministere.docx",
        "feed-with-broken-line.jsonl",
    } <= failures


def test_the_demo_loads_without_a_failure(
    articles: list[dict[str, Any]], gold: list[dict[str, Any]]
) -> None:
    results = list(read_inputs([str(CORPUS_DIR)]))
    assert not [r for r in results if isinstance(r, Failure)]
    assert len(results) == len(articles)
    # the gold's offsets count in the very text the reader stores
    read = {Path(r.doc).name: r for r in results if not isinstance(r, Failure)}
    for doc in gold:
        art = read[doc["doc_id"].split(":", 1)[1]]
        assert art.content_sha1 == doc["sha1"] and len(art.text) == doc["n_chars"]


# -- quote gold --------------------------------------------------------------------------------


def test_gold_covers_every_french_txt(
    articles: list[dict[str, Any]], gold: list[dict[str, Any]]
) -> None:
    names = [d["doc_id"] for d in gold]
    assert len(names) == len(set(names))
    assert all(n.startswith("demo:") for n in names)
    french_txt = {
        Path(a["file"]).name for a in articles if a["format"] == "txt" and a["language"] == "fr"
    }
    assert {n.split(":", 1)[1] for n in names} == french_txt
    assert all(a["gold_quotes"] == (Path(a["file"]).name in french_txt) for a in articles)
    assert len(gold) >= 20


def test_gold_offsets_are_valid(gold: list[dict[str, Any]]) -> None:
    for doc in gold:
        name = doc["doc_id"].split(":", 1)[1]
        assert (CORPUS_DIR / name).is_file()
        text = doc_text(name)
        verify_gold(doc, text)
        assert doc["quotes"], name
        for q in doc["quotes"]:
            assert set(q) == {
                "quote_span",
                "type",
                "speaker",
                "speaker_span",
                "speaker_text",
                "cue_span",
                "via",
            }
            s, e = q["quote_span"]
            body = text[s:e]
            assert body == body.strip() and body.strip("\u00a0") == body
            assert body[0] not in QUOTE_MARKS and body[-1] not in QUOTE_MARKS
            if q["speaker_span"]:
                a, b = q["speaker_span"]
                assert text[a:b] == q["speaker_text"]
            else:
                assert q["speaker_text"] is None


def test_gold_is_built_from_the_annotations(gold: list[dict[str, Any]]) -> None:
    assert ANNOTATIONS_PATH.is_file()
    assert build_gold() == gold


def test_gold_contains_every_planted_phenomenon(gold: list[dict[str, Any]]) -> None:
    quotes = [(d["doc_id"], q) for d in gold for q in d["quotes"]]
    types = Counter(q["type"] for _, q in quotes)
    assert all(types[t] >= 20 for t in ("direct", "indirect", "mixed", "selon")), types
    vias = {q["via"] for _, q in quotes if q["via"]}
    assert {"Telekar", "Ekran-K", "Canal Sept", "Estafette"} <= vias
    texts = {d["doc_id"]: doc_text(d["doc_id"].split(":", 1)[1]) for d in gold}

    def around(doc: str, q: dict[str, Any]) -> tuple[str, str]:
        s, e = q["quote_span"]
        t = texts[doc]
        return t[max(0, s - 2) : s].strip("\u00a0 "), t[e : e + 2].strip("\u00a0 ")

    marks_before = Counter(around(d, q)[0][-1:] for d, q in quotes if q["type"] == "direct")
    assert {"«", "“", '"'} <= set(marks_before)
    assert any(around(d, q)[1].startswith("″") for d, q in quotes)
    # multi-paragraph quote, quote split by an incise, quote with no verb
    assert any(
        "\n" in texts[d][q["quote_span"][0] : q["quote_span"][1]]
        for d, q in quotes
        if q["type"] == "direct"
    )
    split = Counter(
        (d, tuple(q["cue_span"])) for d, q in quotes if q["type"] == "direct" and q["cue_span"]
    )
    assert any(n >= 2 for n in split.values())
    assert any(
        q["speaker_span"] is None and q["cue_span"] is None and q["type"] == "direct"
        for _, q in quotes
    )
    assert any(q["speaker"].startswith("anonymous:") for _, q in quotes)
    # the same speaker spelt differently in different outlets, one canonical name
    mentions = {q["speaker_text"] for _, q in quotes if q["speaker"] == "Dmitar Koslevski"}
    assert any("Dimitar" in m for m in mentions if m) and any("Dmitar" in m for m in mentions if m)
    cues = {texts[d][q["cue_span"][0] : q["cue_span"][1]] for d, q in quotes if q["cue_span"]}
    assert {"a-t-il ajouté", "estime-t-elle", "a nié", "Selon", "D’après", "Pour"} <= cues


def test_content_sha1_matches_the_article_type() -> None:
    # the gold's sha1 is vigie's content_sha1 of the decoded text (also for cp1252 files)
    name = "2025-02-28_leveilleur_bcm-taux-directeur.txt"
    text = doc_text(name, "cp1252")
    doc = next(d for d in build_gold() if d["doc_id"] == f"demo:{name}")
    assert doc["sha1"] == content_sha1(text) and "\r" not in text
