"""The quotations page with the search page's facet filters in a real browser: filtered by the
most quoted actor and "not copies", the chips name them, a new choice in the form keeps them,
and a chip's × removes its own filter only (fixtures in conftest.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import httpx
import pytest
from browser_kit import Watch

pytestmark = pytest.mark.browser


def _total(pg: Any) -> int:
    heading = pg.locator("#results-h").inner_text()
    m = re.match(r"\s*([\d\s\u202f,.]+) quotations?", heading)
    assert m, heading
    return int(re.sub(r"\D", "", m.group(1)))


def test_quotes_keep_and_drop_the_facet_filters(
    server: str, page: tuple[Any, Watch], shots: Path
) -> None:
    pg, watch = page
    actors = httpx.get(server + "/actors.json", params={"limit": 100}, timeout=30).json()
    top = max(actors["actors"], key=lambda a: a["n_quotes"])
    everything = httpx.get(server + "/quotes.json", timeout=30).json()["total"]
    pg.goto(f"{server}/quotes?actor={quote(top['id'], safe='')}&is_copy=no")
    narrowed = _total(pg)
    assert 0 < narrowed < everything
    chips = pg.locator(".active-filters .chip")
    assert chips.filter(has_text=f"actor: {top['name']}").count() == 1
    assert chips.filter(has_text="articles that are not copies").count() == 1
    pg.screenshot(path=str(shots / "quotes-facet-filters.png"))

    # a new kind chosen in the form keeps the actor and copy filters
    pg.select_option("#type", "direct")
    with pg.expect_navigation():
        pg.locator("form.quote-form button[type=submit]").click()
    query = parse_qs(urlsplit(pg.url).query)
    assert query["actor"] == [top["id"]] and query["is_copy"] == ["no"]
    assert query["type"] == ["direct"]
    assert _total(pg) <= narrowed

    # the × of the copy chip removes that filter, and only it
    with pg.expect_navigation():
        chips.filter(has_text="not copies").locator("a.chip-remove").click()
    query = parse_qs(urlsplit(pg.url).query)
    assert "is_copy" not in query and query["actor"] == [top["id"]]
    assert pg.locator(".active-filters .chip").filter(has_text="not copies").count() == 0
    assert watch.problems() == []
