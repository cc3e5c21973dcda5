"""``/stories`` (stories filtered by size, language, outlet and period, paged; exported as CSV
or JSON lines with the same filters) and ``/stories/{story_id}`` (one story: its articles on a
timeline, its first-seen article, languages, outlets, and the lineage graph of the copies among
its articles), with their JSON twins.

Story ids are ``st-`` and an article id (``st-de7ce6a9d77c829e``): no dot, so the ``.json``
routes, registered first, are never read as an id.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from vigie.storage.sqlite import SQLiteStore
from vigie.storage.story_store import STORY_SORTS, StoryFilters, outlet_keys, outlet_matches
from vigie.web.cache import StoreCache
from vigie.web.deps import Cache, Offset, Store, get_cache, parse_date
from vigie.web.downloads import download_doc, stream_download
from vigie.web.errors import BadParameter
from vigie.web.lineage_graph import lineage_graph
from vigie.web.models import json_responses, page_responses
from vigie.web.models.stories import StoriesPage, StoryView
from vigie.web.negotiate import page_url, query_string
from vigie.web.rendering import respond
from vigie.web.story_page import (
    STORY_EXPORT_FIELDS,
    stories_data,
    story_data,
    story_export_records,
    timeline_chart,
)

__all__ = ["router"]

router = APIRouter(tags=["stories"])

SORTS = "|".join(STORY_SORTS)
Sort = Annotated[
    str,
    Query(
        pattern=f"^({SORTS})?$",
        description="recent: latest article first (default); articles: largest first.",
    ),
]
StoryLimit = Annotated[int, Query(ge=1, le=100, description="Stories per page (1–100).")]


def get_story_filters(
    min_articles: Annotated[
        int, Query(ge=1, le=1_000_000, description="Only stories of at least this many articles.")
    ] = 2,
    lang: Annotated[
        str, Query(max_length=12, description="One of its articles is in this language (fr).")
    ] = "",
    outlet: Annotated[
        str,
        Query(
            max_length=200,
            description="One of its outlets' names contains this (case and accents ignored).",
        ),
    ] = "",
    since: Annotated[
        str, Query(max_length=40, description="Its last article on or after (YYYY-MM-DD).")
    ] = "",
    until: Annotated[
        str, Query(max_length=40, description="Its first article on or before (YYYY-MM-DD).")
    ] = "",
) -> StoryFilters:
    """The story filters of a request: stories seen in a period overlap it."""
    since_v = parse_date("since", since)
    until_v = parse_date("until", until)
    if since_v and until_v and since_v[: len(until_v)] > until_v:
        raise BadParameter(f"since ({since_v}) is after until ({until_v}): nothing can match")
    lang_v = lang.strip().lower()
    if lang_v and not _is_lang(lang_v):
        raise BadParameter(f"lang: {lang!r} is not a language code (e.g. fr, en)")
    return StoryFilters(
        min_articles=min_articles,
        language=lang_v or None,
        outlet=outlet.strip() or None,
        since=since_v,
        until=until_v,
    )


def _is_lang(code: str) -> bool:
    head, _, tail = code.partition("-")
    return (
        2 <= len(head) <= 3
        and head.isascii()
        and head.isalpha()
        and (not tail or (len(tail) <= 8 and tail.isascii() and tail.isalnum()))
    )


StoryFilterParams = Annotated[StoryFilters, Depends(get_story_filters)]


def resolved(filters: StoryFilters, store: SQLiteStore, cache: StoreCache) -> StoryFilters:
    """The filters with the outlet names the typed outlet matches (the store's outlet names
    are read once per store state)."""
    if not filters.outlet:
        return filters
    keys = cache.get("stories:outlet-keys", lambda: outlet_keys(store.outlet_names()))
    return replace(filters, outlet_names=outlet_matches(keys, filters.outlet))


# -- the list --------------------------------------------------------------------------------


@router.get(
    "/stories.json",
    response_model=StoriesPage,
    responses=json_responses(422, 503),
    summary="Stories",
)
def stories_json(
    store: Store,
    cache: Cache,
    filters: StoryFilterParams,
    sort: Sort = "recent",
    limit: StoryLimit = 25,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Stories (articles on one event) with at least ``min_articles`` articles, latest first
    or largest first, filtered by language, outlet and period."""
    found = resolved(filters, store, cache)
    return stories_data(store, found, sort=sort or "recent", limit=limit, offset=offset)


@router.get(
    "/stories",
    response_class=HTMLResponse,
    responses=page_responses(StoriesPage, "The stories page, or its JSON twin.", 422, 503),
    summary="Stories page",
)
def stories_page(
    request: Request,
    store: Store,
    cache: Cache,
    filters: StoryFilterParams,
    sort: Sort = "recent",
    limit: StoryLimit = 25,
    offset: Offset = 0,
) -> Response:
    """Stories with their size, dates, languages and outlets (JSON with
    ``Accept: application/json``)."""
    found = resolved(filters, store, cache)
    data = stories_data(store, found, sort=sort or "recent", limit=limit, offset=offset)
    params = {k: v for k, v in request.query_params.items() if k in _EXPORT_PARAMS}
    extra = {
        "form": dict(request.query_params),
        "export_query": query_string(params),
        "languages": cache.get("stories:languages", store.article_languages),
        "page_url": lambda **changes: page_url(request, **changes),
    }
    return respond(request, "stories.html", data, StoriesPage, section="stories", extra=extra)


# -- exports ---------------------------------------------------------------------------------

_EXPORT_PARAMS = ("min_articles", "lang", "outlet", "since", "until", "sort")


def _export(request: Request, filters: StoryFilters, sort: str, fmt: str) -> StreamingResponse:
    def records(store: SQLiteStore) -> Iterator[dict[str, Any]]:
        found = resolved(filters, store, get_cache(request))
        return story_export_records(store, found, sort or "recent")

    return stream_download(request, records, STORY_EXPORT_FIELDS, fmt, "stories")


@router.get(
    "/export/stories.jsonl",
    response_class=StreamingResponse,
    responses=download_doc("jsonl", STORY_EXPORT_FIELDS, "story", as_json="lists"),
    summary="Export stories as JSON lines",
)
def export_stories_jsonl(
    request: Request, filters: StoryFilterParams, sort: Sort = "recent"
) -> StreamingResponse:
    """Every story matching the filters (as on /stories), with its articles' ids and docs."""
    return _export(request, filters, sort, "jsonl")


@router.get(
    "/export/stories.csv",
    response_class=StreamingResponse,
    responses=download_doc("csv", STORY_EXPORT_FIELDS, "story", as_json="lists"),
    summary="Export stories as CSV",
)
def export_stories_csv(
    request: Request, filters: StoryFilterParams, sort: Sort = "recent"
) -> StreamingResponse:
    """Every story matching the filters, one CSV row each (lists as JSON)."""
    return _export(request, filters, sort, "csv")


# -- one story -------------------------------------------------------------------------------


@router.get(
    "/stories/{story_id}.json",
    response_model=StoryView,
    responses=json_responses(404, 422, 503),
    summary="One story",
)
def story_json(story_id: str, store: Store) -> dict[str, Any]:
    """The story, its articles by date (each with its place in the lineage), the copy
    relations among them and the lineage chains (originals first, each copy under its
    closest source)."""
    return story_data(store, story_id)


@router.get(
    "/stories/{story_id}",
    response_class=HTMLResponse,
    responses=page_responses(StoryView, "The story's page, or its JSON twin.", 404, 422, 503),
    summary="Story page",
)
def story_page(request: Request, story_id: str, store: Store) -> Response:
    """Label, first-seen article, languages, outlets; its articles on a timeline; the
    lineage graph of the copies among them, with a list of the chains (JSON with
    ``Accept: application/json``)."""
    data = story_data(store, story_id)
    undetermined = [
        {"a": r["original_article_id"], "b": r["copy_article_id"], "kind": r["kind"]}
        for r in data["relations"]
        if r["role"] == "undetermined"
    ]
    by_id = {a["article_id"]: a for a in data["articles"]}
    extra = {
        "timeline": timeline_chart(data["articles"]),
        "graph": lineage_graph(data["lineage"], undetermined),
        "by_id": by_id,
    }
    return respond(request, "story.html", data, StoryView, section="stories", extra=extra)
