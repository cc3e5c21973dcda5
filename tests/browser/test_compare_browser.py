"""Copies in a real browser: a demo article that has a translated copy lists it under "Copies
and translations"; "Compare side by side" opens the two texts, their aligned passages in rows,
each column in its language, the signs of machine translation marked; on a narrow screen the
columns stack (fixtures in conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from browser_kit import Watch

pytestmark = pytest.mark.browser


def _translated_source(server: str) -> tuple[str, dict[str, Any]]:
    """A demo article that a translated copy copies, and that relation as its page lists it."""
    hits = httpx.get(server + "/search.json", params={"q": "Vrenica", "limit": 50}).json()["hits"]
    for h in hits:
        view = httpx.get(f"{server}/articles/{h['article_id']}.json").json()
        for line in view["copies"]["relations"]:
            kind, relation = line["kind"], line["relation"]
            if kind == "translated" and relation == "copied by" and line["mt_signs"]:
                return str(h["article_id"]), line
    raise AssertionError("no demo article has a translated copy with signs of MT")


def test_follow_a_translated_copy_to_the_side_by_side_view(
    server: str, page: tuple[Any, Watch], shots: Path
) -> None:
    pg, watch = page
    article_id, line = _translated_source(server)
    pg.goto(f"{server}/articles/{article_id}")
    section = pg.locator("section.copies")
    assert section.locator("h2").inner_text() == "Copies and translations"
    item = section.locator("li.copy-item", has=pg.locator(f'a[href="{line["compare"]}"]'))
    assert item.count() == 1
    assert "translated" in item.locator(".kind-badge").inner_text()
    assert item.locator(".rel-tag").inner_text().lower() == "copied by"
    assert section.locator("a", has_text="Compare side by side").count() >= 2
    section.scroll_into_view_if_needed()
    section.screenshot(path=str(shots / "article-copies.png"))

    # keyboard: the compare link is reachable with Tab, and Enter follows it
    link = item.locator("a", has_text="Compare side by side")
    link.focus()
    assert pg.evaluate("() => document.activeElement.textContent").startswith("Compare side")
    with pg.expect_navigation():
        pg.keyboard.press("Enter")
    assert pg.url.endswith(line["compare"])

    pairs = pg.locator("ol.pairs > li.pair")
    assert pairs.count() >= 3
    first = pairs.first
    left, right = first.locator(".cell-left"), first.locator(".cell-right")
    # rows aligned: the two cells of a pair start at the same height, side by side
    lb, rb = left.bounding_box(), right.bounding_box()
    assert lb and rb and abs(lb["y"] - rb["y"]) < 2 and lb["x"] + lb["width"] <= rb["x"]
    # each column in its language: the copy (right) in the translation's
    right_lang = right.locator(".passage").get_attribute("lang")
    assert right_lang == line["other"]["language"]
    assert left.locator(".passage").get_attribute("lang") not in (None, right_lang)
    # the signs of machine translation: marked in the copy's text, listed beside, linked
    marks = pg.locator(".cell-right mark.mt")
    assert marks.count() >= 1
    assert marks.first.locator(".sign-tag").inner_text().startswith("MT")
    sign_link = pg.locator(".cell-right .mt-signs a").first
    target = str(sign_link.get_attribute("href"))
    assert pg.locator(target).count() == 1
    # offsets are shown for auditing
    assert "[" in left.locator(".offsets").inner_text()
    pg.screenshot(path=str(shots / "compare.png"), full_page=True)

    # a narrow screen: the columns stack, the source's cell above the copy's
    pg.set_viewport_size({"width": 420, "height": 900})
    lb, rb = left.bounding_box(), right.bounding_box()
    assert lb and rb and rb["y"] >= lb["y"] + lb["height"] - 1
    assert pg.evaluate("() => document.documentElement.scrollWidth") <= 420
    pg.locator("#p-2").scroll_into_view_if_needed()
    pg.screenshot(path=str(shots / "compare-narrow.png"))
    assert pg.evaluate("() => window.__csp") == []
    assert watch.problems() == []


def test_near_copy_unshared_text_opens_without_script(
    server: str, page: tuple[Any, Watch], shots: Path
) -> None:
    pg, watch = page
    hits = httpx.get(server + "/search.json", params={"q": "Koslevski", "limit": 50}).json()
    found = None
    for h in hits["hits"]:
        view = httpx.get(f"{server}/articles/{h['article_id']}.json").json()
        for line in view["copies"]["relations"]:
            if line["kind"] == "near" and line["relation"] == "copied by" and line["changes"]:
                found = line
                break
        if found:
            break
    assert found, "no demo article has a near copy with changes"
    pg.goto(server + found["compare"])
    struck = pg.locator(".cell-left del")
    assert struck.count() >= 1
    assert "line-through" in struck.first.evaluate("e => getComputedStyle(e).textDecorationLine")
    folded = pg.locator("details.outside").first
    assert folded.locator(".outside-text").is_hidden()
    folded.locator("summary").click()
    assert folded.locator(".outside-text").is_visible()
    assert "not shared" in folded.locator("summary").inner_text()
    pg.screenshot(path=str(shots / "compare-near.png"), full_page=True)
    assert pg.evaluate("() => window.__csp") == []
    assert watch.problems() == []
