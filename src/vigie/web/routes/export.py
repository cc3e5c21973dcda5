"""``/export/articles.jsonl`` and ``/export/articles.csv``: every article matching the filters,
streamed one record at a time (the same records as ``vigie export articles``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import StreamingResponse

from vigie import queries
from vigie.storage.sqlite import ArticleFilters, SQLiteStore
from vigie.web.deps import Filters, open_store
from vigie.web.models import json_responses

__all__ = ["router"]

router = APIRouter(tags=["export"])


def _records(store: SQLiteStore, filters: ArticleFilters) -> Iterator[dict[str, Any]]:
    try:
        yield from queries.export_articles(store, filters)
    finally:
        store.close()


def _jsonl(records: Iterator[dict[str, Any]]) -> Iterator[str]:
    for rec in records:
        yield json.dumps(rec, ensure_ascii=False) + "\n"


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


@router.get(
    "/export/articles.jsonl",
    response_class=StreamingResponse,
    responses={
        **json_responses(422, 503),
        200: {
            "description": "One JSON article record a line (fields: see the CSV columns).",
            "content": {"application/x-ndjson": {"schema": {"type": "string"}}},
        },
    },
    summary="Export articles as JSON lines",
)
def export_jsonl(request: Request, filters: Filters) -> StreamingResponse:
    """Every article matching the filters, one JSON object a line."""
    store = open_store(request)  # opened here, so an unreadable store is a 503, not a cut stream
    return StreamingResponse(
        _jsonl(_records(store, filters)),
        media_type="application/x-ndjson; charset=utf-8",
        headers=_attachment("vigie-articles.jsonl"),
        background=BackgroundTask(store.close),
    )


@router.get(
    "/export/articles.csv",
    response_class=StreamingResponse,
    responses={
        **json_responses(422, 503),
        200: {
            "description": "CSV with a header row: " + ", ".join(queries.ARTICLE_EXPORT_FIELDS),
            "content": {"text/csv": {"schema": {"type": "string"}}},
        },
    },
    summary="Export articles as CSV",
)
def export_csv(request: Request, filters: Filters) -> StreamingResponse:
    """Every article matching the filters, one CSV row each (lists as JSON)."""
    store = open_store(request)
    rows = queries.to_csv_rows(_records(store, filters), queries.ARTICLE_EXPORT_FIELDS)
    return StreamingResponse(
        rows,
        media_type="text/csv; charset=utf-8",
        headers=_attachment("vigie-articles.csv"),
        background=BackgroundTask(store.close),
    )
