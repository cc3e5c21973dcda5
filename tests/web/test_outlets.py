"""The outlets pages: ``/outlets`` (sorted, paged, filtered, exported) and ``/outlet?name=…``
(volume, languages, copy graph, lags, cited sources, share from state media), over the samples
and the demo corpus (the real ingest) plus crafted outlets whose names try to break URLs, paths
and pages, and crafted copies whose lags and citations are known."""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from web_html import JSON, Tags

from conftest import _copy_store, serve
from vigie.article import Article
from vigie.storage.sqlite import SQLiteStore, fold
from vigie.web.outlet_graph import LAG_BINS, MAX_SIDE, graph_layout, human_lag, lag_bins
from vigie.web.outlet_page import OUTLET_EXPORT_FIELDS, outlet_href

#: outlet names that try to escape a URL, a path or the page
WEIRD = [
    "a/b",
    "../../etc/passwd",
    "x.json",
    "<b onmouseover=alert(1)>Gras</b> & co",
    "  espacé  ",
    "100% Info?#frag&x=1",
    '=HYPERLINK("http://x")',
    "..",
    ".",
    "Agence\\Back",
    "Ünïcödé ☃",
]
ORIGIN = "Banc/Origine"
COPIER = "x.json"
#: the lags of COPIER's copies of ORIGIN's article (None: unknown), one per lag bin and one more
LAGS: list[float | None] = [600.0, 7200.0, 43200.0, 172800.0, 432000.0, 864000.0, None]
XINHUA = "新华社"
#: an outlet that published every other day for more than two years
DAILY = "Le Quotidien"
DAILY_ARTICLES = 450


def _article(
    outlet: str, n: int, published: str | None, citations: tuple[str, ...] = ()
) -> Article:
    text = (
        f"Article {n} de {outlet}\n\nUn texte court pour le test des pages d'outlets, numéro {n}.\n"
    )
    doc = f"crafted://outlets/{quote(outlet, safe='')}/{n}"
    a = Article(
        doc=doc,
        text=text,
        source_key=doc,
        title=f"Article {n} de {outlet}",
        outlet=outlet,
        language="fr",
        published=published,
    )
    cites = []
    for source in citations:
        start = text.index("texte")
        cites.append({"start": start, "end": start + 5, "text": "texte", "outlet": source})
    a.results = {"citations": cites}
    return a


def _relation(source: Article, copy: Article, lag: float | None, kind: str = "near") -> dict:
    return {
        "a": source.article_id,
        "b": copy.article_id,
        "kind": kind,
        "score": 0.9,
        "confidence": "high",
        "direction": "known",
        "source": source.article_id,
        "copy": copy.article_id,
        "lag_seconds": lag,
    }


@dataclass
class OutletSite:
    url: str
    client: httpx.Client
    db: Path

    def get(self, path: str, **kw: Any) -> httpx.Response:
        return self.client.get(path, **kw)

    def outlet(self, name: str) -> dict[str, Any]:
        r = self.get("/outlet.json", params={"name": name})
        assert r.status_code == 200, r.text
        return dict(r.json())

    def all_outlets(self) -> list[dict[str, Any]]:
        return list(self.get("/outlets.json", params={"limit": 500}).json()["outlets"])


@pytest.fixture(scope="module")
def outlet_site(actor_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[OutletSite]:
    """The demo store (samples, demo corpus, actors) plus the crafted outlets and copies."""
    db = tmp_path_factory.mktemp("outlets") / "o.db"
    _copy_store(actor_db, db)
    origin = _article(ORIGIN, 0, "2025-01-01T00:00:00+00:00")
    copies = [_article(COPIER, i, "2025-01-02") for i in range(len(LAGS))]
    # the first copy names its source; the others do not
    copies[0] = _article(COPIER, 0, "2025-01-02", citations=(ORIGIN,))
    xinhua = _article(XINHUA, 0, "2025-01-05T08:00:00+00:00")
    tass = _article("ТАСС", 0, "2025-01-04")
    ab = [
        _article("a/b", 0, "2025-01-05T09:00:00+00:00"),
        _article("a/b", 1, "2025-01-06", citations=("Tass", "Tass")),
        _article("a/b", 2, None),
    ]
    weird = [_article(name, 0, "2025-01-07") for name in WEIRD if name != "a/b"]
    daily = [
        _article(DAILY, i, (date(2023, 1, 1) + timedelta(days=2 * i)).isoformat())
        for i in range(DAILY_ARTICLES)
    ]
    store = SQLiteStore(db)
    try:
        store.write_articles([origin, *copies, xinhua, tass, *ab, *weird, *daily])
        relations = [_relation(origin, c, lag) for c, lag in zip(copies, LAGS, strict=True)]
        relations.append(_relation(xinhua, ab[0], 3600.0, "translated"))
        undetermined = _relation(ab[2], copies[1], None)
        undetermined.update(direction="undetermined", source=None, copy=None)
        relations.append(undetermined)
        store.save_copies(relations)
    finally:
        store.close()
    server, thread, url = serve(db)
    with httpx.Client(base_url=url, timeout=60) as client:
        yield OutletSite(url, client, db)
    server.should_exit = True
    thread.join(timeout=10)


# -- the list --------------------------------------------------------------------------------


def test_every_stored_outlet_is_listed_with_its_counts(outlet_site: OutletSite) -> None:
    data = outlet_site.get("/outlets.json", params={"limit": 500}).json()
    with SQLiteStore(outlet_site.db, readonly=True) as store:
        stored = dict(store.outlets())
        edges = store.outlet_copy_edges()
    rows = {o["name"]: o for o in data["outlets"]}
    assert data["total"] == len(stored) == len(rows)
    assert {n: r["articles"] for n, r in rows.items()} == stored
    # every copy edge is made by one outlet and copied from another
    assert sum(r["copies_made"] for r in rows.values()) == len(edges)
    assert sum(r["copied"] for r in rows.values()) == len(edges)
    telekar = rows["Telekar"]
    assert telekar["state_medium"] == "Telekar"
    assert telekar["copies_made"] == 0 and telekar["copied"] >= 3
    assert telekar["hidden_source_share"] is None
    assert telekar["languages"] == [{"value": "fr", "count": telekar["articles"]}]
    assert telekar["first"] <= telekar["last"]
    assert rows["Экран-К"]["state_medium"] == "Ekran-K"
    assert rows["Estafette"]["state_medium"] is None
    copier = rows[COPIER]
    assert copier["copies_made"] == len(LAGS)
    assert copier["hidden_source_share"] == round((len(LAGS) - 1) / len(LAGS), 3)
    assert rows[ORIGIN]["copied"] == len(LAGS)
    assert rows[XINHUA]["state_medium"] == "Xinhua"


def test_sorted_by_articles_then_by_other_columns(outlet_site: OutletSite) -> None:
    def names(**params: Any) -> list[dict[str, Any]]:
        r = outlet_site.get("/outlets.json", params={"limit": 500, **params})
        assert r.status_code == 200, r.text
        return list(r.json()["outlets"])

    by_articles = [o["articles"] for o in names()]
    assert by_articles == sorted(by_articles, reverse=True)
    assert [o["articles"] for o in names(order="asc")] == sorted(by_articles)
    by_name = [fold(o["name"]) or "" for o in names(sort="name")]
    assert by_name == sorted(by_name)
    assert [fold(o["name"]) or "" for o in names(sort="name", order="desc")] == sorted(
        by_name, reverse=True
    )
    copied = names(sort="copied")
    assert [o["copied"] for o in copied] == sorted((o["copied"] for o in copied), reverse=True)
    hidden = [o["hidden_source_share"] for o in names(sort="hidden_source_share")]
    present = [h for h in hidden if h is not None]
    # outlets that made no copy come last, whatever the order
    assert hidden == present + [None] * (len(hidden) - len(present))
    assert present == sorted(present, reverse=True)
    latest = [o["last"] for o in names(sort="last") if o["last"]]
    assert latest == sorted(latest, reverse=True)


def test_paged_and_filtered_by_name(outlet_site: OutletSite) -> None:
    everything = outlet_site.all_outlets()
    page = outlet_site.get("/outlets.json", params={"limit": 5, "offset": 5}).json()
    assert [o["name"] for o in page["outlets"]] == [o["name"] for o in everything[5:10]]
    assert (page["limit"], page["offset"], page["total"]) == (5, 5, len(everything))
    # part of the name, case and accents ignored
    found = outlet_site.get("/outlets.json", params={"name": "MERIDIE soir"}).json()
    assert [o["name"] for o in found["outlets"]] == ["Méridie Soir"]
    assert found["filters"] == {"name": "MERIDIE soir"}
    nothing = outlet_site.get("/outlets.json", params={"name": "zzz-none"}).json()
    assert nothing["total"] == 0 and nothing["outlets"] == []
    html = outlet_site.get("/outlets", params={"name": "zzz-none"}).text
    assert "No outlet name contains" in html


@pytest.mark.parametrize(
    "params",
    [{"sort": "title"}, {"order": "up"}, {"limit": "0"}, {"limit": "501"}, {"offset": "-1"}],
)
def test_bad_list_parameters_are_422(outlet_site: OutletSite, params: dict[str, str]) -> None:
    for path in ("/outlets.json", "/outlets", "/export/outlets.csv"):
        if path.startswith("/export") and ("limit" in params or "offset" in params):
            continue
        r = outlet_site.get(path, params=params, headers=JSON)
        assert r.status_code == 422, (path, params, r.text)
        assert r.json()["status"] == 422


def test_outlets_page_is_an_accessible_sortable_table(outlet_site: OutletSite) -> None:
    r = outlet_site.get("/outlets", params={"limit": 500})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = Tags(r.text)
    assert "<caption" in r.text and 'scope="col"' in r.text and 'scope="row"' in r.text
    assert 'aria-sort="descending"' in r.text
    hrefs = [a.get("href") or "" for t, a in page.tags if t == "a"]
    # a column heading sorts by it; the column in force reverses
    assert "/outlets?limit=500&sort=articles&order=asc" in hrefs
    assert "/outlets?limit=500&sort=name" in hrefs
    # each outlet links to its page, its name percent-encoded in a query parameter
    for name in [*WEIRD, "Telekar", "Méridie Soir"]:
        assert outlet_href(name) in hrefs, name
    assert "/outlet?name=a%2Fb" in hrefs and "/outlet?name=%3Cb%20onmouseover" in r.text
    assert "/export/outlets.csv" in hrefs and "/export/outlets.jsonl" in hrefs
    # the hostile name is text
    assert "<b onmouseover" not in r.text and "&lt;b onmouseover=alert(1)&gt;Gras" in r.text
    assert 'class="state-tag"' in r.text
    # labelled form controls
    for control in ("name", "limit"):
        assert f'<label for="{control}">' in r.text and f'id="{control}"' in r.text


def test_the_json_twin_answers_the_page_url_too(outlet_site: OutletSite) -> None:
    twin = outlet_site.get("/outlets.json", params={"sort": "name"}).json()
    page = outlet_site.get("/outlets", params={"sort": "name"}, headers=JSON).json()
    assert twin == page
    html = outlet_site.get("/outlets", params={"sort": "name"}).text
    assert 'href="/outlets.json?sort=name"' in html


# -- exports ---------------------------------------------------------------------------------


def test_csv_and_jsonl_exports_follow_the_filter_and_order(outlet_site: OutletSite) -> None:
    params = {"sort": "name", "name": "e"}
    listed = outlet_site.get("/outlets.json", params={**params, "limit": 500}).json()["outlets"]
    r = outlet_site.get("/export/outlets.csv", params=params)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == OUTLET_EXPORT_FIELDS
    assert len(rows) == len(listed) + 1
    names = [row[0] for row in rows[1:]]
    assert names[0] == listed[0]["name"] and names[-1] == listed[-1]["name"]
    j = outlet_site.get("/export/outlets.jsonl", params=params)
    assert j.headers["content-type"].startswith("application/x-ndjson")
    records = [json.loads(line) for line in j.text.splitlines()]
    assert [rec["name"] for rec in records] == [o["name"] for o in listed]
    assert all(list(rec) == OUTLET_EXPORT_FIELDS for rec in records)
    first = records[0]
    assert first["languages"] == {x["value"]: x["count"] for x in listed[0]["languages"]}


def test_a_formula_outlet_is_neutralised_in_the_csv(outlet_site: OutletSite) -> None:
    r = outlet_site.get("/export/outlets.csv", params={"name": "HYPERLINK"})
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[1][0] == "'" + '=HYPERLINK("http://x")'
    j = outlet_site.get("/export/outlets.jsonl", params={"name": "HYPERLINK"})
    assert json.loads(j.text)["name"] == '=HYPERLINK("http://x")'


# -- one outlet ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", WEIRD)
def test_any_name_goes_to_its_page_and_back(outlet_site: OutletSite, name: str) -> None:
    link = outlet_href(name)
    assert link.startswith("/outlet?name=") and "/" not in link.removeprefix("/outlet")
    r = outlet_site.get(link, headers=JSON)
    assert r.status_code == 200, r.text
    assert r.json()["outlet"]["name"] == name
    assert r.json()["outlet"]["link"] == link
    twin = outlet_site.get(link.replace("/outlet?", "/outlet.json?"))
    assert twin.json() == r.json()
    html = outlet_site.get(link)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "<b onmouseover" not in html.text


def test_unknown_or_missing_outlet(outlet_site: OutletSite) -> None:
    for path in ("/outlet", "/outlet.json"):
        r = outlet_site.get(path, params={"name": "Le Monde imaginaire"}, headers=JSON)
        assert r.status_code == 404
        assert r.json() == {
            "status": 404,
            "detail": "no article has the outlet 'Le Monde imaginaire'",
        }
        assert outlet_site.get(path, headers=JSON).status_code == 422
        assert outlet_site.get(path, params={"name": ""}, headers=JSON).status_code == 422
    page = outlet_site.get("/outlet", params={"name": "<i>none</i>"})
    assert page.status_code == 404 and "<i>none" not in page.text
    # a name that differs only by case or spaces is another outlet
    assert outlet_site.get("/outlet.json", params={"name": "telekar"}).status_code == 404
    assert outlet_site.get("/outlet.json", params={"name": "espacé"}).status_code == 404


def test_a_name_in_the_path_redirects_to_the_page(outlet_site: OutletSite) -> None:
    r = outlet_site.get("/outlets/Telekar")
    assert r.status_code == 307 and r.headers["location"] == "/outlet?name=Telekar"
    r = outlet_site.get("/outlets/a%2Fb")
    assert r.headers["location"] == "/outlet?name=a%2Fb"
    r = outlet_site.get("/outlets/x.json")
    assert r.headers["location"] == "/outlet?name=x.json"
    followed = outlet_site.get("/outlets/M%C3%A9ridie%20Soir", follow_redirects=True)
    assert followed.status_code == 200 and "Méridie Soir" in followed.text
    assert outlet_site.get("/outlets/").headers["location"] == "/outlets"


def test_demo_agency_is_copied_and_on_the_state_list(outlet_site: OutletSite) -> None:
    data = outlet_site.outlet("Telekar")
    o = data["outlet"]
    assert o["state_medium"] == "Telekar" and data["state"]["itself"] == "Telekar"
    assert data["sources"] == [] and data["copies_made"] == 0
    assert data["copied"] == sum(e["copies"] for e in data["copiers"]) >= 3
    assert data["volume"]["total"] + data["volume"]["undated"] == o["articles"]
    assert sum(b["count"] for b in data["volume"]["buckets"]) == data["volume"]["total"]
    assert (
        sum(b["count"] for b in data["lags"]["of"]) + data["lags"]["of_unknown"] == data["copied"]
    )
    listed = {r["name"] for r in outlet_site.all_outlets()}
    for e in data["copiers"]:
        assert e["outlet"] in listed and e["link"] == outlet_href(e["outlet"])
        assert e["copies"] == sum(e["kinds"].values())
        assert 0 <= e["hidden_source_share"] <= 1
    # its copiers take state content from it
    copier = outlet_site.outlet(data["copiers"][0]["outlet"])
    assert "Telekar" in {a["name"] for a in copier["state"]["agencies"]}
    assert copier["state"]["share"] > 0
    assert any(e["outlet"] == "Telekar" and e["state_medium"] for e in copier["sources"])


def test_copies_edges_lags_and_hidden_sources(outlet_site: OutletSite) -> None:
    copier = outlet_site.outlet(COPIER)
    [edge] = copier["sources"]
    assert edge["outlet"] == ORIGIN and edge["copies"] == len(LAGS)
    assert edge["kinds"] == {"near": len(LAGS)}
    known = sorted(lag for lag in LAGS if lag is not None)
    assert edge["median_lag_seconds"] == (known[2] + known[3]) / 2
    assert edge["hidden_source_share"] == round((len(LAGS) - 1) / len(LAGS), 3)
    assert [b["count"] for b in copier["lags"]["made"]] == [1] * len(LAG_BINS)
    assert copier["lags"]["made_unknown"] == 1
    assert copier["lags"]["of_unknown"] == 0 and copier["copied"] == 0
    assert copier["undetermined"] == 1
    origin = outlet_site.outlet(ORIGIN)
    assert [e["outlet"] for e in origin["copiers"]] == [COPIER]
    assert origin["lags"]["of"] == copier["lags"]["made"]
    # the copy that names its source cites the origin; the origin is an outlet with a page
    cited = {c["source"]: c for c in copier["citations"]}
    assert cited[ORIGIN]["mentions"] == 1 and cited[ORIGIN]["outlet_link"] == outlet_href(ORIGIN)


def test_share_of_content_from_state_media(outlet_site: OutletSite) -> None:
    data = outlet_site.outlet("a/b")
    state = data["state"]
    # one article copies Xinhua, one cites TASS twice, one neither
    assert (state["articles"], state["total"], state["share"]) == (2, 3, 0.667)
    assert state["itself"] is None and state["listed"] >= 40
    agencies = {a["name"]: a for a in state["agencies"]}
    assert agencies["Xinhua"] == {
        "name": "Xinhua", "country": "China", "copies": 1, "citations": 0, "articles": 1,
    }  # fmt: skip
    assert agencies["TASS"]["citations"] == 2 and agencies["TASS"]["articles"] == 1
    [source] = data["sources"]
    assert source["outlet"] == XINHUA and source["state_medium"] == "Xinhua"
    assert source["kinds"] == {"translated": 1} and source["median_lag_seconds"] == 3600
    [tass] = data["citations"]
    assert (tass["source"], tass["mentions"], tass["articles"]) == ("Tass", 2, 1)
    assert tass["state_medium"] == "TASS"
    # cited as "Tass", stored as "ТАСС": one state medium, so the citation links the outlet
    assert tass["outlet"] == "ТАСС" and tass["outlet_link"] == outlet_href("ТАСС")
    assert data["volume"]["undated"] == 1 and data["languages"] == [{"value": "fr", "count": 3}]
    html = outlet_site.get(outlet_href("a/b")).text
    assert "67&nbsp;%" in html and "Xinhua" in html


def test_outlet_page_draws_the_graph_and_its_tables(outlet_site: OutletSite) -> None:
    r = outlet_site.get(outlet_href("Telekar"))
    assert r.status_code == 200
    html = r.text
    page = Tags(html)
    svgs = [a for t, a in page.tags if t == "svg"]
    classes = [a.get("class") for a in svgs]
    assert "outlet-graph" in classes and "chart" in classes  # the graph, the volume
    assert "chart lag-chart" in classes  # copies of it: one histogram
    for a in svgs:
        assert a.get("role") == "img" and a.get("aria-labelledby")
    assert '<title id="graph-title">Copies between Telekar and other outlets</title>' in html
    data = outlet_site.outlet("Telekar")
    for e in data["copiers"]:
        # a node in the graph and a row in the table, both linking the outlet
        assert html.count(f'href="{e["link"]}"') >= 2
    assert "copies no other outlet" in html
    assert "is itself on the list, as Telekar" in html
    # headings in order, no level skipped
    levels = [int(t[1]) for t, _ in page.tags if t in ("h1", "h2", "h3")]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels))
    # no script, no inline style or handler
    names = {t for t, _ in page.tags}
    assert not names & {"script", "style", "img", "iframe"}
    assert all(not k.startswith("on") and k != "style" for _, attrs in page.tags for k in attrs)


def test_outlet_page_of_a_hostile_name_stays_inert(outlet_site: OutletSite) -> None:
    name = "<b onmouseover=alert(1)>Gras</b> & co"
    html = outlet_site.get(outlet_href(name)).text
    page = Tags(html)
    assert not {t for t, _ in page.tags} & {"b", "script"}
    assert "&lt;b onmouseover=alert(1)&gt;Gras&lt;/b&gt; &amp; co" in html
    assert all(not k.startswith("on") for _, attrs in page.tags for k in attrs)


def test_volume_units(outlet_site: OutletSite) -> None:
    for unit, sample in (("day", "2025-01-02"), ("week", "2025-W01"), ("month", "2025-01")):
        data = outlet_site.get("/outlet.json", params={"name": COPIER, "unit": unit}).json()
        assert data["volume"]["unit"] == unit
        assert data["volume"]["buckets"] == [{"period": sample, "count": len(LAGS)}]
    bad = outlet_site.get("/outlet.json", params={"name": COPIER, "unit": "hour"})
    assert bad.status_code == 422


def test_empty_store_shows_an_empty_state(writable: Any) -> None:
    client = writable.client
    data = client.get("/outlets.json").json()
    assert data["total"] == 0 and data["outlets"] == []
    html = client.get("/outlets").text
    assert "The store holds no article with an outlet yet" in html
    assert client.get("/outlet", params={"name": "x"}).status_code == 404
    csv_text = client.get("/export/outlets.csv").text
    assert csv_text.strip() == ",".join(OUTLET_EXPORT_FIELDS)


# -- geometry --------------------------------------------------------------------------------


def test_lag_bins_bounds() -> None:
    bins, unknown = lag_bins([0, 3599, 3600, 21600, 86399, 86400, 604799, 604800, -5, None])
    assert [b["count"] for b in bins] == [3, 1, 2, 1, 1, 1]
    assert unknown == 1
    assert next(b["label"] for b in bins) == "under 1 h" and bins[-1]["to_seconds"] is None
    assert human_lag(None) == "—" and human_lag(90) == "2 min"
    assert human_lag(5 * 3600) == "5.0 h" and human_lag(3 * 86400) == "3.0 days"


def test_graph_layout_keeps_the_busiest_and_stays_in_the_box() -> None:
    def edge(name: str, n: int) -> dict[str, Any]:
        return {"outlet": name, "copies": n, "median_lag_seconds": 60.0, "link": outlet_href(name)}

    sources = [edge(f"source {i}", 20 - i) for i in range(MAX_SIDE + 3)]
    copiers = [edge("un nom d'outlet bien trop long pour tenir dans la boîte", 2)]
    g = graph_layout("centre", sources, copiers)
    assert g is not None
    assert len(g["left"]) == MAX_SIDE and g["hidden_left"] == 3 and g["hidden_right"] == 0
    assert len(g["edges"]) == MAX_SIDE + 1
    assert g["right"][0]["label"].endswith("…") and len(g["right"][0]["label"]) <= 21
    for n in g["left"] + g["right"]:
        assert n["x"] >= 0 and n["x"] + g["node_w"] <= g["width"]
        assert n["y"] >= 0 and n["y"] + g["node_h"] <= g["height"]
    strokes = [e["stroke"] for e in g["edges"][:MAX_SIDE]]
    assert strokes == sorted(strokes, reverse=True)
    assert graph_layout("seul", [], []) is None


def test_cited_sources_link_the_actor_of_the_same_name(outlet_site: OutletSite) -> None:
    linked = 0
    for o in outlet_site.all_outlets():
        if o["articles"] > 10:
            continue
        data = outlet_site.outlet(o["name"])
        for c in data["citations"]:
            assert c["key"] == fold(c["source"])
            if c["actor_id"]:
                actor = outlet_site.get(f"/actors/{c['actor_id']}.json").json()["actor"]
                assert fold(actor["name"]) == c["key"]
                html = outlet_site.get(o["link"]).text
                assert f'href="/actors/{c["actor_id"]}"' in html
                linked += 1
    assert linked >= 1, "no cited source of the demo corpus has an actor of its name"


def test_edges_read_either_way_are_the_same(outlet_site: OutletSite) -> None:
    def key(e: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(sorted((k, str(v)) for k, v in e.items()))

    rows = outlet_site.all_outlets()
    with SQLiteStore(outlet_site.db, readonly=True) as store:
        for o in rows:
            by_articles = store.outlet_edges(o["name"])
            by_copies = store.outlet_edges(o["name"], scan_copies=True)
            assert sorted(map(key, by_articles)) == sorted(map(key, by_copies)), o["name"]
            assert o["undetermined"] == store.outlet_undetermined(o["name"]), o["name"]
    assert sum(o["undetermined"] for o in rows) % 2 == 0
    assert {o["name"]: o["undetermined"] for o in rows}[COPIER] == 1


def test_too_many_days_are_not_drawn(outlet_site: OutletSite) -> None:
    link = outlet_href(DAILY)
    data = outlet_site.get(link + "&unit=day", headers=JSON).json()["volume"]
    assert data["unit"] == "day" and not data["filled"]
    assert len(data["buckets"]) == DAILY_ARTICLES == data["total"]
    html = outlet_site.get(link + "&unit=day").text
    assert "too many to draw or list here" in html
    assert 'class="chart"' not in html and "The counts as a table" not in html
    auto = outlet_site.get(link).text
    assert 'class="chart"' in auto and "too many to draw" not in auto
    weekly = outlet_site.get(link + "&unit=week", headers=JSON).json()["volume"]
    assert weekly["unit"] == "week" and weekly["total"] == DAILY_ARTICLES


# -- who relays chosen sources ----------------------------------------------------------------


def test_relays_count_copies_and_citations_of_the_sources(outlet_site: OutletSite) -> None:
    r = outlet_site.get("/relays.json", params={"sources": "tass.ru, Xinhua"})
    assert r.status_code == 200, r.text
    data = r.json()
    assert [s["name"] for s in data["sources"]] == ["TASS", "Xinhua"]
    rows = {o["outlet"]: o for o in data["outlets"]}
    ab = rows["a/b"]  # a translated copy of Xinhua (hiding it) and an article citing "Tass"
    assert (ab["copies"], ab["copies_hiding_source"], ab["citing"], ab["derived"]) == (1, 1, 1, 2)
    assert ab["articles"] == 3 and ab["share"] == round(2 / 3, 3)
    assert ab["sources"] == {"TASS": 1, "Xinhua": 1}
    assert ab["link"] == outlet_href("a/b")
    assert "ТАСС" not in rows and XINHUA not in rows  # the sources are not their own relays
    # the page says the same, as a table linking each outlet
    page = outlet_site.get("/relays", params={"sources": "tass.ru, Xinhua"})
    assert page.status_code == 200
    assert f'href="{outlet_href("a/b")}"'.replace("&", "&amp;") in page.text
    twin = outlet_site.get("/relays", params={"sources": "tass.ru, Xinhua"}, headers=JSON)
    assert twin.json() == data


def test_relays_of_the_demo_agency_and_bad_requests(outlet_site: OutletSite) -> None:
    data = outlet_site.get("/relays.json", params={"sources": "Телекар"}).json()
    assert [s["name"] for s in data["sources"]] == ["Telekar"]
    assert data["outlets"] and all(o["outlet"] != "Telekar" for o in data["outlets"])
    assert sum(o["copies"] for o in data["outlets"]) == outlet_site.outlet("Telekar")["copied"]
    empty = outlet_site.get("/relays")
    assert empty.status_code == 200 and "Who relays a source?" in empty.text
    assert outlet_site.get("/relays.json").status_code == 422
    assert outlet_site.get("/relays.json", params={"sources": " , "}).status_code in (400, 422)
    assert outlet_site.get("/relays.json", params={"sources": "x" * 1001}).status_code == 422
    hostile = outlet_site.get("/relays", params={"sources": "<script>alert(1)</script>"})
    assert hostile.status_code == 200 and "<script>alert" not in hostile.text
