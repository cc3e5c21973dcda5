"""Downloads: records sent as a CSV or JSON-lines file, one record at a time, and the OpenAPI
description of such a download.

Every ``/export/…`` route answers through :func:`download` (records already at hand) or
:func:`stream_download` (records read from a store opened for the request and closed once the
last one is sent).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import StreamingResponse

from vigie import queries
from vigie.storage.sqlite import SQLiteStore
from vigie.web.deps import open_store
from vigie.web.models import json_responses

__all__ = ["FORMATS", "Records", "download", "download_doc", "stream_download"]

#: the formats of a download: (media type of the response, media type of its OpenAPI doc)
FORMATS = {
    "jsonl": ("application/x-ndjson; charset=utf-8", "application/x-ndjson"),
    "csv": ("text/csv; charset=utf-8", "text/csv"),
}

#: what reads a download's records from the store
Records = Callable[[SQLiteStore], Iterable[dict[str, Any]]]


def _jsonl(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    for rec in records:
        yield json.dumps(rec, ensure_ascii=False) + "\n"


def download(
    records: Iterable[dict[str, Any]],
    fields: list[str],
    fmt: str,
    name: str,
    background: BackgroundTask | None = None,
) -> StreamingResponse:
    """``records`` as the file ``vigie-{name}.{fmt}``: one JSON object a line (``jsonl``), or
    CSV with ``fields`` as its header row (``csv``)."""
    body = _jsonl(records) if fmt == "jsonl" else queries.to_csv_rows(records, fields)
    return StreamingResponse(
        body,
        media_type=FORMATS[fmt][0],
        headers={"Content-Disposition": f'attachment; filename="vigie-{name}.{fmt}"'},
        background=background,
    )


def _closing(store: SQLiteStore, records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    try:
        yield from records
    finally:
        store.close()


def stream_download(
    request: Request, make: Records, fields: list[str], fmt: str, name: str
) -> StreamingResponse:
    """:func:`download` of the records ``make`` reads from the app's store. The store is opened
    here, so an unreadable store is a 503, not a cut stream; ``make`` is called before the
    response starts (what it checks first can still answer an error), and the records it
    returns are read as the body is sent. The store is closed after the last one."""
    store = open_store(request)
    try:
        records = make(store)
    except BaseException:
        store.close()
        raise
    return download(
        _closing(store, records), fields, fmt, name, background=BackgroundTask(store.close)
    )


def download_doc(
    fmt: str,
    fields: list[str],
    what: str,
    *,
    as_json: str = "lists and objects",
    description: str | None = None,
) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` of a download of ``what`` records (``"article record"``): its
    fields; for CSV, which of them are written as JSON (``as_json``). ``description`` replaces
    the text of the 200 response."""
    joined = ", ".join(fields)
    if description is None:
        if fmt == "jsonl":
            description = f"One JSON {what} a line (fields: {joined})."
        else:
            description = f"CSV with a header row: {joined} ({as_json} as JSON)."
    return {
        **json_responses(422, 503),
        200: {
            "description": description,
            "content": {FORMATS[fmt][1]: {"schema": {"type": "string"}}},
        },
    }
