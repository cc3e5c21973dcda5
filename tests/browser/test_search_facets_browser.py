"""The search page's facets in a real browser: choose an actor in the facets, the results narrow
to the articles quoting or naming them, then narrow again to those with quotations, and the
actor's chip removes its filter (fixtures in conftest.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from browser_kit import Watch

pytestmark = pytest.mark.browser


def _total(pg: Any) -> int:
    heading = pg.locator("#results-h").inner_text()
    m = re.match(r"\s*([\d\s\u202f,.]+) articles? for", heading)
    assert m, heading
    return int(re.sub(r"\D", "", m.group(1)))


def _count(item: Any) -> int:
    return int(re.sub(r"\D", "", item.locator(".count").inner_text()))


def test_an_actor_facet_narrows_the_results(
    server: str, page: tuple[Any, Watch], shots: Path
) -> None:
    pg, watch = page
    pg.goto(server + "/search?q=Korvansk")
    before = _total(pg)
    actors = pg.locator('ul[aria-labelledby="facet-actor-h"] > li')
    assert actors.count() >= 3
    # the first actor that is not named in every result
    item = next(
        actors.nth(i)
        for i in range(actors.count())
        if actors.nth(i).locator("a").count() and _count(actors.nth(i)) < before
    )
    name = item.locator("a").inner_text()
    expected = _count(item)
    with pg.expect_navigation():
        item.locator("a").click()
    assert "actor=" in pg.url
    assert _total(pg) == expected < before
    assert pg.locator("ol.hits > li").count() == min(expected, 20)
    chip = pg.locator(".active-filters .chip").filter(has_text=f"actor: {name}")
    assert chip.count() == 1
    current = pg.locator('ul[aria-labelledby="facet-actor-h"] strong[aria-current="true"]')
    assert current.inner_text() == name

    # then only those with quotations: the yes/no facet narrows them again
    quotes = pg.locator('ul[aria-labelledby="facet-has_quotes-h"] > li').filter(
        has_text="with quotations"
    )
    with_quotes = _count(quotes)
    assert 0 < with_quotes <= expected
    with pg.expect_navigation():
        quotes.locator("a").click()
    assert _total(pg) == with_quotes
    assert pg.locator(".active-filters .chip").count() == 2
    # the article export link keeps both filters
    csv_href = pg.locator('a[href^="/export/articles.csv"]').get_attribute("href") or ""
    assert "actor=" in csv_href and "has_quotes=yes" in csv_href
    pg.screenshot(path=str(shots / "search-facets.png"), full_page=True)

    # the chip's × (reached with the keyboard) drops the actor, keeps the quotations filter
    remove = chip.locator("a.chip-remove")
    remove.focus()
    with pg.expect_navigation():
        pg.keyboard.press("Enter")
    assert "actor=" not in pg.url and "has_quotes=yes" in pg.url
    assert _total(pg) >= with_quotes
    assert pg.evaluate("() => window.__csp") == []
    assert watch.problems() == []
