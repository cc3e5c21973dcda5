"""Shapes several response models share. A model built on one of these keeps its own schema
name in ``/openapi.json`` (and its own docstring, if any); the shared fields come first, in the
order they are written here.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = ["ArticleHead", "FacetValue", "FilteredPage", "TextSpan"]


class TextSpan(BaseModel):
    """A span of the original text."""

    start: int
    end: int
    text: str


class FacetValue(BaseModel):
    value: str
    count: int


class ArticleHead(BaseModel):
    """An article as a line of a list names it (the fields every such line starts with)."""

    article_id: str
    title: str | None
    outlet: str | None
    language: str | None
    published: str | None


class FilteredPage(BaseModel):
    """A page of a filtered list: the filters in force, how many items match, the paging."""

    filters: dict[str, str] = Field(description="The filters in force.")
    total: int
    limit: int
    offset: int
