"""Response models of the quote-group pages' JSON twins (``/quote-groups.json``,
``/quote-groups/{id}.json``). They describe the dicts :mod:`vigie.web.quote_group_page` makes
from a stored group (``QuoteGroup.to_dict()``, :mod:`vigie.stories.quote_groups`)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from vigie.web.models.base import FilteredPage

__all__ = [
    "QuoteGroupAppearance",
    "QuoteGroupDiffPart",
    "QuoteGroupEdit",
    "QuoteGroupOutlet",
    "QuoteGroupSummary",
    "QuoteGroupVariant",
    "QuoteGroupView",
    "QuoteGroupsPage",
]

KINDS = "identical, truncated, extended, altered or translated"


class QuoteGroupAppearance(BaseModel):
    """Where a version of the statement appeared."""

    article_id: str
    index: int = Field(description="The quotation's position in its article (its #q-N).")
    link: str = Field(description="The quotation in its article: /articles/{id}#q-{index}.")
    title: str | None = Field(None, description="The article's title, when it is stored.")
    outlet: str | None
    published: str | None
    language: str | None


class QuoteGroupSummary(BaseModel):
    """A line of the list of quote groups."""

    group_id: str
    link: str = Field(description="The group's page.")
    speaker: str | None = Field(description="The speaker, as most of its versions name them.")
    actor_id: str | None = Field(description="The speaker's actor (/actors/{id}), when known.")
    text: str = Field(description="The fullest version (most of the others' words).")
    first: QuoteGroupAppearance = Field(description="The first appearance.")
    n_articles: int = Field(description="Articles that report it.")
    n_versions: int = Field(description="Versions (an article may quote it more than once).")
    n_outlets: int
    outlets: list[str] = Field(description="Outlets, in order of first appearance.")
    languages: list[str]
    first_published: str | None
    last_published: str | None
    spread_hours: float | None = Field(
        description="Hours from the first to the last appearance (a bare date counts as noon UTC)."
    )
    kinds: dict[str, int] = Field(description=f"Versions per kind ({KINDS}).")


class QuoteGroupsPage(FilteredPage):
    total: int = Field(description="Groups matching the filters.")
    groups: list[QuoteGroupSummary] = Field(
        description="Most reported first, then newest first appearance first."
    )


class QuoteGroupEdit(BaseModel):
    """One difference from the fullest version, as the grouping recorded it."""

    op: str = Field(description="removed, added or changed.")
    where: str = Field(description="start, end or inside (the span both versions cover).")
    reference: str = Field(description="The fullest version's words.")
    variant: str = Field(description="This version's words.")
    cut: bool = Field(description="True when an ellipsis in this version marks the cut.")


class QuoteGroupDiffPart(BaseModel):
    """A run of words of the word-by-word comparison with the fullest version."""

    op: str = Field(
        description="same (in both), removed (only in the fullest version), added (only in "
        "this one) or cut (an ellipsis in this version)."
    )
    text: str


class QuoteGroupVariant(QuoteGroupAppearance):
    """One article's version of the statement."""

    text: str = Field(description="The quotation as this article gives it.")
    speaker: str | None
    type: str | None = Field(description="direct, indirect, mixed or selon.")
    kind: str = Field(description=f"Against the fullest version: {KINDS}.")
    coverage: float = Field(description="Share of the fullest version's words it carries.")
    delay_hours: float | None = Field(description="Hours after the first appearance.")
    edits: list[QuoteGroupEdit]
    diff: list[QuoteGroupDiffPart] = Field(
        description="Word by word against the fullest version (empty when translated)."
    )
    is_first: bool
    is_fullest: bool


class QuoteGroupOutlet(BaseModel):
    """An outlet that reported the statement."""

    outlet: str
    first_published: str | None
    delay_hours: float | None = Field(description="Hours after the first appearance.")
    articles: int
    versions: int
    link: str = Field(description="Its first version in its article.")


class QuoteGroupView(BaseModel):
    group_id: str
    speaker: str | None
    actor_id: str | None = Field(description="The speaker's actor (/actors/{id}), when known.")
    fullest: QuoteGroupVariant = Field(description="The version with most of the others' words.")
    first: QuoteGroupVariant = Field(description="The first appearance.")
    n_articles: int
    n_versions: int
    languages: list[str]
    first_published: str | None
    last_published: str | None
    spread_hours: float | None
    kinds: dict[str, int] = Field(description=f"Versions per kind ({KINDS}).")
    outlets: list[QuoteGroupOutlet] = Field(description="In order of first appearance.")
    limit: int = Field(description="Versions per page.")
    offset: int = Field(description="Versions skipped.")
    variants: list[QuoteGroupVariant] = Field(description="The versions, in publication order.")
