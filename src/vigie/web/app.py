"""The FastAPI application ``vigie serve`` runs: pages, their JSON twins, exports, static files,
and the write endpoints (off unless ``[serve] write_token`` is set).

No request path reaches the filesystem except ``/static/…``, served from the packaged static
directory. The store is opened read-only for each request; writes go through the app's one
:class:`~vigie.web.writer.Writer`. The interactive API pages
(``/docs``) are off: they need scripts from a CDN, which the security policy forbids; the
schema is at ``/openapi.json``.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from vigie import __version__
from vigie.config import Options
from vigie.web.cache import StoreCache
from vigie.web.errors import install_error_handlers
from vigie.web.routes import ROUTERS
from vigie.web.security import SecurityHeadersMiddleware
from vigie.web.writer import Writer

__all__ = ["STATIC_DIR", "create_app"]

STATIC_DIR = Path(__file__).parent / "static"


def create_app(db_path: str, options: Options | None = None) -> FastAPI:
    """The web app serving the store at ``db_path`` (which must exist)."""
    app = FastAPI(
        title="vigie",
        version=__version__,
        description=(
            "Pages and their JSON twins: each page URL with a `.json` suffix (`/` → "
            "`/index.json`), or the page URL with `Accept: application/json`. "
            "Errors answer `{status, detail}`."
        ),
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.db_path = str(db_path)
    app.state.options = options or Options()
    # counts over the whole store, kept until it changes
    app.state.cache = StoreCache(str(db_path))
    # the one writer of this process: write requests queue on its lock
    app.state.writer = Writer(str(db_path), app.state.options)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    favicon = STATIC_DIR / "favicon.svg"

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon_ico() -> FileResponse:
        """Browsers ask for it on pages with no icon link (JSON shown in a tab)."""
        return FileResponse(favicon, media_type="image/svg+xml")

    for router in ROUTERS:
        app.include_router(router)
    install_error_handlers(app)
    app.add_middleware(SecurityHeadersMiddleware)
    return app
