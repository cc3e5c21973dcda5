"""The web UI in a real browser: search, article, quote focus, the quotes CSV, the actor page,
hostile text and the security policy (fixtures in conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from browser_kit import VIEWPORT, Watch

from vigie.queries import QUOTE_EXPORT_FIELDS

pytestmark = pytest.mark.browser


def _focused(pg: Any) -> str:
    return str(
        pg.evaluate("() => { const e = document.activeElement; return (e.id || e.className); }")
    )


def test_search_then_open_an_article(server: str, page: tuple[Any, Watch], shots: Path) -> None:
    pg, watch = page
    pg.goto(server + "/")
    # keyboard only: the skip link comes first, the search box soon after
    pg.keyboard.press("Tab")
    assert _focused(pg) == "skip-link"
    for _ in range(12):
        pg.keyboard.press("Tab")
        if _focused(pg) == "q":
            break
    assert _focused(pg) == "q", "the search box cannot be reached with Tab"
    pg.keyboard.type("sécurité indivisible")
    with pg.expect_navigation():
        pg.keyboard.press("Enter")
    assert "/search?q=" in pg.url
    heading = pg.locator("#results-h").inner_text()
    assert "articles for" in heading and "sécurité indivisible" in heading
    hits = pg.locator("ol.hits > li")
    assert hits.count() >= 3
    assert pg.locator("ol.hits mark").count() >= 2
    pg.screenshot(path=str(shots / "search.png"), full_page=True)

    # the result with most furniture: the one whose page strikes through removed spans
    hrefs = [hits.nth(i).locator("h3 a").get_attribute("href") for i in range(hits.count())]
    best, best_n = None, -1
    for href in hrefs:
        n = len(httpx.get(server + str(href) + ".json").json()["removed"])
        if n > best_n:
            best, best_n = href, n
    assert best_n > 0, "no search result has removed furniture"
    with pg.expect_navigation():
        pg.locator(f'ol.hits h3 a[href="{best}"]').click()
    removed = pg.locator(".original del.removed")
    assert removed.count() == best_n
    first = removed.first
    assert "line-through" in first.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert (first.get_attribute("title") or "").startswith("Removed by cleaning: ")
    label = pg.locator(".original .removed-label").first
    assert label.is_visible() and label.inner_text().lower().startswith("removed")
    pg.screenshot(path=str(shots / "article.png"), full_page=True)
    assert pg.evaluate("() => window.__csp") == []
    assert watch.problems() == []


def _tab_to(pg: Any, selector: str, limit: int = 80) -> bool:
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        pg.keyboard.press("Tab")
        if pg.evaluate("(s) => document.activeElement.matches(s)", selector):
            return True
    return False


def test_keyboard_reaches_a_quote_and_shows_its_speaker(
    server: str, page: tuple[Any, Watch], shots: Path
) -> None:
    pg, watch = page
    hits = httpx.get(server + "/search.json", params={"q": "Otan esquiver"}).json()["hits"]
    article = httpx.get(server + f"/articles/{hits[0]['article_id']}.json").json()
    assert article["quotes"], "the sample article has no quotation"
    pg.goto(server + f"/articles/{article['article_id']}")
    marks = pg.locator(".original mark.q[tabindex='0']")
    assert marks.count() == len(article["quotes"])
    # highlighted: a background and an underline in the speaker's colour, and a letter
    first = marks.first
    assert first.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert first.evaluate("e => getComputedStyle(e).borderBottomStyle") in (
        "solid",
        "dashed",
        "double",
        "dotted",
    )
    assert first.locator(".qtag").inner_text() == article["quotes"][0]["speaker_key"]
    tip = first.locator(".qtip")
    assert not tip.is_visible()
    # keyboard only: Tab from the top of the page to the first quotation
    pg.locator("body").focus()
    assert _tab_to(pg, ".original mark.q"), "no quotation can be reached with Tab"
    focused = pg.evaluate("() => document.activeElement.id")
    quote = next(q for q in article["quotes"] if q["anchor"] == focused)
    tip = pg.locator(f"#{focused} > .qtip")
    assert tip.is_visible()
    shown = tip.inner_text()
    assert quote["speaker"] in shown and quote["cue"]["text"] in shown
    # the tip lies above the quotation's first line, inside the window
    box, mark_box = tip.bounding_box(), pg.locator(f"#{focused}").bounding_box()
    assert box and mark_box and box["y"] + box["height"] <= mark_box["y"] + 2
    # the screen reader's description is the quotation's entry in the list below the text
    described = pg.locator(f"#{focused}").get_attribute("aria-describedby")
    assert quote["speaker"] in pg.locator(f"#{described}").inner_text()
    pg.locator(f"#{focused}").scroll_into_view_if_needed()
    pg.evaluate("() => window.scrollBy(0, -120)")
    pg.screenshot(path=str(shots / "article-quotes.png"))
    # the list links back to the highlight
    with pg.expect_navigation():
        pg.locator(f"#{described} a[href='#{focused}']").click()
    assert pg.url.endswith(f"#{focused}")
    assert pg.evaluate("() => window.__csp") == []
    assert watch.problems() == []


def test_quotes_page_downloads_a_csv(server: str, page: tuple[Any, Watch], shots: Path) -> None:
    pg, watch = page
    pg.goto(server + "/quotes?limit=10")
    items = pg.locator("ol.quotes > li")
    assert items.count() == 10
    pg.screenshot(path=str(shots / "quotes.png"), full_page=True)
    # a speaker's filter link filters the quotations (the name goes to the actor's page)
    name = items.first.locator("a.speaker").inner_text()
    speaker = items.first.locator("a[href*='speaker=']")
    with pg.expect_navigation():
        speaker.click()
    assert "speaker=" in pg.url
    assert pg.locator("ol.quotes > li").count() >= 1
    assert name in pg.locator("ol.quotes > li").first.inner_text()
    # the CSV export of what is shown, with the same filters
    with pg.expect_download() as info:
        pg.locator(".exports a[href^='/export/quotes.csv']").click()
    download = info.value
    assert download.suggested_filename == "vigie-quotes.csv"
    path = download.path()
    with open(path, encoding="utf-8") as fh:
        header = fh.readline().strip()
        rows = fh.read().splitlines()
    assert header == ",".join(QUOTE_EXPORT_FIELDS)
    assert rows, "the export of a speaker's quotations is empty"
    assert watch.problems() == []


def test_search_shows_a_volume_chart(server: str, page: tuple[Any, Watch], shots: Path) -> None:
    pg, watch = page
    pg.goto(server + "/search?q=Koslevski OR Lisk OR Otan&since=2025-01-01")
    chart = pg.locator("svg.chart")
    assert chart.is_visible()
    assert "per day" in pg.locator("#volume-h").inner_text()  # a spread of weeks: by day
    assert pg.locator("svg.chart .bars rect").count() >= 10
    assert pg.locator("svg.chart title").first.text_content().startswith("Articles matching")
    table = pg.locator(".chart-data table")
    assert not table.is_visible()
    pg.locator(".chart-data summary").click()
    assert table.is_visible()
    pg.locator(".chart-data summary").click()
    pg.screenshot(path=str(shots / "search-chart.png"), full_page=False)
    assert pg.evaluate("() => window.__csp") == []
    assert watch.problems() == []


def test_a_speaker_leads_to_the_actor_and_its_timeline(
    server: str, page: tuple[Any, Watch], shots: Path
) -> None:
    pg, watch = page
    actor = "/actors/per:dmitar-koslevski"
    hits = httpx.get(server + "/search.json", params={"q": "Koslevski", "limit": 50}).json()
    # an article where a highlighted quotation's speaker is named in the text
    for hit in hits["hits"]:
        pg.goto(server + f"/articles/{hit['article_id']}")
        link = pg.locator(f".original a.mention-link[href='{actor}']")
        if link.count():
            break
    else:
        pytest.fail("no article links a speaker mention to Dmitar Koslevski's page")
    assert "Dmitar Koslevski" in (link.first.get_attribute("title") or "")
    # keyboard: focus the speaker's link, then follow it
    link.first.focus()
    with pg.expect_navigation():
        pg.keyboard.press("Enter")
    assert pg.url == server + actor
    assert pg.locator("h1").inner_text() == "Dmitar Koslevski"
    chart = pg.locator("svg.chart")
    assert chart.is_visible()
    assert "per day" in pg.locator("#timeline-h").inner_text()
    assert pg.locator("svg.chart .bars rect").count() >= 10
    box = chart.bounding_box()
    assert box and box["width"] > 500 and box["height"] > 150
    relays = pg.locator("#relays-h + .relay-columns")
    assert relays.is_visible() and "Telekar" in relays.inner_text()
    assert pg.locator("ol.quotes > li").count() >= 20
    # the counts as a table, each period leading to its quotations
    pg.locator(".chart-data summary").click()
    first = pg.locator(".chart-data tbody a").first
    period = first.inner_text()
    with pg.expect_navigation():
        first.click()
    assert f"since={period}" in pg.url and f"until={period}" in pg.url
    assert pg.locator(".active-filters").is_visible()
    pg.goto(server + actor)
    pg.screenshot(path=str(shots / "actor.png"), full_page=True, clip=ACTOR_CLIP)
    assert pg.evaluate("() => window.__csp") == []
    assert watch.problems() == []


#: the top of an actor's page: facts, aliases, roles, timeline, relays, first quotations
ACTOR_CLIP = {"x": 0, "y": 0, "width": VIEWPORT["width"], "height": 1400}


def test_hostile_pages_run_no_script(server: str, page: tuple[Any, Watch]) -> None:
    pg, watch = page
    for path in ("/", "/runs", "/index.json", "/quotes", "/speakers", "/actors"):
        pg.goto(server + path)
    links = pg.locator("a[href^='/articles/']")
    # the demo's hostile page, when ingested, is among the articles: open every hit
    pg.goto(server + "/search?q=script OR alert OR onerror&limit=100")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    for href in hrefs:
        pg.goto(server + str(href))
        assert pg.evaluate("() => document.querySelectorAll('script').length") == 0
        assert pg.evaluate("() => window.__csp") == []
    assert hrefs, "no hostile article was found"
    assert watch.problems() == []


def test_the_policy_blocks_inline_script(server: str, page: tuple[Any, Watch]) -> None:
    """A positive control: the browser does enforce the header (an inline script added to the
    page does not run, and the violation is reported)."""
    pg, watch = page
    pg.goto(server + "/")
    ran = pg.evaluate(
        """() => {
            const s = document.createElement("script");
            s.textContent = "window.__ran = true";
            document.body.appendChild(s);
            return window.__ran === true;
        }"""
    )
    assert ran is False
    violations = pg.evaluate("() => window.__csp")
    assert violations and violations[0].startswith("script-src")
    assert any("Content Security Policy" in m for m in watch.console)


def test_pages_work_without_javascript(browser: Any, server: str) -> None:
    context = browser.new_context(viewport=VIEWPORT, java_script_enabled=False)
    pg = context.new_page()
    pg.goto(server + "/")
    pg.fill("#q", "Otan")
    with pg.expect_navigation():
        pg.click("form.search-form button[type=submit]")
    assert pg.locator("ol.hits > li").count() >= 1
    context.close()
