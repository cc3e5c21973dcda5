"""Jinja2 templates: one autoescaping environment, the filters pages use, and ``render``.

Everything that comes from an article is escaped by autoescape; no template marks article data
``|safe``. The filters here return plain strings, so their output is escaped too.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.templating import Jinja2Templates

from vigie import __version__
from vigie.web.actor_links import actor_href
from vigie.web.negotiate import json_twin_url, page_url, wants_json
from vigie.web.outlet_page import outlet_href

__all__ = ["NAV", "TEMPLATE_DIR", "render", "respond", "templates"]

TEMPLATE_DIR = Path(__file__).parent / "templates"

#: the main navigation: ``(label, path, section)``; a new resource adds its line here
NAV: list[tuple[str, str, str]] = [
    ("Search", "/search", "search"),
    ("Quotes", "/quotes", "quotes"),
    ("Quote groups", "/quote-groups", "quote-groups"),
    ("Speakers", "/speakers", "speakers"),
    ("Actors", "/actors", "actors"),
    ("Stories", "/stories", "stories"),
    ("Outlets", "/outlets", "outlets"),
    ("Ingest runs", "/runs", "runs"),
]

# C0 controls but tab and newline, and DEL, shown as their Unicode control pictures
_CONTROLS = {c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)} | {0x7F: 0x2421}
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def visible_controls(text: str | None) -> str:
    """The text with control characters made visible (one character each, offsets kept)."""
    return (text or "").translate(_CONTROLS)


def lead_split(text: str | None) -> tuple[str, str]:
    """``(leading line breaks and spaces, the rest)``: a removed span that starts with a line
    break shows its label on the line the removed text is on."""
    t = text or ""
    rest = t.lstrip(" \t\n")
    return t[: len(t) - len(rest)], rest


def http_url(url: str | None) -> str | None:
    """The URL when it is http(s) and so safe as a link target, else None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None


def lang_attr(code: str | None) -> str:
    """A language code fit for a ``lang`` attribute, or ``""``."""
    return code if code and _LANG.match(code) else ""


def when(ts: str | None) -> str:
    """An ISO timestamp as ``2025-03-04 19:40:00`` (+ ``UTC`` when it is in UTC)."""
    if not ts:
        return ""
    out = ts.replace("T", " ", 1)
    for utc in ("+00:00", "Z"):
        if out.endswith(utc):
            return out.removesuffix(utc) + " UTC"
    return out


def thousands(n: int | None) -> str:
    return "" if n is None else f"{n:,}".replace(",", "\u202f")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        visible_controls=visible_controls,
        http_url=http_url,
        lead_split=lead_split,
        lang_attr=lang_attr,
        thousands=thousands,
        when=when,
        actor_href=actor_href,
        outlet_href=outlet_href,
    )
    env.globals.update(nav=NAV, version=__version__)
    return env


templates = Jinja2Templates(env=_environment())


def render(
    request: Request,
    name: str,
    context: dict[str, Any],
    *,
    status_code: int = 200,
    section: str = "",
) -> HTMLResponse:
    """A page: ``name`` rendered with ``context`` plus what every page needs."""
    ctx = {
        "section": section,
        "json_url": json_twin_url(request),
        "page_url": lambda **changes: page_url(request, **changes),
        **context,
    }
    return templates.TemplateResponse(
        request, name, ctx, status_code=status_code, headers={"Vary": "Accept"}
    )


def respond(
    request: Request,
    name: str,
    data: dict[str, Any],
    model: type[BaseModel],
    *,
    section: str = "",
    extra: dict[str, Any] | None = None,
) -> Response:
    """A page URL's answer: ``data`` as JSON when the request asks for JSON (shaped by
    ``model``, exactly as the ``.json`` twin answers), else the page rendered from ``data``
    (and ``extra``, what only the page needs)."""
    if wants_json(request):
        body = model.model_validate(data).model_dump(mode="json")
        return JSONResponse(body, headers={"Vary": "Accept"})
    return render(request, name, {"data": data, **(extra or {})}, section=section)
