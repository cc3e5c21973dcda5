"""Errors as pages or JSON, never as tracebacks.

A malformed query is a 400, an unknown article a 404, an unusable parameter (a bad date, a limit
out of range) a 422, an unreadable store a 503; a registry edit the registry refuses is a 400
too. Pages show the message above a search form filled with what was asked (an edit's page
links back to its actor); JSON answers ``{"status": …, "detail": …}``.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from vigie.errors import NotFoundError, QueryError, StoreError
from vigie.web.negotiate import wants_json
from vigie.web.rendering import render

__all__ = ["BadParameter", "EditRefused", "error_response", "install_error_handlers"]

TITLES = {
    400: "This search cannot be read",
    401: "A write token is needed",
    404: "Not found",
    405: "Method not allowed",
    413: "The body is too large",
    422: "A parameter cannot be used",
    503: "The store cannot be read",
}


#: an edit endpoint of an actor: its page is where an error page links back to
_ACTOR_EDIT = re.compile(r"^/api/actors/([^/]+)/[a-z]+$")


class BadParameter(ValueError):
    """A query parameter that parses but cannot be used (answered with a 422)."""


class EditRefused(ValueError):
    """A registry edit the registry refuses (answered with a 400 and its message)."""


def _back_link(request: Request) -> str | None:
    m = _ACTOR_EDIT.match(request.url.path)
    return "/actors/" + quote(m[1], safe=":") if m else None


def error_response(
    request: Request,
    status: int,
    message: str,
    headers: dict[str, str] | None = None,
    title: str | None = None,
) -> Response:
    """The error as JSON or as a page, as the request asks."""
    all_headers = {"Vary": "Accept", **(headers or {})}
    if wants_json(request):
        return JSONResponse(
            {"status": status, "detail": message}, status_code=status, headers=all_headers
        )
    response = render(
        request,
        "error.html",
        {
            "status": status,
            "title": title or TITLES.get(status, "Error"),
            "message": message,
            "form": dict(request.query_params),
            "back": _back_link(request),
        },
        status_code=status,
    )
    response.headers.update(all_headers)
    return response


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body")]
        where = ".".join(loc) or "request"
        parts.append(f"{where}: {err.get('msg', 'invalid value')}")
    return "; ".join(parts) or "invalid request"


def install_error_handlers(app: FastAPI) -> None:
    async def on_query(request: Request, exc: Exception) -> Response:
        return error_response(request, 400, str(exc))

    async def on_not_found(request: Request, exc: Exception) -> Response:
        return error_response(request, 404, str(exc))

    async def on_bad_parameter(request: Request, exc: Exception) -> Response:
        return error_response(request, 422, str(exc))

    async def on_refused(request: Request, exc: Exception) -> Response:
        return error_response(request, 400, str(exc), title="The registry refused this edit")

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return error_response(request, 422, _validation_message(exc))

    async def on_store(request: Request, exc: Exception) -> Response:
        return error_response(request, 503, str(exc))

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "")
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"there is no page at {request.url.path}"
        return error_response(request, exc.status_code, detail, dict(exc.headers or {}))

    # QueryError derives from StoreError: the more specific handler is looked up first
    app.add_exception_handler(QueryError, on_query)
    app.add_exception_handler(NotFoundError, on_not_found)
    app.add_exception_handler(BadParameter, on_bad_parameter)
    app.add_exception_handler(EditRefused, on_refused)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StoreError, on_store)
    app.add_exception_handler(HTTPException, on_http)
