"""Response models of the story pages' JSON twins (``/stories.json``, ``/stories/{id}.json``)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from vigie.web.models.base import ArticleHead, FacetValue

__all__ = [
    "StoriesPage",
    "StoryArticle",
    "StoryCopy",
    "StoryCount",
    "StoryLineageNode",
    "StoryRecord",
    "StoryView",
]


class StoryRecord(BaseModel):
    """A story: articles on one event, grouped as they were ingested (``vigie stories``)."""

    story_id: str = Field(description="Its id: the page /stories/{story_id}.")
    label: str = Field(description="Its most telling names or words, joined by ' · '.")
    n_articles: int
    first_seen: str | None = Field(description="Publication date of its earliest article.")
    last_seen: str | None = Field(description="Publication date of its latest article.")
    languages: list[str]
    outlets: list[str]
    first_article: str | None = Field(description="Id of its earliest article (/articles/{id}).")
    first_title: str | None = Field(description="Title of its earliest article.")
    first_outlet: str | None = Field(description="Outlet of its earliest article.")


class StoriesPage(BaseModel):
    filters: dict[str, str] = Field(description="The filters in force: lang, outlet, since, until.")
    min_articles: int = Field(description="Only stories of at least this many articles.")
    sort: str = Field(description="recent (latest article first) or articles (largest first).")
    total: int = Field(description="Stories matching the filters (before paging).")
    limit: int
    offset: int
    stories: list[StoryRecord]


class StoryArticle(BaseModel):
    """An article of the story, with its place in the lineage of copies."""

    article_id: str
    doc: str
    url: str | None
    title: str | None
    outlet: str | None
    language: str | None
    published: str | None
    first: bool = Field(description="True for the story's first-seen article.")
    generation: int | None = Field(
        description="0 for an original, n for a copy n steps from it; none when it is in no "
        "copy relation of the story."
    )
    copy_of: str | None = Field(description="The article it was copied from (closest source).")
    copy_kind: str | None = Field(description="exact, near, partial or translated.")
    copy_lag: str | None = Field(description="How long after its source it was published.")


class StoryCopy(BaseModel):
    """A copy relation between two articles of the story."""

    original_article_id: str = Field(
        description="The source (the first of the pair when the direction is undetermined)."
    )
    copy_article_id: str
    kind: str = Field(description="exact, near, partial or translated.")
    score: float
    confidence: str | None
    direction: str = Field(description="known, or undetermined (which came first is unknown).")
    direction_reason: str | None = Field(description="Why the direction was decided so.")
    lag_seconds: float | None = Field(description="Publication of the copy minus the source's.")
    lag: str | None = Field(description="The lag for people: '2 h 10 min'.")
    role: str = Field(
        description="lineage: the copy's closest source, an edge of the lineage graph; "
        "undetermined: drawn without an arrow head; other: another earlier version the copy "
        "resembles (it came through its lineage source), not drawn."
    )


class StoryLineageNode(ArticleHead):
    """An article in the lineage chains, with the copies made from it."""

    generation: int = Field(description="0 for an original.")
    kind: str | None = Field(description="Its relation to the article above it (none at the top).")
    score: float | None
    lag_seconds: float | None
    lag: str | None
    copies: list[StoryLineageNode] = Field(description="The articles copied from it, oldest first.")


class StoryCount(FacetValue):
    pass


class StoryView(BaseModel):
    story: StoryRecord
    complete: bool = Field(description="False when the story has more articles than were read.")
    articles: list[StoryArticle] = Field(description="Its articles by publication date.")
    outlet_counts: list[StoryCount] = Field(description="Articles per outlet, most first.")
    language_counts: list[StoryCount] = Field(description="Articles per language, most first.")
    relations: list[StoryCopy] = Field(description="Copy relations among its articles.")
    lineage: list[StoryLineageNode] = Field(
        description="The lineage chains: originals first, each copy under its closest source."
    )


StoryLineageNode.model_rebuild()
