"""``/quotes`` (who said what, filtered and paged) and ``/speakers`` (who is quoted most).

Both take the quotation filters (speaker, via, type) and the article filters of the search
page (outlet, lang, since, until, actor, story, has_quotes, is_copy), which their export
links carry over.

A quotation links to its highlight in its article (``/articles/{id}#q-{index}``); its speaker
to the page of the actor it is (``/actors/{id}``) when the store knows it, else to the
quotations filtered by that name. On ``/speakers`` a name goes through ``/actors/lookup``,
which finds its actor when the link is followed.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse
from starlette.requests import Request
from starlette.responses import Response

from vigie import queries
from vigie.storage.sqlite import QuoteFilters, SQLiteStore
from vigie.web.actor_links import actor_refs, quote_actor_ids
from vigie.web.deps import (
    DEFAULT_LIMIT,
    Limit,
    Offset,
    QuoteFilterParams,
    Store,
    quote_filters_shown,
)
from vigie.web.facets import FACET_PARAMS, filter_labels
from vigie.web.models import QuotesPage, SpeakersPage, json_responses, page_responses
from vigie.web.negotiate import query_string
from vigie.web.rendering import respond

__all__ = ["EXPORT_PARAMS", "router"]

router = APIRouter(tags=["quotes"])

#: the query parameters of the article filters (every export takes them)
ARTICLE_PARAMS = ("outlet", "lang", "since", "until", *FACET_PARAMS)
#: the query parameters the export links carry over from these pages
EXPORT_PARAMS = ("speaker", "via", "type", *ARTICLE_PARAMS)

SpeakerLimit = Annotated[int, Query(ge=1, le=500, description="Speakers to list (1–500).")]


def quotes_data(
    store: SQLiteStore, filters: QuoteFilters, limit: int, offset: int
) -> dict[str, Any]:
    data = queries.quotes(store, filters, limit=limit, offset=offset)
    data["filters"] = quote_filters_shown(filters)
    ids = quote_actor_ids(store, data["quotes"])
    for q in data["quotes"]:
        q["actor_ids"] = ids.get((q["article_id"], q["index"]), [])
    return data


def speakers_data(store: SQLiteStore, filters: QuoteFilters, limit: int) -> dict[str, Any]:
    return {
        "filters": quote_filters_shown(filters),
        "limit": limit,
        "speakers": store.speakers(filters, limit=limit),
    }


def _extra(request: Request, store: SQLiteStore, filters: QuoteFilters) -> dict[str, Any]:
    params = dict(request.query_params)
    kept = {k: v for k, v in params.items() if k in EXPORT_PARAMS}

    def quote_query_for(speaker: str) -> str:
        """The quotations of one speaker, under this page's other filters."""
        return query_string({**{k: v for k, v in kept.items() if k != "speaker"},
                             "speaker": speaker})  # fmt: skip

    return {
        "form": params,
        "export_query": query_string(kept),
        "article_query": query_string({k: v for k, v in kept.items() if k in ARTICLE_PARAMS}),
        "quote_query_for": quote_query_for,
        "filter_labels": filter_labels(store, filters.articles),
    }


@router.get(
    "/quotes.json",
    response_model=QuotesPage,
    responses=json_responses(422, 503),
    summary="Quotations",
)
def quotes_json(
    store: Store, filters: QuoteFilterParams, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
) -> dict[str, Any]:
    """Quotations matching the filters, newest article first, with speaker, cue, stance and
    the outlet they were relayed by."""
    return quotes_data(store, filters, limit, offset)


@router.get(
    "/quotes",
    response_class=HTMLResponse,
    responses=page_responses(QuotesPage, "The quotations page, or its JSON twin.", 422, 503),
    summary="Quotations page",
)
def quotes_page(
    request: Request,
    store: Store,
    filters: QuoteFilterParams,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Response:
    """Who said what, filtered and paged (JSON with ``Accept: application/json``)."""
    data = quotes_data(store, filters, limit, offset)
    # names of the actors of quotations with several speakers ("A et B")
    several = [i for q in data["quotes"] if len(q["actor_ids"]) > 1 for i in q["actor_ids"]]
    extra = _extra(request, store, filters) | {
        "actor_names": {k: v["name"] for k, v in actor_refs(store, several).items()}
    }
    return respond(request, "quotes.html", data, QuotesPage, section="quotes", extra=extra)


@router.get(
    "/speakers.json",
    response_model=SpeakersPage,
    responses=json_responses(422, 503),
    summary="Speakers",
)
def speakers_json(
    store: Store, filters: QuoteFilterParams, limit: SpeakerLimit = 100
) -> dict[str, Any]:
    """Speakers by number of quotations, with their articles, outlets and relays."""
    return speakers_data(store, filters, limit)


@router.get(
    "/speakers",
    response_class=HTMLResponse,
    responses=page_responses(SpeakersPage, "The speakers page, or its JSON twin.", 422, 503),
    summary="Speakers page",
)
def speakers_page(
    request: Request, store: Store, filters: QuoteFilterParams, limit: SpeakerLimit = 100
) -> Response:
    """Who is quoted most (JSON with ``Accept: application/json``)."""
    data = speakers_data(store, filters, limit)
    return respond(
        request,
        "speakers.html",
        data,
        SpeakersPage,
        section="speakers",
        extra=_extra(request, store, filters),
    )
