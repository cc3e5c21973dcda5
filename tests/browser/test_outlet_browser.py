"""The outlet pages in a real browser: /outlets sorted by a column, then the demo's state agency
(Telekar) followed from the table, its copy graph with its copiers, and one of them followed
from the graph to its own page, where Telekar is a state-medium source (fixtures in
conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from browser_kit import Watch

pytestmark = pytest.mark.browser


def _href(name: str) -> str:
    return "/outlet?name=" + quote(name, safe="")


def test_outlets_then_an_outlet_graph(server: str, page: tuple[Any, Watch], shots: Path) -> None:
    pg, watch = page
    listed = httpx.get(server + "/outlets.json", params={"limit": 500}).json()
    pg.goto(server + "/outlets")
    rows = pg.locator("table.outlets tbody tr")
    assert rows.count() == min(listed["total"], 50) >= 10
    assert (pg.locator("th[aria-sort='descending']").text_content() or "").startswith("Articles")
    assert pg.locator("a[href^='/export/outlets.csv']").count() == 1
    # sort by the copies of each outlet: the busiest original comes first
    with pg.expect_navigation():
        pg.locator("table.outlets thead a", has_text="Copied").click()
    assert "sort=copied" in pg.url
    assert (pg.locator("th[aria-sort='descending']").text_content() or "").startswith("Copied")
    copied = [int(x) for x in pg.locator("table.outlets tbody td:nth-child(7)").all_inner_texts()]
    assert copied == sorted(copied, reverse=True) and copied[0] > 0
    state_rows = pg.locator("table.outlets tbody tr", has=pg.locator(".state-tag"))
    assert state_rows.count() >= 3
    pg.screenshot(path=str(shots / "outlets.png"), full_page=True)

    # the demo's state agency, from the table
    with pg.expect_navigation():
        pg.locator(f"table.outlets a[href='{_href('Telekar')}']").click()
    assert pg.locator("h1").inner_text().strip() == "Telekar"
    telekar = httpx.get(server + "/outlet.json", params={"name": "Telekar"}).json()
    assert telekar["copiers"], "no copy of Telekar in the demo corpus"
    graph = pg.locator("svg.outlet-graph")
    assert graph.is_visible()
    assert graph.get_attribute("role") == "img"
    nodes = graph.locator("a.node")
    assert nodes.count() == len(telekar["copiers"][:12])
    labels = graph.locator(".edge-labels text").all_text_contents()
    assert len(labels) == nodes.count() and all("median" in t for t in labels)
    assert "▲ Telekar" in (graph.locator(".node.center text").text_content() or "")
    # the copies of it have a lag histogram; it copies nothing
    assert pg.locator("svg.lag-chart").count() == 1
    assert (pg.locator("#copiers-h").text_content() or "").startswith("Copied by")
    # the tables are the keyboard's way to every outlet of the graph
    first = telekar["copiers"][0]
    link = pg.locator(f"table.edges a[href='{first['link']}']")
    link.focus()
    assert pg.evaluate("() => document.activeElement.tagName") == "A"

    # follow a copier that is copied in turn (else the one with most edges), from its box
    def edges(name: str) -> tuple[bool, int]:
        v = httpx.get(server + "/outlet.json", params={"name": name}).json()
        return bool(v["copiers"]), len(v["sources"]) + len(v["copiers"])

    target = max(telekar["copiers"][:12], key=lambda e: (edges(e["outlet"]), e["outlet"]))
    with pg.expect_navigation():
        graph.locator(f"a.node[href='{target['link']}']").click()
    assert pg.locator("h1").inner_text().strip() == target["outlet"]
    other = pg.locator("svg.outlet-graph")
    assert other.is_visible()
    state_node = other.locator(f"a.node.state[href='{_href('Telekar')}']")
    assert state_node.count() == 1 and "Telekar" in (state_node.text_content() or "")
    assert "Telekar" in pg.locator("table.agencies").inner_text()
    pg.screenshot(path=str(shots / "outlet.png"), full_page=True)
    assert pg.evaluate("() => window.__csp") == []
    assert watch.problems() == []


def test_who_relays_a_source(server: str, page: tuple[Any, Watch], shots: Path) -> None:
    pg, watch = page
    pg.goto(server + "/outlets")
    with pg.expect_navigation():
        pg.locator("a[href='/relays']").click()
    pg.fill("#sources", "Телекар, Ekran-K")
    with pg.expect_navigation():
        pg.locator("form button[type=submit]").click()
    assert "sources=" in pg.url
    data = httpx.get(server + "/relays.json", params={"sources": "Телекар, Ekran-K"}).json()
    rows = pg.locator("table.relays tbody tr")
    assert rows.count() == len(data["outlets"]) >= 3
    # the sources are named as the list knows them, with their other names
    assert "Telekar" in pg.locator("main").inner_text()
    first = data["outlets"][0]
    cells = rows.nth(0).locator("td").all_inner_texts()
    assert cells[4] == str(first["derived"])
    pg.screenshot(path=str(shots / "relays.png"), full_page=True)
    with pg.expect_navigation():
        rows.nth(0).locator("th a").click()
    assert pg.locator("h1").inner_text().strip() == first["outlet"]
    assert pg.evaluate("() => window.__csp") == []
    assert watch.problems() == []
