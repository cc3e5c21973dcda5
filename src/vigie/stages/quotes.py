"""Stage ``quotes``: who said what, with offsets into the original text.

Finds direct, indirect, mixed and ``selon`` quotations in French articles, attributes each to
a canonical speaker, and records the cue (verb group and its stance) and the outlet it was
relayed through (``via``). Every outlet cited as a source goes to ``results.citations``.
The extractor lives in :mod:`vigie.quotes`; this module only runs it on an article.

Articles in a language other than French get empty lists and a note.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vigie.pipeline.registry import stage
from vigie.quotes.extract import extract, to_results
from vigie.stages.entities import Parsed, article_language, parse_article

if TYPE_CHECKING:
    from vigie.article import Article
    from vigie.config import Options

__all__ = ["QUOTE_LANGUAGES", "quotes_from_parsed", "run_quotes"]

#: languages the quote extractor knows
QUOTE_LANGUAGES = frozenset({"fr"})


def quotes_from_parsed(article: Article, parsed: Parsed) -> None:
    """Set ``results.quotes`` and ``results.citations`` from an article's parse."""
    ex = extract(parsed)
    quotes, citations = to_results(article, ex)
    article.results["quotes"] = quotes
    article.results["citations"] = citations
    for n in ex.notes:
        article.note("quotes", n)


@stage(
    "quotes",
    requires=("clean_text", "results.entities"),
    assigns=("results.quotes", "results.citations"),
)
def run_quotes(article: Article, options: Options) -> None:
    """Direct, indirect, mixed and selon quotations with speaker, cue, stance and via."""
    language = article_language(article)
    if language not in QUOTE_LANGUAGES:
        article.note("quotes", f"skipped: no quote extractor for language {language}")
        article.results["quotes"] = []
        article.results["citations"] = []
        return
    parsed = parse_article(article, options)
    if parsed is None:
        article.note("quotes", f"skipped: no model for language {language}")
        article.results["quotes"] = []
        article.results["citations"] = []
        return
    quotes_from_parsed(article, parsed)
