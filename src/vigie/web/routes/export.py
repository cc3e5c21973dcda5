"""Exports, streamed one record at a time with the filters of the pages they are linked from.

Every export takes the article filters of the search page: ``outlet``, ``lang``, ``since``,
``until`` and the facet filters ``actor``, ``story``, ``has_quotes`` and ``is_copy`` (a
quotation, cited source or dated statement is kept when its article matches them):

* ``/export/articles.jsonl|csv`` — article records (``vigie export articles``);
* ``/export/quotes.jsonl|csv`` — quotations in the format of ``specs/quotes.md``
  (``vigie export quotes``), also filtered by speaker, via and type;
* ``/export/citations.jsonl|csv`` — cited sources (``vigie export citations``), also by
  ``source``;
* ``/export/events.jsonl|csv`` — dated statements (``vigie export events``).

``since``/``until`` are publication dates everywhere; events also take ``event_since`` and
``event_until``, the dates the statements are about.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import StreamingResponse

from vigie import queries
from vigie.storage.sqlite import ArticleFilters, QuoteFilters
from vigie.web.deps import QuoteFilterParams, SearchFilters, parse_date
from vigie.web.downloads import Records, download_doc, stream_download

__all__ = ["router"]

router = APIRouter(tags=["export"])

# -- articles ------------------------------------------------------------------------------


def _articles(filters: ArticleFilters) -> Records:
    return lambda store: queries.export_articles(store, filters)


@router.get(
    "/export/articles.jsonl",
    response_class=StreamingResponse,
    responses=download_doc("jsonl", queries.ARTICLE_EXPORT_FIELDS, "article record"),
    summary="Export articles as JSON lines",
)
def export_jsonl(request: Request, filters: SearchFilters) -> StreamingResponse:
    """Every article matching the filters (those of the search page), one JSON object a
    line."""
    return stream_download(
        request, _articles(filters), queries.ARTICLE_EXPORT_FIELDS, "jsonl", "articles"
    )


@router.get(
    "/export/articles.csv",
    response_class=StreamingResponse,
    responses=download_doc("csv", queries.ARTICLE_EXPORT_FIELDS, "article record"),
    summary="Export articles as CSV",
)
def export_csv(request: Request, filters: SearchFilters) -> StreamingResponse:
    """Every article matching the filters (those of the search page), one CSV row each
    (lists as JSON)."""
    return stream_download(
        request, _articles(filters), queries.ARTICLE_EXPORT_FIELDS, "csv", "articles"
    )


# -- quotations ----------------------------------------------------------------------------


def _quotes(filters: QuoteFilters) -> Records:
    """Quotations matching the article filters and the speaker, via and type filters (the
    quotes table matches them: part of the name, case and accents ignored)."""
    return lambda store: queries.export_quotes(store, filters)


@router.get(
    "/export/quotes.jsonl",
    response_class=StreamingResponse,
    responses=download_doc("jsonl", queries.QUOTE_EXPORT_FIELDS, "quotation (specs/quotes.md)"),
    summary="Export quotations as JSON lines",
)
def export_quotes_jsonl(request: Request, filters: QuoteFilterParams) -> StreamingResponse:
    """Every quotation matching the filters, in the export format of specs/quotes.md."""
    return stream_download(
        request, _quotes(filters), queries.QUOTE_EXPORT_FIELDS, "jsonl", "quotes"
    )


@router.get(
    "/export/quotes.csv",
    response_class=StreamingResponse,
    responses=download_doc("csv", queries.QUOTE_EXPORT_FIELDS, "quotation"),
    summary="Export quotations as CSV",
)
def export_quotes_csv(request: Request, filters: QuoteFilterParams) -> StreamingResponse:
    """Every quotation matching the filters, one CSV row each (spans as JSON)."""
    return stream_download(request, _quotes(filters), queries.QUOTE_EXPORT_FIELDS, "csv", "quotes")


# -- cited sources -------------------------------------------------------------------------

Source = Annotated[
    str | None,
    Query(max_length=200, description="Cited outlet or agency (part of the name)."),
]


def _citations(filters: ArticleFilters, source: str | None) -> Records:
    src = (source or "").strip() or None
    return lambda store: queries.export_citations(store, src, filters)


@router.get(
    "/export/citations.jsonl",
    response_class=StreamingResponse,
    responses=download_doc("jsonl", queries.CITATION_EXPORT_FIELDS, "cited source"),
    summary="Export cited sources as JSON lines",
)
def export_citations_jsonl(
    request: Request, filters: SearchFilters, source: Source = None
) -> StreamingResponse:
    """Every mention of an outlet or agency used as a source ("selon Tass"), in the articles
    matching the filters (those of the search page)."""
    return stream_download(
        request,
        _citations(filters, source),
        queries.CITATION_EXPORT_FIELDS,
        "jsonl",
        "citations",
    )


@router.get(
    "/export/citations.csv",
    response_class=StreamingResponse,
    responses=download_doc("csv", queries.CITATION_EXPORT_FIELDS, "cited source"),
    summary="Export cited sources as CSV",
)
def export_citations_csv(
    request: Request, filters: SearchFilters, source: Source = None
) -> StreamingResponse:
    """Every mention of an outlet or agency used as a source, one CSV row each."""
    return stream_download(
        request, _citations(filters, source), queries.CITATION_EXPORT_FIELDS, "csv", "citations"
    )


# -- dated events --------------------------------------------------------------------------

EventSince = Annotated[
    str | None, Query(max_length=40, description="Events dated on or after (YYYY-MM-DD).")
]
EventUntil = Annotated[
    str | None, Query(max_length=40, description="Events dated on or before (YYYY-MM-DD).")
]


def _events(filters: ArticleFilters, event_since: str | None, event_until: str | None) -> Records:
    since = parse_date("event_since", event_since)
    until = parse_date("event_until", event_until)
    return lambda store: queries.export_events(store, filters, since=since, until=until)


@router.get(
    "/export/events.jsonl",
    response_class=StreamingResponse,
    responses=download_doc("jsonl", queries.EVENT_EXPORT_FIELDS, "dated statement"),
    summary="Export dated events as JSON lines",
)
def export_events_jsonl(
    request: Request,
    filters: SearchFilters,
    event_since: EventSince = None,
    event_until: EventUntil = None,
) -> StreamingResponse:
    """Every dated statement ("Le 26 janvier, … ont remis …") in the articles matching the
    filters (those of the search page), by the date it is about."""
    records = _events(filters, event_since, event_until)
    return stream_download(request, records, queries.EVENT_EXPORT_FIELDS, "jsonl", "events")


@router.get(
    "/export/events.csv",
    response_class=StreamingResponse,
    responses=download_doc("csv", queries.EVENT_EXPORT_FIELDS, "dated statement"),
    summary="Export dated events as CSV",
)
def export_events_csv(
    request: Request,
    filters: SearchFilters,
    event_since: EventSince = None,
    event_until: EventUntil = None,
) -> StreamingResponse:
    """Every dated statement, one CSV row each (spans as JSON)."""
    records = _events(filters, event_since, event_until)
    return stream_download(request, records, queries.EVENT_EXPORT_FIELDS, "csv", "events")
