"""``/``: the search form and what the store holds."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from starlette.requests import Request
from starlette.responses import Response

from vigie.web.deps import Cache, Store
from vigie.web.models import StoreSummary, json_responses, page_responses
from vigie.web.rendering import respond
from vigie.web.summary import store_summary

__all__ = ["router"]

router = APIRouter(tags=["home"])


@router.get(
    "/index.json",
    response_model=StoreSummary,
    responses=json_responses(503),
    summary="Store summary",
)
def home_json(store: Store, cache: Cache) -> dict[str, Any]:
    """Article count, outlets, languages, recent articles and the latest ingest runs."""
    return cache.get("summary", lambda: store_summary(store))


@router.get(
    "/",
    response_class=HTMLResponse,
    responses=page_responses(StoreSummary, "The home page, or its JSON twin.", 503),
    summary="Home page",
)
def home_page(request: Request, store: Store, cache: Cache) -> Response:
    """The search form and the store summary (JSON with ``Accept: application/json``)."""
    data = cache.get("summary", lambda: store_summary(store))
    return respond(
        request,
        "home.html",
        data,
        StoreSummary,
        section="home",
        extra={"form": {}},
    )
