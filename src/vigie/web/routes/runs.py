"""``/runs``: ingest runs, what they added and which inputs failed."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse
from starlette.requests import Request
from starlette.responses import Response

from vigie.web.deps import Store
from vigie.web.models import RunsPage, json_responses, page_responses
from vigie.web.rendering import respond

__all__ = ["router"]

router = APIRouter(tags=["runs"])

RunLimit = Annotated[int, Query(ge=1, le=500, description="Latest runs to show.")]


@router.get(
    "/runs.json", response_model=RunsPage, responses=json_responses(422, 503), summary="Runs"
)
def runs_json(store: Store, limit: RunLimit = 50) -> dict[str, Any]:
    """The latest ingest runs, newest first, with their failures."""
    return {"runs": store.runs(limit=limit)}


@router.get(
    "/runs",
    response_class=HTMLResponse,
    responses=page_responses(RunsPage, "The runs page, or its JSON twin.", 422, 503),
    summary="Runs page",
)
def runs_page(request: Request, store: Store, limit: RunLimit = 50) -> Response:
    """The latest ingest runs (JSON with ``Accept: application/json``)."""
    return respond(
        request, "runs.html", {"runs": store.runs(limit=limit)}, RunsPage, section="runs"
    )
