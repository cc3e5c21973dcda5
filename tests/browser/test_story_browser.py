"""The story pages in a real browser: from /stories, open a story of several outlets whose
articles copy one another, see its timeline and its lineage graph with its edges, reach the
graph with the keyboard and follow a box to its article (fixtures in conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from browser_kit import Watch

pytestmark = pytest.mark.browser


def _story_with_copies(server: str) -> dict[str, Any]:
    """The demo story of most copy relations among stories of three outlets or more."""
    listed = httpx.get(server + "/stories.json", params={"limit": 100}).json()["stories"]
    views = [
        httpx.get(f"{server}/stories/{s['story_id']}.json").json()
        for s in listed
        if len(s["outlets"]) >= 3
    ]
    views = [v for v in views if any(r["role"] == "lineage" for r in v["relations"])]
    assert views, "no story of several outlets with copies in the demo corpus"
    return max(views, key=lambda v: (len(v["relations"]), v["story"]["story_id"]))


def _focused_in(pg: Any, selector: str) -> bool:
    return bool(
        pg.evaluate(
            "(sel) => { const e = document.activeElement;"
            " return !!(e && e.closest(sel) && e.tagName.toLowerCase() === 'a'); }",
            selector,
        )
    )


def test_open_a_story_lineage_graph(server: str, page: tuple[Any, Watch], shots: Path) -> None:
    pg, watch = page
    view = _story_with_copies(server)
    sid = view["story"]["story_id"]
    pg.goto(server + "/stories")
    rows = pg.locator("table.stories tbody tr")
    assert rows.count() >= 3
    assert pg.locator("a[href^='/export/stories.csv']").count() == 1
    pg.screenshot(path=str(shots / "stories.png"), full_page=True)

    with pg.expect_navigation():
        pg.locator(f"table.stories a[href='/stories/{sid}']").click()
    assert pg.url.endswith(f"/stories/{sid}")
    assert pg.locator("h1").inner_text().strip() == view["story"]["label"]

    # the timeline: one mark per dated article, each a link
    marks = pg.locator(".story-timeline svg .marks a")
    assert marks.count() == sum(1 for a in view["articles"] if a["published"])
    # the lineage graph: a box per article of a relation, an arrow per lineage edge,
    # dashed lines without arrow head for the undetermined pairs
    graph = pg.locator("section.lineage svg")
    graph.scroll_into_view_if_needed()
    assert graph.is_visible()
    lineage = [r for r in view["relations"] if r["role"] == "lineage"]
    undetermined = [r for r in view["relations"] if r["role"] == "undetermined"]
    assert graph.locator("path.edge[marker-end]").count() == len(lineage) > 0
    assert graph.locator("path.edge.undetermined:not([marker-end])").count() == len(undetermined)
    assert graph.locator(".nodes a").count() == len(lineage) + len(view["lineage"])
    box = graph.bounding_box()
    assert box and box["width"] > 400 and box["height"] > 80
    # the edges are drawn: a visible stroke, and the arrow heads render
    stroke = graph.locator("path.edge").first.evaluate("e => getComputedStyle(e).stroke")
    assert stroke not in ("none", "")
    labels = graph.locator(".edge-labels text").all_text_contents()
    assert any(lbl.startswith(("exact ·", "near ·", "partial ·", "translated ·")) for lbl in labels)
    # the list alternative says the same chains
    assert pg.locator("ul.chains li").count() == graph.locator(".nodes a").count()
    pg.screenshot(path=str(shots / "story.png"), full_page=True)
    graph.screenshot(path=str(shots / "story-lineage.png"))

    # keyboard: from the table's toggle just above the section, Tab reaches a box of the graph
    pg.locator("#articles > summary").focus()
    for _ in range(5):
        pg.keyboard.press("Tab")
        if _focused_in(pg, "section.lineage svg"):
            break
    assert _focused_in(pg, "section.lineage svg"), "no box of the graph takes the focus"
    href = pg.evaluate("() => document.activeElement.getAttribute('href')")
    assert str(href).startswith("/articles/")
    with pg.expect_navigation():
        pg.keyboard.press("Enter")
    assert pg.url.endswith(str(href))
    assert pg.evaluate("() => window.__csp") == []
    assert watch.problems() == []
