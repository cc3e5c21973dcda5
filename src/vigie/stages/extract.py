"""Stage ``extract``: the article text and metadata of an HTML page, with trafilatura.

The extracted text becomes the article's original text (the offsets of every finding point
into it). Pages with no article text fail this stage, which the ingest report shows.
"""

from __future__ import annotations

from typing import Any

from vigie.article import Article
from vigie.config import Options
from vigie.ingest.decode import fold_newlines
from vigie.ingest.sources import normalise_date
from vigie.pipeline.registry import stage

__all__ = ["extract"]


class NoTextFound(ValueError):
    """The page holds no article text."""


@stage("extract", requires=("text",), assigns=("text",))
def extract(article: Article, options: Options) -> None:
    """HTML → text, title, date, authors, site name (only for articles read from HTML)."""
    if article.html is None:
        return
    import trafilatura

    doc = trafilatura.bare_extraction(
        article.html,
        url=article.url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        deduplicate=False,
    )
    meta: dict[str, Any] = {} if doc is None else doc if isinstance(doc, dict) else doc.as_dict()
    text = meta.get("text")
    if not text or not text.strip():
        raise NoTextFound("no article text found in the HTML page")
    article.text = fold_newlines(text)
    article.html = None  # the extracted text is the original from here on
    article._clean = None
    if not article.title and meta.get("title"):
        article.title = meta["title"]
    if not article.published:
        article.published = normalise_date(meta.get("date"))
    if not article.authors and meta.get("author"):
        article.authors = [a.strip() for a in str(meta["author"]).split(";") if a.strip()]
    if not article.outlet and meta.get("sitename"):
        article.outlet = meta["sitename"]
    if not article.url and meta.get("url"):
        article.url = meta["url"]
