"""Quote groups in a real browser: the list, then a group of the demo corpus reported by three
outlets or more — its spread chart, its outlets, its versions with their differences — and a
mark of the chart followed to the quotation in its article (fixtures in conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from browser_kit import Watch

pytestmark = pytest.mark.browser

#: the top of a group's page: the statement, the facts, the chart, the outlets, some versions
GROUP_CLIP = {"x": 0, "y": 0, "width": 1280, "height": 1900}


def test_follow_a_quote_group_across_outlets(
    server: str, page: tuple[Any, Watch], shots: Path
) -> None:
    pg, watch = page
    pg.goto(server + "/quote-groups")
    assert pg.locator("h1").inner_text() == "Quote groups"
    rows = pg.locator("table.qg-table tbody tr")
    assert rows.count() >= 10
    assert "quote groups" in pg.locator("#results-h").inner_text()
    assert pg.locator('a[href^="/export/quote-groups.csv"]').is_visible()
    pg.screenshot(path=str(shots / "quote-groups.png"))

    # a group seen in three outlets or more whose versions differ, listed on this page
    listed = httpx.get(server + "/quote-groups.json").json()["groups"]
    group = next(
        g
        for g in listed
        if g["n_outlets"] >= 3 and (g["kinds"].get("truncated") or g["kinds"].get("altered"))
    )
    with pg.expect_navigation():
        pg.locator(f'a.qg-open[href="{group["link"]}"]').click()
    assert pg.locator("h1").inner_text().startswith("A statement by")

    # the spread chart: one mark per dated article, the first appearance ringed
    chart = pg.locator("svg.qg-chart")
    assert chart.is_visible() and chart.get_attribute("role") == "img"
    marks = chart.locator("g.qg-mark")
    assert marks.count() >= 3
    assert chart.locator("g.qg-first").count() == 1
    assert pg.locator("table.qg-outlet-table tbody tr").count() == group["n_outlets"]

    # the versions and their differences: struck and underlined, not only coloured
    versions = pg.locator("li.qg-variant")
    assert versions.count() == httpx.get(server + group["link"] + ".json").json()["n_versions"]
    removed = pg.locator("li.qg-variant del.qg-del")
    assert removed.count() >= 1
    assert "line-through" in removed.first.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "missing" in removed.first.text_content()  # the words screen readers hear
    assert pg.locator(".qg-variant .qg-kind").first.is_visible()
    pg.screenshot(path=str(shots / "quote-group.png"), full_page=True, clip=GROUP_CLIP)
    assert pg.evaluate("() => window.__csp") == []

    # a mark of the chart opens the quotation in its article
    href = str(chart.locator("a").last.get_attribute("href"))
    with pg.expect_navigation():
        chart.locator("a").last.click()
    assert pg.url.endswith(href)
    anchor = href.split("#", 1)[1]
    assert pg.locator(f"#{anchor}").count() == 1
    assert pg.evaluate("() => window.__csp") == []
    assert watch.problems() == []
