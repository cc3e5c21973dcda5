"""Actor pages and their JSON twins, speakers linked to their actors, and the registry edit
endpoints — over a store built by the real ingest of the shared samples and the demo corpus
(plus hostile quotations and an ambiguous surname, actors rebuilt over them)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import httpx
from web_html import JSON, Tags, assert_inert

from vigie.actors import Registry
from vigie.config import Options
from vigie.runners.actors import registry_path
from vigie.storage.sqlite import SQLiteStore
from vigie.web.negotiate import prefers_html

if TYPE_CHECKING:
    from conftest import ActorSite, WritableSite

LAVROV = "per:serguei-lavrov"
KOSLEVSKI = "per:dmitar-koslevski"
HOSTILE_NAME = "Ilse Varnak <img src=x onerror=alert(8)>"
HOSTILE_ID = "org:ilse-varnak-img-src-x-onerror-alert-8"
TOKEN_WRONG = "not-the-token"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
ACTOR_KEYS = {
    "id", "name", "kind", "aliases", "roles", "n_mentions", "n_quotes", "n_articles",
    "first_seen", "last_seen", "ambiguous", "candidates",
}  # fmt: skip
VIEW_KEYS = {
    "actor", "filters", "total", "limit", "offset", "quotes", "read", "complete", "timeline",
    "outlets", "vias", "candidates", "registry",
}  # fmt: skip


def _quote_items(html: str) -> int:
    return html.count('<li class="quote-item">')


# -- the list --------------------------------------------------------------------------------


def test_actors_list_twin_filters_and_paging(actor_site: ActorSite) -> None:
    data = actor_site.get("/actors.json").json()
    assert set(data) == {"filters", "total", "limit", "offset", "more", "actors"}
    assert set(data["actors"][0]) == ACTOR_KEYS
    counts = [(a["n_quotes"], a["n_mentions"]) for a in data["actors"]]
    assert counts == sorted(counts, reverse=True)
    assert data["actors"][0]["id"] == KOSLEVSKI  # the demo's most quoted
    people = actor_site.get("/actors.json", params={"kind": "person", "limit": 100}).json()
    assert people["actors"] and all(a["kind"] == "person" for a in people["actors"])
    found = actor_site.get("/actors.json", params={"name": "lavrov"}).json()
    assert [a["id"] for a in found["actors"]][:1] == [LAVROV]
    assert found["filters"] == {"name": "lavrov"}
    # paging: "more" says whether a next page exists, "total" counts all pages together
    first = actor_site.get("/actors.json", params={"limit": 2}).json()
    second = actor_site.get("/actors.json", params={"limit": 2, "offset": 2}).json()
    assert first["more"] and len(first["actors"]) == 2
    listed, offset, more = 0, 0, True
    while more:
        page_ = actor_site.get("/actors.json", params={"limit": 100, "offset": offset}).json()
        listed, offset, more = listed + len(page_["actors"]), offset + 100, page_["more"]
    assert listed == first["total"] == second["total"] > 2
    assert people["total"] < first["total"] and people["total"] >= len(people["actors"])
    assert found["total"] >= 1
    assert [a["id"] for a in second["actors"]] == [a["id"] for a in data["actors"][2:4]]
    assert actor_site.get("/actors.json", params={"kind": "robot"}).status_code == 422
    assert actor_site.get("/actors.json", params={"limit": 101}).status_code == 422
    # the page: a table linking every actor, a pager, the twin by Accept
    r = actor_site.get("/actors", params={"limit": 2})
    page = assert_inert(r.text)
    hrefs = [a.get("href") for t, a in page.tags if t == "a"]
    assert f"/actors/{KOSLEVSKI}" in hrefs
    assert any("offset=2" in (h or "") for h in hrefs)
    assert f"1–2 of {first['total']}" in r.text
    assert actor_site.get("/actors", params={"limit": 2}, headers=JSON).json() == first
    none = actor_site.get("/actors", params={"name": "zzzqqq"})
    assert none.status_code == 200 and "No actor matches" in none.text


# -- one actor -------------------------------------------------------------------------------


def test_lavrov_page_lists_his_quotes_and_relays(actor_site: ActorSite) -> None:
    view = actor_site.get(f"/actors/{LAVROV}.json").json()
    assert set(view) == VIEW_KEYS
    actor = view["actor"]
    assert actor["name"] == "Sergueï Lavrov" and actor["kind"] == "person"
    assert {"Sergueï Lavrov", "M. Lavrov"} <= set(actor["aliases"])
    assert view["complete"] and view["total"] == view["read"] == actor["n_quotes"] >= 20
    assert len(view["quotes"]) == min(50, view["total"])
    assert {q["speaker"] for q in view["quotes"]} >= {"Sergueï Lavrov"}
    vias = {v["value"]: v for v in view["vias"]}
    assert {"RT", "Tass"} <= set(vias)
    assert sum(q["via"] == "RT" for q in view["quotes"]) == vias["RT"]["quotes"]
    assert {"237online.com", "Journal Chrétien"} <= {o["value"] for o in view["outlets"]}
    # the samples carry no publication date: no timeline, every quotation undated
    assert view["timeline"]["total"] == 0 and view["timeline"]["buckets"] == []
    assert view["timeline"]["undated"] == view["read"]
    r = actor_site.get(f"/actors/{LAVROV}")
    assert r.status_code == 200
    page = assert_inert(r.text)
    text = page.all_text()
    assert _quote_items(r.text) == len(view["quotes"])
    assert "Who relayed them" in text and "RT" in text and "Tass" in text
    assert "there is no timeline to draw" in text
    assert "<svg" not in r.text
    for q in view["quotes"][:3]:
        assert q["text"] in text
        assert f'href="/articles/{q["article_id"]}#q-{q["index"]}"' in r.text
    # the id's colon, encoded or not; the twin by Accept; a relay narrows the list
    assert actor_site.get("/actors/per%3Aserguei-lavrov.json").json() == view
    assert actor_site.get(f"/actors/{LAVROV}", headers=JSON).json() == view
    rt = actor_site.get(f"/actors/{LAVROV}.json", params={"via": "RT"}).json()
    assert rt["total"] == vias["RT"]["quotes"] and {q["via"] for q in rt["quotes"]} == {"RT"}
    assert rt["filters"] == {"via": "RT"} and rt["vias"] == view["vias"]


def test_timeline_chart_with_its_table(actor_site: ActorSite) -> None:
    view = actor_site.get(f"/actors/{KOSLEVSKI}.json").json()
    tl = view["timeline"]
    dated = [q for q in view["quotes"] if q["published"]]
    assert tl["unit"] == "day" and tl["filled"]  # the demo spans a few weeks
    assert tl["total"] == sum(b["count"] for b in tl["buckets"]) == view["read"] - tl["undated"]
    assert len(dated) <= tl["total"]
    periods = [b["period"] for b in tl["buckets"]]
    assert periods == sorted(periods) and len(set(periods)) == len(periods)
    r = actor_site.get(f"/actors/{KOSLEVSKI}")
    page = assert_inert(r.text)
    svgs = [a for t, a in page.tags if t == "svg"]
    assert len(svgs) == 1 and svgs[0]["role"] == "img"
    assert svgs[0]["aria-labelledby"] == "timeline-title timeline-desc"
    names = [t for t, _ in page.tags]
    assert names.count("rect") == len(tl["buckets"])
    assert {"title", "desc", "details", "table"} <= set(names)
    assert "Quotations per day of publication" in page.all_text()
    # the table: one row per period, the periods with quotations link to their quotations
    table = r.text[r.text.index('<details class="chart-data">') :]
    table = table[: table.index("</details>")]
    assert table.count("<tr>") == len(tl["buckets"]) + 1
    busiest = max(tl["buckets"], key=lambda b: b["count"])
    link = re.search(rf'<a href="([^"]+)">{busiest["period"]}</a>', table)
    assert link, busiest
    query = parse_qs(urlsplit(link[1].replace("&amp;", "&")).query)
    assert query["since"] == query["until"] == [busiest["period"]]
    narrowed = actor_site.get(
        f"/actors/{KOSLEVSKI}.json", params={"since": busiest["period"], "until": busiest["period"]}
    ).json()
    assert narrowed["total"] == busiest["count"]
    assert narrowed["timeline"] == tl  # the chart keeps showing every quotation
    by_week = actor_site.get(f"/actors/{KOSLEVSKI}.json", params={"unit": "week"}).json()
    weeks = by_week["timeline"]["buckets"]
    assert all(re.fullmatch(r"\d{4}-W\d{2}", b["period"]) for b in weeks)
    assert sum(b["count"] for b in weeks) == tl["total"]
    assert actor_site.get(f"/actors/{KOSLEVSKI}.json", params={"unit": "hour"}).status_code == 422
    bad = actor_site.get(f"/actors/{KOSLEVSKI}.json", params={"since": "soon"})
    assert bad.status_code == 422
    paged = actor_site.get(f"/actors/{KOSLEVSKI}.json", params={"limit": 10, "offset": 10}).json()
    assert [q["text"] for q in paged["quotes"]] == [q["text"] for q in view["quotes"][10:20]]


def test_unknown_actor_is_404(actor_site: ActorSite) -> None:
    r = actor_site.get("/actors/per:nobody-at-all")
    assert r.status_code == 404 and "no actor with id" in r.text
    j = actor_site.get("/actors/per:nobody-at-all.json")
    assert j.json() == {"status": 404, "detail": "no actor with id 'per:nobody-at-all'"}
    assert actor_site.get("/actors/nocolon", headers=JSON).json()["status"] == 404


def test_ambiguous_name_shows_its_candidates(actor_site: ActorSite) -> None:
    view = actor_site.get("/actors/per:valko.json").json()
    assert view["actor"]["ambiguous"]
    assert {c["id"] for c in view["candidates"]} == {"per:irina-valko", "per:piotr-valko"}
    assert view["read"] == 0 and view["quotes"] == []
    r = actor_site.get("/actors/per:valko")
    page = assert_inert(r.text)
    assert "An ambiguous name." in page.all_text()
    hrefs = {a.get("href") for t, a in page.tags if t == "a"}
    assert {"/actors/per:irina-valko", "/actors/per:piotr-valko"} <= hrefs
    assert "No quotation is attributed to Valko" in page.all_text()


def test_hostile_actor_names_are_inert(actor_site: ActorSite) -> None:
    found = actor_site.get("/actors.json", params={"name": "varnak"}).json()["actors"]
    hostile = next(a for a in found if "<img" in a["name"])
    assert hostile["id"] == HOSTILE_ID
    for path in (f"/actors/{HOSTILE_ID}", "/actors?name=varnak", "/actors?name=%3Cimg"):
        r = actor_site.get(path)
        assert r.status_code == 200
        page = assert_inert(r.text)
        assert "Ilse Varnak <img src=x onerror=alert(8)>" in page.all_text()
    view = actor_site.get(f"/actors/{HOSTILE_ID}.json").json()
    assert view["vias"] == [{"value": "<svg onload=alert(9)>", "quotes": 2, "articles": 1}]
    assert "<svg onload" not in actor_site.get(f"/actors/{HOSTILE_ID}").text


# -- speakers link to actors -----------------------------------------------------------------


def test_article_speakers_link_to_their_actors(actor_site: ActorSite) -> None:
    hits = actor_site.get("/search.json", params={"q": "Otan esquiver"}).json()["hits"]
    article_id = hits[0]["article_id"]
    view = actor_site.get(f"/articles/{article_id}.json").json()
    lavrov = [q for q in view["quotes"] if q["speaker"] == "Sergueï Lavrov"]
    assert lavrov and all(q["actor_ids"] == [LAVROV] for q in lavrov)
    legend = {k["speaker"]: k for k in view["speakers"]}
    assert legend["Sergueï Lavrov"]["actor_ids"] == [LAVROV]
    pair = next(q for q in view["quotes"] if " et " in (q["speaker"] or ""))
    assert len(pair["actor_ids"]) == 2  # "Antony Blinken et Jens Stoltenberg"
    actors = {a["id"]: a for a in view["actors"]}
    assert actors[LAVROV]["quotes"] == len(lavrov) and actors[LAVROV]["name"] == "Sergueï Lavrov"
    assert any(e["actor_id"] == LAVROV for e in view["entities"])
    r = actor_site.get(f"/articles/{article_id}")
    page = assert_inert(r.text)
    links = [a for t, a in page.tags if t == "a" and a.get("href") == f"/actors/{LAVROV}"]
    classes = {c for a in links for c in (a.get("class") or "").split()}
    # in the text (the speaker mention), in the legend and list, in the actors section
    assert {"mention-link", "actor-link"} <= classes
    assert len(links) >= 2 + len(lavrov)
    # never a link inside a link
    depth = 0
    for m in re.finditer(r"<a\b|</a>", r.text):
        depth += 1 if m[0] == "<a" else -1
        assert depth in (0, 1)


def test_quotes_and_speakers_link_to_actors(actor_site: ActorSite) -> None:
    data = actor_site.get("/quotes.json", params={"speaker": "Lavrov", "limit": 100}).json()
    assert data["quotes"]
    assert all(q["actor_ids"] == [LAVROV] for q in data["quotes"])
    r = actor_site.get("/quotes", params={"speaker": "Lavrov"})
    page = assert_inert(r.text)
    hrefs = [a.get("href") for t, a in page.tags if t == "a"]
    assert hrefs.count(f"/actors/{LAVROV}") == len(data["quotes"][:20])
    speakers = Tags(actor_site.get("/speakers").text)
    lookups = [a.get("href") for t, a in speakers.tags if t == "a"]
    assert "/actors/lookup?speaker=Sergue%C3%AF%20Lavrov" in lookups
    found = actor_site.get("/actors/lookup", params={"speaker": "Sergueï Lavrov"})
    assert found.status_code == 303 and found.headers["location"] == f"/actors/{LAVROV}"
    folded = actor_site.get("/actors/lookup", params={"speaker": "SERGUEI LAVROV"})
    assert folded.headers["location"] == f"/actors/{LAVROV}"
    unknown = actor_site.get("/actors/lookup", params={"speaker": "Personne Inconnue"})
    assert unknown.status_code == 303
    assert unknown.headers["location"] == "/quotes?speaker=Personne+Inconnue"
    assert actor_site.get("/actors/lookup").status_code == 422


def test_openapi_lists_the_actor_routes(actor_site: ActorSite) -> None:
    schema = actor_site.get("/openapi.json").json()
    paths = schema["paths"]
    for path, model in {
        "/actors.json": "ActorsPage",
        "/actors/{actor_id}.json": "ActorView",
    }.items():
        ok = paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert ok == {"$ref": f"#/components/schemas/{model}"}
        page = paths[path.removesuffix(".json")]["get"]["responses"]["200"]["content"]
        assert set(page) == {"text/html", "application/json"}
    for what in ("aliases", "merge", "split", "ignore"):
        post = paths[f"/api/actors/{{actor_id}}/{what}"]["post"]
        assert {"200", "303", "400", "401", "404", "422"} <= set(post["responses"])
        assert set(post["requestBody"]["content"]) == {
            "application/x-www-form-urlencoded",
            "application/json",
        }


# -- registry edits --------------------------------------------------------------------------


def _form(site: WritableSite, path: str, token: str | None, **fields: str) -> httpx.Response:
    """A browser's form post (the token as a field, Accept preferring HTML)."""
    data = {**fields, **({"token": token} if token is not None else {})}
    return site.client.post(path, data=data, headers={"Accept": BROWSER})


def test_edits_are_off_without_a_token(actor_site: ActorSite) -> None:
    r = actor_site.client.post(f"/api/actors/{LAVROV}/aliases", data={"name": "X", "token": "x"})
    assert r.status_code == 404
    assert r.json()["detail"] == "writes are off: set [serve] write_token to turn them on"
    for what in ("merge", "split", "ignore"):
        assert actor_site.client.post(f"/api/actors/{LAVROV}/{what}").status_code == 404
    page = Tags(actor_site.get(f"/actors/{LAVROV}").text)
    text = page.all_text()
    assert "Editing from this page is off" in text and "vigie actors alias" in text
    assert str(Path(actor_site.db).parent / "actors.yaml") in text
    assert not [a for t, a in page.tags if t == "form" and a.get("method") == "post"]


def test_edits_need_the_token(actor_writable: WritableSite) -> None:
    site = actor_writable
    path = f"/api/actors/{LAVROV}/aliases"
    assert site.post(path, token=None, json={"name": "Lavrov S."}).status_code == 401
    wrong = site.post(path, token=TOKEN_WRONG, json={"name": "Lavrov S."})
    assert (
        wrong.status_code == 401 and wrong.json()["detail"] == "this token is not the write token"
    )
    assert wrong.headers["www-authenticate"].startswith("Bearer")
    # a form with the wrong token: an HTML page linking back to the actor, no change
    form = _form(site, path, TOKEN_WRONG, name="Lavrov S.")
    assert form.status_code == 401 and form.headers["content-type"].startswith("text/html")
    assert f'href="/actors/{LAVROV}"' in form.text
    assert _form(site, path, None, name="Lavrov S.").status_code == 401
    assert site.client.get(path).status_code == 405
    assert not (site.db.parent / "actors.yaml").exists()


def test_refused_edits_say_why(actor_writable: WritableSite) -> None:
    site = actor_writable
    merge = site.post(f"/api/actors/{LAVROV}/merge", json={"id": LAVROV})
    assert merge.status_code == 400
    assert merge.json()["detail"].endswith(f"merges of {LAVROV}: an id cannot merge into itself")
    html = _form(site, f"/api/actors/{LAVROV}/merge", site.token, id=LAVROV)
    assert html.status_code == 400 and "The registry refused this edit" in html.text
    assert "an id cannot merge into itself" in html.text
    # a name another actor claims
    site.post(f"/api/actors/{KOSLEVSKI}/aliases", json={"name": "Karsovien Numéro Un"})
    taken = site.post(f"/api/actors/{LAVROV}/aliases", json={"name": "karsovien numero un"})
    assert taken.status_code == 400 and "is claimed by two actors" in taken.json()["detail"]
    # not an actor, no name, a blank name, an unknown actor in the URL
    unknown = site.post(f"/api/actors/{LAVROV}/merge", json={"id": "per:nobody-at-all"})
    assert unknown.status_code == 422 and "no actor with id 'per:nobody-at-all'" in unknown.text
    assert site.post(f"/api/actors/{LAVROV}/ignore", json={}).status_code == 422
    assert site.post(f"/api/actors/{LAVROV}/ignore", json={"name": " ... "}).status_code == 422
    assert site.post(f"/api/actors/{LAVROV}/ignore", json=["x"]).status_code == 422
    assert site.post("/api/actors/per:nobody-at-all/ignore", json={"name": "x"}).status_code == 404
    registry = Registry.load(site.db.parent / "actors.yaml")
    assert registry.merges == {} and LAVROV not in registry.actors


def test_registry_edits_rebuild_the_actors(actor_writable: WritableSite) -> None:
    """Each edit is saved to the registry beside the store and the actors are rebuilt (the
    steps build on each other)."""
    site = actor_writable
    reg_file = site.db.parent / "actors.yaml"
    # add an alias (JSON, bearer token): the hostile speaker's mentions become Ilse Varnak's
    r = site.post("/api/actors/per:ilse-varnak/aliases", json={"name": HOSTILE_NAME})
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["link"] == "/actors/per:ilse-varnak" and result["registry"] == str(reg_file)
    assert result["articles"] >= 40 and result["actors"] > 100
    assert site.client.get(f"/actors/{HOSTILE_ID}.json").status_code == 404
    varnak = site.client.get("/actors/per:ilse-varnak.json").json()
    assert varnak["registry"]["aliases"] == [HOSTILE_NAME]
    assert varnak["read"] == 2  # the two hostile quotations are hers now
    page = assert_inert(site.client.get("/actors/per:ilse-varnak").text)
    assert HOSTILE_NAME in page.all_text()
    # merge (a form): the ambiguous "Valko" is Piotr
    r = _form(site, "/api/actors/per:piotr-valko/merge", site.token, id="per:valko")
    assert r.status_code == 303
    assert r.headers["location"] == "/actors/per:piotr-valko?edited=merge"
    piotr = site.client.get("/actors/per:piotr-valko.json").json()["actor"]
    assert piotr["aliases"] == {"Piotr Valko": 1, "Valko": 1}
    assert site.client.get("/actors/per:valko.json").status_code == 404
    shown = site.client.get(r.headers["location"]).text
    assert "The actors were merged in the registry" in shown
    # split a name off: "M. Koslevski" is someone else
    r = _form(
        site,
        f"/api/actors/{KOSLEVSKI}/split",
        site.token,
        name="M. Koslevski",
        id="per:m-koslevski",
    )
    assert r.status_code == 303
    kos = site.client.get(f"/actors/{KOSLEVSKI}.json").json()["actor"]
    assert "M. Koslevski" not in kos["aliases"]
    split = site.client.get("/actors/per:m-koslevski.json").json()
    # the name's key is the surname ("M." dropped): "Koslevski" alone goes with it
    assert set(split["actor"]["aliases"]) == {"M. Koslevski", "Koslevski"}
    assert not {"M. Koslevski", "Koslevski"} & set(kos["aliases"])
    assert split["registry"]["splits"] == ["M. Koslevski"]
    # ignore a name: the actor whose only name it is disappears
    r = _form(site, "/api/actors/per:irina-valko/ignore", site.token, name="Irina Valko")
    assert r.status_code == 303
    assert r.headers["location"] == "/actors?edited=ignore&gone=per%3Airina-valko"
    assert site.client.get("/actors/per:irina-valko.json").status_code == 404
    gone = site.client.get(r.headers["location"]).text
    assert "<code>per:irina-valko</code> is no longer an actor" in gone
    # the file holds every edit, and the store agrees with it
    registry = Registry.load(reg_file)
    assert registry.merges == {"per:piotr-valko": ["per:valko"]}
    assert registry.ignore == ["Irina Valko"] and registry.actors["per:ilse-varnak"].aliases
    with SQLiteStore(site.db, readonly=True) as store:
        assert registry_path(store, Options()) == reg_file
        assert "per:irina-valko" not in store.actor_ids()


def test_prefers_html() -> None:
    assert prefers_html(BROWSER)
    assert not prefers_html("*/*") and not prefers_html(None)
    assert not prefers_html("application/json, text/html;q=0.5")
    assert not prefers_html("text/html;q=0")
