"""Edits of the actor registry from an actor's page: ``POST /api/actors/{id}/aliases``,
``/merge``, ``/split`` and ``/ignore`` — what ``vigie actors alias|merge|split|ignore`` do.

Off unless ``[serve] write_token`` is set (then 404). The token is sent as
``Authorization: Bearer <token>`` or, by the page's forms (which cannot set a header without
script), as the form field ``token``; both are compared in constant time. Bodies are a form
(``application/x-www-form-urlencoded``) or a JSON object with the same fields.

Each edit runs through the app's single writer: load the registry, apply the edit, save it,
rebuild the actors from the stored articles. A browser's form post is then redirected (303) to
the actor's page (or to ``/actors`` when the edit removed the actor); other clients get the
:class:`~vigie.web.models.RegistryEditResult`. The registry's refusal (a name claimed by another
actor, a merge into itself…) is a 400 with its message, and changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from vigie.actors import Registry, RegistryError
from vigie.errors import NotFoundError
from vigie.web.actor_links import actor_href
from vigie.web.deps import get_options, open_store
from vigie.web.errors import BadParameter, EditRefused
from vigie.web.models import RegistryEditResult, json_responses
from vigie.web.negotiate import browser_form_post, query_string
from vigie.web.writer import Writer, token_matches

__all__ = ["EDIT_BODY_LIMIT", "router"]

router = APIRouter(tags=["write"])

#: the largest body an edit accepts (a few names)
EDIT_BODY_LIMIT = 16_384
#: names and ids given to one edit
MAX_VALUES = 20
MAX_NAME = 200
_AUTH_HEADERS = {"WWW-Authenticate": 'Bearer realm="vigie"'}

Fields = dict[str, list[str]]


async def _body(request: Request) -> bytes:
    too_big = HTTPException(413, f"the body is over the limit of {EDIT_BODY_LIMIT:,} bytes")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > EDIT_BODY_LIMIT:
        raise too_big
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > EDIT_BODY_LIMIT:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


def _fields(body: bytes, content_type: str) -> Fields:
    """The body's fields, each a list of strings: a JSON object (a value is a string or a list
    of strings) or a form."""
    ctype = content_type.split(";")[0].strip().lower()
    if ctype == "application/json" or ctype.endswith("+json"):
        try:
            data = json.loads(body or b"{}")
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise BadParameter("the body is not JSON") from None
        if not isinstance(data, dict):
            raise BadParameter("the body must be a JSON object")
        out: Fields = {}
        for key, value in data.items():
            values = value if isinstance(value, list) else [value]
            if not all(isinstance(v, str) for v in values):
                raise BadParameter(f"{key}: expected a string or a list of strings")
            out[key] = values
        return out
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
    except UnicodeDecodeError:
        raise BadParameter("the form is not UTF-8") from None
    form: Fields = {}
    for key, value in pairs:
        form.setdefault(key, []).append(value)
    return form


def _authorise(request: Request, fields: Fields) -> Writer:
    """The app's writer, once the request shows the write token (header or form field)."""
    expected = get_options(request).serve.write_token
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise HTTPException(401, "send Authorization: Bearer <token>", headers=_AUTH_HEADERS)
        token = given.strip()
    else:
        token = (fields.get("token") or [""])[0].strip()
        if not token:
            raise HTTPException(
                401,
                "give the write token (the form's token field, or Authorization: Bearer <token>)",
                headers=_AUTH_HEADERS,
            )
    if not token_matches(token, expected):
        raise HTTPException(401, "this token is not the write token", headers=_AUTH_HEADERS)
    writer: Writer = request.app.state.writer
    return writer


def _values(fields: Fields, *keys: str, required: bool = True) -> list[str]:
    """The non-empty values of the first of ``keys`` given (stripped), checked for length."""
    values = [v.strip() for k in keys for v in fields.get(k, [])]
    values = list(dict.fromkeys(v for v in values if v))
    if required and not values:
        raise BadParameter(f"give a {keys[0]}")
    if len(values) > MAX_VALUES:
        raise BadParameter(f"{keys[0]}: at most {MAX_VALUES} at a time")
    for v in values:
        if len(v) > MAX_NAME:
            raise BadParameter(f"{keys[0]}: {v[:40]!r}… is over {MAX_NAME} characters")
        if not any(c.isalnum() for c in v):
            raise BadParameter(f"{keys[0]}: {v!r} has no letters or digits")
    return values


def _check_actors(request: Request, actor_id: str, others: Sequence[str] = ()) -> None:
    """404 when the actor of the URL is not in the store; a 422 for each other id that is not
    (ids merged must be actors: a typo would otherwise be saved)."""
    store = open_store(request)
    try:
        store.actor(actor_id)
        for other in others:
            if other == actor_id:
                continue  # the registry says why this cannot be
            try:
                store.actor(other)
            except NotFoundError:
                raise BadParameter(f"no actor with id {other!r} in the store") from None
    finally:
        store.close()


async def _edit(
    request: Request,
    actor_id: str,
    what: str,
    prepare: Callable[[Fields], tuple[str, list[str], Callable[[Registry], None]]],
) -> Response:
    """Authorise, read the fields, check the actors, apply the edit through the writer, and
    answer (a redirect for a browser's form, else the result)."""
    if not get_options(request).serve.write_token:
        raise HTTPException(404, "writes are off: set [serve] write_token to turn them on")
    fields = _fields(await _body(request), request.headers.get("content-type", ""))
    writer = _authorise(request, fields)
    change, others, apply = prepare(fields)
    _check_actors(request, actor_id, others)
    try:
        result = await run_in_threadpool(writer.edit_registry, actor_id, apply)
    except RegistryError as exc:
        raise EditRefused(str(exc)) from None
    link = actor_href(actor_id) if result["exists"] else "/actors"
    if browser_form_post(request):
        params = {"edited": what} | ({} if result["exists"] else {"gone": actor_id})
        return RedirectResponse(link + query_string(params), status_code=303)
    body = {
        "actor_id": actor_id,
        "change": change,
        "registry": result["registry"],
        "actors": result["actors"],
        "articles": result["articles"],
        "link": link,
    }
    return JSONResponse(RegistryEditResult.model_validate(body).model_dump(mode="json"))


def _responses(*extra: int) -> dict[int | str, dict[str, Any]]:
    out = json_responses(400, 422, 503, *extra)
    out[303] = {"description": "A browser's form post: to the actor's page."}
    out[401] = {**json_responses(404)[404], "description": "No token, or the wrong one."}
    out[404] = {**json_responses(404)[404], "description": "Writes are off, or no such actor."}
    out[413] = {**json_responses(404)[404], "description": "The body is too large."}
    return out


def _body_doc(fields: dict[str, str], required: list[str]) -> dict[str, Any]:
    schema = {
        "type": "object",
        "properties": {
            "token": {"type": "string", "description": "The write token (forms only)."},
            **{k: {"type": "string", "description": d} for k, d in fields.items()},
        },
        "required": required,
    }
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/x-www-form-urlencoded": {"schema": schema},
                "application/json": {"schema": schema},
            },
        }
    }


@router.post(
    "/api/actors/{actor_id}/aliases",
    response_model=RegistryEditResult,
    responses=_responses(),
    summary="Add an alias to an actor",
    openapi_extra=_body_doc({"name": "A name that means this actor (repeat for more)."}, ["name"]),
)
async def post_alias(request: Request, actor_id: str) -> Response:
    """``name``: names that mean this actor from now on (``vigie actors alias``)."""

    def prepare(fields: Fields) -> tuple[str, list[str], Callable[[Registry], None]]:
        names = _values(fields, "name", "names")
        shown = ", ".join(repr(n) for n in names)
        return f"added {shown} to {actor_id}", [], lambda r: r.add_alias(actor_id, *names)

    return await _edit(request, actor_id, "alias", prepare)


@router.post(
    "/api/actors/{actor_id}/merge",
    response_model=RegistryEditResult,
    responses=_responses(),
    summary="Merge actors into an actor",
    openapi_extra=_body_doc({"id": "The id of an actor to merge into this one."}, ["id"]),
)
async def post_merge(request: Request, actor_id: str) -> Response:
    """``id``: actors that are this one; they take this actor's id (``vigie actors merge``)."""

    def prepare(fields: Fields) -> tuple[str, list[str], Callable[[Registry], None]]:
        ids = _values(fields, "id", "ids")
        return (
            f"merged {', '.join(ids)} into {actor_id}",
            ids,
            lambda r: r.merge(actor_id, *ids),
        )

    return await _edit(request, actor_id, "merge", prepare)


@router.post(
    "/api/actors/{actor_id}/split",
    response_model=RegistryEditResult,
    responses=_responses(),
    summary="Split a name off",
    openapi_extra=_body_doc(
        {"name": "A name never merged automatically.", "id": "Its own actor id (optional)."},
        ["name"],
    ),
)
async def post_split(request: Request, actor_id: str) -> Response:
    """``name`` (and optionally ``id``): a name never merged automatically with other spellings
    or a full name, its mentions going to ``id`` or to the id of its own key
    (``vigie actors split``)."""

    def prepare(fields: Fields) -> tuple[str, list[str], Callable[[Registry], None]]:
        [name] = _values(fields, "name")[:1]
        new_ids = _values(fields, "id", required=False)
        new_id = new_ids[0] if new_ids else None
        to = f" as {new_id}" if new_id else ""
        return f"split {name!r}{to}", [], lambda r: r.split(name, new_id)

    return await _edit(request, actor_id, "split", prepare)


@router.post(
    "/api/actors/{actor_id}/ignore",
    response_model=RegistryEditResult,
    responses=_responses(),
    summary="Ignore a name",
    openapi_extra=_body_doc({"name": "A name that is no actor (a recogniser slip)."}, ["name"]),
)
async def post_ignore(request: Request, actor_id: str) -> Response:
    """``name``: a name that is no actor from now on (``vigie actors ignore``)."""

    def prepare(fields: Fields) -> tuple[str, list[str], Callable[[Registry], None]]:
        names = _values(fields, "name", "names")

        def apply(r: Registry) -> None:
            for n in names:
                r.ignore_name(n)

        return f"ignoring {', '.join(repr(n) for n in names)}", [], apply

    return await _edit(request, actor_id, "ignore", prepare)
