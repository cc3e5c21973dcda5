"""Response models of the JSON twins, as the OpenAPI schema (``/openapi.json``) shows them.

They describe the dicts :mod:`vigie.queries` returns; pages render the same dicts.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from vigie.web.models.base import ArticleHead, FacetValue, FilteredPage, TextSpan
from vigie.web.models.copies import ArticleCopies

__all__ = [
    "ActorCount",
    "ActorRecord",
    "ActorRef",
    "ActorView",
    "ActorsPage",
    "ArticleActor",
    "ArticleCitation",
    "ArticleEvent",
    "ArticleInput",
    "ArticleQuote",
    "ArticleView",
    "EntityRecord",
    "ErrorResponse",
    "FacetSample",
    "FacetValue",
    "Facets",
    "Highlight",
    "IngestResult",
    "LabelledFacetValue",
    "ParagraphRecord",
    "QuoteCue",
    "QuoteRecord",
    "QuotesPage",
    "RecentArticle",
    "RegistryEditResult",
    "RegistryView",
    "RemovalRecord",
    "RunFailure",
    "RunRecord",
    "RunsPage",
    "SearchHit",
    "SearchResults",
    "Segment",
    "SnippetPart",
    "SpeakerKey",
    "SpeakerRecord",
    "SpeakersPage",
    "StageErrorRecord",
    "StoreSummary",
    "StoredArticle",
    "TextSpan",
    "Timeline",
    "VersionRecord",
    "Volume",
    "VolumeBucket",
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


class SearchHit(ArticleHead):
    doc: str
    score: float = Field(description="Relevance (BM25, title weighted 4×); higher is better.")
    snippet: list[SnippetPart]


class LabelledFacetValue(FacetValue):
    label: str | None = Field(None, description="The actor's name or the story's label.")


class FacetSample(BaseModel):
    counted: int = Field(description="Matches whose actors were counted.")
    matches: int = Field(description="Matches in all (under the other filters).")


class Facets(BaseModel):
    """Hit counts per facet value, each facet counted with the other filters in force (its
    own left out), largest first."""

    outlet: list[FacetValue] = Field(default_factory=list)
    language: list[FacetValue] = Field(default_factory=list)
    actor: list[LabelledFacetValue] = Field(
        default_factory=list,
        description="Actors quoted or named (value: the actor id, the `actor` filter).",
    )
    story: list[LabelledFacetValue] = Field(
        default_factory=list, description="Stories (value: the story id, the `story` filter)."
    )
    has_quotes: list[FacetValue] = Field(
        default_factory=list, description="yes: with at least one quotation; no: without."
    )
    is_copy: list[FacetValue] = Field(
        default_factory=list,
        description="yes: copies (the copy side of a relation whose direction is known, or "
        "either side of a verbatim or near-verbatim relation whose direction is not).",
    )
    actor_sample: FacetSample | None = Field(
        None,
        description="Set when there are many matches: the actor counts are then counted in "
        "a sample of them and scaled up to all (estimates).",
    )


class VolumeBucket(BaseModel):
    period: str = Field(description="YYYY, YYYY-MM, YYYY-Www or YYYY-MM-DD, as the unit says.")
    count: int


class Volume(BaseModel):
    """Matching articles per period of publication (undated ones left out), oldest first,
    with empty periods filled in."""

    unit: str = Field(description="day, month or year.")
    total: int = Field(description="Dated matching articles (the sum of the counts).")
    filled: bool = Field(
        description="True when every period of the spread is listed (empty ones with 0); "
        "False when the spread is too wide and only periods with matches are listed."
    )
    buckets: list[VolumeBucket]


class SearchResults(BaseModel):
    query: str
    filters: dict[str, str] = Field(
        description="The filters in force: outlet, language, since, until, actor (id), story "
        "(id), has_quotes and is_copy (yes or no)."
    )
    total: int
    limit: int
    offset: int
    hits: list[SearchHit]
    facets: Facets
    volume: Volume | None = Field(None, description="Matches over time (none if no match).")


class Segment(BaseModel):
    """A stretch of the original text, kept or removed by cleaning."""

    start: int
    end: int
    removed: bool
    reason: str | None
    text: str


class RemovalRecord(TextSpan):
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


class QuoteCue(TextSpan):
    lemma: str | None = None
    stance: str | None = Field(None, description="neutral, assertive, hedged, approving…")


class ArticleQuote(BaseModel):
    """A quotation of the article (``results.quotes[index]``), with its legend key."""

    index: int = Field(description="Position in results.quotes (the quotes table's idx).")
    anchor: str = Field(description="Id of its highlight on the page: /articles/{id}#q-N.")
    start: int
    end: int
    text: str
    type: str = Field(description="direct, indirect, mixed or selon.")
    speaker: str | None
    speaker_key: str = Field(description="The speaker's letter in the legend (? if none).")
    colour: int | None = Field(description="The speaker's palette colour (none if unknown).")
    speaker_mention: TextSpan | None
    cue: QuoteCue | None
    stance: str | None
    via: str | None = Field(description="The outlet or agency the words were relayed by.")
    confidence: float | None
    actor_ids: list[str] = Field(
        default_factory=list,
        description="The actors its speaker is (/actors/{id}); two for 'A et B'; none when "
        "the actors are not built or the speaker is no actor.",
    )


class SpeakerKey(BaseModel):
    """A line of the page's speaker legend."""

    key: str = Field(description="A, B, … (? for unattributed quotations).")
    speaker: str | None
    colour: int | None
    quotes: int
    actor_ids: list[str] = Field(default_factory=list, description="The actors it stands for.")


class ActorRef(BaseModel):
    """An actor named on a page."""

    id: str = Field(description="Its id: the page /actors/{id}.")
    name: str
    kind: str


class ArticleActor(ActorRef):
    """An actor the article names or quotes."""

    mentions: int = Field(description="Entity mentions of it in this article.")
    quotes: int = Field(description="Quotations of this article it is the speaker of.")


class ArticleCitation(BaseModel):
    """A media outlet or agency cited as a source ("selon Tass")."""

    index: int
    anchor: str
    start: int
    end: int
    text: str
    outlet: str | None
    cue: str | None
    quote: int | None = Field(description="Index of the quotation it sources, if any.")


class ArticleEvent(BaseModel):
    """A dated statement: the date expression and the sentence it dates."""

    index: int
    anchor: str
    date: str | None
    start_date: str | None
    end_date: str | None
    granularity: str | None
    tense: str | None
    date_span: TextSpan | None
    sentence: TextSpan | None


class EntityRecord(TextSpan):
    label: str = Field(description="PER, ORG, LOC, MISC…")
    actor_id: str | None = Field(None, description="The actor it names, when known.")


class Highlight(TextSpan):
    """A piece of the original text and the ids of the spans over it (outermost first):
    ``q-N`` quotation, ``qm-N``/``qc-N`` its speaker mention/cue, ``c-N`` cited source,
    ``ev-N`` event, ``e-N`` entity, ``r-N`` removed span."""

    marks: list[str]


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
    source_agency: str | None = Field(
        None, description="The agency the text reproduces (wire dateline, closing credit)."
    )
    encoding: str | None
    input_format: str
    text: str = Field(description="The original text, never edited.")
    clean_text: str = Field(description="The original minus the removed spans.")
    removed: list[RemovalRecord]
    paragraphs: list[ParagraphRecord]
    errors: list[StageErrorRecord]
    segments: list[Segment] = Field(description="The original text cut into kept and removed.")
    versions: list[VersionRecord]
    quotes: list[ArticleQuote] = Field(default_factory=list)
    speakers: list[SpeakerKey] = Field(default_factory=list)
    citations: list[ArticleCitation] = Field(default_factory=list)
    events: list[ArticleEvent] = Field(default_factory=list)
    entities: list[EntityRecord] = Field(default_factory=list)
    actors: list[ArticleActor] = Field(
        default_factory=list,
        description="The actors the article names or quotes, most quoted then most named first.",
    )
    highlights: list[Highlight] = Field(
        default_factory=list,
        description="The original text cut where any highlighted span starts or ends.",
    )
    copies: ArticleCopies | None = Field(
        None, description="Its copies and translations, its story and lineage (/articles/{id})."
    )


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


class RecentArticle(ArticleHead):
    pass


class StoreSummary(BaseModel):
    articles: int = Field(description="Articles stored (every version counts).")
    outlet_count: int
    outlets: list[FacetValue] = Field(description="The outlets with most articles.")
    languages: list[FacetValue]
    recent: list[RecentArticle]
    runs: list[RunRecord] = Field(description="The latest ingest runs.")


class QuoteRecord(BaseModel):
    """A stored quotation with its article (``vigie quotes --json``)."""

    article_id: str
    doc: str
    title: str | None
    outlet: str | None
    language: str | None
    published: str | None
    index: int = Field(description="Its position in the article: /articles/{id}#q-{index}.")
    start: int
    end: int
    text: str
    type: str
    speaker: str | None
    speaker_mention: TextSpan | None
    cue: TextSpan | None
    stance: str | None
    via: str | None
    confidence: float | None
    actor_ids: list[str] = Field(
        default_factory=list,
        description="The actors its speaker is (/actors/{id}), when known (quotes.json only).",
    )


class QuotesPage(FilteredPage):
    quotes: list[QuoteRecord]


class SpeakerRecord(BaseModel):
    speaker: str
    quotes: int
    articles: int
    outlets: int = Field(description="How many outlets quote them.")
    first: str | None = Field(description="Publication date of the first article.")
    last: str | None
    vias: list[str] = Field(description="Outlets and agencies their words were relayed by.")


class SpeakersPage(BaseModel):
    filters: dict[str, str]
    limit: int
    speakers: list[SpeakerRecord]


class ActorRecord(BaseModel):
    """A canonical actor (``vigie actors --json``; docs/actors.md)."""

    id: str = Field(description="<prefix>:<slug>, e.g. per:serguei-lavrov.")
    name: str
    kind: str = Field(description="person, organisation, state, place, media or anonymous.")
    aliases: dict[str, int] = Field(description="Every form seen, as written, with its count.")
    roles: dict[str, int] = Field(description="Titles given to it, with their counts.")
    n_mentions: int
    n_quotes: int
    n_articles: int
    first_seen: str | None = Field(description="Earliest publication date of its articles.")
    last_seen: str | None
    ambiguous: bool = Field(description="A surname alone that fits several people.")
    candidates: list[str] = Field(description="Who an ambiguous name may be.")


class ActorsPage(BaseModel):
    filters: dict[str, str] = Field(description="The filters in force (kind, name).")
    total: int = Field(description="Actors matching the filters, all pages together.")
    limit: int
    offset: int
    more: bool = Field(description="True when there are actors after this page.")
    actors: list[ActorRecord]


class ActorCount(BaseModel):
    value: str = Field(description="An outlet, or the agency the words were relayed by.")
    quotes: int
    articles: int


class Timeline(BaseModel):
    """Quotations per period of publication, oldest first, empty periods filled in."""

    unit: str = Field(description="day, week (ISO: 2025-W07), month or year.")
    total: int = Field(description="Dated quotations (the sum of the counts).")
    undated: int = Field(description="Quotations whose article has no publication date.")
    filled: bool = Field(
        description="False when the spread is too wide and only periods with quotations are listed."
    )
    buckets: list[VolumeBucket]


class RegistryView(BaseModel):
    """The actor registry as this actor's page sees it."""

    path: str = Field(description="The registry file (it need not exist yet).")
    exists: bool
    writes: bool = Field(description="Whether the edit endpoints are on (a write token is set).")
    error: str | None = Field(description="Why the file cannot be used, when it cannot.")
    aliases: list[str] = Field(description="Names the registry gives this actor.")
    merged: list[str] = Field(description="Ids the registry merges into this actor.")
    splits: list[str] = Field(description="Names the registry splits off to this actor's id.")


class ActorView(BaseModel):
    actor: ActorRecord
    filters: dict[str, str] = Field(description="Filters of the quotation list (period, …).")
    total: int = Field(description="Quotations listed with the filters (before paging).")
    limit: int
    offset: int
    quotes: list[QuoteRecord] = Field(description="Its quotations, newest first, paged.")
    read: int = Field(description="Quotations read for the counts below (at most 5,000).")
    complete: bool = Field(description="False when it has more quotations than were read.")
    timeline: Timeline
    outlets: list[ActorCount] = Field(description="Outlets that published its quotations.")
    vias: list[ActorCount] = Field(description="Agencies and outlets the words came through.")
    candidates: list[ActorRef] = Field(description="The candidate actors, when ambiguous.")
    registry: RegistryView


class RegistryEditResult(BaseModel):
    """What a registry edit did (form posts are redirected to the actor's page instead)."""

    actor_id: str
    change: str = Field(description="What was changed, in words.")
    registry: str = Field(description="The registry file written.")
    actors: int = Field(description="Actors after the rebuild.")
    articles: int = Field(description="Articles re-resolved.")
    link: str = Field(description="The actor's page, or /actors when it is gone.")


class ArticleInput(BaseModel):
    """One article to ingest (the fields of a JSONL input record)."""

    model_config = ConfigDict(extra="forbid")

    url: str = Field(
        min_length=1,
        max_length=4000,
        description="Its address: the source key (posting a new text for it adds a version).",
    )
    outlet: str | None = Field(None, max_length=500)
    title: str | None = Field(None, max_length=5000)
    text: str | None = Field(None, description="Plain text (or give html).")
    html: str | None = Field(None, description="HTML, when there is no text.")
    published: str | None = Field(None, max_length=64, description="ISO 8601 date or time.")
    authors: list[str] | str | None = None
    language: str | None = Field(None, max_length=12)


class StoredArticle(BaseModel):
    article_id: str
    url: str | None
    link: str = Field(description="Its page.")


class IngestResult(BaseModel):
    """The report of the ingest run a write started."""

    run_id: int
    seen: int
    added: int
    versions: int
    unchanged: int
    failed: int
    stage_errors: int
    furniture_learned: int
    recleaned: int
    failures: list[RunFailure]
    articles: list[StoredArticle] = Field(description="The articles of the body now stored.")


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{model.__name__}"}


_ERROR_TEXT = {
    400: "The query cannot be read.",
    401: "No token, or not the right one (Authorization: Bearer <token>).",
    404: "Not found (write endpoints: writes are off).",
    413: "The body is larger than the limit.",
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
