"""The web pages and their JSON twins, over HTTP, against a store built by the real ingest."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

import httpx
import pytest
from web_html import JSON, Tags, assert_inert

from vigie.queries import ARTICLE_EXPORT_FIELDS
from vigie.web.negotiate import prefers_json

if TYPE_CHECKING:  # the fixture's type, from this directory's conftest
    from conftest import Site

RLO = "\u202e"
ZWJ = "\u200d"

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

SEARCH_KEYS = {"query", "filters", "total", "limit", "offset", "hits", "facets", "volume"}
HIT_KEYS = {"article_id", "title", "outlet", "language", "published", "doc", "score", "snippet"}
ARTICLE_KEYS = {
    *ARTICLE_EXPORT_FIELDS, "segments", "versions",
    "quotes", "speakers", "citations", "events", "entities", "actors", "highlights", "copies",
}  # fmt: skip
SUMMARY_KEYS = {"articles", "outlet_count", "outlets", "languages", "recent", "runs"}
RUN_KEYS = {
    "run_id", "started", "finished", "inputs", "seen", "added", "versions", "unchanged",
    "failed", "failures",
}  # fmt: skip


# -- home ----------------------------------------------------------------------------------


def test_home_page_and_twins(site: Site) -> None:
    r = site.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    summary = site.get("/index.json").json()
    assert set(summary) == SUMMARY_KEYS
    assert summary["articles"] == 9
    assert {"value": "fr", "count": summary["languages"][0]["count"]} in summary["languages"]
    assert summary["recent"] and set(summary["recent"][0]) >= {"article_id", "title"}
    assert set(summary["runs"][0]) == RUN_KEYS
    page = assert_inert(r.text)
    assert "9" in page.all_text() and "Recent articles" in page.all_text()
    # the page URL answers JSON when asked, the same as its twin
    assert site.get("/", headers=JSON).json() == summary


def test_page_has_landmarks_labels_and_skip_link(site: Site) -> None:
    page = Tags(site.get("/search", params={"q": "sécurité"}).text)
    tags = page.tags
    assert ("a", {"class": "skip-link", "href": "#main"}) in tags
    assert any(t == "main" and a.get("id") == "main" for t, a in tags)
    assert any(t == "nav" for t, _ in tags) and any(t == "header" for t, _ in tags)
    labelled = {a.get("for") for t, a in tags if t == "label"}
    fields = {a.get("id") for t, a in tags if t in ("input", "select")}
    assert fields and fields <= labelled
    assert any(t == "link" and a.get("type") == "application/json" for t, a in tags)


# -- search --------------------------------------------------------------------------------


def test_search_page_highlights_and_twin(site: Site) -> None:
    params = {"q": "sécurité indivisible"}
    r = site.get("/search", params=params)
    assert r.status_code == 200
    assert "<mark>sécurité</mark>" in r.text and "<mark>indivisible</mark>" in r.text
    data = site.get("/search.json", params=params).json()
    assert set(data) == SEARCH_KEYS
    assert data["total"] == 3 and len(data["hits"]) == 3
    assert set(data["hits"][0]) == HIT_KEYS
    assert any(p["match"] for p in data["hits"][0]["snippet"])
    assert set(data["facets"]) == {
        "outlet", "language", "actor", "story", "has_quotes", "is_copy", "actor_sample",
    }  # fmt: skip
    assert data["facets"]["language"] == [{"value": "fr", "count": 3}]
    negotiated = site.get("/search", params=params, headers=JSON)
    assert negotiated.headers["content-type"] == "application/json"
    assert negotiated.json() == data
    # a browser's Accept header gets the page
    assert site.get("/search", params=params, headers={"Accept": BROWSER_ACCEPT}).text.startswith(
        "<!doctype html>"
    )


def test_search_paging_and_filters(site: Site) -> None:
    first = site.get("/search.json", params={"q": "sécurité", "limit": 2}).json()
    assert first["total"] > 2 and len(first["hits"]) == 2
    second = site.get("/search.json", params={"q": "sécurité", "limit": 2, "offset": 2}).json()
    assert second["total"] == first["total"]
    first_ids = {h["article_id"] for h in first["hits"]}
    assert not first_ids & {h["article_id"] for h in second["hits"]}
    page = Tags(site.get("/search", params={"q": "sécurité", "limit": 2}).text)
    nexts = [a["href"] for t, a in page.tags if t == "a" and a.get("rel") == "next"]
    assert nexts and "offset=2" in (nexts[0] or "")
    # filters
    outlet = site.get(
        "/search.json", params={"q": "sécurité", "outlet": "sputnik", "lang": "fr"}
    ).json()
    assert outlet["total"] == 1 and outlet["hits"][0]["outlet"] == "Sputnik France"
    assert outlet["filters"] == {"outlet": "sputnik", "language": "fr"}
    assert site.get("/search.json", params={"q": "sécurité", "lang": "ru"}).json()["total"] == 0
    dated = site.get("/search.json", params={"q": "sécurité", "since": "2022-01-09"}).json()
    assert dated["total"] >= 1
    assert all((h["published"] or "") >= "2022-01-09" for h in dated["hits"])


def test_empty_search_shows_the_form(site: Site) -> None:
    r = site.get("/search")
    assert r.status_code == 200 and 'id="q"' in r.text
    assert site.get("/search.json").status_code == 400


# -- articles ------------------------------------------------------------------------------


def test_article_page_shows_removed_furniture(site: Site) -> None:
    data = site.get("/search.json", params={"q": "Otan esquiver"}).json()
    article_id = data["hits"][0]["article_id"]
    view = site.get(f"/articles/{article_id}.json").json()
    assert set(view) == ARTICLE_KEYS
    assert view["removed"], "the clean stage removed nothing from sample 000"
    assert "".join(s["text"] for s in view["segments"]) == view["text"]
    assert [v["article_id"] for v in view["versions"]] == [article_id]
    r = site.get(f"/articles/{article_id}")
    assert r.status_code == 200
    page = assert_inert(r.text)
    dels = [a for t, a in page.tags if t == "del" and "removed" in (a.get("class") or "")]
    # one struck-through span per removal (plus the legend's sample)
    assert len(dels) == len(view["removed"]) + 1
    reasons = {r["reason"] for r in view["removed"]}
    assert {a["title"] for a in dels if a.get("title")} == {
        f"Removed by cleaning: {reason}" for reason in reasons
    }
    labels = r.text.count('<span class="removed-label">removed: ')
    assert labels == len(view["removed"])
    assert site.get(f"/articles/{article_id}", headers=JSON).json() == view


def test_unknown_article_is_404(site: Site) -> None:
    r = site.get("/articles/0000000000000000")
    assert r.status_code == 404 and "no article with id" in r.text
    j = site.get("/articles/0000000000000000.json")
    assert j.status_code == 404
    assert j.json() == {"status": 404, "detail": "no article with id '0000000000000000'"}
    assert site.get("/articles/nope", headers=JSON).json()["status"] == 404
    assert site.get("/no/such/page").status_code == 404


# -- hostile content -----------------------------------------------------------------------


def test_hostile_text_is_inert_on_its_page(site: Site) -> None:
    article_id = site.find_id("alerte frontière")
    r = site.get(f"/articles/{article_id}")
    assert r.status_code == 200
    page = assert_inert(r.text)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in r.text
    assert 'href="javascript:' not in r.text
    text = page.all_text()
    assert '<a href="javascript:alert(1)">ici</a>' in text  # shown as text, whole
    # control characters are shown as their pictures, one for one; joiners kept
    assert "cloche \u2407, échappement \u241b, tabulation verticale \u240b" in text
    assert "\x07" not in r.text and "\x1b" not in r.text
    assert f"jointures{ZWJ}invisibles" in text
    # the title's right-to-left override is isolated in a <bdi>
    assert f"<bdi>Alerte &lt;script&gt;alert(1)&lt;/script&gt; {RLO}" in r.text


def test_hostile_metadata_is_inert(site: Site) -> None:
    article_id = site.find_id("second article piégé")
    r = site.get(f"/articles/{article_id}")
    page = assert_inert(r.text)
    text = page.all_text()
    assert '<script>alert("titre")</script>' in text
    assert "<b onmouseover=alert(1)>Gazette piégée</b>" in text
    assert "javascript:alert(document.domain)" in text  # shown, not linked
    assert not any(t == "a" and "document.domain" in (a.get("href") or "") for t, a in page.tags)
    assert "(not an http link)" in text
    # and on the home page, the search page and its facets
    assert_inert(site.get("/").text)
    results = site.get("/search", params={"q": "sécurité hostile"})
    assert_inert(results.text)
    assert "Gazette piégée" in Tags(results.text).all_text()


def test_hostile_snippets_are_inert(site: Site) -> None:
    r = site.get("/search", params={"q": "balises"})
    assert r.status_code == 200
    assert_inert(r.text)
    assert "<mark>balises</mark>" in r.text
    assert "&lt;iframe" in r.text or "&lt;style&gt;" in r.text
    hits = site.get("/search.json", params={"q": "svg OR textarea"}).json()["hits"]
    assert hits
    snippet = "".join(p["text"] for p in hits[0]["snippet"])
    assert "<svg onload=alert(3)>" in snippet  # the JSON keeps the text as it is
    assert_inert(site.get("/search", params={"q": "svg OR textarea"}).text)


def test_hostile_removed_segment_and_reason_are_inert(site: Site) -> None:
    r = site.get(f"/articles/{site.crafted_id}")
    assert r.status_code == 200
    page = assert_inert(r.text)
    dels = [a for t, a in page.tags if t == "del" and a.get("title")]
    assert [a["title"] for a in dels] == [f"Removed by cleaning: {site.reason}"]
    assert f"removed: {site.reason}" in page.all_text()
    assert site.furniture in page.all_text()
    view = site.get(f"/articles/{site.crafted_id}.json").json()
    removed = [s for s in view["segments"] if s["removed"]]
    assert [(s["text"], s["reason"]) for s in removed] == [(site.furniture, site.reason)]
    assert site.furniture not in view["clean_text"]


# -- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ['"sécurité indivisible', "(otan", "otan)", "OR otan", "NOT"])
def test_malformed_query_is_a_clear_400(site: Site, query: str) -> None:
    page = site.get("/search", params={"q": query})
    assert page.status_code == 400
    assert "This search cannot be read" in page.text and "Traceback" not in page.text
    assert f'value="{query.replace(chr(34), "&#34;")}"' in page.text  # the form keeps it
    j = site.get("/search.json", params={"q": query})
    assert j.status_code == 400
    body = j.json()
    assert body["status"] == 400 and "query" in body["detail"]
    assert site.get("/search", params={"q": query}, headers=JSON).json() == body


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"since": "2025-13-01"}, "since: '2025-13-01' is not a valid date"),
        ({"until": "yesterday"}, "until: 'yesterday' is not a date"),
        ({"since": "2025-03-01", "until": "2025-02"}, "is after until"),
        ({"lang": "français"}, "is not a language code"),
        ({"limit": "1000"}, "limit: Input should be less than or equal to 100"),
        ({"offset": "-1"}, "offset: Input should be greater than or equal to 0"),
        ({"limit": "ten"}, "limit: Input should be a valid integer"),
    ],
)
def test_bad_parameters_are_422(site: Site, params: dict[str, str], message: str) -> None:
    full = {"q": "sécurité", **params}
    j = site.get("/search.json", params=full)
    assert j.status_code == 422
    assert message in j.json()["detail"]
    page = site.get("/search", params=full)
    assert page.status_code == 422 and "A parameter cannot be used" in page.text
    assert message.replace("'", "&#39;") in page.text


def test_unreadable_store_is_503(missing_store: httpx.Client) -> None:
    for path in ("/index.json", "/search.json?q=otan", "/export/articles.csv"):
        r = missing_store.get(path)
        assert r.status_code == 503
        assert "no such store" in r.json()["detail"]
    page = missing_store.get("/")
    assert page.status_code == 503 and "The store cannot be read" in page.text


def test_good_date_forms_are_accepted(site: Site) -> None:
    for since in ("2022", "2022-01", "2022-01-09", "2022-01-09T10:00:00+01:00"):
        assert site.get("/search.json", params={"q": "sécurité", "since": since}).is_success


# -- security ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/", "/search?q=otan", "/index.json", "/articles/nope", "/static/vigie.css", "/runs.json"],
)
def test_security_headers_everywhere(site: Site, path: str) -> None:
    r = site.get(path)
    csp = r.headers["content-security-policy"]
    directives = {d.strip() for d in csp.split(";")}
    assert {
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    } <= directives
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"


def test_pages_have_no_inline_script_or_style(site: Site) -> None:
    paths = (
        "/", "/search?q=otan", "/search?q=sécurité", "/runs", f"/articles/{site.crafted_id}",
        f"/articles/{site.quoted_id}", f"/articles/{site.find_id('Otan esquiver')}",
        "/quotes", "/speakers",
    )  # fmt: skip
    for path in paths:
        page = Tags(site.get(path).text)
        assert not any(t in ("script", "style") for t, _ in page.tags)
        assert not any("style" in a for _, a in page.tags), path


@pytest.mark.parametrize(
    "raw_path",
    [
        "/static/../pyproject.toml",
        "/static/%2e%2e/%2e%2e/config.py",
        "/static/..%2f..%2fconfig.py",
        "/static//etc/passwd",
        "/static/templates/base.html",
    ],
)
def test_static_files_stay_in_their_directory(site: Site, raw_path: str) -> None:
    url = site.url + raw_path
    r = site.client.send(site.client.build_request("GET", url))
    assert r.status_code == 404
    assert "[project]" not in r.text and "root:" not in r.text


def test_no_write_method_is_accepted(site: Site) -> None:
    assert site.client.post("/search", data={"q": "x"}).status_code == 405
    assert site.client.delete(f"/articles/{site.crafted_id}").status_code == 405


def test_no_interactive_docs_that_need_a_cdn(site: Site) -> None:
    assert site.get("/docs").status_code == 404


# -- runs, export, schema ------------------------------------------------------------------


def test_runs_page_and_twin(site: Site) -> None:
    data = site.get("/runs.json").json()
    assert set(data) == {"runs"} and len(data["runs"]) == 1
    run = data["runs"][0]
    assert set(run) == RUN_KEYS and run["added"] == 7 and run["failed"] == 0
    page = site.get("/runs")
    assert page.status_code == 200 and 'id="run-1"' in page.text
    assert site.get("/runs", headers=JSON).json() == data


def test_export_jsonl_and_csv(site: Site) -> None:
    total = site.get("/index.json").json()["articles"]
    r = site.get("/export/articles.jsonl")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    assert "attachment" in r.headers["content-disposition"]
    records = [json.loads(line) for line in r.text.splitlines()]
    assert len(records) == total and set(records[0]) == set(ARTICLE_EXPORT_FIELDS)
    fr = site.get("/export/articles.jsonl", params={"lang": "fr"}).text.splitlines()
    n_fr = {x["value"]: x["count"] for x in site.get("/index.json").json()["languages"]}["fr"]
    assert len(fr) == n_fr
    c = site.get("/export/articles.csv", params={"outlet": "sputnik"})
    assert c.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(c.text)))
    assert rows[0] == ARTICLE_EXPORT_FIELDS and len(rows) == 2
    assert rows[1][ARTICLE_EXPORT_FIELDS.index("outlet")] == "Sputnik France"
    assert site.get("/export/articles.csv", params={"since": "nope"}).status_code == 422


def test_openapi_documents_the_json_twins(site: Site) -> None:
    schema = site.get("/openapi.json").json()
    paths = schema["paths"]
    twins = {
        "/index.json": "StoreSummary",
        "/search.json": "SearchResults",
        "/articles/{article_id}.json": "ArticleView",
        "/runs.json": "RunsPage",
    }
    for path, model in twins.items():
        ok = paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert ok == {"$ref": f"#/components/schemas/{model}"}
        page = paths[path.removesuffix(".json").replace("/index", "/") or "/"]["get"]
        content = page["responses"]["200"]["content"]
        assert set(content) == {"text/html", "application/json"}
        assert content["application/json"]["schema"] == ok
    assert "ErrorResponse" in schema["components"]["schemas"]
    assert "/export/articles.jsonl" in paths and "/export/articles.csv" in paths


# -- negotiation (pure) --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, False),
        ("", False),
        ("*/*", False),
        ("application/json", True),
        ("application/json, text/html", True),
        ("text/html, application/json", False),
        ("text/html;q=0.5, application/json", True),
        (BROWSER_ACCEPT, False),
        ("application/*", True),
        ("application/json;q=0", False),
        ("text/html;q=0, */*", True),
        ("application/json;q=bad", False),
    ],
)
def test_prefers_json(accept: str | None, expected: bool) -> None:
    assert prefers_json(accept) is expected
