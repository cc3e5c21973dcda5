"""``/relays?sources=Tass,Sputnik``: the outlets whose content derives from chosen sources,
by copies and by citations (:mod:`vigie.outlets.derived`), with its JSON twin
``/relays.json``; ``vigie outlets --from`` answers the same."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse
from starlette.requests import Request
from starlette.responses import Response

from vigie import queries
from vigie.storage.sqlite import SQLiteStore
from vigie.web.deps import Store
from vigie.web.models import json_responses, page_responses
from vigie.web.models.outlets import RelaysPage
from vigie.web.outlet_page import outlet_href
from vigie.web.rendering import render, respond

__all__ = ["router"]

router = APIRouter(tags=["outlets"])

#: what the form suggests: the state media analysts most often follow
EXAMPLE = "Tass, RIA Novosti, Sputnik, RT"

Sources = Annotated[
    str,
    Query(
        max_length=1000,
        description="Source names, separated by commas (outlets or agencies, e.g. "
        f"{EXAMPLE}); a known state medium brings its other names along.",
    ),
]


def _names(sources: str) -> list[str]:
    return [n.strip() for n in sources.split(",") if n.strip()][:50]


def relays_data(store: SQLiteStore, sources: str) -> dict[str, Any]:
    """The outlets relaying the sources named (at most 50), each with its page's link."""
    data = queries.derived_outlets(store, _names(sources))
    for row in data["outlets"]:
        row["link"] = outlet_href(row["outlet"])
    return data


@router.get(
    "/relays.json",
    response_model=RelaysPage,
    responses=json_responses(422, 503),
    summary="Outlets relaying chosen sources",
)
def relays_json(store: Store, sources: Sources) -> dict[str, Any]:
    """The outlets whose articles copy or cite the sources named: copies (and those hiding
    the source), citations, and the share of their articles that does either."""
    return relays_data(store, sources)


@router.get(
    "/relays",
    response_class=HTMLResponse,
    responses=page_responses(RelaysPage, "The relays page, or its JSON twin.", 422, 503),
    summary="Relays page",
)
def relays_page(request: Request, store: Store, sources: Sources = "") -> Response:
    """Who relays chosen sources (JSON with ``Accept: application/json``)."""
    extra = {"form": {"sources": sources}, "example": EXAMPLE}
    if not _names(sources):
        return render(request, "relays.html", {"data": None, **extra}, section="outlets")
    data = relays_data(store, sources)
    return respond(request, "relays.html", data, RelaysPage, section="outlets", extra=extra)
