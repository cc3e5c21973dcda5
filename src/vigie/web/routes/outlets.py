"""``/outlets`` (every outlet with its counts, filtered by name, sorted, paged; exported as CSV
or JSON lines) and ``/outlet?name=…`` (one outlet: volume, languages, copy graph, lags, cited
sources, share from state media), with their JSON twins.

An outlet is named by a query parameter, never by a path: any name (slashes, ``..``, markup, a
name ending in ``.json``) goes there and back, and none reaches the file system.
``/outlets/{name}`` is there for people typing a URL: it redirects to ``/outlet?name={name}``.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from vigie.config import Options
from vigie.errors import NotFoundError
from vigie.storage.sqlite import SQLiteStore
from vigie.web.actor_links import actor_href
from vigie.web.cache import StoreCache
from vigie.web.chart import MAX_BUCKETS, bar_chart
from vigie.web.deps import AppOptions, Cache, Offset, Store
from vigie.web.downloads import download, download_doc
from vigie.web.models import json_responses, page_responses
from vigie.web.models.outlets import OutletsPage, OutletView
from vigie.web.negotiate import page_url, query_string
from vigie.web.outlet_graph import graph_layout, human_lag, lag_chart
from vigie.web.outlet_page import (
    OUTLET_EXPORT_FIELDS,
    SORTS,
    outlet_data,
    outlet_href,
    outlet_rows,
    outlets_data,
    state_list,
)
from vigie.web.rendering import respond

__all__ = ["router"]

router = APIRouter(tags=["outlets"])

#: an outlet page is kept for the store's state when the outlet has at least this many articles
CACHE_FROM_ARTICLES = 2000

NameFilter = Annotated[
    str, Query(max_length=200, description="Outlets whose name contains this (accents ignored).")
]
Sort = Annotated[
    str,
    Query(
        pattern=f"^({'|'.join(SORTS)})$",
        description="Sort by: " + ", ".join(SORTS) + ".",
    ),
]
Order = Annotated[
    str,
    Query(
        pattern=r"^(asc|desc)?$",
        description="asc or desc (empty: the column's default, largest first for counts).",
    ),
]
OutletLimit = Annotated[int, Query(ge=1, le=500, description="Outlets per page (1–500).")]
OutletName = Annotated[
    str,
    Query(min_length=1, max_length=2000, description="The outlet, as its articles name it."),
]
Unit = Annotated[
    str,
    Query(
        pattern=r"^(auto|day|week|month|year)$",
        description="Period of the volume chart: auto (by the spread), day, week, month or year.",
    ),
]


def _state_key(options: Options) -> str:
    return json.dumps(options.outlets.state_media, ensure_ascii=False)


def _rows(store: SQLiteStore, cache: StoreCache, options: Options) -> list[dict[str, Any]]:
    """Every outlet's record, counted once per store state."""
    states = state_list(options)
    return cache.get("outlets:" + _state_key(options), lambda: outlet_rows(store, states))


def _list(
    store: SQLiteStore,
    cache: StoreCache,
    options: Options,
    name: str,
    sort: str,
    order: str,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    rows = _rows(store, cache, options)
    return outlets_data(rows, name=name, sort=sort, order=order, limit=limit, offset=offset)


def _order_words(sort: str, order: str) -> str:
    """How the table is ordered, in words: "largest first", "A–Z", "newest first"…"""
    if sort == "name":
        return "Z–A" if order == "desc" else "A–Z"
    if sort in ("first", "last"):
        return "newest first" if order == "desc" else "oldest first"
    return "largest first" if order == "desc" else "smallest first"


@router.get(
    "/outlets.json",
    response_model=OutletsPage,
    responses=json_responses(422, 503),
    summary="Outlets",
)
def outlets_json(
    store: Store,
    cache: Cache,
    options: AppOptions,
    name: NameFilter = "",
    sort: Sort = "articles",
    order: Order = "",
    limit: OutletLimit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Every outlet with its articles, languages, first and last publication, the copies it
    made and the copies of it, and the share of its copies that hide their source."""
    return _list(store, cache, options, name, sort, order, limit, offset)


@router.get(
    "/outlets",
    response_class=HTMLResponse,
    responses=page_responses(OutletsPage, "The outlets page, or its JSON twin.", 422, 503),
    summary="Outlets page",
)
def outlets_page(
    request: Request,
    store: Store,
    cache: Cache,
    options: AppOptions,
    name: NameFilter = "",
    sort: Sort = "articles",
    order: Order = "",
    limit: OutletLimit = 50,
    offset: Offset = 0,
) -> Response:
    """The outlets as a sortable table (JSON with ``Accept: application/json``)."""
    data = _list(store, cache, options, name, sort, order, limit, offset)

    def sort_url(column: str) -> str:
        """The page sorted by ``column``; the column in force flips its order."""
        if column == data["sort"]:
            flipped = "asc" if data["order"] == "desc" else "desc"
            return page_url(request, sort=column, order=flipped, offset=None)
        return page_url(request, sort=column, order=None, offset=None)

    export_query = query_string(
        {"name": name.strip(), "sort": sort if sort != "articles" else "", "order": order}
    )
    extra = {
        "form": dict(request.query_params),
        "sort_url": sort_url,
        "sorts": list(SORTS),
        "export_query": export_query,
        "order_words": _order_words(data["sort"], data["order"]),
    }
    return respond(request, "outlets.html", data, OutletsPage, section="outlets", extra=extra)


# -- exports ---------------------------------------------------------------------------------


def get_export_records(
    store: Store,
    cache: Cache,
    options: AppOptions,
    name: NameFilter = "",
    sort: Sort = "articles",
    order: Order = "",
) -> list[dict[str, Any]]:
    """The export fields of every outlet the name matches, in the order of the page."""
    rows = _rows(store, cache, options)
    data = outlets_data(rows, name=name, sort=sort, order=order, limit=len(rows), offset=0)
    records = [
        {**r, "languages": {lang["value"]: lang["count"] for lang in r["languages"]}}
        for r in data["outlets"]
    ]
    return [{k: r.get(k) for k in OUTLET_EXPORT_FIELDS} for r in records]


ExportRecords = Annotated[list[dict[str, Any]], Depends(get_export_records)]


@router.get(
    "/export/outlets.jsonl",
    response_class=StreamingResponse,
    responses=download_doc("jsonl", OUTLET_EXPORT_FIELDS, "outlet record", as_json="languages"),
    summary="Export outlets as JSON lines",
)
def export_outlets_jsonl(records: ExportRecords) -> StreamingResponse:
    """Every outlet matching the filter, in the order of the page, one JSON object a line."""
    return download(records, OUTLET_EXPORT_FIELDS, "jsonl", "outlets")


@router.get(
    "/export/outlets.csv",
    response_class=StreamingResponse,
    responses=download_doc("csv", OUTLET_EXPORT_FIELDS, "outlet record", as_json="languages"),
    summary="Export outlets as CSV",
)
def export_outlets_csv(records: ExportRecords) -> StreamingResponse:
    """Every outlet matching the filter, in the order of the page, one CSV row each."""
    return download(records, OUTLET_EXPORT_FIELDS, "csv", "outlets")


# -- one outlet ------------------------------------------------------------------------------


def _outlet(
    store: SQLiteStore, cache: StoreCache, options: Options, name: str, unit: str
) -> dict[str, Any]:
    """One outlet's data; a large outlet's is kept for the store's state."""
    states = state_list(options)
    rows = {r["name"]: r for r in _rows(store, cache, options)}
    if name not in rows:
        raise NotFoundError(f"no article has the outlet {name!r}")

    def compute() -> dict[str, Any]:
        return outlet_data(store, states, name, unit, rows)

    if rows[name]["articles"] >= CACHE_FROM_ARTICLES:
        key = "outlet:" + json.dumps([name, unit, _state_key(options)], ensure_ascii=False)
        return cache.get(key, compute)
    return compute()


@router.get(
    "/outlet.json",
    response_model=OutletView,
    responses=json_responses(404, 422, 503),
    summary="One outlet",
)
def outlet_json(
    store: Store, cache: Cache, options: AppOptions, name: OutletName, unit: Unit = "auto"
) -> dict[str, Any]:
    """The outlet's volume over time, languages, the outlets it copies and that copy it (with
    their median lags), the lag distribution of both, the sources it cites, the share of its
    articles that come from state media, and its latest articles."""
    return _outlet(store, cache, options, name, unit)


@router.get(
    "/outlet",
    response_class=HTMLResponse,
    responses=page_responses(OutletView, "The outlet's page, or its JSON twin.", 404, 422, 503),
    summary="Outlet page",
)
def outlet_page(
    request: Request,
    store: Store,
    cache: Cache,
    options: AppOptions,
    name: OutletName,
    unit: Unit = "auto",
) -> Response:
    """One outlet: volume, languages, copy graph, lags, cited sources, share from state
    media (JSON with ``Accept: application/json``)."""
    data = _outlet(store, cache, options, name, unit)
    vol = data["volume"]
    lags = data["lags"]
    # thousands of days are no chart (nor a table to read): the page offers longer periods
    too_many = len(vol["buckets"]) > MAX_BUCKETS
    extra = {
        "chart": bar_chart(vol["buckets"]) if vol["buckets"] and not too_many else None,
        "too_many": too_many,
        "graph": graph_layout(name, data["sources"], data["copiers"]),
        "made_chart": lag_chart(lags["made"]) if data["copies_made"] else None,
        "of_chart": lag_chart(lags["of"]) if data["copied"] else None,
        "outlet_href": outlet_href,
        "actor_href": actor_href,
        "human_lag": human_lag,
        "unit_url": lambda u: page_url(request, unit=None if u == "auto" else u),
    }
    return respond(request, "outlet.html", data, OutletView, section="outlets", extra=extra)


@router.get(
    "/outlets/{name:path}",
    response_class=RedirectResponse,
    status_code=307,
    responses={
        307: {"description": "To /outlet?name={name}, the outlet's page."},
        **json_responses(422),
    },
    summary="An outlet's page by its name in the path",
)
def outlet_by_path(name: str) -> RedirectResponse:
    """Redirects to the outlet's page (``/outlet?name=…``), where any name can be given,
    ``.json`` twin included; ``/outlets/`` with no name goes to the outlets list."""
    return RedirectResponse(outlet_href(name) if name else "/outlets", status_code=307)
