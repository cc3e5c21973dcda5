"""Story pages and their JSON twins, the story exports, and the lineage graph: over a store built
by the real ingest of the demo corpus (copies and stories found by the pipeline), plus a story
whose label, outlets and titles are hostile."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from web_html import JSON, Tags, assert_inert

from conftest import DEMO, digest, serve, web_options
from vigie.article import Article
from vigie.runners.ingest import ingest
from vigie.storage.sqlite import SQLiteStore
from vigie.storage.story_store import StoryFilters, outlet_keys, outlet_matches
from vigie.web.lineage_graph import MAX_NODES, NODE_H, NODE_W, lineage_graph, short
from vigie.web.story_page import STORY_EXPORT_FIELDS, lag_text, parse_when, timeline_chart

KINDS = {"exact", "near", "partial", "translated"}
LIST_KEYS = {"filters", "min_articles", "sort", "total", "limit", "offset", "stories"}
STORY_KEYS = {
    "story_id", "label", "n_articles", "first_seen", "last_seen", "languages", "outlets",
    "first_article", "first_title", "first_outlet",
}  # fmt: skip
VIEW_KEYS = {
    "story", "complete", "articles", "outlet_counts", "language_counts", "relations", "lineage",
}  # fmt: skip
LAG = re.compile(r"^(\d+ s|\d+ min|\d+ h( \d+ min)?|\d+ d( \d+ h)?)$")

HOSTILE_LABEL = '<script>alert("story")</script> · Varnesk'
HOSTILE_OUTLET = "<img src=x onerror=alert(1)>Gazette"
HOSTILE_TITLE = '"><svg onload=alert(2)> Titre piégé'


@dataclass
class StorySite:
    url: str
    db: Path
    client: httpx.Client
    hostile_id: str

    def get(self, path: str, **kw: Any) -> httpx.Response:
        return self.client.get(path, **kw)


def _hostile(store: SQLiteStore) -> str:
    """Two articles with hostile metadata, a story of them and an undetermined copy between
    them, written as the pipeline would write them (fictional)."""
    arts = [
        Article(
            doc=f"crafted://story-{i}",
            text=f"Texte {i} sur la frontière de Varnesk et ses barges.\n",
            source_key=f"crafted://story-{i}",
            title=HOSTILE_TITLE,
            outlet=HOSTILE_OUTLET + str(i),
            language="fr",
            published=f"2025-04-0{i}T10:00:00+00:00",
        )
        for i in (1, 2)
    ]
    store.write_articles(arts)
    ids = [a.article_id for a in arts]
    story = {
        "id": "st-" + ids[0],
        "label": HOSTILE_LABEL,
        "first_article": ids[0],
        "first_seen": "2025-04-01T10:00:00+00:00",
        "last_seen": "2025-04-02T10:00:00+00:00",
        "article_ids": ids,
        "languages": ["fr"],
        "outlets": [a.outlet for a in arts],
    }
    store.write_stories([story], [], [], {})
    store.save_copies(
        [
            {"a": ids[0], "b": ids[1], "kind": "near", "score": 0.9, "confidence": "high",
             "direction": "undetermined", "source": None, "copy": None, "lag_seconds": None,
             "direction_reason": "<b>same time</b>"},
        ]
    )  # fmt: skip
    return str(story["id"])


@pytest.fixture(scope="module")
def stories(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StorySite]:
    db = tmp_path_factory.mktemp("stories") / "s.db"
    store = SQLiteStore(db)
    try:
        report = ingest([str(DEMO / "corpus")], store, web_options())
        assert report.added >= 40, report.to_dict()
        hostile = _hostile(store)
    finally:
        store.close()
    before = digest(db)
    server, thread, url = serve(db)
    with httpx.Client(base_url=url, timeout=30) as client:
        yield StorySite(url, db, client, hostile)
    server.should_exit = True
    thread.join(timeout=10)
    assert digest(db) == before


def _views(site: StorySite) -> list[dict[str, Any]]:
    listed = site.get("/stories.json", params={"limit": 100}).json()["stories"]
    return [site.get(f"/stories/{s['story_id']}.json").json() for s in listed]


def _walk(nodes: list[dict[str, Any]], parent: dict[str, Any] | None = None) -> Iterator[Any]:
    for n in nodes:
        yield n, parent
        yield from _walk(n["copies"], n)


# -- the list --------------------------------------------------------------------------------


def test_stories_list_filters_and_paging(stories: StorySite) -> None:
    data = stories.get("/stories.json").json()
    assert set(data) == LIST_KEYS and set(data["stories"][0]) == STORY_KEYS
    assert data["min_articles"] == 2 and data["sort"] == "recent" and data["filters"] == {}
    # the demo's 6 stories of several articles, and the hostile one
    assert data["total"] == len(data["stories"]) == 7
    assert all(s["n_articles"] >= 2 for s in data["stories"])
    last = [s["last_seen"] for s in data["stories"]]
    assert last == sorted(last, reverse=True)
    everything = stories.get("/stories.json", params={"min_articles": 1, "limit": 100}).json()
    assert everything["total"] > data["total"]
    big = stories.get("/stories.json", params={"sort": "articles"}).json()["stories"]
    assert [s["n_articles"] for s in big] == sorted((s["n_articles"] for s in big), reverse=True)
    assert big[0]["n_articles"] >= 8
    # language, outlet (case and accents ignored), period
    ru = stories.get("/stories.json", params={"lang": "RU"}).json()
    assert ru["filters"] == {"lang": "ru"} and 0 < ru["total"] < data["total"]
    assert all("ru" in s["languages"] for s in ru["stories"])
    echo = stories.get("/stories.json", params={"outlet": "echo solid"}).json()
    assert echo["total"] == 1 and "L’Écho Solidaire" in echo["stories"][0]["outlets"]
    march = stories.get("/stories.json", params={"since": "2025-03", "until": "2025-03"}).json()
    assert march["total"] >= 1
    for s in march["stories"]:
        assert s["last_seen"] >= "2025-03" and s["first_seen"][:7] <= "2025-03"
    day = stories.get("/stories.json", params={"since": "2025-02-20", "until": "2025-02-20"})
    assert [s["label"] for s in day.json()["stories"]] == ["Travena · Dolna · Dvorska"]
    # paging
    p1 = stories.get("/stories.json", params={"limit": 2}).json()
    p2 = stories.get("/stories.json", params={"limit": 2, "offset": 2}).json()
    assert p1["total"] == p2["total"] == data["total"]
    assert [s["story_id"] for s in p1["stories"] + p2["stories"]] == [
        s["story_id"] for s in data["stories"][:4]
    ]
    # bad parameters are 422 with the app's error body
    for params in (
        {"lang": "xx1"},
        {"since": "2025-03-01", "until": "2025-02-01"},
        {"since": "2025-13-01"},
        {"sort": "random"},
        {"limit": 101},
        {"min_articles": 0},
    ):
        r = stories.get("/stories.json", params=params)
        assert r.status_code == 422, params
        assert set(r.json()) == {"status", "detail"}


def test_stories_page_links_and_exports(stories: StorySite) -> None:
    params = {"lang": "ru", "outlet": "telekar", "limit": 2}
    data = stories.get("/stories.json", params=params).json()
    r = stories.get("/stories", params=params)
    assert r.status_code == 200
    page = assert_inert(r.text)
    hrefs = [a.get("href") or "" for t, a in page.tags if t == "a"]
    for s in data["stories"]:
        assert f"/stories/{s['story_id']}" in hrefs
    exports = [h for h in hrefs if h.startswith("/export/stories.")]
    assert len(exports) == 2
    for h in exports:
        assert "lang=ru" in h and "outlet=telekar" in h and "limit" not in h
    assert stories.get("/stories", params=params, headers=JSON).json() == data
    if data["total"] > 2:
        assert any("offset=2" in h for h in hrefs)
    # the form keeps the filters; every control has its label
    labels = {a.get("for") for t, a in page.tags if t == "label"}
    controls = {a.get("id") for t, a in page.tags if t in ("input", "select")}
    assert controls <= labels
    none = stories.get("/stories", params={"outlet": "zzzqqq"})
    assert none.status_code == 200 and "No story matches" in none.text


def test_story_exports_follow_the_filters(stories: StorySite) -> None:
    params = {"lang": "en", "min_articles": "2"}
    listed = stories.get("/stories.json", params={**params, "limit": 100}).json()
    ids = [s["story_id"] for s in listed["stories"]]
    r = stories.get("/export/stories.csv", params=params)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == STORY_EXPORT_FIELDS
    assert [row[0] for row in rows[1:]] == ids
    j = stories.get("/export/stories.jsonl", params=params)
    records = [json.loads(line) for line in j.text.splitlines()]
    assert [rec["story_id"] for rec in records] == ids
    for rec, s in zip(records, listed["stories"], strict=True):
        assert set(rec) == set(STORY_EXPORT_FIELDS)
        assert len(rec["article_ids"]) == len(rec["docs"]) == rec["n_articles"] == s["n_articles"]
        assert rec["first_article"] in rec["article_ids"]
    bad = stories.get("/export/stories.csv", params={"until": "never"})
    assert bad.status_code == 422 and bad.json()["status"] == 422


# -- one story -------------------------------------------------------------------------------


def test_story_lineage_is_built_from_its_copies(stories: StorySite) -> None:
    views = _views(stories)
    with_copies = [v for v in views if v["relations"]]
    assert len(with_copies) >= 3
    kinds_seen: set[str] = set()
    for view in views:
        assert set(view) == VIEW_KEYS and view["complete"]
        arts = {a["article_id"]: a for a in view["articles"]}
        assert len(arts) == view["story"]["n_articles"]
        published = [a["published"] or "" for a in view["articles"]]
        assert published == sorted(published)
        assert [a["article_id"] for a in view["articles"] if a["first"]] == [
            view["story"]["first_article"]
        ]
        rels = view["relations"]
        for r in rels:
            assert {r["original_article_id"], r["copy_article_id"]} <= set(arts)
            assert r["kind"] in KINDS and r["role"] in {"lineage", "undetermined", "other"}
            if r["direction"] == "undetermined":
                assert r["role"] == "undetermined" and r["lag"] is None
            else:
                assert r["lag"] is None or LAG.match(r["lag"]), r["lag"]
        nodes = list(_walk(view["lineage"]))
        ids = [n["article_id"] for n, _ in nodes]
        assert len(ids) == len(set(ids))  # each article once
        involved = {r["original_article_id"] for r in rels} | {r["copy_article_id"] for r in rels}
        assert set(ids) == involved
        lineage_rels = {(r["original_article_id"], r["copy_article_id"]): r for r in rels
                        if r["role"] == "lineage"}  # fmt: skip
        assert len(lineage_rels) == sum(1 for _, p in nodes if p is not None)
        for n, parent in nodes:
            a = arts[n["article_id"]]
            if parent is None:
                assert n["generation"] == 0 and n["kind"] is None and a["copy_of"] is None
                # an original copies no article of the story
                assert not any(
                    r["copy_article_id"] == n["article_id"] and r["direction"] == "known"
                    for r in rels
                )
                continue
            rel = lineage_rels[(parent["article_id"], n["article_id"])]
            kinds_seen.add(rel["kind"])
            assert n["generation"] == parent["generation"] + 1
            assert (n["kind"], n["lag"]) == (rel["kind"], rel["lag"])
            assert (a["copy_of"], a["copy_kind"]) == (parent["article_id"], rel["kind"])
            # the closest source: none of the copy's other known sources is more similar
            others = [r for r in rels if r["copy_article_id"] == n["article_id"]
                      and r["direction"] == "known"]  # fmt: skip
            assert rel["score"] == max(r["score"] for r in others)
    assert {"exact", "near", "translated"} <= kinds_seen
    # the demo's wire dispatch: Telekar's text copied word for word by Méridie Soir
    sarvel = next(v for v in views if v["story"]["label"].startswith("Sarvel"))
    pairs = {(p["outlet"], n["outlet"], n["kind"]) for n, p in _walk(sarvel["lineage"]) if p}
    assert ("Telekar", "Méridie Soir", "exact") in pairs


def test_story_page_draws_timeline_and_lineage(stories: StorySite) -> None:
    views = [v for v in _views(stories) if v["relations"]]
    view = max(views, key=lambda v: len(v["relations"]))
    sid = view["story"]["story_id"]
    r = stories.get(f"/stories/{sid}")
    assert r.status_code == 200
    page = assert_inert(r.text)
    svgs = [a for t, a in page.tags if t == "svg"]
    assert [a["aria-labelledby"] for a in svgs] == ["tl-title tl-desc", "lg-title lg-desc"]
    assert all(a["role"] == "img" for a in svgs)
    tl_html = r.text[r.text.index('aria-labelledby="tl-title') : r.text.index("</svg>")]
    lg_html = r.text[r.text.index('aria-labelledby="lg-title') :]
    lg_html = lg_html[: lg_html.index("</svg>")]
    dated = [a for a in view["articles"] if a["published"]]
    tl_links = re.findall(r'<a href="/articles/([0-9a-f]+)"', tl_html)
    assert sorted(tl_links) == sorted(a["article_id"] for a in dated)
    # the graph: a box per article of a relation, an arrow per lineage edge, no arrow head on
    # the undetermined ones, each edge labelled with its kind (and lag)
    nodes = list(_walk(view["lineage"]))
    assert sorted(re.findall(r'<a href="/articles/([0-9a-f]+)"', lg_html)) == sorted(
        n["article_id"] for n, _ in nodes
    )
    arrows = lg_html.count('marker-end="url(#lg-arrow)"')
    lineage_rels = [x for x in view["relations"] if x["role"] == "lineage"]
    undetermined = [x for x in view["relations"] if x["role"] == "undetermined"]
    assert arrows == len(lineage_rels) > 0
    assert lg_html.count('class="edge k-') == len(lineage_rels) + len(undetermined)
    assert lg_html.count(' undetermined"') == len(undetermined)
    labels = Tags(lg_html).all_text()
    for rel in lineage_rels:
        lag = "same time" if rel["lag_seconds"] == 0 else rel["lag"]
        assert f"{rel['kind']} · {lag}" in labels
    text = page.all_text()
    if undetermined:
        assert "undetermined" in labels and "which came first is unknown" in text
    # the list alternative: one item per article of the lineage, nested as the chains
    chains = r.text[r.text.index('<ul class="chains"') :]
    chains = chains[
        : min(chains.find(end) % len(chains) for end in ("<h3", "<details", "</section"))
    ]
    assert chains.count("<li>") == len(nodes)
    assert text.count("original:") == sum(1 for n in view["lineage"] if n["copies"])
    # the first-seen article is linked at the top; outlets link to their other stories
    assert f'href="/articles/{view["story"]["first_article"]}"' in r.text
    assert "/stories?outlet=" in r.text
    assert stories.get(f"/stories/{sid}", headers=JSON).json() == view


def test_story_without_copies_and_unknown_story(stories: StorySite) -> None:
    views = _views(stories)
    apart = next(v for v in views if not v["relations"])
    r = stories.get(f"/stories/{apart['story']['story_id']}")
    assert r.status_code == 200 and "No article of this story is a copy of another" in r.text
    assert r.text.count("<svg") == 1  # the timeline only
    for path in ("/stories/st-0000000000000000", "/stories/%3Cscript%3E", "/stories/a.b"):
        page = stories.get(path)
        assert page.status_code == 404, path
        assert_inert(page.text)
        twin = stories.get(path, headers=JSON)
        assert twin.status_code == 404 and set(twin.json()) == {"status", "detail"}
    assert stories.get("/stories/st-0000000000000000.json").status_code == 404


def test_hostile_story_is_inert(stories: StorySite) -> None:
    r = stories.get(f"/stories/{stories.hostile_id}")
    assert r.status_code == 200
    page = assert_inert(r.text)
    text = page.all_text()
    assert HOSTILE_LABEL in text and HOSTILE_OUTLET + "1" in text
    assert "<script>alert" not in r.text and "<img src=x" not in r.text
    assert "direction undetermined" in text.replace("\n", " ") or "undetermined" in text
    assert "&lt;b&gt;same time&lt;/b&gt;" in r.text  # the reason, escaped
    listing = stories.get("/stories", params={"outlet": "gazette"})
    assert HOSTILE_LABEL in assert_inert(listing.text).all_text()
    view = stories.get(f"/stories/{stories.hostile_id}.json").json()
    assert view["story"]["label"] == HOSTILE_LABEL
    assert [x["role"] for x in view["relations"]] == ["undetermined"]


def test_empty_store_has_an_empty_state(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    SQLiteStore(db).close()
    server, thread, url = serve(db)
    try:
        with httpx.Client(base_url=url, timeout=30) as client:
            data = client.get("/stories.json").json()
            assert data["total"] == 0 and data["stories"] == []
            page = client.get("/stories")
            assert page.status_code == 200 and "No story of 2 articles or more yet" in page.text
            assert client.get("/export/stories.csv").text.strip() == ",".join(STORY_EXPORT_FIELDS)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_openapi_lists_the_story_routes(stories: StorySite) -> None:
    schema = stories.get("/openapi.json").json()
    for path in ("/stories", "/stories.json", "/stories/{story_id}", "/stories/{story_id}.json",
                 "/export/stories.csv", "/export/stories.jsonl"):  # fmt: skip
        assert "get" in schema["paths"][path], path
    for twin, model in (
        ("/stories.json", "StoriesPage"),
        ("/stories/{story_id}.json", "StoryView"),
    ):
        ok = schema["paths"][twin]["get"]["responses"]["200"]["content"]["application/json"]
        assert ok["schema"] == {"$ref": f"#/components/schemas/{model}"}
        page = schema["paths"][twin.removesuffix(".json")]["get"]["responses"]["200"]["content"]
        assert set(page) == {"text/html", "application/json"} and page["application/json"] == ok
    assert "StoryLineageNode" in schema["components"]["schemas"]


def test_outlet_filter_resolved_or_not_finds_the_same(stories: StorySite) -> None:
    store = SQLiteStore(stories.db, readonly=True)
    try:
        keys = outlet_keys(store.outlet_names())
        for typed in ("echo", "ÉCHO", "telekar", "courrier de", "gazette", "e", "zzz", "%", "_"):
            plain = StoryFilters(outlet=typed)
            found = replace(plain, outlet_names=outlet_matches(keys, typed))
            slow = [s["story_id"] for s in store.story_list(plain, limit=100)]
            fast = [s["story_id"] for s in store.story_list(found, limit=100)]
            assert slow == fast, typed
            assert store.count_stories(plain) == store.count_stories(found) == len(slow)
        assert outlet_matches(keys, "zzz") == ()
    finally:
        store.close()


# -- the pieces --------------------------------------------------------------------------------


def test_lag_text_and_dates() -> None:
    assert lag_text(None) is None
    assert [lag_text(s) for s in (0, 59, 60, 3599, 3600, 7800, 86400, 111900, 302400)] == [
        "0 s", "59 s", "1 min", "59 min", "1 h", "2 h 10 min", "1 d", "1 d 7 h", "3 d 12 h",
    ]  # fmt: skip
    noon = datetime(2025, 2, 14, 12, tzinfo=UTC).timestamp()
    assert parse_when("2025-02-14") == (noon, True)
    assert parse_when("2025-02-14T12:00") == parse_when("2025-02-14T13:00+01:00") == (noon, False)
    assert parse_when("hier") is None and parse_when(None) is None
    assert short("a  b\nc", 10) == "a b c" and short("x" * 30, 10) == "x" * 9 + "…"


def _tree(n_roots: int, fanout: int, depth: int) -> list[dict[str, Any]]:
    counter = iter(range(10_000))

    def node(gen: int) -> dict[str, Any]:
        i = next(counter)
        return {
            "article_id": f"{i:016x}",
            "outlet": f"<b>Outlet {i}</b> with a very long name indeed",
            "published": f"2025-02-{10 + gen:02d}T0{gen}:00",
            "language": "fr",
            "title": f"Title {i}",
            "kind": "near" if gen else None,
            "lag": "1 h" if gen else None,
            "lag_seconds": 3600.0 if gen else None,
            "copies": [node(gen + 1) for _ in range(fanout)] if gen < depth else [],
        }

    return [node(0) for _ in range(n_roots)]


def test_lineage_graph_layout_is_layered_and_bounded() -> None:
    assert lineage_graph([], []) is None
    tree = _tree(3, 3, 2)  # 3 × (1 + 3 + 9) = 39 articles
    undetermined = [{"a": tree[0]["article_id"], "b": tree[1]["article_id"], "kind": "exact"}]
    g = lineage_graph(tree, undetermined)
    assert g is not None and g == lineage_graph(tree, undetermined)  # deterministic
    assert g["drawn"] == 39 and g["not_drawn"] == 0 and g["generations"] == 3
    nodes = {n["article_id"]: n for n in g["nodes"]}
    # no two boxes overlap, and everything is inside the drawing
    boxes = sorted((n["x"], n["y"]) for n in g["nodes"])
    for i, (x, y) in enumerate(boxes):
        assert x >= 0 and x + NODE_W <= g["width"] and y >= 0 and y + NODE_H <= g["height"]
        for x2, y2 in boxes[i + 1 :]:
            assert abs(x - x2) >= NODE_W or abs(y - y2) >= NODE_H
    # originals in the first column, each copy one column right of its source
    for root in tree:
        assert nodes[root["article_id"]]["x"] == min(n["x"] for n in g["nodes"])
    arrows = [e for e in g["edges"] if e["arrow"]]
    assert len(arrows) == 36 and g["undetermined"] == 1
    for e in arrows:
        assert nodes[e["target"]]["generation"] == nodes[e["source"]]["generation"] + 1
        assert e["label"] == "near · 1 h"
    (u,) = [e for e in g["edges"] if not e["arrow"]]
    assert u["label"] == "exact · undetermined"
    # labels are cut, never escaped here (the template escapes them)
    assert all(len(n["outlet"]) <= 21 and n["outlet"].startswith("<b>") for n in g["nodes"])
    # beyond the limit: the first ones breadth-first, the rest counted
    big = _tree(2, 4, 3)  # 2 × (1 + 4 + 16 + 64) = 170
    gb = lineage_graph(big, [])
    assert gb is not None and gb["drawn"] == MAX_NODES and gb["not_drawn"] == 170 - MAX_NODES
    drawn = {n["article_id"] for n in gb["nodes"]}
    assert {r["article_id"] for r in big} <= drawn
    assert all(c["article_id"] in drawn for r in big for c in r["copies"])
    assert all(e["source"] in drawn and e["target"] in drawn for e in gb["edges"])


def test_timeline_rows_per_outlet() -> None:
    arts = [
        {"article_id": f"{i:016x}", "outlet": f"Outlet {i % 3}", "published": p, "title": "t",
         "doc": "d", "first": i == 0, "copy_of": None if i < 2 else "0" * 16}
        for i, p in enumerate(["2025-02-14", "2025-02-14T08:00", "2025-02-15T09:30:00+01:00",
                               "2025-02-16T23:00Z", None])
    ]  # fmt: skip
    tl = timeline_chart(arts)
    assert tl is not None
    assert [r["text"] for r in tl["rows"]] == ["Outlet 1", "Outlet 0", "Outlet 2"]
    assert tl["undated"] == 1 and tl["date_only"] == 1 and len(tl["marks"]) == 4
    xs = {m["article_id"]: m["x"] for m in tl["marks"]}
    assert xs[f"{1:016x}"] < xs[f"{0:016x}"] < xs[f"{2:016x}"] < xs[f"{3:016x}"]
    assert [m["shape"] for m in tl["marks"]] == ["first", "own", "copy", "copy"]
    assert all(tl["left"] <= m["x"] <= tl["right"] for m in tl["marks"])
    assert tl["ticks"] and all(tl["left"] <= t["x"] <= tl["right"] for t in tl["ticks"])
    assert timeline_chart([{**arts[0], "published": None}]) is None


def test_timeline_beyond_its_rows_shares_a_last_row() -> None:
    arts = [
        {"article_id": f"{i:016x}", "outlet": f"<i>Outlet {i:02d}</i>", "title": None,
         "published": f"2025-02-{1 + i % 28:02d}T{i % 24:02d}:00", "doc": f"d{i}",
         "first": i == 0, "copy_of": None}
        for i in range(35)
    ]  # fmt: skip
    tl = timeline_chart(arts)
    assert tl is not None and len(tl["marks"]) == 35
    assert len(tl["rows"]) == 31 and tl["rows"][-1]["text"] == "5 other outlets"
    assert tl["rows"][0]["full"] == "<i>Outlet 00</i>"  # plain text: the template escapes it
    bottom = tl["rows"][-1]["y"]
    assert sum(1 for m in tl["marks"] if m["y"] == bottom) == 5
    assert tl["height"] == tl["baseline"] + 34
