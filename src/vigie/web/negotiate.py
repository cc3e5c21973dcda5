"""HTML or JSON: which one a request asks for, and the URLs of a page's twins.

A page URL answers JSON when its ``Accept`` header prefers ``application/json`` to
``text/html`` (an explicit type beats a wildcard; on a tie the type listed first wins). A
browser's ``text/html,…,*/*;q=0.8`` gets HTML; ``curl -H 'Accept: application/json'`` gets JSON.
``/api/…`` endpoints answer JSON, except to a browser's form post (a form body, and an
``Accept`` that names ``text/html`` and prefers it): that one gets pages (and redirects).
"""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request

__all__ = [
    "API_PREFIX",
    "FORM_TYPES",
    "JSON_SUFFIXES",
    "browser_form_post",
    "json_twin_url",
    "page_url",
    "prefers_html",
    "prefers_json",
    "query_string",
    "wants_json",
]

#: paths ending with these always answer JSON (errors included)
JSON_SUFFIXES = (".json", ".jsonl", ".csv")
#: paths under this prefix are API endpoints: they answer JSON (but to a browser's form post)
API_PREFIX = "/api/"
#: the content types of an HTML form's body
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _media_ranges(accept: str) -> list[tuple[str, float, int]]:
    """``(media range, q, position)`` for each entry of an Accept header."""
    out: list[tuple[str, float, int]] = []
    for pos, item in enumerate(accept.split(",")):
        parts = [p.strip() for p in item.split(";")]
        media = parts[0].lower()
        if not media:
            continue
        q = 1.0
        for param in parts[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        out.append((media, max(0.0, min(q, 1.0)), pos))
    return out


def _preference(ranges: list[tuple[str, float, int]], media: str) -> tuple[float, int, int]:
    """How much a type is wanted: ``(q, specificity, -position)`` of its best matching range."""
    kind = media.split("/")[0]
    best = (0.0, -1, 0)
    for rng, q, pos in ranges:
        if rng == media:
            spec = 2
        elif rng == f"{kind}/*":
            spec = 1
        elif rng == "*/*":
            spec = 0
        else:
            continue
        # the most specific matching range decides the q of the type
        if spec > best[1]:
            best = (q, spec, -pos)
    return best


def prefers_json(accept: str | None) -> bool:
    """Whether an Accept header prefers ``application/json`` to ``text/html``."""
    if not accept:
        return False
    ranges = _media_ranges(accept)
    as_json = _preference(ranges, "application/json")
    as_html = _preference(ranges, "text/html")
    return as_json[0] > 0 and as_json > as_html


def prefers_html(accept: str | None) -> bool:
    """Whether an Accept header names ``text/html`` itself and prefers it to JSON (a browser
    does; ``curl``'s ``*/*`` does not)."""
    if not accept:
        return False
    ranges = _media_ranges(accept)
    as_html = _preference(ranges, "text/html")
    return as_html[1] == 2 and as_html[0] > 0 and as_html > _preference(ranges, "application/json")


def browser_form_post(request: Request) -> bool:
    """A POST with a form body from a client that prefers HTML: a form of a page."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return (
        request.method == "POST"
        and ctype in FORM_TYPES
        and prefers_html(request.headers.get("accept"))
    )


def wants_json(request: Request) -> bool:
    """True for the ``.json`` (and export) URLs, for ``/api/…`` but a browser's form post, and
    for page URLs asked for as JSON."""
    path = request.url.path
    if path.endswith(JSON_SUFFIXES):
        return True
    if path.startswith(API_PREFIX):
        return not browser_form_post(request)
    return prefers_json(request.headers.get("accept"))


def query_string(params: dict[str, str]) -> str:
    """``?a=1&b=2`` of the non-empty parameters, or ``""``."""
    kept = {k: v for k, v in params.items() if v not in ("", None)}
    return f"?{urlencode(kept)}" if kept else ""


def page_url(request: Request, **changes: str | int | None) -> str:
    """This page's URL with some query parameters changed (``None`` or ``""`` drops one)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    return request.url.path + query_string(params)


def json_twin_url(request: Request) -> str:
    """The JSON twin of the page being shown (``/`` → ``/index.json``)."""
    path = request.url.path
    if path.endswith(".json"):
        twin = path
    elif path.endswith("/"):
        twin = f"{path}index.json"
    else:
        twin = f"{path}.json"
    return twin + query_string(dict(request.query_params))
