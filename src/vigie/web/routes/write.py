"""``POST /api/articles`` (one article) and ``POST /api/ingest`` (JSON lines): the real ingest,
run by the app's single :class:`~vigie.web.writer.Writer`, answering the run report.

Off unless ``[serve] write_token`` is set (then 404); ``Authorization: Bearer <token>`` is
required (else 401). Bodies over ``ingest.max_file_mb`` are refused (413) before they are read
whole. Every record must carry a ``url``: it is the article's identity (the same URL with a new
text is a new version), and records without one would all be keyed ``stdin:<line>``.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request

from vigie.web.deps import get_options
from vigie.web.errors import BadParameter
from vigie.web.models import ArticleInput, IngestResult, json_responses
from vigie.web.writer import Writer, body_limit, token_matches

__all__ = ["router"]

router = APIRouter(tags=["write"])

_AUTH_HEADERS = {"WWW-Authenticate": 'Bearer realm="vigie"'}


def get_writer(request: Request) -> Writer:
    """The app's writer, once the request shows the write token."""
    options = get_options(request)
    token = options.serve.write_token
    if not token:
        raise HTTPException(404, "writes are off: set [serve] write_token to turn them on")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(401, "send Authorization: Bearer <token>", headers=_AUTH_HEADERS)
    if not token_matches(given.strip(), token):
        raise HTTPException(401, "this token is not the write token", headers=_AUTH_HEADERS)
    writer: Writer = request.app.state.writer
    return writer


WriterDep = Annotated[Writer, Depends(get_writer)]


async def read_body(request: Request) -> bytes:
    """The request body, refused (413) as soon as it is larger than the limit."""
    limit = body_limit(get_options(request))
    too_big = HTTPException(413, f"the body is over the limit of {limit:,} bytes")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_big
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


def _problem(where: str, exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err.get("loc", ())) or "body"
        parts.append(f"{loc}: {err.get('msg', 'invalid value')}")
    return f"{where}: " + "; ".join(parts)


def _without_url(body: bytes) -> list[int]:
    """Line numbers of JSON-object lines that give no ``url`` (lines that are not JSON objects
    are left to the ingest, which reports them)."""
    missing = []
    for lineno, line in enumerate(body.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
        if isinstance(rec, dict):
            url = rec.get("url")
            if not isinstance(url, str) or not url.strip():
                missing.append(lineno)
    return missing


_WRITE_ERRORS = {
    401: {"description": "No token, or the wrong one."},
    404: {"description": "Writes are off (no write_token configured)."},
    413: {"description": "The body is over ingest.max_file_mb."},
}


def _responses() -> dict[int | str, dict[str, Any]]:
    out = json_responses(422, 503)
    for code, extra in _WRITE_ERRORS.items():
        out[code] = {**json_responses(404)[404], **extra}
    return out


@router.post(
    "/api/articles",
    response_model=IngestResult,
    responses=_responses(),
    summary="Ingest one article",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": ArticleInput.model_json_schema()}},
        }
    },
)
async def post_article(request: Request, writer: WriterDep) -> dict[str, Any]:
    """One article record (url, outlet, title, text or html, published, authors, language),
    run through the configured stages and stored; answers the run report."""
    body = await read_body(request)
    try:
        article = ArticleInput.model_validate_json(body)
    except ValidationError as exc:
        raise BadParameter(_problem("article", exc)) from None
    if not (article.text or "").strip() and not (article.html or "").strip():
        raise BadParameter("article: give a non-empty 'text' or 'html'")
    line = json.dumps(article.model_dump(exclude_none=True), ensure_ascii=False) + "\n"
    result: dict[str, Any] = await run_in_threadpool(writer.ingest_jsonl, line.encode("utf-8"))
    return result


@router.post(
    "/api/ingest",
    response_model=IngestResult,
    responses=_responses(),
    summary="Ingest JSON lines",
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "One JSON article record a line (the fields of POST /api/articles).",
            "content": {"application/x-ndjson": {"schema": {"type": "string"}}},
        }
    },
)
async def post_ingest(request: Request, writer: WriterDep) -> dict[str, Any]:
    """JSON lines, one article record each, ingested as ``vigie ingest -`` would; records
    that cannot be read are reported in ``failures`` and the others stored."""
    body = await read_body(request)
    if not body.strip():
        raise BadParameter("the body is empty: send one JSON article record a line")
    missing = _without_url(body)
    if missing:
        shown = ", ".join(map(str, missing[:10])) + (" …" if len(missing) > 10 else "")
        raise BadParameter(f"every record needs a 'url' (missing on line {shown})")
    result: dict[str, Any] = await run_in_threadpool(writer.ingest_jsonl, body)
    return result
