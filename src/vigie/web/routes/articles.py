"""``/articles/{id}``: one article, its original text with what cleaning removed struck through
and its findings highlighted (quotations by speaker, speaker mentions, cues, cited sources,
dated events, entities), the lists of those findings, the actors it names or quotes (speakers
link to their actors' pages), its copies and translations (with its story and lineage), and its
versions; ``/articles/{id}/copies/{other}``: the two articles of a copy relation side by side."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from starlette.requests import Request
from starlette.responses import Response

from vigie import queries
from vigie.storage.sqlite import SQLiteStore
from vigie.web.actor_links import actor_refs
from vigie.web.annotations import annotate, removal_segments
from vigie.web.copy_view import article_copies, compare_view
from vigie.web.deps import Store
from vigie.web.highlight import Token
from vigie.web.models import ArticleView, json_responses, page_responses
from vigie.web.models.copies import CopyCompare
from vigie.web.rendering import respond

__all__ = ["article_data", "router"]

router = APIRouter(tags=["articles"])


def article_data(store: SQLiteStore, article_id: str) -> tuple[dict[str, Any], list[Token]]:
    """The article's JSON twin, and the tokens its page draws the highlighted text from."""
    a = store.get_article(article_id)
    data = queries.article_record(a)
    data["segments"] = removal_segments(a)
    data["versions"] = store.article_versions(a.source_key)
    found, tokens, counts = annotate(a, store.article_actor_ids(a.article_id))
    data.update(found)
    refs = actor_refs(store, counts)
    data["actors"] = [{**refs[k], **n} for k, n in counts.items() if k in refs]
    data["copies"] = article_copies(store, a.article_id)
    return data, tokens


@router.get(
    "/articles/{article_id}.json",
    response_model=ArticleView,
    responses=json_responses(404, 503),
    summary="One article",
)
def article_json(article_id: str, store: Store) -> dict[str, Any]:
    """The article record, its text cut into kept and removed segments and into highlighted
    pieces, its quotations with a speaker legend, cited sources, events, entities, versions."""
    return article_data(store, article_id)[0]


@router.get(
    "/articles/{article_id}",
    response_class=HTMLResponse,
    responses=page_responses(ArticleView, "The article page, or its JSON twin.", 404, 503),
    summary="Article page",
)
def article_page(request: Request, article_id: str, store: Store) -> Response:
    """Metadata, original text (removed furniture struck through, quotations highlighted by
    speaker), quotations, cited sources, events, copies and translations, clean text,
    versions."""
    data, tokens = article_data(store, article_id)
    removed_chars = sum(r["end"] - r["start"] for r in data["removed"])
    return respond(
        request,
        "article.html",
        data,
        ArticleView,
        section="articles",
        extra={
            "removed_chars": removed_chars,
            "tokens": tokens,
            "query": request.query_params.get("q", ""),
        },
    )


@router.get(
    "/articles/{article_id}/copies/{other_id}.json",
    response_model=CopyCompare,
    responses=json_responses(404, 503),
    summary="Two articles of a copy relation, side by side",
)
def compare_json(article_id: str, other_id: str, store: Store) -> dict[str, Any]:
    """The copy relation between two articles: the source on the left and the copy on the right
    (undetermined direction: ``article_id`` on the left), the aligned passages as numbered rows
    with the words that differ or the signs of machine translation marked, the text outside
    them, and the stored edits; every offset is into the original text. 404 when no relation
    between the two is stored."""
    return compare_view(store, article_id, other_id)


@router.get(
    "/articles/{article_id}/copies/{other_id}",
    response_class=HTMLResponse,
    responses=page_responses(CopyCompare, "The compare page, or its JSON twin.", 404, 503),
    summary="Compare page",
)
def compare_page(request: Request, article_id: str, other_id: str, store: Store) -> Response:
    """Two columns, the source and the copy, their shared passages side by side."""
    data = compare_view(store, article_id, other_id)
    return respond(request, "compare.html", data, CopyCompare, section="articles")
