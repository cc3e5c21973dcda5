"""``/articles/{id}``: one article, its original text with what cleaning removed, its versions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from starlette.requests import Request
from starlette.responses import Response

from vigie import queries
from vigie.web.deps import Store
from vigie.web.models import ArticleView, json_responses, page_responses
from vigie.web.rendering import respond

__all__ = ["router"]

router = APIRouter(tags=["articles"])


@router.get(
    "/articles/{article_id}.json",
    response_model=ArticleView,
    responses=json_responses(404, 503),
    summary="One article",
)
def article_json(article_id: str, store: Store) -> dict[str, Any]:
    """The article record with its text cut into kept and removed segments, and its versions."""
    return queries.article_view(store, article_id)


@router.get(
    "/articles/{article_id}",
    response_class=HTMLResponse,
    responses=page_responses(ArticleView, "The article page, or its JSON twin.", 404, 503),
    summary="Article page",
)
def article_page(request: Request, article_id: str, store: Store) -> Response:
    """Metadata, original text (removed furniture struck through), clean text, versions."""
    data = queries.article_view(store, article_id)
    removed_chars = sum(r["end"] - r["start"] for r in data["removed"])
    return respond(
        request,
        "article.html",
        data,
        ArticleView,
        section="articles",
        extra={"removed_chars": removed_chars, "query": request.query_params.get("q", "")},
    )
