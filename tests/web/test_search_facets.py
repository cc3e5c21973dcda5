"""The search page's facets and filters beyond outlet and language — actor (quoted or named),
story, has-quotes, is-copy — in its JSON twin, its HTML (links, chips, export links) and the
article export, over the demo store of conftest (the real ingest: actors, copies, stories),
plus an actor and a story whose names try to break the page."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from store_records import actor_record, story_record
from web_html import JSON, Tags, assert_inert

from conftest import digest, serve
from vigie.storage.sqlite import ArticleFilters, SQLiteStore

#: words that match most of the demo corpus (French and English articles)
WIDE = "le OR la OR the OR de"
HOSTILE_NAME = '<script>alert("actor")</script>\u202eKarl <img src=x onerror=alert(1)>'
HOSTILE_LABEL = "<b onmouseover=alert(2)>Récit</b> · \u202egnp · javascript:alert(3)"
HOSTILE_ACTOR = "per:<x> & y?"
HOSTILE_STORY = "st-</a>&\"'"


class FacetSite:
    def __init__(self, client: httpx.Client, db: Path) -> None:
        self.client = client
        self.db = db

    def get(self, path: str, **kw: Any) -> httpx.Response:
        return self.client.get(path, **kw)

    def search(self, **params: str) -> dict[str, Any]:
        r = self.get("/search.json", params={"limit": "100", **params})
        assert r.status_code == 200, r.text
        data: dict[str, Any] = r.json()
        return data

    def article_ids(self, filters: ArticleFilters) -> set[str]:
        with SQLiteStore(self.db, readonly=True) as store:
            return set(store.article_ids(filters))


@pytest.fixture(scope="module")
def facet_site(actor_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FacetSite]:
    """The demo store of conftest, copied, with the articles about Korvansk moved to a story
    and naming an actor, whose label and name are hostile; served read-only."""
    db = tmp_path_factory.mktemp("facets") / "f.db"
    with closing(SQLiteStore(actor_db, readonly=True)) as src, SQLiteStore(db) as dst:
        src.conn.backup(dst.conn)
    with SQLiteStore(db) as store:
        targets = [h.article_id for h in store.search("Korvansk", limit=100).hits]
        marks = ", ".join("?" * len(targets))
        rows = store.conn.execute(
            "SELECT a.article_id, m.source, m.idx, m.part, m.unit, m.actor_id"
            " FROM actor_mentions m JOIN articles a ON a.rowid = m.article_rowid"
            f" WHERE a.article_id IN ({marks})",
            targets,
        ).fetchall()
        # the hostile actor named in every article about Korvansk, which make a story
        mentions = [tuple(r) for r in rows]
        mentions += [(t, "entity", 999, 0, "n:karl", HOSTILE_ACTOR) for t in targets]
        state = store.actor_state()
        assert state is not None
        store.write_actors(
            state=state[0],
            registry=state[1],
            mentions=mentions,
            upsert=[actor_record(HOSTILE_ACTOR, HOSTILE_NAME)],
        )
        store.write_stories([story_record(HOSTILE_STORY, HOSTILE_LABEL, targets)], [], [], {})
    before = digest(db)
    server, thread, url = serve(db)
    with httpx.Client(base_url=url, timeout=30) as client:
        yield FacetSite(client, db)
    server.should_exit = True
    thread.join(timeout=10)
    assert digest(db) == before


# -- JSON twin -----------------------------------------------------------------------------


def test_every_facet_is_counted(facet_site: FacetSite) -> None:
    data = facet_site.search(q=WIDE)
    facets = data["facets"]
    assert set(facets) == {
        "outlet",
        "language",
        "actor",
        "story",
        "has_quotes",
        "is_copy",
        "actor_sample",
    }
    total = data["total"]
    assert total > 30 and facets["actor_sample"] is None
    for name in ("has_quotes", "is_copy"):
        values = {v["value"]: v["count"] for v in facets[name]}
        assert set(values) == {"yes", "no"} and sum(values.values()) == total, name
    assert facets["actor"] and all(v["label"] for v in facets["actor"])
    assert facets["story"] and all(v["label"] for v in facets["story"])
    counts = [v["count"] for v in facets["actor"]]
    assert counts == sorted(counts, reverse=True)


@pytest.mark.parametrize(
    ("facet", "param"),
    [("actor", "actor"), ("story", "story"), ("has_quotes", "has_quotes"), ("is_copy", "is_copy")],
)
def test_a_facet_count_is_what_its_filter_finds(
    facet_site: FacetSite, facet: str, param: str
) -> None:
    """Following any facet value gives as many results as it said, and the filtered page keeps
    counting the facet's other values (its own filter is left out of its counts)."""
    data = facet_site.search(q=WIDE)
    for value in data["facets"][facet][:4]:
        narrowed = facet_site.search(q=WIDE, **{param: value["value"]})
        assert narrowed["total"] == value["count"], (facet, value)
        assert narrowed["filters"] == {param: value["value"]}
        assert narrowed["facets"][facet] == data["facets"][facet]
        outlets = sum(v["count"] for v in narrowed["facets"]["outlet"])
        assert outlets <= narrowed["total"]


def test_filters_combine_and_match_the_store(facet_site: FacetSite) -> None:
    data = facet_site.search(q=WIDE)
    actor = data["facets"]["actor"][0]["value"]
    both = facet_site.search(q=WIDE, actor=actor, is_copy="no", has_quotes="yes")
    expected = facet_site.article_ids(ArticleFilters(actor=actor, is_copy=False, has_quotes=True))
    found = {h["article_id"] for h in both["hits"]}
    assert found and found <= expected
    assert both["filters"] == {"actor": actor, "is_copy": "no", "has_quotes": "yes"}
    # the volume chart counts the same articles
    dated = sum(b["count"] for b in both["volume"]["buckets"])
    assert dated <= both["total"]


def test_is_copy_follows_its_definition(facet_site: FacetSite) -> None:
    """Copies: the copy side of a relation whose direction is known, or either side of an
    exact or near relation whose direction is not."""
    with SQLiteStore(facet_site.db, readonly=True) as store:
        relations = store.copies()
    assert {r["direction"] for r in relations} == {"known", "undetermined"}
    expected: set[str] = set()
    for r in relations:
        if r["direction"] == "known":
            expected.add(r["copy_id"])
        elif r["kind"] in ("exact", "near"):
            expected |= {r["a_id"], r["b_id"]}
    sources_only = {r["source_id"] for r in relations if r["direction"] == "known"} - expected
    assert sources_only
    assert facet_site.article_ids(ArticleFilters(is_copy=True)) == expected
    copies = facet_site.search(q=WIDE, is_copy="yes")
    assert {h["article_id"] for h in copies["hits"]} <= expected
    not_copies = {h["article_id"] for h in facet_site.search(q=WIDE, is_copy="no")["hits"]}
    assert not not_copies & expected and not_copies & sources_only


def test_bad_and_unknown_values(facet_site: FacetSite) -> None:
    for params in (
        {"has_quotes": "maybe"},
        {"is_copy": "1"},
        {"actor": "x" * 201},
        {"story": "s" * 201},
    ):
        r = facet_site.get("/search.json", params={"q": WIDE, **params})
        assert r.status_code == 422, params
        assert r.json()["status"] == 422 and r.json()["detail"]
        assert facet_site.get("/export/articles.csv", params=params).status_code == 422
    # empty form fields are no filter; an unknown id matches nothing
    assert facet_site.search(q=WIDE, has_quotes="", is_copy="", actor="")["filters"] == {}
    unknown = facet_site.search(q=WIDE, actor="per:nobody-at-all")
    assert unknown["total"] == 0 and unknown["facets"]["actor"] == []
    page = facet_site.get("/search", params={"q": WIDE, "actor": "per:nobody-at-all"})
    assert page.status_code == 200 and "per:nobody-at-all (no such actor)" in page.text


# -- the page ------------------------------------------------------------------------------


def _links(html: str) -> list[tuple[str, str]]:
    """``(href, text)`` of each link of the page's facets."""
    start = html.index('<aside class="facets"')
    return _anchors(html[start : html.index("</aside>", start)])


def _anchors(html: str) -> list[tuple[str, str]]:
    class Anchors(Tags):
        def __init__(self, text: str) -> None:
            self.found: list[tuple[str, str]] = []
            self._href: str | None = None
            super().__init__(text)

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            super().handle_starttag(tag, attrs)
            if tag == "a":
                self._href = dict(attrs).get("href") or ""
                self.found.append((self._href, ""))

        def handle_data(self, data: str) -> None:
            super().handle_data(data)
            if self._href is not None and self.found:
                href, text = self.found[-1]
                self.found[-1] = (href, text + data)

        def handle_endtag(self, tag: str) -> None:
            if tag == "a":
                self._href = None

    return Anchors(html).found


def test_page_links_filter_by_actor_and_story(facet_site: FacetSite) -> None:
    data = facet_site.search(q=WIDE)
    page = facet_site.get("/search", params={"q": WIDE})
    assert page.status_code == 200
    links = _links(page.text)
    top = data["facets"]["actor"][0]
    actor_links = [h for h, text in links if text == top["label"]]
    assert actor_links, top
    query = parse_qs(urlsplit(actor_links[0]).query)
    assert query == {"q": [WIDE], "actor": [top["value"]]}
    story = data["facets"]["story"][0]
    assert any(parse_qs(urlsplit(h).query).get("story") == [story["value"]] for h, _ in links)
    texts = {text for _, text in links}
    assert {"with quotations", "without quotations", "copies", "not copies"} <= texts


def test_page_with_filters_shows_chips_and_keeps_them_in_exports(facet_site: FacetSite) -> None:
    data = facet_site.search(q=WIDE)
    actor = next(v for v in data["facets"]["actor"] if v["value"] != HOSTILE_ACTOR)
    params = {"q": WIDE, "actor": actor["value"], "is_copy": "no", "lang": "fr"}
    page = facet_site.get("/search", params=params)
    html = page.text
    assert f"actor: <bdi>{actor['label']}</bdi>" in html and "not copies" in html
    assert '<strong aria-current="true">not copies</strong>' in html
    anchors = _anchors(html)
    removes = [h for h, text in anchors if text == "×"]
    kept = sorted(sorted(parse_qs(urlsplit(h).query)) for h in removes)
    assert kept == [["actor", "is_copy", "q"], ["actor", "lang", "q"], ["is_copy", "lang", "q"]]
    # a new query from the form keeps the facet filters (hidden fields; chips remove them)
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', html))
    assert hidden == {"actor": actor["value"], "is_copy": "no"}
    clear = next(h for h, text in anchors if text == "clear filters")
    assert parse_qs(urlsplit(clear).query) == {"q": [WIDE]}
    # every export link carries every filter
    exports = {h for h, _ in anchors if h.startswith("/export/")}
    csv_link = next(h for h in exports if h.startswith("/export/articles.csv"))
    assert parse_qs(urlsplit(csv_link).query) == {
        "actor": [actor["value"]],
        "is_copy": ["no"],
        "lang": ["fr"],
    }
    for kind in ("quotes", "citations", "events"):
        link = next(h for h in exports if h.startswith(f"/export/{kind}.csv"))
        assert parse_qs(urlsplit(link).query) == {
            "actor": [actor["value"]],
            "is_copy": ["no"],
            "lang": ["fr"],
        }
    assert "follow the outlet, language and date filters only" not in html
    # and the export gives the articles of those filters (all of them, not only the words)
    rows = list(csv.DictReader(io.StringIO(facet_site.get(csv_link).text)))
    expected = facet_site.article_ids(
        ArticleFilters(actor=actor["value"], is_copy=False, language="fr")
    )
    assert rows and {r["article_id"] for r in rows} == expected
    jsonl = facet_site.get(csv_link.replace("articles.csv", "articles.jsonl")).text
    assert {json.loads(line)["article_id"] for line in jsonl.splitlines()} == expected
    # the JSON twin of the page says the same
    assert facet_site.get("/search", params=params, headers=JSON).json()["filters"] == {
        "actor": actor["value"],
        "is_copy": "no",
        "language": "fr",
    }


def test_hostile_actor_and_story_names_stay_text(facet_site: FacetSite) -> None:
    data = facet_site.search(q="Korvansk")
    total = data["total"]
    assert total > 3
    actor = {"value": HOSTILE_ACTOR, "count": total, "label": HOSTILE_NAME}
    assert actor in data["facets"]["actor"]
    assert data["facets"]["story"] == [
        {"value": HOSTILE_STORY, "count": total, "label": HOSTILE_LABEL}
    ]
    page = facet_site.get("/search", params={"q": "Korvansk"})
    assert_inert(page.text)
    assert "&lt;script&gt;alert(&#34;actor&#34;)&lt;/script&gt;" in page.text
    hrefs = [h for h, _ in _links(page.text)]
    by_actor = [h for h in hrefs if parse_qs(urlsplit(h).query).get("actor") == [HOSTILE_ACTOR]]
    by_story = [h for h in hrefs if parse_qs(urlsplit(h).query).get("story") == [HOSTILE_STORY]]
    assert by_actor and by_story
    for href in (by_actor[0], by_story[0]):
        followed = facet_site.get(href)
        assert followed.status_code == 200
        assert_inert(followed.text)
        assert f"{total} articles for" in followed.text
        # the chip names the actor or story, escaped
        assert "&lt;b onmouseover=alert(2)&gt;Récit&lt;/b&gt;" in followed.text or (
            "&lt;script&gt;alert(&#34;actor&#34;)" in followed.text
        )


def test_openapi_documents_the_filters(facet_site: FacetSite) -> None:
    schema = facet_site.get("/openapi.json").json()
    for path in ("/search.json", "/search", "/export/articles.csv", "/export/articles.jsonl"):
        names = {p["name"] for p in schema["paths"][path]["get"]["parameters"]}
        assert {"actor", "story", "has_quotes", "is_copy", "outlet", "lang"} <= names, path
    facets = schema["components"]["schemas"]["Facets"]["properties"]
    assert {"actor", "story", "has_quotes", "is_copy", "actor_sample"} <= set(facets)
