"""``/search``: full-text search with filters, paging, facet counts and the volume of the
matches over time (a bar chart drawn on the server)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse
from starlette.requests import Request
from starlette.responses import Response

from vigie import queries
from vigie.storage.sqlite import ArticleFilters, SQLiteStore
from vigie.web.chart import bar_chart, volume
from vigie.web.deps import DEFAULT_LIMIT, Cache, Limit, Offset, Store
from vigie.web.facets import (
    FACET_PARAMS,
    SearchFilters,
    empty_facets,
    filter_labels,
    search_facets,
)
from vigie.web.models import SearchResults, json_responses, page_responses
from vigie.web.negotiate import query_string, wants_json
from vigie.web.rendering import render, respond

__all__ = ["router", "search_data"]

router = APIRouter(tags=["search"])

#: the query parameters of the filters (what the export links carry over from a search)
BASE_FILTERS = ("outlet", "lang", "since", "until")
EXPORT_FILTERS = (*BASE_FILTERS, *FACET_PARAMS)

Unit = Annotated[
    str,
    Query(
        pattern=r"^(auto|day|month|year)$",
        description="Period of the volume chart: auto (by the spread of the matches), day, "
        "month or year.",
    ),
]

Q = Annotated[
    str,
    Query(
        max_length=500,
        description='Words (all must match), "exact phrases", OR, NOT, parentheses, prefix*.',
    ),
]


def search_data(
    store: SQLiteStore,
    q: str,
    filters: ArticleFilters,
    limit: int,
    offset: int,
    unit: str = "auto",
) -> dict[str, Any]:
    """The results of a search, with facet counts and the volume over time when anything
    matched."""
    data = queries.search(store, q, filters, limit=limit, offset=offset)
    data["filters"] = filters.shown()
    if data["total"]:
        data["facets"] = search_facets(store, q, filters)
        data["volume"] = volume(store, q, filters, unit)
    else:
        data["facets"] = empty_facets()
        data["volume"] = None
    return data


@router.get(
    "/search.json",
    response_model=SearchResults,
    responses=json_responses(400, 422, 503),
    summary="Search articles",
)
def search_json(
    store: Store,
    filters: SearchFilters,
    q: Q = "",
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
    unit: Unit = "auto",
) -> dict[str, Any]:
    """Articles matching the query and filters, best first, with highlighted snippets, facet
    counts and the number of matches per period."""
    return search_data(store, q, filters, limit, offset, unit)


@router.get(
    "/search",
    response_class=HTMLResponse,
    responses=page_responses(SearchResults, "The results page, or its JSON twin.", 400, 422, 503),
    summary="Search page",
)
def search_page(
    request: Request,
    store: Store,
    cache: Cache,
    filters: SearchFilters,
    q: Q = "",
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
    unit: Unit = "auto",
) -> Response:
    """The search form, the results and their volume over time (JSON with
    ``Accept: application/json``)."""
    outlets = cache.get("outlets", store.outlets)
    languages = cache.get("languages", store.languages)
    params = request.query_params
    extra = {
        "form": dict(params),
        "outlets": [name for name, _ in outlets],
        "languages": [code for code, _ in languages],
        "chart": None,
        "filter_labels": filter_labels(store, filters),
        "export_query": query_string({k: v for k, v in params.items() if k in EXPORT_FILTERS}),
    }
    if not q.strip() and not wants_json(request):
        return render(request, "search.html", {"data": None, **extra}, section="search")
    data = search_data(store, q, filters, limit, offset, unit)
    if data["volume"] and data["volume"]["buckets"]:
        extra["chart"] = bar_chart(data["volume"]["buckets"])
    return respond(request, "search.html", data, SearchResults, section="search", extra=extra)
