"""The article page's "Copies and translations" section and the compare page of two articles
(``/articles/{id}/copies/{other}`` and its JSON twin), over a store built by the real ingest of
the demo corpus (exact, near, partial and translated copies) plus two hostile near copies of
each other (fictional), whose markup must stay inert on both pages."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from web_html import JSON, Tags, assert_inert

from conftest import DEMO, digest, serve, web_options
from vigie.runners.ingest import ingest
from vigie.storage.sqlite import SQLiteStore
from vigie.web.copy_view import lag_words, word_marks

_BODY = (
    "Les autorités portuaires de Varnesk ont annoncé mardi la fermeture temporaire du quai "
    "nord après la découverte de fissures dans la digue principale, construite il y a plus "
    "de quarante ans. <script>alert('copie')</script> Selon le directeur du port, les travaux "
    "de consolidation dureront au moins six semaines et coûteront près de 12 millions. "
    "Les armateurs devront dérouter leurs navires vers le quai sud <img src=x onerror=alert(1)> "
    "pendant toute la durée du chantier, ce qui allongera les délais de chargement. "
    "Les syndicats de dockers demandent des garanties pour les emplois saisonniers et une "
    "réunion avec la direction avant la fin de la semaine. La mairie de Varnesk a promis "
    "un plan d'aide aux commerces du front de mer touchés par la baisse du trafic."
)
#: two near copies of one hostile text, a day apart, from two outlets (fictional)
HOSTILE_PAIR = [
    {
        "url": "https://example.org/varnesk-quai-nord",
        "outlet": "<b onmouseover=alert(2)>Gazette du port</b>",
        "title": '<script>alert("t1")</script>Le quai nord de Varnesk fermé',
        "published": "2025-03-10T08:00:00+00:00",
        "language": "fr",
        "text": _BODY,
    },
    {
        "url": "javascript:alert(document.domain)",
        "outlet": "Écho <i>piégé</i>",
        "title": '"><svg onload=alert(3)>Varnesk : le quai nord fermé six semaines',
        "published": "2025-03-11T09:30:00+00:00",
        "language": "fr",
        "text": _BODY.replace("mardi", "ce mardi <a href=javascript:alert(4)>lien</a>").replace(
            "près de 12 millions", "environ 12 millions d'euros"
        ),
    },
]


@dataclass
class CopySite:
    url: str
    db: Path
    client: httpx.Client
    relations: list[dict[str, Any]]

    def get(self, path: str, **kw: Any) -> httpx.Response:
        return self.client.get(path, **kw)

    def pair(self, kind: str, direction: str = "known") -> dict[str, Any]:
        for r in self.relations:
            if r["kind"] == kind and r["direction"] == direction:
                return r
        raise AssertionError(f"no {direction} {kind} relation in the store")


@pytest.fixture(scope="module")
def copy_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CopySite]:
    tmp = tmp_path_factory.mktemp("copies")
    hostile = tmp / "hostile-pair.jsonl"
    hostile.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in HOSTILE_PAIR), encoding="utf-8"
    )
    db = tmp / "c.db"
    store = SQLiteStore(db)
    try:
        report = ingest([str(DEMO / "corpus"), str(hostile)], store, web_options())
        assert report.added >= 45, report.to_dict()
        relations = store.copies()
    finally:
        store.close()
    before = digest(db)
    server, thread, url = serve(db)
    with httpx.Client(base_url=url, timeout=60) as client:
        yield CopySite(url, db, client, relations)
    server.should_exit = True
    thread.join(timeout=10)
    assert digest(db) == before


def _ids(rel: dict[str, Any]) -> tuple[str, str]:
    return rel["a_id"], rel["b_id"]


def _compare(site: CopySite, a: str, b: str) -> dict[str, Any]:
    r = site.get(f"/articles/{a}/copies/{b}.json")
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()
    return data


# -- pure parts ------------------------------------------------------------------------------


def test_lag_in_words() -> None:
    assert lag_words(None) is None
    assert lag_words(0) == "none"
    assert lag_words(42) == "under a minute"
    assert lag_words(60) == "1 minute"
    assert lag_words(3 * 3600 + 20 * 60) == "3 hours 20 minutes"
    assert lag_words(111900) == "1 day 7 hours"
    assert lag_words(2 * 86400) == "2 days"


def test_word_marks_find_the_words_that_differ() -> None:
    left = "Le ministre a déclaré jeudi que la frontière restera ouverte."
    right = "Le Ministre a affirmé jeudi que la frontiere restera ouverte, selon Telekar."
    dl, dr = word_marks(left, right)
    assert [left[s:e] for s, e in dl] == ["déclaré"]
    # case and accents aside; punctuation is not compared
    assert [right[s:e] for s, e in dr] == ["affirmé", "selon Telekar"]
    assert word_marks("Même texte, ici.", "même  TEXTE ici") == ([], [])


# -- the article page's section --------------------------------------------------------------


def test_article_json_lists_every_relation_seen_from_the_article(copy_site: CopySite) -> None:
    seen = 0
    for rel in copy_site.relations:
        for this, other in (_ids(rel), _ids(rel)[::-1]):
            view = copy_site.get(f"/articles/{this}.json").json()
            lines = [x for x in view["copies"]["relations"] if x["other"]["article_id"] == other]
            assert len(lines) == 1, (this, other)
            line = lines[0]
            assert line["kind"] == rel["kind"]
            assert line["score"] == round(rel["score"], 4)
            if rel["direction"] == "known":
                expected = "copied from" if rel["copy_id"] == this else "copied by"
                assert line["relation"] == expected
                assert line["lag"] is not None
            else:
                assert line["relation"] == "undetermined"
                assert line["direction_reason"]
            assert line["compare"] == f"/articles/{this}/copies/{other}"
            if rel["kind"] == "translated":
                assert {s["found_in"] for s in line["mt_signs"]} <= {"this", "other"}
            seen += 1
    assert seen == 2 * len(copy_site.relations) >= 56


def test_article_page_section_links_to_compare_story_and_lineage(copy_site: CopySite) -> None:
    rel = copy_site.pair("translated")
    source = rel["source_id"]
    view = copy_site.get(f"/articles/{source}.json").json()["copies"]
    html = copy_site.get(f"/articles/{source}").text
    page = assert_inert(html)
    assert '<h2 id="copies-h">Copies and translations</h2>' in html
    links = [a.get("href") for t, a in page.tags if t == "a"]
    for line in view["relations"]:
        assert line["compare"] in links
        assert copy_site.get(line["compare"]).status_code == 200
    assert html.count("Compare side by side") == len(view["relations"])
    # the story it belongs to, and the copies below it in its lineage
    assert view["story"] is not None
    assert view["story"]["link"] == f"/stories/{view['story']['story_id']}"
    assert view["story"]["link"] in links
    assert view["lineage"] is not None and view["lineage"]["copies"]
    assert rel["copy_id"] in {n["article_id"] for n in view["lineage"]["copies"]} | {
        c["article_id"] for n in view["lineage"]["copies"] for c in n["copies"]
    }
    assert 'id="lineage-h"' in html
    # translated copies list their signs of machine translation
    assert "machine translation" in html
    signs = [s for x in view["relations"] for s in x["mt_signs"]]
    assert signs and all(s["found_in"] == "other" for s in signs)


def test_article_without_copies_shows_an_empty_state(copy_site: CopySite) -> None:
    linked = {i for r in copy_site.relations for i in _ids(r)}
    hits = copy_site.get("/search.json", params={"q": "festival", "limit": 20}).json()["hits"]
    alone = next(h["article_id"] for h in hits if h["article_id"] not in linked)
    view = copy_site.get(f"/articles/{alone}.json").json()
    assert view["copies"]["relations"] == []
    assert view["copies"]["lineage"] is None
    html = copy_site.get(f"/articles/{alone}").text
    assert "No copy or translation found" in html
    assert "Compare side by side" not in html


# -- the compare page ------------------------------------------------------------------------


def _check_cells(site: CopySite, data: dict[str, Any]) -> None:
    texts = {
        side: site.get(f"/articles/{data[side]['article_id']}.json").json()["text"]
        for side in ("left", "right")
    }
    assert data["problems"] == []
    for row in data["rows"]:
        for side in ("left", "right"):
            cell = row[side]
            text = texts[side]
            assert cell["checked"]
            assert text[cell["start"] : cell["end"]] == cell["text"]
            assert "".join(p["text"] for p in cell["parts"]) == cell["text"]
            pos = cell["start"]
            for p in cell["parts"]:
                assert p["start"] == pos and text[p["start"] : p["end"]] == p["text"]
                pos = p["end"]
            assert pos == cell["end"]
            gap = row[f"before_{side}"]
            if gap:
                assert gap["end"] <= cell["start"]
                assert text[gap["start"] : gap["end"]] == gap["text"]
                assert re.search(r"\w", gap["text"])
    # the gaps and the passages of a side never overlap
    for side in ("left", "right"):
        spans = [(r[side]["start"], r[side]["end"]) for r in data["rows"]]
        gaps = [r[f"before_{side}"] for r in data["rows"] if r[f"before_{side}"]]
        if data[f"after_{side}"]:
            gaps.append(data[f"after_{side}"])
        for g in gaps:
            assert all(g["end"] <= s or g["start"] >= e for s, e in spans)


def test_compare_puts_the_source_on_the_left_in_either_order(copy_site: CopySite) -> None:
    for rel in copy_site.relations:
        a, b = _ids(rel)
        one, two = _compare(copy_site, a, b), _compare(copy_site, b, a)
        if rel["direction"] == "known":
            for d in (one, two):
                assert (d["left"]["article_id"], d["right"]["article_id"]) == (
                    rel["source_id"],
                    rel["copy_id"],
                )
                assert (d["left"]["role"], d["right"]["role"]) == ("source", "copy")
        else:
            assert one["left"]["article_id"] == a and two["left"]["article_id"] == b
            assert one["left"]["role"] == "article"
        assert len(one["rows"]) == len(rel["data"]["passages"]) >= 1
        assert [r["number"] for r in one["rows"]] == list(range(1, len(one["rows"]) + 1))
        starts = [r["left"]["start"] for r in one["rows"]]
        assert starts == sorted(starts)
        _check_cells(copy_site, one)


def test_near_copy_marks_the_words_that_differ(copy_site: CopySite) -> None:
    marked = 0
    for rel in copy_site.relations:
        if rel["kind"] != "near" or rel["direction"] != "known":
            continue
        d = _compare(copy_site, rel["source_id"], rel["copy_id"])
        assert d["word_marks"] is True
        for row in d["rows"]:
            dels = [p for p in row["left"]["parts"] if p["mark"] == "del"]
            ins = [p for p in row["right"]["parts"] if p["mark"] == "ins"]
            assert not [p for p in row["left"]["parts"] if p["mark"] == "ins"]
            if row["similarity"] == 1.0:
                assert not dels and not ins
            for p in dels:  # a struck word is not in the copy's passage at that place
                assert re.search(r"\w", p["text"])
            marked += len(dels) + len(ins)
    assert marked >= 10
    rel = copy_site.pair("near")
    html = copy_site.get(f"/articles/{rel['source_id']}/copies/{rel['copy_id']}").text
    assert_inert(html)
    assert "<del" in html and "<ins" in html
    assert "only in the source" in html  # the marks carry words, not colour alone


def test_undetermined_pair_marks_words_without_a_direction(copy_site: CopySite) -> None:
    rel = copy_site.pair("near", "undetermined")
    a, b = _ids(rel)
    d = _compare(copy_site, a, b)
    marks = {p["mark"] for r in d["rows"] for s in ("left", "right") for p in r[s]["parts"]}
    assert "only" in marks and not marks & {"del", "ins"}
    html = copy_site.get(f"/articles/{a}/copies/{b}").text
    assert "undetermined" in html and 'class="only"' in html


def test_translated_pair_shows_both_languages_and_mt_signs(copy_site: CopySite) -> None:
    rel = next(
        r
        for r in copy_site.relations
        if r["kind"] == "translated" and r["direction"] == "known" and r["data"]["mt_signs"]
    )
    d = _compare(copy_site, rel["copy_id"], rel["source_id"])
    assert d["word_marks"] is False
    assert d["left"]["language"] != d["right"]["language"]
    assert len(d["signs"]) == len(rel["data"]["mt_signs"])
    in_rows = [s for s in d["signs"] if s["row"] is not None]
    assert in_rows
    for s in in_rows:
        row = d["rows"][s["row"] - 1]
        assert s["number"] in row["signs"]
        part = next(p for p in row[s["side"]]["parts"] if p["sign"] == s["number"])
        assert part["mark"] == "mt" and (part["start"], part["end"]) == (s["start"], s["end"])
    html = copy_site.get(f"/articles/{rel['copy_id']}/copies/{rel['source_id']}").text
    page = assert_inert(html)
    langs = {a.get("lang") for t, a in page.tags if "passage" in (a.get("class") or "")}
    assert langs == {d["left"]["language"], d["right"]["language"]}
    assert 'id="mt-1"' in html and 'href="#mt-1"' in html


def test_hostile_copies_stay_inert(copy_site: CopySite) -> None:
    rel = next(r for r in copy_site.relations if "Varnesk" in (r["a_title"] or ""))
    assert rel["kind"] == "near" and rel["direction"] == "known"
    a, b = _ids(rel)
    for path in (f"/articles/{a}", f"/articles/{a}/copies/{b}", f"/articles/{b}/copies/{a}"):
        html = copy_site.get(path).text
        page = assert_inert(html)
        text = page.all_text()
        assert "<script>alert('copie')</script>" in text  # shown as text, escaped
        assert "&lt;script&gt;" in html
    d = _compare(copy_site, a, b)
    _check_cells(copy_site, d)
    marked = [p["text"] for r in d["rows"] for p in r["right"]["parts"] if p["mark"] == "ins"]
    assert any("javascript" in t for t in marked), marked


def test_compare_answers_json_by_accept_and_lists_in_openapi(copy_site: CopySite) -> None:
    rel = copy_site.pair("partial")
    path = f"/articles/{rel['source_id']}/copies/{rel['copy_id']}"
    assert copy_site.get(path, headers=JSON).json() == copy_site.get(path + ".json").json()
    schema = copy_site.get("/openapi.json").json()
    assert "/articles/{article_id}/copies/{other_id}.json" in schema["paths"]
    assert "CopyCompare" in schema["components"]["schemas"]
    assert "copies" in schema["components"]["schemas"]["ArticleView"]["properties"]


def test_compare_of_unrelated_or_unknown_articles_is_a_404(copy_site: CopySite) -> None:
    linked = sorted({i for r in copy_site.relations for i in _ids(r)})
    pairs = {frozenset(_ids(r)) for r in copy_site.relations}
    a = linked[0]
    unrelated = next(b for b in linked[1:] if frozenset((a, b)) not in pairs)
    for b in (unrelated, a, "0000000000000000", "..%2F..%2Fetc%2Fpasswd", "<script>"):
        for suffix, ctype in ((".json", "application/json"), ("", "text/html")):
            r = copy_site.get(f"/articles/{a}/copies/{b}{suffix}")
            assert r.status_code == 404, (b, r.text)
            assert r.headers["content-type"].startswith(ctype)
            if suffix:
                assert set(r.json()) == {"status", "detail"}
            else:
                assert_inert(r.text)
    r = copy_site.get(f"/articles/0000000000000000/copies/{a}.json")
    assert r.status_code == 404


def test_compare_page_reads_without_js_and_in_order(copy_site: CopySite) -> None:
    rel = copy_site.pair("partial")
    html = copy_site.get(f"/articles/{rel['source_id']}/copies/{rel['copy_id']}").text
    page = Tags(html)
    assert not [t for t, _ in page.tags if t == "script"]
    assert 'rel="stylesheet" href="/static/compare.css' in html
    assert not re.search(r"\sstyle=", html)
    heads = [t for t, _ in page.tags if t in ("h1", "h2", "h3")]
    assert heads[0] == "h1" and "h2" in heads
    # unshared text is folded behind a summary that gives its size and offsets
    assert re.search(r"<summary>[\d\u202f]+ characters? of the (source|copy) not shared", html)
    assert copy_site.get("/static/compare.css").status_code == 200
