"""Quote-group pages (``/quote-groups``, ``/quote-groups/{id}``), their JSON twins and exports,
and the store reads under them — over the demo corpus (the real ingest: its quotations grouped
as ``vigie ingest`` groups them) and over small stores of groups made by the real grouping
(:func:`vigie.stories.quote_groups.describe_group`), hostile ones included."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from web_html import JSON, Tags

from vigie.config import Options
from vigie.errors import NotFoundError
from vigie.runners.actors import rebuild_actors
from vigie.runners.ingest import ingest
from vigie.storage.quote_group_store import QuoteGroupFilters, fast_fold
from vigie.storage.sqlite import SQLiteStore
from vigie.storage.sqltext import fold
from vigie.stories.quote_groups import describe_group
from vigie.web.app import create_app
from vigie.web.models.quote_groups import QuoteGroupSummary, QuoteGroupView
from vigie.web.quote_group_page import (
    EXPORT_FIELDS,
    MAX_CHART_ROWS,
    delay_text,
    group_data,
    shorten,
    spread_chart,
    word_diff,
)

DEMO = Path(__file__).resolve().parents[2] / "src" / "vigie" / "demo" / "corpus"
SUMMARY_KEYS = set(QuoteGroupSummary.model_fields)
VIEW_KEYS = set(QuoteGroupView.model_fields)

# -- groups made by the real grouping (fictional speakers) ----------------------------------

HOSTILE_SPEAKER = 'Orm <script>alert("s")</script> Tessaly'
HOSTILE_OUTLET = "<img src=x onerror=alert(1)>Gazette"
HOSTILE_TEXT = "Nous ne céderons <script>alert('q')</script> jamais à la pression du pacte"
HOSTILE_ARTICLE = "a/../b?c#d"


def _quote(
    aid: str,
    idx: int,
    text: str,
    published: str | None,
    outlet: str | None,
    speaker: str | None = "Ilse Varnak",
    language: str = "fr",
) -> dict[str, Any]:
    return {
        "article_id": aid,
        "index": idx,
        "text": text,
        "speaker": speaker,
        "published": published,
        "outlet": outlet,
        "language": language,
        "type": "direct",
    }


def made_groups() -> list[dict[str, Any]]:
    """Five groups: a widely spread one (cut, altered, an undated version), a translated
    one, a hostile one, a single quotation, an anonymous source's."""
    full = "La frontière de Varnesk restera ouverte tant que le pacte respectera la sécurité"
    spread = describe_group(
        [
            _quote("art-1", 0, full, "2025-03-01T08:00", "Le Monde"),
            _quote("art-2", 3, full, "2025-03-01T10:30", "Telekar"),
            _quote(
                "art-3", 1, "La frontière de Varnesk restera ouverte …", "2025-03-02", "RT France"
            ),
            _quote(
                "art-4",
                2,
                "La frontière de Varnesk restera fermée tant que le pacte respectera la sécurité",
                "2025-03-03T18:00",
                "Méridie Soir",
            ),
            _quote("art-5", 0, full, None, "Le Veilleur"),
        ],
        "qg-art-1-0",
    )
    translated = describe_group(
        [
            _quote(
                "art-6",
                0,
                "Nous sommes prêts à reprendre le dialogue avec Brennisk",
                "2025-03-05",
                "Telekar",
                "Sergueï Lavrov",
            ),
            _quote(
                "art-7",
                4,
                "We are ready to resume the dialogue with Brennisk",
                "2025-03-06",
                "Daily Wire Service",
                "Sergueï Lavrov",
                "en",
            ),
        ],
        "qg-art-6-0",
    )
    hostile = describe_group(
        [
            _quote(HOSTILE_ARTICLE, 0, HOSTILE_TEXT, "2025-03-07", HOSTILE_OUTLET, HOSTILE_SPEAKER),
            _quote(
                "art-8",
                1,
                '=HYPERLINK("http://x") Nous ne céderons jamais à la pression',
                "2025-03-08",
                "Le Monde",
                HOSTILE_SPEAKER,
            ),
        ],
        "qg-hostile",
    )
    single = describe_group([_quote("art-9", 0, "=1+2 une phrase seule", "2025-03-09", "Telekar")])
    anonymous = describe_group(
        [
            _quote(
                "art-10",
                0,
                "Les manœuvres continueront cette semaine au large",
                "2025-02-01",
                "Le Monde",
                "anonymous:porte-parole du ministère",
            ),
            _quote(
                "art-11",
                0,
                "Les manœuvres continueront cette semaine au large",
                "2025-02-02",
                "Telekar",
                "anonymous:porte-parole du ministère",
            ),
        ]
    )
    return [g.to_dict() for g in (spread, translated, hostile, single, anonymous)]


def write_groups(
    db: Path, groups: list[dict[str, Any]], merged: dict[str, str] | None = None
) -> None:
    store = SQLiteStore(db)
    try:
        states = {"quote_groups_merged": merged} if merged else {}
        store.write_stories([], groups, [], states)
    finally:
        store.close()


@pytest.fixture(scope="module")
def made_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("qg-made") / "g.db"
    write_groups(db, made_groups(), {"qg-old-merged": "qg-art-1-0"})
    return db


@pytest.fixture(scope="module")
def made(made_db: Path) -> Iterator[httpx.Client]:
    with served(made_db) as client:
        yield client


@pytest.fixture
def made_store(made_db: Path) -> Iterator[SQLiteStore]:
    store = SQLiteStore(made_db, readonly=True)
    yield store
    store.close()


def _options() -> Options:
    opts = Options()
    opts.pipeline.workers = 1
    return opts


@contextmanager
def served(db: Path) -> Iterator[httpx.Client]:
    """The real app over ``db``, served by uvicorn on a free port of 127.0.0.1."""
    config = uvicorn.Config(
        create_app(str(db), _options()),
        host="127.0.0.1",
        port=0,
        log_level="warning",
        ws="none",
        lifespan="off",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            yield client
    finally:
        server.should_exit = True
        thread.join(timeout=10)


# -- the demo corpus, ingested for real --------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    db = tmp_path_factory.mktemp("qg-demo") / "demo.db"
    store = SQLiteStore(db)
    try:
        report = ingest([str(DEMO)], store, _options())
        assert report.added == 47, report.to_dict()
        rebuild_actors(store, _options())
    finally:
        store.close()
    with served(db) as client:
        yield client


# -- pieces ------------------------------------------------------------------------------------


def test_word_diff_marks_removed_added_and_cut_words() -> None:
    ref = "La frontière restera ouverte tant que le pacte respectera la sécurité"
    assert word_diff(ref, ref) == [{"op": "same", "text": ref}]
    cut = word_diff(ref, "la Frontiere restera ouverte …")
    assert cut == [
        {"op": "same", "text": "la Frontiere restera ouverte"},
        {"op": "removed", "text": "tant que le pacte respectera la sécurité"},
        {"op": "cut", "text": "…"},
    ]
    changed = word_diff(ref, "La frontière restera fermée tant que le pacte respectera la sécurité")
    assert {"op": "removed", "text": "ouverte"} in changed
    assert {"op": "added", "text": "fermée"} in changed
    assert changed.index({"op": "removed", "text": "ouverte"}) + 1 == changed.index(
        {"op": "added", "text": "fermée"}
    )


def test_small_formatters() -> None:
    assert delay_text(None) == ""
    assert delay_text(0) == "±0"
    assert delay_text(0.5) == "+30 min"
    assert delay_text(2.5) == "+2.5 h"
    assert delay_text(19.08) == "+19 h"
    assert delay_text(48) == "+2 d"
    assert delay_text(68.2) == "+2 d 20 h"
    long = "mot " * 200
    short = shorten(long, 50)
    assert len(short) <= 52 and short.endswith(" …") and shorten("court", 50) == "court"


def test_fast_fold_is_fold() -> None:
    for text in [
        "Sécurité",
        "Кослевский",
        "Straße",
        "ﬁn",
        "e\u0301",
        "Ærø",
        "x\u0483y",
        "אָב",
        "Ǆ",
        "",
        "NOUS NE CÉDERONS",
        "Ilse Varnak",
    ]:
        assert fast_fold(text) == fold(text), text
    assert fast_fold(None) is None


# -- the store ---------------------------------------------------------------------------------


def _ids(store: SQLiteStore, **kw: Any) -> list[str]:
    return [g["id"] for g in store.iter_quote_groups(QuoteGroupFilters(**kw))]


def test_store_filters_ignore_case_and_accents(made_store: SQLiteStore) -> None:
    s = made_store
    assert set(_ids(s)) == {"qg-art-1-0", "qg-art-6-0", "qg-hostile", "qg-art-10-0"}
    assert "qg-art-9-0" in _ids(s, min_articles=1)
    assert _ids(s, min_articles=4) == ["qg-art-1-0"]
    assert _ids(s, speaker="SERGUEI") == ["qg-art-6-0"]
    assert _ids(s, speaker="porte-parole") == ["qg-art-10-0"]
    # a version's words, not only the fullest one's: "fermée" is in one altered version
    assert _ids(s, text="FERMEE") == ["qg-art-1-0"]
    assert _ids(s, text="resume the dialogue") == ["qg-art-6-0"]
    assert set(_ids(s, text="securite")) == {"qg-art-1-0"}
    assert set(_ids(s, outlet="monde")) == {"qg-art-1-0", "qg-hostile", "qg-art-10-0"}
    assert _ids(s, outlet="méridie") == ["qg-art-1-0"]
    assert _ids(s, language="en") == ["qg-art-6-0"]
    assert _ids(s, language="de") == []
    assert _ids(s, outlet="monde", text="pression") == ["qg-hostile"]
    # LIKE's wildcards are literal
    assert _ids(s, text="%") == [] and _ids(s, speaker="_") == []


def test_store_order_count_and_pages_agree(made_store: SQLiteStore) -> None:
    s = made_store
    everything = list(s.iter_quote_groups(QuoteGroupFilters(min_articles=1)))
    keys = [(g["n_articles"], g["first_seen"] or "") for g in everything]
    # most reported first, then newest first appearance first
    assert keys == sorted(keys, reverse=True)
    assert keys[0] == (5, "2025-03-01T08:00")
    for f in (QuoteGroupFilters(min_articles=1), QuoteGroupFilters(outlet="monde")):
        total = s.count_quote_groups(f)
        paged: list[str] = []
        for offset in range(0, total + 2, 2):
            n, page = s.quote_group_page(f, limit=2, offset=offset)
            assert n == total
            paged += [g["id"] for g in page]
        assert paged == [g["id"] for g in s.iter_quote_groups(f)]
    assert s.quote_group_page(QuoteGroupFilters(outlet="monde"), limit=5, offset=50) == (3, [])


def test_store_one_group_alias_and_absent(made_store: SQLiteStore) -> None:
    g = made_store.quote_group("qg-art-1-0")
    assert g["n_articles"] == 5 and g["first_seen"] == "2025-03-01T08:00"
    assert len(g["variants"]) == 5
    assert made_store.quote_group_alias("qg-old-merged") == "qg-art-1-0"
    assert made_store.quote_group_alias("qg-art-1-0") is None
    with pytest.raises(NotFoundError):
        made_store.quote_group("qg-old-merged")


def test_store_reads_groups_laid_out_otherwise(tmp_path: Path) -> None:
    """JSON written compactly, outlets first: the filters read it all the same."""
    g = made_groups()[0]
    db = tmp_path / "compact.db"
    SQLiteStore(db).close()
    store = SQLiteStore(db)
    reordered = {"outlets": g["outlets"], "languages": g["languages"], **g}
    store.conn.execute(
        "INSERT INTO quote_groups(group_id, n_articles, first_seen, speaker, data)"
        " VALUES (?, 5, '2025-03-01T08:00', ?, ?)",
        (g["id"], g["speaker"], json.dumps(reordered, separators=(",", ":"))),
    )
    store.conn.commit()
    assert _ids(store, outlet="veilleur") == [g["id"]]
    assert _ids(store, language="fr") == [g["id"]]
    assert _ids(store, language="en") == []
    store.close()


# -- one group's page data ---------------------------------------------------------------------


def test_group_data_and_spread_chart(made_store: SQLiteStore) -> None:
    data = group_data(made_store, made_store.quote_group("qg-art-1-0"), limit=100, offset=0)
    assert data["first"]["outlet"] == "Le Monde" and data["first"]["is_first"]
    assert data["fullest"]["is_fullest"]
    kinds = {v["outlet"]: v["kind"] for v in data["variants"]}
    assert kinds["RT France"] == "truncated" and kinds["Méridie Soir"] == "altered"
    assert data["kinds"] == {"identical": 3, "truncated": 1, "altered": 1}
    assert [o["outlet"] for o in data["outlets"]][:4] == [
        "Le Monde",
        "Telekar",
        "RT France",
        "Méridie Soir",
    ]
    delays = {v["outlet"]: v["delay_hours"] for v in data["variants"]}
    assert delays["Telekar"] == 2.5 and delays["Le Veilleur"] is None
    assert data["spread_hours"] == pytest.approx(58.0)
    chart = spread_chart(data)
    assert chart is not None
    assert chart["undated"] == 1  # Le Veilleur's version has no date: not drawn
    assert [r["name"] for r in chart["rows"]] == [
        "Le Monde",
        "Telekar",
        "RT France",
        "Méridie Soir",
    ]
    xs = {m["outlet"]: m["x"] for m in chart["marks"]}
    assert xs["Le Monde"] < xs["Telekar"] < xs["RT France"] < xs["Méridie Soir"]
    for m in chart["marks"]:
        assert chart["left"] <= m["x"] <= chart["left"] + chart["plot_w"]
        assert chart["top"] <= m["y"] <= chart["baseline"]
        assert m["href"].startswith("/articles/art-") and "#q-" in m["href"]
    assert [m["outlet"] for m in chart["marks"] if m["first"]] == ["Le Monde"]
    assert {m["kind"] for m in chart["marks"]} == {"identical", "truncated", "altered"}
    assert len(chart["ticks"]) >= 2


def test_spread_chart_draws_at_most_its_rows(tmp_path: Path) -> None:
    quotes = [
        _quote(
            f"a{i}",
            0,
            "Nous tiendrons la ligne de la Lisk quoi qu'il arrive",
            f"2025-04-{1 + i % 28:02d}T{i % 24:02d}:00",
            f"Outlet {i:02d}",
        )
        for i in range(MAX_CHART_ROWS + 7)
    ]
    g = describe_group(quotes, "qg-many").to_dict()
    db = tmp_path / "many.db"
    write_groups(db, [g])
    store = SQLiteStore(db, readonly=True)
    data = group_data(store, store.quote_group("qg-many"), limit=10, offset=5)
    store.close()
    assert len(data["variants"]) == 10 and data["offset"] == 5 and data["n_versions"] == 37
    chart = spread_chart(data)
    assert chart is not None
    assert len(chart["rows"]) == MAX_CHART_ROWS and chart["hidden_outlets"] == 7
    assert len(data["outlets"]) == MAX_CHART_ROWS + 7


# -- HTTP: the list ----------------------------------------------------------------------------


def test_list_twin_filters_paging(made: httpx.Client) -> None:
    r = made.get("/quote-groups.json")
    assert r.status_code == 200
    data = r.json()
    assert data["total"] == 4 and data["filters"] == {}
    assert set(data["groups"][0]) == SUMMARY_KEYS
    top = data["groups"][0]
    assert top["group_id"] == "qg-art-1-0" and top["n_articles"] == 5
    assert top["first"] == {
        "article_id": "art-1",
        "index": 0,
        "link": "/articles/art-1#q-0",
        "title": None,
        "outlet": "Le Monde",
        "published": "2025-03-01T08:00",
        "language": "fr",
    }
    assert top["outlets"][0] == "Le Monde" and top["n_outlets"] == 5
    assert top["last_published"] == "2025-03-03T18:00"
    # the same document by Accept
    assert made.get("/quote-groups", headers=JSON).json() == data
    f = made.get("/quote-groups.json", params={"speaker": "lavrov", "lang": "EN"}).json()
    assert [g["group_id"] for g in f["groups"]] == ["qg-art-6-0"]
    assert f["filters"] == {"speaker": "lavrov", "lang": "en"}
    page2 = made.get("/quote-groups.json", params={"limit": 3, "offset": 3}).json()
    assert page2["total"] == 4 and len(page2["groups"]) == 1
    ones = made.get("/quote-groups.json", params={"min_articles": 1}).json()
    assert ones["total"] == 5 and ones["filters"] == {"min_articles": "1"}


def test_list_page(made: httpx.Client) -> None:
    html = made.get("/quote-groups", params={"outlet": "monde"}).text
    page = Tags(html)
    assert "3 quote groups matching the filters" in page.all_text()
    links = [a.get("href") for t, a in page.tags if t == "a"]
    assert "/quote-groups/qg-art-1-0" in links
    assert "/export/quote-groups.csv?outlet=monde" in links
    assert "/export/quote-groups.jsonl?outlet=monde" in links
    assert '<link rel="stylesheet" href="/static/quote_groups.css' in html
    labels = {a.get("for") for t, a in page.tags if t == "label"}
    assert {"speaker", "text", "outlet", "lang", "min_articles", "limit"} <= labels
    assert "<caption" in html and 'scope="col"' in html
    # an unnamed source says so
    assert "porte-parole du ministère (unnamed)" in made.get("/quote-groups").text


@pytest.mark.parametrize(
    "params",
    [
        {"lang": "x y"},
        {"min_articles": "0"},
        {"min_articles": "x"},
        {"text": "a\x07b"},
        {"limit": "101"},
        {"offset": "-1"},
        {"speaker": "s" * 201},
    ],
)
def test_list_bad_parameters_are_422(made: httpx.Client, params: dict[str, str]) -> None:
    paths = ["/quote-groups", "/quote-groups.json"]
    if not {"limit", "offset"} & set(params):  # the exports are not paged
        paths.append("/export/quote-groups.csv")
    for path in paths:
        r = made.get(path, params=params, headers=JSON)
        assert r.status_code == 422, (path, params, r.text)
        assert set(r.json()) == {"status", "detail"}


def test_exports_follow_the_filters(made: httpx.Client) -> None:
    r = made.get("/export/quote-groups.csv", params={"outlet": "monde"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0]) == EXPORT_FIELDS
    assert {row["group_id"] for row in rows} == {"qg-art-1-0", "qg-hostile", "qg-art-10-0"}
    assert json.loads(rows[0]["outlets"])[0] == "Le Monde"
    lines = made.get("/export/quote-groups.jsonl", params={"text": "pression"}).text.splitlines()
    recs = [json.loads(line) for line in lines]
    assert [r["group_id"] for r in recs] == ["qg-hostile"]
    assert set(EXPORT_FIELDS) < set(recs[0]) and len(recs[0]["variants"]) == 2
    # a version that starts like a formula is not one in the CSV
    everything = made.get("/export/quote-groups.csv", params={"min_articles": 1}).text
    assert len(list(csv.DictReader(io.StringIO(everything)))) == 5
    single = next(
        r for r in csv.DictReader(io.StringIO(everything)) if r["group_id"] == "qg-art-9-0"
    )
    assert single["text"] == "'=1+2 une phrase seule"


# -- HTTP: one group ---------------------------------------------------------------------------


def test_group_twin(made: httpx.Client) -> None:
    r = made.get("/quote-groups/qg-art-1-0.json")
    assert r.status_code == 200
    data = r.json()
    assert set(data) == VIEW_KEYS
    assert data["n_articles"] == 5 and data["n_versions"] == 5
    assert data["first"]["link"] == "/articles/art-1#q-0"
    altered = next(v for v in data["variants"] if v["kind"] == "altered")
    assert {"op": "removed", "text": "ouverte"} in altered["diff"]
    assert {"op": "added", "text": "fermée"} in altered["diff"]
    assert altered["edits"] and altered["edits"][0]["op"] == "changed"
    assert made.get("/quote-groups/qg-art-1-0", headers=JSON).json() == data
    paged = made.get("/quote-groups/qg-art-1-0.json", params={"limit": 2, "offset": 4}).json()
    assert len(paged["variants"]) == 1 and paged["variants"][0]["outlet"] == "Le Veilleur"
    translated = made.get("/quote-groups/qg-art-6-0.json").json()
    en = next(v for v in translated["variants"] if v["language"] == "en")
    assert en["kind"] == "translated" and en["diff"] == []
    assert translated["languages"] == ["en", "fr"]


def test_group_page(made: httpx.Client) -> None:
    html = made.get("/quote-groups/qg-art-1-0").text
    page = Tags(html)
    text = page.all_text()
    assert "A statement by" in text and "Ilse Varnak" in text
    # the differences, marked by elements and words, not by colour alone
    assert re.search(
        r'<del class="qg-del"><span class="visually-hidden">\[missing: </span>ouverte', html
    )
    assert re.search(
        r'<ins class="qg-ins"><span class="visually-hidden">\[added: </span>fermée', html
    )
    assert '<span class="qg-cut">[…]</span>' in html
    # the chart: an image with a title and a description, marks linking to the articles
    svg = next(a for t, a in page.tags if t == "svg" and "qg-chart" in (a.get("class") or ""))
    assert svg["role"] == "img" and svg["aria-labelledby"] == "spread-title spread-desc"
    marks = [
        str(a["href"])
        for t, a in page.tags
        if t == "a" and str(a.get("href")).startswith("/articles/") and a.get("tabindex") == "-1"
    ]
    assert sorted(marks) == [
        "/articles/art-1#q-0",
        "/articles/art-2#q-3",
        "/articles/art-3#q-1",
        "/articles/art-4#q-2",
    ]
    assert "1 version without a date is not drawn" in text
    # the table alternative: every outlet, the undated one included
    assert "Outlets in order of first appearance" in text
    rows = re.findall(r'<th scope="row"><a href="(/articles/[^"]+)">', html)
    assert rows == [
        "/articles/art-1#q-0",
        "/articles/art-2#q-3",
        "/articles/art-3#q-1",
        "/articles/art-4#q-2",
        "/articles/art-5#q-0",
    ]
    assert text.count("first appearance") >= 1 and "fullest version" in text
    heads = re.findall(r"<h([1-6])", html)
    assert heads[0] == "1" and all(int(b) - int(a) <= 1 for a, b in itertools.pairwise(heads))


def test_hostile_group_stays_inert(made: httpx.Client) -> None:
    for path in ("/quote-groups?min_articles=1", "/quote-groups/qg-hostile"):
        html = made.get(path).text
        page = Tags(html)
        names = {t for t, _ in page.tags}
        assert not names & {"script", "img", "iframe", "style", "object", "embed"}, path
        for tag, attrs in page.tags:
            assert not any(k.startswith("on") for k in attrs), (path, tag, attrs)
            assert "style" not in attrs, (path, tag)
        assert "&lt;script&gt;" in html
        assert HOSTILE_OUTLET.replace("<", "&lt;").replace(">", "&gt;") in html
    html = made.get("/quote-groups/qg-hostile").text
    # a hostile article id is one path segment, percent-encoded
    assert 'href="/articles/a%2F..%2Fb%3Fc%23d#q-0"' in html
    data = made.get("/quote-groups/qg-hostile.json").json()
    assert data["speaker"] == HOSTILE_SPEAKER
    assert data["first"]["link"] == "/articles/a%2F..%2Fb%3Fc%23d#q-0"


def test_unknown_group_is_404_and_merged_one_redirects(made: httpx.Client) -> None:
    for path in ("/quote-groups/qg-nothing", "/quote-groups/qg-nothing.json"):
        r = made.get(path, headers=JSON)
        assert r.status_code == 404 and r.json()["status"] == 404
    page = made.get("/quote-groups/%3Cscript%3E")
    assert page.status_code == 404 and "<script>" not in page.text
    r = made.get("/quote-groups/qg-old-merged?limit=5", follow_redirects=False)
    assert r.status_code == 301 and r.headers["location"] == "/quote-groups/qg-art-1-0?limit=5"
    r = made.get("/quote-groups/qg-old-merged.json", follow_redirects=False)
    assert r.status_code == 301 and r.headers["location"] == "/quote-groups/qg-art-1-0.json"
    assert (
        made.get("/quote-groups/qg-old-merged.json", follow_redirects=True).json()["group_id"]
        == "qg-art-1-0"
    )


def test_empty_store_says_so(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    SQLiteStore(db).close()
    with served(db) as client:
        html = client.get("/quote-groups").text
        assert "No quote group yet" in html
        assert client.get("/quote-groups.json").json()["total"] == 0
        assert client.get("/export/quote-groups.csv").text.strip() == ",".join(EXPORT_FIELDS)


# -- the demo corpus ---------------------------------------------------------------------------


def test_demo_groups_spread_over_outlets(demo: httpx.Client) -> None:
    data = demo.get("/quote-groups.json", params={"limit": 100}).json()
    assert data["total"] == 36 and len(data["groups"]) == 36
    counts = [g["n_articles"] for g in data["groups"]]
    assert counts == sorted(counts, reverse=True) and min(counts) >= 2
    wide = [g for g in data["groups"] if g["n_outlets"] >= 3]
    assert len(wide) >= 5
    # Koslevski's statements link to his actor page
    kos = [g for g in data["groups"] if g["speaker"] == "Dmitar Koslevski"]
    assert kos and all(g["actor_id"] == "per:dmitar-koslevski" for g in kos)
    # the first appearance is the quotation highlighted in its article
    g = next(g for g in wide if g["kinds"].get("truncated") or g["kinds"].get("altered"))
    article = demo.get(g["first"]["link"].split("#")[0]).text
    assert f'id="q-{g["first"]["index"]}"' in article
    assert g["first"]["title"]
    view = demo.get(g["link"] + ".json").json()
    assert view["n_articles"] == g["n_articles"]
    changed = [v for v in view["variants"] if v["kind"] in ("truncated", "altered")]
    assert changed and all(any(p["op"] == "removed" for p in v["diff"]) for v in changed)
    html = demo.get(g["link"]).text
    if g["actor_id"]:
        assert f'href="/actors/{g["actor_id"]}"' in html
    assert html.count('class="qg-variant"') == len(view["variants"])
    assert "<del" in html
    filtered = demo.get(
        "/quote-groups.json", params={"speaker": "koslevski", "text": "securite"}
    ).json()
    assert filtered["total"] >= 1
    assert all("Koslevski" in (g["speaker"] or "") for g in filtered["groups"])
