"""The facet filters of the search page — actor (quoted or named), story, has_quotes, is_copy —
on the quotations page and its JSON twin, the speakers' JSON twin and the exports of
quotations, cited sources and dated statements, over the demo store of conftest (the real
ingest: quotes, citations, events, actors, copies, stories).

What a filter should keep is worked out apart from the routes: the unfiltered export, reduced
to the articles the store lists for those filters (``SQLiteStore.article_ids``)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from web_html import JSON, assert_inert

from conftest import digest, serve
from vigie.storage.sqlite import ArticleFilters, SQLiteStore

KINDS = ("quotes", "citations", "events")


def _facets(params: dict[str, str]) -> ArticleFilters:
    """The article filters that query parameters stand for."""
    yes_no = {"yes": True, "no": False}
    return ArticleFilters(
        outlet=params.get("outlet"),
        language=params.get("lang"),
        actor=params.get("actor"),
        story=params.get("story"),
        has_quotes=yes_no.get(params.get("has_quotes", "")),
        is_copy=yes_no.get(params.get("is_copy", "")),
    )


def _key(record: dict[str, Any]) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False)


@dataclass
class QuoteSite:
    client: httpx.Client
    db: Path
    everything: dict[str, list[dict[str, Any]]]
    """Every record of each export, unfiltered."""

    def get(self, path: str, **kw: Any) -> httpx.Response:
        return self.client.get(path, **kw)

    def export(self, kind: str, params: dict[str, str]) -> list[dict[str, Any]]:
        r = self.get(f"/export/{kind}.jsonl", params=params)
        assert r.status_code == 200, r.text
        return [json.loads(line) for line in r.text.splitlines()]

    def article_ids(self, filters: ArticleFilters) -> set[str]:
        with SQLiteStore(self.db, readonly=True) as store:
            return set(store.article_ids(filters))

    def expected(self, kind: str, params: dict[str, str]) -> list[str]:
        """The records of the unfiltered export whose article matches the filters."""
        keep = self.article_ids(_facets(params))
        return sorted(_key(r) for r in self.everything[kind] if r["article_id"] in keep)

    def quote_list(self, path: str, params: dict[str, str]) -> tuple[int, list[tuple[str, int]]]:
        """The total of the quotations' JSON twin and every quotation it pages through."""
        seen: list[tuple[str, int]] = []
        while True:
            r = self.get(path, params={**params, "limit": "100", "offset": str(len(seen))})
            assert r.status_code == 200, r.text
            data = r.json()
            seen += [(q["article_id"], q["index"]) for q in data["quotes"]]
            if not data["quotes"] or len(seen) >= data["total"]:
                return int(data["total"]), seen


@pytest.fixture(scope="module")
def quote_site(actor_db: Path) -> Iterator[QuoteSite]:
    """The demo store of conftest served read-only."""
    before = digest(actor_db)
    server, thread, url = serve(actor_db)
    with httpx.Client(base_url=url, timeout=60) as client:
        site = QuoteSite(client, actor_db, {})
        site.everything = {kind: site.export(kind, {}) for kind in KINDS}
        yield site
    server.should_exit = True
    thread.join(timeout=10)
    assert digest(actor_db) == before


def _pick(site: QuoteSite, column: str) -> str:
    """An actor or story whose articles have quotations, cited sources and dated statements,
    but not all of them."""
    with SQLiteStore(site.db, readonly=True) as store:
        if column == "actor":
            sql = (
                "SELECT actor_id FROM actor_mentions GROUP BY actor_id"
                " ORDER BY count(DISTINCT article_rowid) DESC, actor_id LIMIT 40"
            )
        else:
            sql = (
                "SELECT story_id FROM article_facets WHERE story_id IS NOT NULL"
                " GROUP BY story_id ORDER BY count(*) DESC, story_id"
            )
        candidates = [r[0] for r in store.conn.execute(sql)]
    for value in candidates:
        sizes = [len(site.expected(kind, {column: value})) for kind in KINDS]
        if all(0 < n < len(site.everything[kind]) for n, kind in zip(sizes, KINDS, strict=True)):
            return str(value)
    raise AssertionError(f"the demo store has no {column} with quotes, citations and events")


def _cases(site: QuoteSite) -> list[dict[str, str]]:
    return [
        {"actor": _pick(site, "actor")},
        {"story": _pick(site, "story")},
        {"has_quotes": "yes"},
        {"has_quotes": "no"},
        {"is_copy": "yes"},
        {"is_copy": "no"},
    ]


def test_the_demo_store_has_something_to_filter(quote_site: QuoteSite) -> None:
    for kind in KINDS:
        assert len(quote_site.everything[kind]) > 10, kind
    assert quote_site.article_ids(ArticleFilters(is_copy=True))
    assert quote_site.article_ids(ArticleFilters(has_quotes=False))


def test_each_facet_filter_narrows_the_exports(quote_site: QuoteSite) -> None:
    narrowed = set()
    for params in _cases(quote_site):
        for kind in KINDS:
            got = sorted(_key(r) for r in quote_site.export(kind, params))
            assert got == quote_site.expected(kind, params), (kind, params)
            if len(got) < len(quote_site.everything[kind]):
                narrowed.add((kind, next(iter(params))))
    # every filter keeps fewer records than none, for every kind
    assert narrowed == {(k, p) for k in KINDS for p in ("actor", "story", "has_quotes", "is_copy")}
    # an article without quotation has none to export, but may cite sources or date events
    assert quote_site.export("quotes", {"has_quotes": "no"}) == []


def test_csv_exports_take_the_filters_too(quote_site: QuoteSite) -> None:
    story = _pick(quote_site, "story")
    for kind in KINDS:
        r = quote_site.get(f"/export/{kind}.csv", params={"story": story, "is_copy": "no"})
        assert r.status_code == 200, r.text
        rows = r.text.splitlines()[1:]
        assert len(rows) == len(quote_site.expected(kind, {"story": story, "is_copy": "no"}))


def test_each_facet_filter_narrows_the_quotations_json_twin(quote_site: QuoteSite) -> None:
    total_all, _ = quote_site.quote_list("/quotes.json", {})
    assert total_all == len(quote_site.everything["quotes"])
    for params in _cases(quote_site):
        total, seen = quote_site.quote_list("/quotes.json", params)
        expected = quote_site.expected("quotes", params)
        assert total == len(seen) == len(expected), params
        assert sorted(a for a, _ in seen) == sorted(json.loads(k)["article_id"] for k in expected)
        assert total < total_all or params == {"has_quotes": "yes"}
        # the JSON twin says which filters it applied; the page's Accept twin agrees
        data = quote_site.get("/quotes.json", params=params).json()
        assert data["filters"] == params
        assert quote_site.get("/quotes", params=params, headers=JSON).json() == data


def test_speakers_twin_counts_under_the_filters(quote_site: QuoteSite) -> None:
    actor = _pick(quote_site, "actor")
    everyone = quote_site.get("/speakers.json", params={"limit": "500"}).json()
    some = quote_site.get("/speakers.json", params={"limit": "500", "actor": actor}).json()
    assert some["filters"] == {"actor": actor}
    assert sum(s["quotes"] for s in some["speakers"]) < sum(
        s["quotes"] for s in everyone["speakers"]
    )
    quoted = [json.loads(k) for k in quote_site.expected("quotes", {"actor": actor})]
    attributed = [q for q in quoted if q["speaker"]]
    assert sum(s["quotes"] for s in some["speakers"]) == len(attributed)


def test_filters_combine_with_the_quotation_filters(quote_site: QuoteSite) -> None:
    story = _pick(quote_site, "story")
    quoted = [json.loads(k) for k in quote_site.expected("quotes", {"story": story})]
    speaker = next(q["speaker"] for q in quoted if q["speaker"])
    params = {"story": story, "speaker": speaker, "has_quotes": "yes"}
    total, seen = quote_site.quote_list("/quotes.json", params)
    want = [q for q in quoted if q["speaker"] == speaker]
    assert 0 < total <= len(quoted) and total >= len(want)
    rows = quote_site.export("quotes", params)
    assert len(rows) == total and {r["article_id"] for r in rows} <= {a for a, _ in seen}


def _anchors(html: str) -> list[str]:
    return [h.replace("&amp;", "&") for h in re.findall(r'<a [^>]*href="([^"]*)"', html)]


def test_quotes_page_shows_and_keeps_the_facet_filters(quote_site: QuoteSite) -> None:
    actor = _pick(quote_site, "actor")
    with SQLiteStore(quote_site.db, readonly=True) as store:
        name = store.actor_names([actor])[actor]
    params = {"actor": actor, "is_copy": "no", "type": "direct"}
    page = quote_site.get("/quotes", params=params)
    assert page.status_code == 200
    html = page.text
    assert_inert(html)
    assert "actor: <bdi>" in html and "articles that are not copies" in html
    assert name.replace("'", "&#39;") in html
    hrefs = _anchors(html)
    # each facet chip removes its own filter only; the type chip has no such link (the form
    # shows it)
    removes = re.findall(r'<a class="chip-remove" href="([^"]*)"', html)
    kept = sorted(tuple(sorted(parse_qs(urlsplit(h.replace("&amp;", "&")).query))) for h in removes)
    assert kept == [("actor", "type"), ("is_copy", "type")]
    # the form keeps them (hidden fields), the exports carry them all
    assert f'<input type="hidden" name="actor" value="{actor}">' in html
    assert '<input type="hidden" name="is_copy" value="no">' in html
    for kind in ("quotes", "citations", "events", "articles"):
        link = next(h for h in hrefs if h.startswith(f"/export/{kind}.jsonl"))
        query = parse_qs(urlsplit(link).query)
        assert query["actor"] == [actor] and query["is_copy"] == ["no"], kind
        assert ("type" in query) == (kind == "quotes"), kind
    assert 'href="/static/quote_filters.css' in html
    assert quote_site.get("/static/quote_filters.css").status_code == 200


def test_search_page_export_links_carry_the_facet_filters(quote_site: QuoteSite) -> None:
    story = _pick(quote_site, "story")
    params = {"q": "le OR la OR the", "story": story, "has_quotes": "yes", "lang": "fr"}
    html = quote_site.get("/search", params=params).text
    assert "follow the outlet, language and date filters only" not in html
    for kind in ("articles", *KINDS):
        for ext in ("jsonl", "csv"):
            link = next(h for h in _anchors(html) if h.startswith(f"/export/{kind}.{ext}"))
            assert parse_qs(urlsplit(link).query) == {
                "story": [story],
                "has_quotes": ["yes"],
                "lang": ["fr"],
            }, link
    # followed, the link gives the filtered records
    link = next(h for h in _anchors(html) if h.startswith("/export/citations.jsonl"))
    rows = [json.loads(line) for line in quote_site.get(link).text.splitlines()]
    want = {"story": story, "has_quotes": "yes", "lang": "fr"}
    assert sorted(_key(r) for r in rows) == quote_site.expected("citations", want)


@pytest.mark.parametrize(
    "path",
    [
        "/quotes",
        "/quotes.json",
        "/speakers.json",
        "/export/quotes.jsonl",
        "/export/citations.csv",
        "/export/events.jsonl",
    ],
)
@pytest.mark.parametrize(
    "params", [{"has_quotes": "maybe"}, {"is_copy": "1"}, {"actor": "x" * 201}]
)
def test_bad_facet_values_are_refused(
    quote_site: QuoteSite, path: str, params: dict[str, str]
) -> None:
    r = quote_site.get(path, params=params, headers=JSON)
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["status"] == 422 and next(iter(params)) in body["detail"]


def test_unknown_actor_or_story_is_an_empty_list(quote_site: QuoteSite) -> None:
    for params in ({"actor": "per:nobody-at-all"}, {"story": "st-none"}):
        assert quote_site.get("/quotes.json", params=params).json()["total"] == 0
        for kind in KINDS:
            assert quote_site.export(kind, params) == []
    page = quote_site.get("/quotes", params={"actor": "per:nobody-at-all"})
    assert page.status_code == 200 and "(no such actor)" in page.text
