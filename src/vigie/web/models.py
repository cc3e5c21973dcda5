"""Response models of the JSON twins, as the OpenAPI schema (``/openapi.json``) shows them.

They describe the dicts :mod:`vigie.queries` returns; pages render the same dicts.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

__all__ = [
    "ArticleView",
    "ErrorResponse",
    "FacetValue",
    "Facets",
    "RecentArticle",
    "RunRecord",
    "RunsPage",
    "SearchHit",
    "SearchResults",
    "Segment",
    "SnippetPart",
    "StoreSummary",
    "json_responses",
    "page_responses",
]


class ErrorResponse(BaseModel):
    """What every error answers as JSON."""

    status: int = Field(description="The HTTP status, repeated.")
    detail: str = Field(description="What went wrong, for a person to read.")


class SnippetPart(BaseModel):
    text: str
    match: bool = Field(description="True for the words the query matched.")


class SearchHit(BaseModel):
    article_id: str
    title: str | None
    outlet: str | None
    language: str | None
    published: str | None
    doc: str
    score: float = Field(description="Relevance (BM25, title weighted 4×); higher is better.")
    snippet: list[SnippetPart]


class FacetValue(BaseModel):
    value: str
    count: int


class Facets(BaseModel):
    """Hit counts per outlet and language (each counted with the other filters in force)."""

    outlet: list[FacetValue] = Field(default_factory=list)
    language: list[FacetValue] = Field(default_factory=list)


class SearchResults(BaseModel):
    query: str
    filters: dict[str, str] = Field(description="The filters in force (outlet, language…).")
    total: int
    limit: int
    offset: int
    hits: list[SearchHit]
    facets: Facets


class Segment(BaseModel):
    """A stretch of the original text, kept or removed by cleaning."""

    start: int
    end: int
    removed: bool
    reason: str | None
    text: str


class RemovalRecord(BaseModel):
    start: int
    end: int
    text: str
    reason: str


class ParagraphRecord(BaseModel):
    start: int
    end: int
    language: str | None = None
    score: float | None = None


class StageErrorRecord(BaseModel):
    stage: str
    error: str
    message: str


class VersionRecord(BaseModel):
    article_id: str
    version: int
    ingested_at: str
    content_sha1: str


class ArticleView(BaseModel):
    doc: str
    article_id: str
    version: int
    url: str | None
    title: str | None
    outlet: str | None
    language: str | None
    published: str | None
    authors: list[str]
    encoding: str | None
    input_format: str
    text: str = Field(description="The original text, never edited.")
    clean_text: str = Field(description="The original minus the removed spans.")
    removed: list[RemovalRecord]
    paragraphs: list[ParagraphRecord]
    errors: list[StageErrorRecord]
    segments: list[Segment] = Field(description="The original text cut into kept and removed.")
    versions: list[VersionRecord]


class RunFailure(BaseModel):
    input: str
    problem: str


class RunRecord(BaseModel):
    run_id: int
    started: str
    finished: str | None
    inputs: list[str]
    seen: int
    added: int
    versions: int
    unchanged: int
    failed: int
    failures: list[RunFailure]


class RunsPage(BaseModel):
    runs: list[RunRecord]


class RecentArticle(BaseModel):
    article_id: str
    title: str | None
    outlet: str | None
    language: str | None
    published: str | None


class StoreSummary(BaseModel):
    articles: int = Field(description="Articles stored (every version counts).")
    outlet_count: int
    outlets: list[FacetValue] = Field(description="The outlets with most articles.")
    languages: list[FacetValue]
    recent: list[RecentArticle]
    runs: list[RunRecord] = Field(description="The latest ingest runs.")


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{model.__name__}"}


_ERROR_TEXT = {
    400: "The query cannot be read.",
    404: "Not found.",
    422: "A parameter cannot be used (e.g. a bad date).",
    503: "The store cannot be read.",
}


def json_responses(*errors: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` of a JSON twin's errors."""
    return {c: {"model": ErrorResponse, "description": _ERROR_TEXT[c]} for c in errors}


def page_responses(
    model: type[BaseModel], description: str, *errors: int
) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` of a page that answers HTML, or JSON (``Accept``)."""
    out: dict[int | str, dict[str, Any]] = {
        200: {
            "description": description,
            "content": {
                "text/html": {"schema": {"type": "string"}},
                "application/json": {"schema": _ref(model)},
            },
        }
    }
    for c in errors:
        out[c] = {
            "description": _ERROR_TEXT[c],
            "content": {
                "text/html": {"schema": {"type": "string"}},
                "application/json": {"schema": _ref(ErrorResponse)},
            },
        }
    return out
