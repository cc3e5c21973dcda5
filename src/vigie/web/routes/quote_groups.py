"""``/quote-groups`` (statements reported by several articles, filtered and paged) and
``/quote-groups/{id}`` (one statement: its fullest version, first appearance, spread over
outlets and time, every version compared word by word), their JSON twins, and the exports
``/export/quote-groups.csv|jsonl`` with the list's filters.

A group merged into another since a link to it was made redirects to the group it is now part
of (the grouping keeps the old id as an alias).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import HTMLResponse
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response, StreamingResponse

from vigie.errors import NotFoundError
from vigie.storage.quote_group_store import QuoteGroupFilters
from vigie.storage.sqlite import SQLiteStore
from vigie.web.deps import DEFAULT_LIMIT, MAX_OFFSET, Limit, Offset, Store
from vigie.web.downloads import download_doc, stream_download
from vigie.web.errors import BadParameter
from vigie.web.models import json_responses, page_responses
from vigie.web.models.quote_groups import QuoteGroupsPage, QuoteGroupView
from vigie.web.negotiate import query_string, wants_json
from vigie.web.quote_group_page import (
    EXPORT_FIELDS,
    KIND_SHAPES,
    KINDS,
    export_records,
    group_data,
    group_href,
    list_data,
    spread_chart,
    spread_text,
)
from vigie.web.rendering import respond

__all__ = ["EXPORT_PARAMS", "router"]

router = APIRouter(tags=["quote-groups"])

SECTION = "quote-groups"
#: the query parameters the export links carry over from the list
EXPORT_PARAMS = ("speaker", "text", "outlet", "lang", "min_articles")
_LANG = re.compile(r"[a-z]{2,3}(-[a-z0-9]{1,8})?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _text(name: str, value: str | None) -> str | None:
    v = " ".join((value or "").split())
    if _CONTROL.search(v):
        raise BadParameter(f"{name}: control characters cannot be searched for")
    return v or None


def get_quote_group_filters(
    speaker: Annotated[
        str | None,
        Query(max_length=200, description="The speaker contains this (case, accents ignored)."),
    ] = None,
    text: Annotated[
        str | None,
        Query(max_length=500, description="A version contains this (case, accents ignored)."),
    ] = None,
    min_articles: Annotated[
        int, Query(ge=1, le=1_000_000, description="Reported by at least this many articles.")
    ] = 2,
    outlet: Annotated[
        str | None,
        Query(max_length=200, description="Reported by an outlet whose name contains this."),
    ] = None,
    lang: Annotated[
        str | None, Query(max_length=12, description="In this language (ISO 639-1, e.g. fr).")
    ] = None,
) -> QuoteGroupFilters:
    """The filters of the list; empty form fields count as absent."""
    lang_v = (lang or "").strip().lower() or None
    if lang_v and not _LANG.fullmatch(lang_v):
        raise BadParameter(f"lang: {lang!r} is not a language code (e.g. fr, en)")
    return QuoteGroupFilters(
        min_articles=min_articles,
        speaker=_text("speaker", speaker),
        text=_text("text", text),
        outlet=_text("outlet", outlet),
        language=lang_v,
    )


GroupFilters = Annotated[QuoteGroupFilters, Depends(get_quote_group_filters)]
GroupId = Annotated[str, Path(min_length=1, max_length=300, description="A quote group's id.")]
VersionLimit = Annotated[int, Query(ge=1, le=500, description="Versions per page (1–500).")]
VersionOffset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Versions to skip.")]


# -- the list --------------------------------------------------------------------------------


@router.get(
    "/quote-groups.json",
    response_model=QuoteGroupsPage,
    responses=json_responses(422, 503),
    summary="Quote groups",
)
def quote_groups_json(
    store: Store, filters: GroupFilters, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
) -> dict[str, Any]:
    """Statements reported by several articles, most reported first: speaker, fullest
    version, first appearance, outlets, languages, and how long they took to spread."""
    return list_data(store, filters, limit, offset)


@router.get(
    "/quote-groups",
    response_class=HTMLResponse,
    responses=page_responses(QuoteGroupsPage, "The quote groups, or their JSON twin.", 422, 503),
    summary="Quote groups page",
)
def quote_groups_page(
    request: Request,
    store: Store,
    filters: GroupFilters,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Response:
    """Statements reported by several articles, filtered and paged (JSON with
    ``Accept: application/json``)."""
    data = list_data(store, filters, limit, offset)
    params = dict(request.query_params)
    kept = {k: v for k, v in params.items() if k in EXPORT_PARAMS}
    any_group = data["total"] > 0 or bool(store.count_quote_groups(QuoteGroupFilters(1)))
    extra = {
        "form": params,
        "export_query": query_string(kept),
        "any_group": any_group,
        "kinds": KINDS,
        "spread_text": spread_text,
    }
    return respond(
        request, "quote_groups.html", data, QuoteGroupsPage, section=SECTION, extra=extra
    )


# -- one group -------------------------------------------------------------------------------


def _group(store: SQLiteStore, group_id: str) -> dict[str, Any] | str:
    """The stored group, or the id of the group it was merged into."""
    try:
        return store.quote_group(group_id)
    except NotFoundError:
        alias = store.quote_group_alias(group_id)
        if alias and alias != group_id:
            return alias
        raise NotFoundError(f"there is no quote group {group_id!r}") from None


def _moved(request: Request, new_id: str, suffix: str = "") -> RedirectResponse:
    url = group_href(new_id) + suffix + query_string(dict(request.query_params))
    return RedirectResponse(url, status_code=301, headers={"Vary": "Accept"})


@router.get(
    "/quote-groups/{group_id}.json",
    response_model=QuoteGroupView,
    responses={
        **json_responses(404, 422, 503),
        301: {"description": "The group was merged into another: its address."},
    },
    summary="Quote group",
)
def quote_group_json(
    request: Request,
    store: Store,
    group_id: GroupId,
    limit: VersionLimit = 100,
    offset: VersionOffset = 0,
) -> Any:
    """One statement: the fullest version, the first appearance, the outlets with their
    delays, and every version (paged) with its word-by-word difference from the fullest."""
    group = _group(store, group_id)
    if isinstance(group, str):
        return _moved(request, group, ".json")
    return group_data(store, group, limit=limit, offset=offset)


@router.get(
    "/quote-groups/{group_id}",
    response_class=HTMLResponse,
    responses={
        **page_responses(QuoteGroupView, "The group's page, or its JSON twin.", 404, 422, 503),
        301: {"description": "The group was merged into another: its page."},
    },
    summary="Quote group page",
)
def quote_group_page(
    request: Request,
    store: Store,
    group_id: GroupId,
    limit: VersionLimit = 100,
    offset: VersionOffset = 0,
) -> Response:
    """One statement and how it spread: a chart of its versions over time and outlets, the
    outlets' table, and every version with its differences (JSON with
    ``Accept: application/json``)."""
    group = _group(store, group_id)
    if isinstance(group, str):
        return _moved(request, group)
    data = group_data(store, group, limit=limit, offset=offset)
    extra: dict[str, Any] = {}
    if not wants_json(request):
        extra = {
            "chart": spread_chart(data),
            "kinds": KINDS,
            "shapes": KIND_SHAPES,
            "spread_text": spread_text,
        }
    return respond(request, "quote_group.html", data, QuoteGroupView, section=SECTION, extra=extra)


# -- exports ---------------------------------------------------------------------------------

#: the records carry every version besides the export fields
_JSONL_TEXT = (
    f"One JSON quote group a line: {', '.join(EXPORT_FIELDS)}, and variants (every version)."
)


def _export(request: Request, filters: QuoteGroupFilters, fmt: str) -> StreamingResponse:
    return stream_download(
        request, lambda store: export_records(store, filters), EXPORT_FIELDS, fmt, "quote-groups"
    )


@router.get(
    "/export/quote-groups.jsonl",
    response_class=StreamingResponse,
    responses=download_doc("jsonl", EXPORT_FIELDS, "quote group", description=_JSONL_TEXT),
    summary="Export quote groups as JSON lines",
)
def export_quote_groups_jsonl(request: Request, filters: GroupFilters) -> StreamingResponse:
    """Every quote group matching the filters, with all its versions, one JSON object a line."""
    return _export(request, filters, "jsonl")


@router.get(
    "/export/quote-groups.csv",
    response_class=StreamingResponse,
    responses=download_doc("csv", EXPORT_FIELDS, "quote group"),
    summary="Export quote groups as CSV",
)
def export_quote_groups_csv(request: Request, filters: GroupFilters) -> StreamingResponse:
    """Every quote group matching the filters, one CSV row each (lists as JSON)."""
    return _export(request, filters, "csv")
