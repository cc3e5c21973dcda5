"""Response models of copy relations: the "Copies and translations" part of an article's JSON
twin (:class:`ArticleCopies`) and the compare page of two articles (:class:`CopyCompare`).

Every ``start``/``end`` is an offset into the ORIGINAL text of its article.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from vigie.web.models.base import TextSpan

__all__ = [
    "ArticleBrief",
    "ArticleCopies",
    "ArticleStoryRef",
    "CompareCell",
    "CompareEdit",
    "CompareGap",
    "ComparePart",
    "CompareRelation",
    "CompareRow",
    "CompareSide",
    "CopyChanges",
    "CopyCompare",
    "CopyLine",
    "CopySign",
    "CopySpan",
    "Lineage",
    "LineageNode",
    "MTSignRecord",
]


class ArticleBrief(BaseModel):
    """Another article, as a link shows it."""

    article_id: str = Field(description="Its page: /articles/{article_id}.")
    doc: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None


class CopyChanges(BaseModel):
    """What an edited copy changed, from the source to the copy (undetermined direction: from
    this article to the other), as the copy detector listed it (at most 60 edits of a kind)."""

    added: int = Field(description="Passages in the copy only.")
    removed: int = Field(description="Passages in the source only.")
    changed: int = Field(description="Passages reworded.")
    added_chars: int
    removed_chars: int


class MTSignRecord(BaseModel):
    """A sign of machine translation in one side of a translated copy."""

    found_in: str = Field(description="this (this article) or other.")
    kind: str = Field(description="calque, leftover, quote_marks or punctuation.")
    start: int
    end: int
    text: str
    note: str


class CopyLine(BaseModel):
    """One copy relation of the article, seen from it."""

    other: ArticleBrief
    kind: str = Field(description="exact, near, partial or translated.")
    score: float
    confidence: str | None = Field(description="high, or low (short texts, few sentences).")
    direction: str = Field(description="known or undetermined.")
    relation: str = Field(
        description="copied from (this article copies the other), copied by (the other copies "
        "this one) or undetermined."
    )
    direction_reason: str | None = Field(description="citation, published first, or why not.")
    lag_seconds: float | None = Field(description="Time between the two publications.")
    lag: str | None = Field(description="The lag in words (1 day 7 hours).")
    coverage: float | None = Field(description="Share of this article the other shares.")
    other_coverage: float | None = Field(description="Share of the other article shared.")
    passages: int = Field(description="Aligned passages of its evidence.")
    edit_ratio: float | None = Field(description="Near copies: 1 − word overlap (Dice).")
    title_changed: bool | None
    titles: list[str | None] = Field(description="This title and the other, when they differ.")
    changes: CopyChanges | None = Field(description="Near copies: the edits, counted.")
    mt_signs: list[MTSignRecord] = Field(description="Translated copies: signs of MT.")
    compare: str = Field(description="The compare page: /articles/{id}/copies/{other}.")


class ArticleStoryRef(BaseModel):
    story_id: str = Field(description="Its page: /stories/{story_id}.")
    label: str
    n_articles: int
    link: str = Field(description="Its page.")


class LineageNode(ArticleBrief):
    copies: list[LineageNode] = Field(default_factory=list, description="Its copies in turn.")


class Lineage(BaseModel):
    """Where the article comes from and where it went (known directions only)."""

    article: ArticleBrief
    ancestors: list[ArticleBrief] = Field(
        description="Its source, that one's source… nearest first."
    )
    copies: list[LineageNode] = Field(description="The articles that copy it, and theirs.")


class ArticleCopies(BaseModel):
    """The article's copies and translations, its story and its lineage."""

    relations: list[CopyLine] = Field(
        description="Sources first (copied from), then undetermined, then copies (copied by)."
    )
    story: ArticleStoryRef | None = Field(description="The story it belongs to, if any.")
    lineage: Lineage | None = Field(description="None when no known direction links it.")


class CopySpan(TextSpan):
    pass


class ComparePart(CopySpan):
    """A piece of a passage: plain (``mark`` None), or marked."""

    mark: str | None = Field(
        description="del (source words the copy lacks), ins (copy words the source lacks), "
        "only (undetermined direction: words the other side lacks), mt (a sign of machine "
        "translation), or none."
    )
    sign: int | None = Field(description="The sign's number, for mt parts.")


class CompareCell(CopySpan):
    checked: bool = Field(
        description="True when text[start:end] of the article is the stored passage."
    )
    parts: list[ComparePart] = Field(description="The passage cut into plain and marked parts.")


class CompareGap(BaseModel):
    """Text of one side outside every aligned passage."""

    start: int
    end: int
    chars: int
    text: str


class CompareRow(BaseModel):
    """An aligned pair of passages, numbered in the order of the left text."""

    number: int
    right_number: int = Field(description="Its place in the order of the right text.")
    moved: bool = Field(description="Out of order on the right (a passage moved around).")
    similarity: float | None = Field(
        description="Aligned words / words of the longer side; cosine for sentence pairs."
    )
    left: CompareCell
    right: CompareCell
    before_left: CompareGap | None = Field(description="Unshared left text just before it.")
    before_right: CompareGap | None = Field(description="Unshared right text just before it.")
    signs: list[int] = Field(description="Numbers of the MT signs inside it.")


class CompareSide(BaseModel):
    role: str = Field(description="source, copy, or article (undetermined direction).")
    article_id: str
    doc: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None
    chars: int = Field(description="Length of its original text.")
    shared_chars: int = Field(description="Characters inside the aligned passages.")
    link: str


class CompareRelation(BaseModel):
    kind: str
    score: float
    confidence: str | None
    direction: str
    direction_reason: str | None
    lag_seconds: float | None
    lag: str | None
    title_changed: bool | None
    edit_ratio: float | None
    details: dict[str, object] = Field(description="The detector's counts (words, sentences…).")


class CopySign(BaseModel):
    number: int
    side: str = Field(description="left or right.")
    kind: str
    start: int
    end: int
    text: str
    note: str
    row: int | None = Field(description="The row holding it; none when outside the passages.")


class CompareEdit(BaseModel):
    """An edit as the copy detector stored it, from left to right: added (right only),
    removed (left only), changed; an empty span sits at the place of the edit."""

    op: str
    left: CopySpan
    right: CopySpan


class CopyCompare(BaseModel):
    """Two articles side by side: the source on the left, the copy on the right (undetermined
    direction: the page's article on the left), their aligned passages as rows."""

    article_id: str
    other_id: str
    relation: CompareRelation
    left: CompareSide
    right: CompareSide
    word_marks: bool = Field(description="Whether differing words are marked (same language).")
    rows: list[CompareRow]
    after_left: CompareGap | None = Field(description="Unshared left text after the last row.")
    after_right: CompareGap | None
    signs: list[CopySign] = Field(description="Signs of machine translation, numbered.")
    edits: list[CompareEdit] = Field(description="Near copies: the stored edits.")
    problems: list[str] = Field(description="Stored offsets that do not fit the texts.")
