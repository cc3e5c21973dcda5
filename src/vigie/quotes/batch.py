"""Entities and quotes over many articles at once: one batched ``nlp.pipe`` pass.

The per-article stages (``entities``, ``quotes``) give the same results; this entry point only
saves time by letting spaCy batch (and, with ``n_process``, parallelise) the parsing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from vigie.stages.entities import article_language, entities_from_parsed, parse_many
from vigie.stages.quotes import QUOTE_LANGUAGES, quotes_from_parsed

if TYPE_CHECKING:
    from vigie.article import Article
    from vigie.config import Options

__all__ = ["analyse_many"]


def analyse_many(
    articles: Sequence[Article],
    options: Options | None = None,
    *,
    quotes: bool = True,
    batch_size: int | None = None,
    n_process: int | None = None,
) -> Sequence[Article]:
    """Run ``entities`` (and ``quotes``) on every article; errors are recorded per article."""
    parsed = parse_many(articles, options, batch_size=batch_size, n_process=n_process)
    for a, p in zip(articles, parsed, strict=True):
        lang = article_language(a)
        if p is None:
            a.note("entities", f"skipped: no model for language {lang}")
            a.results["entities"] = []
            a.done.append("entities")
        else:
            try:
                a.results["entities"] = entities_from_parsed(a, p)
                a.done.append("entities")
            except Exception as exc:  # one article's failure must not stop the batch
                a.add_error("entities", exc)
                continue
        if not quotes:
            continue
        if p is None or lang not in QUOTE_LANGUAGES:
            a.note("quotes", f"skipped: no quote extractor for language {lang}")
            a.results["quotes"] = []
            a.results["citations"] = []
            a.done.append("quotes")
            continue
        try:
            quotes_from_parsed(a, p)
            a.done.append("quotes")
        except Exception as exc:
            a.add_error("quotes", exc)
    return articles
