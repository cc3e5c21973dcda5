"""Routes, one module per resource. Each resource's page and its JSON twin sit side by side:
the ``.json`` route is registered first, so ``/articles/{id}.json`` is never read as an id."""

from fastapi import APIRouter

from vigie.web.routes import (
    actors,
    articles,
    export,
    home,
    outlets,
    quote_groups,
    quotes,
    registry,
    relays,
    runs,
    search,
    stories,
    write,
)

__all__ = ["ROUTERS"]

#: every router the app includes, in order; a new resource adds its module here
ROUTERS: list[APIRouter] = [
    home.router,
    search.router,
    articles.router,
    quotes.router,
    actors.router,
    stories.router,
    outlets.router,
    relays.router,
    quote_groups.router,
    runs.router,
    export.router,
    write.router,
    registry.router,
]
