"""Who said what on the web: the highlighted article, /quotes, /speakers, the exports of
quotations, cited sources and events, and the search volume chart — pages and JSON twins."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from web_html import JSON, Tags, assert_inert

from vigie.queries import CITATION_EXPORT_FIELDS, EVENT_EXPORT_FIELDS, QUOTE_EXPORT_FIELDS

if TYPE_CHECKING:
    from conftest import Site

QUOTE_KEYS = {
    "article_id", "doc", "title", "outlet", "language", "published", "index", "start", "end",
    "text", "type", "speaker", "speaker_mention", "cue", "stance", "via", "confidence",
    "actor_ids",
}  # fmt: skip
ARTICLE_QUOTE_KEYS = {
    "index", "anchor", "start", "end", "text", "type", "speaker", "speaker_key", "colour",
    "speaker_mention", "cue", "stance", "via", "confidence", "actor_ids",
}  # fmt: skip


class Nesting(HTMLParser):
    """For each element with an id: the ids of the elements it sits in, and its text."""

    VOID = frozenset({"br", "input", "meta", "link", "img", "hr", "wbr"})

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.parents: dict[str, list[str]] = {}
        self.attrs: dict[str, dict[str, str | None]] = {}
        self.texts: dict[str, list[str]] = {}
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in self.VOID:
            return
        if a.get("id"):
            ident = str(a["id"])
            self.parents[ident] = [str(x.get("id")) for _, x in self.stack if x.get("id")]
            self.attrs[ident] = a
            self.texts[ident] = []
        self.stack.append((tag, a))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1][0] == tag, (tag, self.stack[-3:])
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for _, a in self.stack:
            if a.get("id") in self.texts:
                self.texts[str(a["id"])].append(data)

    def text(self, ident: str) -> str:
        return "".join(self.texts[ident])


def _sample_id(site: Site) -> str:
    return site.find_id("Otan esquiver")


# -- the article page ------------------------------------------------------------------------


def test_article_twin_lists_quotes_with_a_speaker_legend(site: Site) -> None:
    view = site.get(f"/articles/{_sample_id(site)}.json").json()
    quotes = view["quotes"]
    assert len(quotes) >= 4
    assert set(quotes[0]) == ARTICLE_QUOTE_KEYS
    for q in quotes:
        assert view["text"][q["start"] : q["end"]] == q["text"]
        assert q["anchor"] == f"q-{q['index']}"
    legend = {k["speaker"]: k for k in view["speakers"]}
    assert legend["Sergueï Lavrov"]["key"] == "A"
    assert legend["Sergueï Lavrov"]["colour"] == 0
    assert legend["Sergueï Lavrov"]["quotes"] == sum(
        q["speaker"] == "Sergueï Lavrov" for q in quotes
    )
    assert sum(k["quotes"] for k in view["speakers"]) == len(quotes)
    assert len({k["key"] for k in view["speakers"]}) == len(view["speakers"])
    # the highlighted pieces join back into the original text and carry the quotation ids
    assert "".join(h["text"] for h in view["highlights"]) == view["text"]
    for q in quotes:
        covered = [h for h in view["highlights"] if q["anchor"] in h["marks"]]
        assert covered[0]["start"] == q["start"] and covered[-1]["end"] == q["end"]
    assert view["entities"] and {"start", "end", "text", "label", "actor_id"} == set(
        view["entities"][0]
    )
    assert view["citations"][0]["outlet"] == "RT"


def test_article_page_highlights_quotes_by_speaker(site: Site) -> None:
    article_id = _sample_id(site)
    view = site.get(f"/articles/{article_id}.json").json()
    r = site.get(f"/articles/{article_id}")
    assert r.status_code == 200
    page = assert_inert(r.text)
    marks = [a for t, a in page.tags if t == "mark" and "q" in (a.get("class") or "").split()]
    focusable = [a for a in marks if a.get("tabindex") == "0"]
    assert len(focusable) == len(view["quotes"])
    nest = Nesting(r.text)
    keys = {k["speaker"]: k["key"] for k in view["speakers"]}
    for q in view["quotes"]:
        a = nest.attrs[q["anchor"]]
        # colour, and also a letter, a title and a description carry the speaker
        assert f"sp{q['colour']}" in (a["class"] or "")
        assert f"qt-{q['type']}" in (a["class"] or "")
        assert (a["title"] or "").startswith(f"{keys[q['speaker']]} · {q['speaker']}")
        assert q["cue"]["text"] in (a["title"] or "")
        assert a["aria-describedby"] == f"qd-{q['index']}"
        assert f"qd-{q['index']}" in nest.attrs  # the list entry it points to
        text = nest.text(q["anchor"])
        assert text.startswith(keys[q["speaker"]])  # the visible letter
        assert f"Quotation {keys[q['speaker']]}, {q['speaker']}: " in text  # for screen readers
    assert "in the text" in page.all_text()
    assert site.get(f"/articles/{article_id}", headers=JSON).json() == view


def test_hostile_quotes_stay_inert_and_nest(site: Site) -> None:
    r = site.get(f"/articles/{site.quoted_id}")
    assert r.status_code == 200
    page = assert_inert(r.text)
    assert "&lt;script&gt;alert(&#39;q&#39;)&lt;/script&gt;" in r.text
    assert 'href="javascript:' not in r.text
    nest = Nesting(r.text)
    # the mixed fragment nests inside the indirect quotation that holds it
    assert "q-0" in nest.parents["q-1"]
    assert nest.text("q-1").endswith("<script>alert('q')</script> la frontière restera ouverte")
    # the direct quotation starting inside the link's markup is whole and shows it as text
    assert nest.text("q-2").endswith(
        'javascript:alert(7)">Orm Tessaly</a> a ajouté : « Nous verrons.'
    )
    assert "q-3" not in nest.attrs  # offsets outside the text: left out
    text = page.all_text()
    assert "Ilse Varnak <img src=x onerror=alert(8)>" in text
    assert "via <svg onload=alert(9)>" in text
    assert '<script>alert("cite")</script>' in text
    titles = [a.get("title") or "" for _, a in page.tags]
    assert any('"><script>alert(10)</script>' in t for t in titles)  # the hostile cue lemma
    # the cited source and the event are anchored where the list below links
    assert "c-0" in nest.attrs and "ev-0" in nest.attrs
    hrefs = {a.get("href") for t, a in page.tags if t == "a"}
    assert {"#q-0", "#q-1", "#q-2", "#c-0", "#ev-0"} <= hrefs
    view = site.get(f"/articles/{site.quoted_id}.json").json()
    assert [q["index"] for q in view["quotes"]] == [0, 1, 2]
    assert "".join(h["text"] for h in view["highlights"]) == view["text"]
    # the entity crossing the direct quotation's start is cut in two, nothing is lost
    entity = [h for h in view["highlights"] if "e-0" in h["marks"]]
    assert len(entity) == 2 and entity[1]["marks"][0] == "q-2"
    assert view["events"][0]["date"] == "2025-01-26"
    assert view["citations"][0]["outlet"] == '<script>alert("cite")</script>'


def test_article_without_findings_still_renders(site: Site) -> None:
    view = site.get(f"/articles/{site.crafted_id}.json").json()
    assert view["quotes"] == [] and view["speakers"] == [] and view["events"] == []
    assert [h["text"] for h in view["highlights"]] == [s["text"] for s in view["segments"]]


# -- /quotes ---------------------------------------------------------------------------------


def test_quotes_twin_filters_and_pages(site: Site) -> None:
    every = site.get("/quotes.json", params={"limit": 100}).json()
    assert set(every) == {"filters", "total", "limit", "offset", "quotes"}
    assert every["total"] == len(every["quotes"]) > 20
    assert set(every["quotes"][0]) == QUOTE_KEYS
    lavrov = site.get("/quotes.json", params={"speaker": "lavrov", "limit": 100}).json()
    assert lavrov["filters"] == {"speaker": "lavrov"}
    assert lavrov["total"] >= 4
    assert all("Lavrov" in q["speaker"] for q in lavrov["quotes"])
    mixed = site.get("/quotes.json", params={"type": "mixed", "limit": 100}).json()
    assert mixed["total"] and all(q["type"] == "mixed" for q in mixed["quotes"])
    via = site.get("/quotes.json", params={"via": "rt"}).json()
    assert via["total"] and all("rt" in (q["via"] or "").lower() for q in via["quotes"])
    dated = site.get("/quotes.json", params={"since": "2022-01-09", "limit": 100}).json()
    assert 0 < dated["total"] < every["total"]
    page1 = site.get("/quotes.json", params={"limit": 5}).json()
    page2 = site.get("/quotes.json", params={"limit": 5, "offset": 5}).json()
    key = lambda q: (q["article_id"], q["index"])  # noqa: E731
    assert not {key(q) for q in page1["quotes"]} & {key(q) for q in page2["quotes"]}
    assert site.get("/quotes", params={"limit": 5}, headers=JSON).json() == page1
    assert site.get("/quotes.json", params={"type": "paraphrase"}).status_code == 422


def test_quotes_page_links_each_quote_to_its_highlight(site: Site) -> None:
    r = site.get("/quotes", params={"speaker": "lavrov"})
    assert r.status_code == 200
    page = assert_inert(r.text)
    links = [a["href"] for t, a in page.tags if t == "a" and "#q-" in (a.get("href") or "")]
    assert links
    path, _, anchor = str(links[0]).partition("#")
    assert anchor in Nesting(site.get(path).text).attrs
    # the filter form keeps what was asked, and the exports carry the filters
    assert ("input", "speaker") in [(t, a.get("id")) for t, a in page.tags]
    exports = [
        str(a["href"]) for t, a in page.tags if t == "a" and "/export/" in (a.get("href") or "")
    ]
    quotes_csv = [h for h in exports if h.startswith("/export/quotes.csv")]
    assert quotes_csv and parse_qs(urlsplit(quotes_csv[0]).query) == {"speaker": ["lavrov"]}
    # article-level exports drop the quotation filters
    assert all("speaker" not in h for h in exports if h.startswith("/export/articles"))
    nxt = [a["href"] for t, a in Tags(site.get("/quotes", params={"limit": 5}).text).tags
           if t == "a" and a.get("rel") == "next"]  # fmt: skip
    assert nxt and "offset=5" in str(nxt[0])


def test_hostile_quotes_are_inert_on_the_quotes_page(site: Site) -> None:
    r = site.get("/quotes", params={"outlet": "Banc"})
    page = assert_inert(r.text)
    assert "<script>alert('q')</script> la frontière restera ouverte" in page.all_text()
    assert_inert(site.get("/speakers").text)


def test_speakers_twin_and_page(site: Site) -> None:
    data = site.get("/speakers.json").json()
    assert set(data) == {"filters", "limit", "speakers"}
    top = data["speakers"][0]
    assert set(top) == {"speaker", "quotes", "articles", "outlets", "first", "last", "vias"}
    counts = [s["quotes"] for s in data["speakers"]]
    assert counts == sorted(counts, reverse=True)
    lavrov = next(s for s in data["speakers"] if s["speaker"] == "Sergueï Lavrov")
    assert "RT" in lavrov["vias"]
    n = site.get("/quotes.json", params={"speaker": "Sergueï Lavrov"}).json()["total"]
    assert lavrov["quotes"] == n
    page = Tags(site.get("/speakers").text)
    hrefs = [a.get("href") or "" for t, a in page.tags if t == "a"]
    assert any(h.startswith("/quotes?speaker=") for h in hrefs)
    assert site.get("/speakers", headers=JSON).json() == data
    only_rt = site.get("/speakers.json", params={"via": "RT", "limit": 3}).json()
    assert only_rt["limit"] == 3 and len(only_rt["speakers"]) <= 3
    assert site.get("/speakers.json", params={"limit": 0}).status_code == 422


# -- exports ---------------------------------------------------------------------------------


def test_quote_exports_follow_the_spec_and_the_filters(site: Site) -> None:
    total = site.get("/quotes.json", params={"limit": 1}).json()["total"]
    r = site.get("/export/quotes.jsonl")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    records = [json.loads(line) for line in r.text.splitlines()]
    assert len(records) == total
    assert list(records[0]) == QUOTE_EXPORT_FIELDS
    lavrov = site.get("/export/quotes.jsonl", params={"speaker": "lavrov"}).text.splitlines()
    n = site.get("/quotes.json", params={"speaker": "lavrov"}).json()["total"]
    assert len(lavrov) == n
    c = site.get("/export/quotes.csv", params={"type": "mixed", "lang": "fr"})
    rows = list(csv.reader(io.StringIO(c.text)))
    assert rows[0] == QUOTE_EXPORT_FIELDS
    assert {row[QUOTE_EXPORT_FIELDS.index("type")] for row in rows[1:]} == {"mixed"}
    assert site.get("/export/quotes.csv", params={"since": "nope"}).status_code == 422


def test_citation_and_event_exports(site: Site) -> None:
    cites = site.get("/export/citations.csv")
    rows = list(csv.reader(io.StringIO(cites.text)))
    assert rows[0] == CITATION_EXPORT_FIELDS and len(rows) > 2
    rt = [
        json.loads(x)
        for x in site.get("/export/citations.jsonl", params={"source": "rt"}).text.splitlines()
    ]
    assert {c["source"] for c in rt} == {"RT", '<script>alert("cite")</script>'}
    events = [json.loads(x) for x in site.get("/export/events.jsonl").text.splitlines()]
    crafted = [e for e in events if e["article_id"] == site.quoted_id]
    assert [e["date"] for e in crafted] == ["2025-01-26"]
    assert crafted[0]["date_text"]["text"] == "Le 26 janvier"
    dates = [e["date"] for e in events if e["date"]]
    assert dates == sorted(dates)
    later = site.get("/export/events.jsonl", params={"event_since": "2025-01-26"}).text
    assert all(json.loads(x)["date"] >= "2025-01-26" for x in later.splitlines())
    assert site.quoted_id in later
    banc = site.get("/export/events.jsonl", params={"outlet": "banc d'essai"}).text.splitlines()
    assert len(banc) == 1
    ev_csv = list(csv.reader(io.StringIO(site.get("/export/events.csv").text)))
    assert ev_csv[0] == EVENT_EXPORT_FIELDS and len(ev_csv) == len(events) + 1
    assert site.get("/export/events.csv", params={"event_until": "soon"}).status_code == 422


# -- the search chart ------------------------------------------------------------------------


def test_search_volume_and_chart(site: Site) -> None:
    data = site.get("/search.json", params={"q": "sécurité"}).json()
    vol = data["volume"]
    assert vol["unit"] in ("day", "month", "year") and vol["filled"]
    dated = sum(
        1
        for h in site.get("/search.json", params={"q": "sécurité", "limit": 100}).json()["hits"]
        if h["published"]
    )
    assert vol["total"] == dated == sum(b["count"] for b in vol["buckets"])
    periods = [b["period"] for b in vol["buckets"]]
    assert periods == sorted(periods)
    by_year = site.get("/search.json", params={"q": "sécurité", "unit": "year"}).json()["volume"]
    assert by_year["unit"] == "year" and by_year["total"] == vol["total"]
    assert all(len(b["period"]) == 4 for b in by_year["buckets"])
    r = site.get("/search", params={"q": "sécurité", "unit": "month"})
    page = assert_inert(r.text)
    svgs = [a for t, a in page.tags if t == "svg"]
    assert len(svgs) == 1 and svgs[0]["role"] == "img"
    assert svgs[0]["aria-labelledby"] == "volume-title volume-desc"
    names = [t for t, _ in page.tags]
    assert {"title", "desc", "rect", "details", "table"} <= set(names)
    assert names.count("rect") == len(
        site.get("/search.json", params={"q": "sécurité", "unit": "month"}).json()["volume"][
            "buckets"
        ]
    )
    assert "Matches per month of publication" in page.all_text()
    assert site.get("/search.json", params={"q": "sécurité", "unit": "week"}).status_code == 422
    none = site.get("/search.json", params={"q": "zzzzqqq"}).json()
    assert none["volume"] is None
    assert "<svg" not in site.get("/search", params={"q": "zzzzqqq"}).text


def test_openapi_documents_the_new_twins(site: Site) -> None:
    schema = site.get("/openapi.json").json()
    paths = schema["paths"]
    for path, model in {"/quotes.json": "QuotesPage", "/speakers.json": "SpeakersPage"}.items():
        ok = paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert ok == {"$ref": f"#/components/schemas/{model}"}
        page = paths[path.removesuffix(".json")]["get"]["responses"]["200"]["content"]
        assert set(page) == {"text/html", "application/json"}
    for what in ("quotes", "citations", "events"):
        assert f"/export/{what}.jsonl" in paths and f"/export/{what}.csv" in paths
    for path in ("/api/articles", "/api/ingest"):
        post = paths[path]["post"]
        assert {"200", "401", "404", "413", "422"} <= set(post["responses"])
        assert "requestBody" in post
    assert "ArticleView" in schema["components"]["schemas"]
    assert "highlights" in schema["components"]["schemas"]["ArticleView"]["properties"]
