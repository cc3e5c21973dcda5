"""``/actors`` (canonical actors, filtered by kind and name, paged) and ``/actors/{id}`` (one
actor: aliases, roles, its quotations by date with their timeline, who relayed them, and the
registry form), with their JSON twins; ``/actors/lookup`` sends a speaker's name to its actor.

Actor ids hold a colon (``per:serguei-lavrov``): a path segment takes it as it is. The
``.json`` routes come first, so ``/actors/per:x.json`` is never read as an id (ids have no dot).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.requests import Request
from starlette.responses import Response

from vigie.actors import KINDS
from vigie.config import Options
from vigie.storage.sqlite import SQLiteStore
from vigie.web.actor_links import actor_href, speaker_actor
from vigie.web.actor_page import QUOTE_FILTERS, actor_data
from vigie.web.chart import bar_chart, period_bounds
from vigie.web.deps import MAX_OFFSET, AppOptions, Offset, Store, parse_date
from vigie.web.errors import BadParameter
from vigie.web.models import ActorsPage, ActorView, json_responses, page_responses
from vigie.web.negotiate import page_url, query_string
from vigie.web.rendering import respond

__all__ = ["EDITED", "router"]

router = APIRouter(tags=["actors"])

#: what a registry edit did, shown on the page it redirects to (``?edited=…``)
EDITED = {
    "alias": "The alias was added to the registry and the actors rebuilt.",
    "merge": "The actors were merged in the registry and the actors rebuilt.",
    "split": "The name was split off in the registry and the actors rebuilt.",
    "ignore": "The name is ignored by the registry and the actors were rebuilt.",
}
_ID = re.compile(r"^[a-z]+:[a-z0-9]+(?:-[a-z0-9]+)*$")

Kind = Annotated[
    str,
    Query(
        pattern=f"^({'|'.join(KINDS)})?$",
        description="Only actors of this kind: " + ", ".join(KINDS) + " (empty: any).",
    ),
]
Name = Annotated[
    str,
    Query(max_length=200, description="Name or an alias contains this (accents ignored)."),
]
ActorLimit = Annotated[int, Query(ge=1, le=100, description="Actors per page (1–100).")]
QuoteLimit = Annotated[int, Query(ge=1, le=200, description="Quotations per page (1–200).")]
TimelineUnit = Annotated[
    str,
    Query(
        pattern=r"^(auto|day|week|month|year)$",
        description="Period of the timeline: auto (by the spread), day, week, month or year.",
    ),
]
Text = Annotated[str, Query(max_length=200)]
Edited = Annotated[
    str, Query(max_length=20, description="The edit just made (a notice on the page).")
]
Gone = Annotated[str, Query(max_length=200, description="An actor id an edit removed.")]


def actors_data(
    store: SQLiteStore, kind: str, name: str, limit: int, offset: int
) -> dict[str, Any]:
    """A page of actors, most quoted then most named first, and whether more follow."""
    filters = {k: v for k, v in {"kind": kind, "name": name.strip()}.items() if v}
    rows = store.actors(
        kind=filters.get("kind"), name=filters.get("name"), limit=limit + 1, offset=offset
    )
    return {
        "filters": filters,
        "total": store.count_actors(kind=filters.get("kind"), name=filters.get("name")),
        "limit": limit,
        "offset": offset,
        "more": len(rows) > limit,
        "actors": rows[:limit],
    }


@router.get(
    "/actors.json",
    response_model=ActorsPage,
    responses=json_responses(422, 503),
    summary="Actors",
)
def actors_json(
    store: Store, kind: Kind = "", name: Name = "", limit: ActorLimit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """Canonical actors (people, organisations, states, places, media, anonymous sources),
    most quoted then most mentioned first."""
    return actors_data(store, kind, name, limit, offset)


@router.get(
    "/actors",
    response_class=HTMLResponse,
    responses=page_responses(ActorsPage, "The actors page, or its JSON twin.", 422, 503),
    summary="Actors page",
)
def actors_page(
    request: Request,
    store: Store,
    kind: Kind = "",
    name: Name = "",
    limit: ActorLimit = 50,
    offset: Offset = 0,
    edited: Edited = "",
    gone: Gone = "",
) -> Response:
    """Actors with their counts, filtered by kind and name (JSON with
    ``Accept: application/json``)."""
    data = actors_data(store, kind, name, limit, offset)
    extra = {
        "form": dict(request.query_params),
        "kinds": KINDS,
        "notice": EDITED.get(edited),
        "gone": gone if _ID.match(gone) else None,
        # the notice of an edit is not carried over to other pages
        "page_url": lambda **changes: page_url(request, edited=None, gone=None, **changes),
    }
    return respond(request, "actors.html", data, ActorsPage, section="actors", extra=extra)


@router.get(
    "/actors/lookup",
    response_class=RedirectResponse,
    status_code=303,
    responses={
        303: {"description": "To the actor's page, or to the speaker's quotations."},
        **json_responses(422, 503),
    },
    summary="A speaker's actor",
)
def actor_lookup(
    store: Store,
    speaker: Annotated[str, Query(min_length=1, max_length=200, description="A speaker name.")],
) -> RedirectResponse:
    """Redirects to the page of the actor a speaker's name stands for (the one written so
    most often), or to the quotations of that speaker when no actor is known."""
    actor_id = speaker_actor(store, speaker)
    target = actor_href(actor_id) if actor_id else "/quotes" + query_string({"speaker": speaker})
    return RedirectResponse(target, status_code=303)


def _actor_filters(since: str, until: str, outlet: str, via: str) -> dict[str, str]:
    since_v = parse_date("since", since)
    until_v = parse_date("until", until)
    if since_v and until_v and since_v[: len(until_v)] > until_v:
        raise BadParameter(f"since ({since_v}) is after until ({until_v}): nothing can match")
    values = {"since": since_v, "until": until_v, "outlet": outlet.strip(), "via": via.strip()}
    return {k: v for k in QUOTE_FILTERS if (v := values[k])}


def _actor(
    store: SQLiteStore,
    options: Options,
    actor_id: str,
    *,
    unit: str,
    since: str,
    until: str,
    outlet: str,
    via: str,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    filters = _actor_filters(since, until, outlet, via)
    return actor_data(
        store, options, actor_id, filters=filters, unit=unit, limit=limit, offset=offset
    )


@router.get(
    "/actors/{actor_id}.json",
    response_model=ActorView,
    responses=json_responses(404, 422, 503),
    summary="One actor",
)
def actor_json(
    actor_id: str,
    store: Store,
    options: AppOptions,
    unit: TimelineUnit = "auto",
    since: Annotated[str, Query(max_length=40, description="Quotations from (YYYY-MM-DD).")] = "",
    until: Annotated[str, Query(max_length=40, description="Quotations until.")] = "",
    outlet: Annotated[str, Query(max_length=200, description="Published by this outlet.")] = "",
    via: Annotated[str, Query(max_length=200, description="Relayed by this agency.")] = "",
    limit: QuoteLimit = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    """The actor, its quotations newest first (filtered by period, outlet or relay, paged),
    their timeline, the outlets and relays that carried them, and the registry."""
    return _actor(
        store, options, actor_id, unit=unit, since=since, until=until, outlet=outlet,
        via=via, limit=limit, offset=offset,
    )  # fmt: skip


@router.get(
    "/actors/{actor_id}",
    response_class=HTMLResponse,
    responses=page_responses(ActorView, "The actor's page, or its JSON twin.", 404, 422, 503),
    summary="Actor page",
)
def actor_page(
    request: Request,
    actor_id: str,
    store: Store,
    options: AppOptions,
    unit: TimelineUnit = "auto",
    since: Annotated[str, Query(max_length=40, description="Quotations from (YYYY-MM-DD).")] = "",
    until: Annotated[str, Query(max_length=40, description="Quotations until.")] = "",
    outlet: Annotated[str, Query(max_length=200, description="Published by this outlet.")] = "",
    via: Annotated[str, Query(max_length=200, description="Relayed by this agency.")] = "",
    limit: QuoteLimit = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    edited: Edited = "",
) -> Response:
    """Name, kind, aliases, roles, first and last seen; its quotations by date with a
    timeline; who relayed them; the registry and its edit forms (JSON with
    ``Accept: application/json``)."""
    data = _actor(
        store, options, actor_id, unit=unit, since=since, until=until, outlet=outlet,
        via=via, limit=limit, offset=offset,
    )  # fmt: skip
    tl = data["timeline"]
    quoted_by = query_string({"speaker": data["actor"]["name"]})

    def period_filter(period: str) -> dict[str, str]:
        """``{since, until}`` of a timeline period."""
        bounds = period_bounds(period, tl["unit"])
        return {"since": bounds[0], "until": bounds[1]} if bounds else {}

    extra = {
        "chart": bar_chart(tl["buckets"]) if tl["buckets"] else None,
        "period_filter": period_filter,
        "notice": EDITED.get(edited),
        "quotes_query": quoted_by,
        "page_url": lambda **changes: page_url(request, edited=None, **changes),
    }
    return respond(request, "actor.html", data, ActorView, section="actors", extra=extra)
