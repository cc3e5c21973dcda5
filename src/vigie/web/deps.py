"""Dependencies shared by the routes: a read-only store per request, the article filters (with
or without the facet filters of a search), the quotation filters and the paging parameters,
each as an ``Annotated`` type.

The web process never writes: every request opens the store read-only (SQLite ``mode=ro``) and
closes it when the response is sent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from typing import Annotated

from fastapi import Depends, Query
from starlette.requests import Request

from vigie.config import Options
from vigie.storage.sqlite import ArticleFilters, QuoteFilters, SQLiteStore
from vigie.web.cache import StoreCache
from vigie.web.errors import BadParameter

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "MAX_OFFSET",
    "AppOptions",
    "Cache",
    "Filters",
    "Limit",
    "Offset",
    "QuoteFilterParams",
    "SearchFilters",
    "Store",
    "get_cache",
    "get_filters",
    "get_options",
    "get_quote_filters",
    "get_search_filters",
    "get_store",
    "open_store",
    "parse_date",
    "quote_filters_shown",
]

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 100_000

_DATE = re.compile(
    r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$"
)


def open_store(request: Request) -> SQLiteStore:
    """A new read-only connection to the store this app serves."""
    return SQLiteStore(request.app.state.db_path, readonly=True)


def get_store(request: Request) -> Iterator[SQLiteStore]:
    store = open_store(request)
    try:
        yield store
    finally:
        store.close()


def get_options(request: Request) -> Options:
    """The options the app was created with (``[serve]``: host, port, write token)."""
    options: Options = request.app.state.options
    return options


def parse_date(name: str, value: str | None) -> str | None:
    """A date filter as the store compares it (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or an ISO
    date-time), or None when empty; :class:`BadParameter` when it is not a date."""
    if value is None or not value.strip():
        return None
    v = value.strip()
    hint = "use YYYY-MM-DD (or YYYY-MM, YYYY, or an ISO date-time)"
    if not _DATE.match(v):
        raise BadParameter(f"{name}: {value!r} is not a date; {hint}")
    try:
        if len(v) > 10:
            datetime.fromisoformat(v.replace("Z", "+00:00"))
        else:
            padded = v + "-01-01"[len(v) - 4 :] if len(v) < 10 else v
            date.fromisoformat(padded)
    except ValueError:
        raise BadParameter(f"{name}: {value!r} is not a valid date; {hint}") from None
    return v


def get_filters(
    outlet: Annotated[
        str | None,
        Query(max_length=200, description="Outlets whose name contains this (any case)."),
    ] = None,
    lang: Annotated[
        str | None, Query(max_length=12, description="ISO 639-1 language code, e.g. fr.")
    ] = None,
    since: Annotated[
        str | None, Query(max_length=40, description="Published on or after (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, Query(max_length=40, description="Published on or before (YYYY-MM-DD).")
    ] = None,
) -> ArticleFilters:
    """The article filters of a request; empty form fields count as absent."""
    since_v = parse_date("since", since)
    until_v = parse_date("until", until)
    if since_v and until_v and since_v[: len(until_v)] > until_v:
        raise BadParameter(f"since ({since_v}) is after until ({until_v}): nothing can match")
    lang_v = (lang or "").strip().lower() or None
    if lang_v and not re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{1,8})?", lang_v):
        raise BadParameter(f"lang: {lang!r} is not a language code (e.g. fr, en)")
    return ArticleFilters(
        outlet=(outlet or "").strip() or None,
        language=lang_v,
        since=since_v,
        until=until_v,
    )


def _yes_no(value: str | None) -> bool | None:
    return None if not value else value == "yes"


def get_search_filters(
    filters: Annotated[ArticleFilters, Depends(get_filters)],
    actor: Annotated[
        str | None,
        Query(max_length=200, description="Actor id (e.g. per:emmanuel-macron) quoted or named."),
    ] = None,
    story: Annotated[
        str | None, Query(max_length=200, description="Story id: articles of that story.")
    ] = None,
    has_quotes: Annotated[
        str | None,
        Query(
            pattern=r"^(yes|no)?$",
            description="yes: articles with at least one quotation; no: without any.",
        ),
    ] = None,
    is_copy: Annotated[
        str | None,
        Query(
            pattern=r"^(yes|no)?$",
            description="yes: articles that are copies (the copy side of a relation whose "
            "direction is known, or either side of a verbatim or near-verbatim relation "
            "whose direction is not); no: the others.",
        ),
    ] = None,
) -> ArticleFilters:
    """The article filters of a search, an export or a quotation list: outlet, language and
    dates, and the facet filters (actor, story, has_quotes, is_copy); empty form fields count
    as absent."""
    return replace(
        filters,
        actor=(actor or "").strip() or None,
        story=(story or "").strip() or None,
        has_quotes=_yes_no(has_quotes),
        is_copy=_yes_no(is_copy),
    )


def get_cache(request: Request) -> StoreCache:
    """The app's cache of whole-store counts (see :mod:`vigie.web.cache`)."""
    cache: StoreCache = request.app.state.cache
    return cache


Store = Annotated[SQLiteStore, Depends(get_store)]
Cache = Annotated[StoreCache, Depends(get_cache)]
AppOptions = Annotated[Options, Depends(get_options)]
Filters = Annotated[ArticleFilters, Depends(get_filters)]
SearchFilters = Annotated[ArticleFilters, Depends(get_search_filters)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Results per page (1–{MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Results to skip.")]


def get_quote_filters(
    articles: SearchFilters,
    speaker: Annotated[
        str | None,
        Query(max_length=200, description="Speaker name contains this (accents, case ignored)."),
    ] = None,
    via: Annotated[
        str | None,
        Query(max_length=200, description="Relayed by this outlet or agency (part of the name)."),
    ] = None,
    qtype: Annotated[
        str | None,
        Query(
            alias="type",
            pattern=r"^(direct|indirect|mixed|selon)?$",
            description="Kind of quotation: direct, indirect, mixed or selon.",
        ),
    ] = None,
) -> QuoteFilters:
    """The quotation filters of a request: those of the articles quoted from (outlet, language,
    dates, actor, story, has_quotes, is_copy) plus speaker, via and type."""
    return QuoteFilters(
        speaker=(speaker or "").strip() or None,
        via=(via or "").strip() or None,
        type=qtype or None,
        articles=articles,
    )


def quote_filters_shown(filters: QuoteFilters) -> dict[str, str]:
    """The filters in force, by name, as pages and JSON twins show them (``has_quotes`` and
    ``is_copy``: yes or no)."""
    shown = {"speaker": filters.speaker, "via": filters.via, "type": filters.type}
    return {k: v for k, v in shown.items() if v} | filters.articles.shown()


QuoteFilterParams = Annotated[QuoteFilters, Depends(get_quote_filters)]
