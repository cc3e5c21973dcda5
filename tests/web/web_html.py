"""HTML helpers of the web tests: the tags of a page, and the check that article data stayed
inert in it."""

from __future__ import annotations

from html.parser import HTMLParser

__all__ = ["JSON", "Tags", "assert_inert"]

JSON = {"Accept": "application/json"}


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, and its text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all_text(self) -> str:
        return "".join(self.text)


def assert_inert(html: str) -> Tags:
    """No live markup came from article data: no script, image, frame, style element or
    inline handler anywhere, no SVG but the page's own charts, and no link with a script
    URL."""
    page = Tags(html)
    names = {t for t, _ in page.tags}
    assert not names & {"script", "img", "iframe", "style", "object", "embed", "textarea"}
    svgs = [a for t, a in page.tags if t == "svg"]
    assert all(a.get("class") == "chart" for a in svgs), svgs
    assert html.count("<svg") == len(svgs)
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "action"):
                assert not (value or "").strip().lower().startswith("javascript:"), (tag, value)
    return page
