"""Response models of the outlets pages' JSON twins (``/outlets.json``, ``/outlet.json``)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from vigie.web.models import FacetValue, RecentArticle, VolumeBucket

__all__ = [
    "CitedSource",
    "LagBin",
    "Lags",
    "OutletEdge",
    "OutletHead",
    "OutletRecord",
    "OutletView",
    "OutletVolume",
    "OutletsPage",
    "RelayOutlet",
    "RelaySource",
    "RelaysPage",
    "StateAgency",
    "StateShare",
]

_LINK = "Its page: /outlet?name=<the name, percent-encoded>."
_STATE = "The state medium it is on the list as (vigie.outlets.state_media), or null."


class OutletRecord(BaseModel):
    """An outlet and its counts (``/outlets``)."""

    name: str = Field(description="As its articles name it.")
    link: str = Field(description=_LINK)
    articles: int
    languages: list[FacetValue] = Field(description="Its articles per language, most first.")
    first: str | None = Field(description="Publication date of its first article.")
    last: str | None = Field(description="Publication date of its latest article.")
    copies_made: int = Field(description="Its articles that copy another outlet's.")
    copied: int = Field(description="Other outlets' articles that copy one of its.")
    hidden_source_share: float | None = Field(
        description="Share of the copies it made that do not cite the outlet they copy "
        "(null when it made none)."
    )
    undetermined: int = Field(
        description="Copies shared with another outlet whose direction is unknown (not counted "
        "in copies_made or copied)."
    )
    state_medium: str | None = Field(description=_STATE)


class OutletsPage(BaseModel):
    filters: dict[str, str] = Field(description="The filters in force (name).")
    sort: str = Field(
        description="articles, name, copies_made, copied, hidden_source_share, first or last."
    )
    order: str = Field(description="asc or desc (outlets without a value come last).")
    total: int = Field(description="Outlets matching the filters.")
    limit: int
    offset: int
    outlets: list[OutletRecord]


class OutletHead(BaseModel):
    name: str
    link: str = Field(description=_LINK)
    articles: int
    first: str | None
    last: str | None
    state_medium: str | None = Field(description=_STATE)


class OutletVolume(BaseModel):
    """The outlet's articles per period of publication, oldest first, empty periods filled in."""

    unit: str = Field(description="day, week (ISO: 2025-W07), month or year.")
    total: int = Field(description="Dated articles (the sum of the counts).")
    undated: int = Field(description="Articles without a publication date.")
    filled: bool = Field(
        description="False when the spread is too wide and only periods with articles are listed."
    )
    buckets: list[VolumeBucket]


class OutletEdge(BaseModel):
    """The copies between this outlet and another, one direction."""

    outlet: str = Field(description="The other outlet.")
    link: str = Field(description="The other outlet's page.")
    copies: int
    kinds: dict[str, int] = Field(description="Copies per kind: exact, near, partial, translated.")
    median_lag_seconds: float | None = Field(
        description="Median time from the original's publication to the copy's."
    )
    hidden_source_share: float = Field(
        description="Share of these copies that do not cite the outlet they copy."
    )
    state_medium: str | None = Field(description="The other outlet's state medium, or null.")


class LagBin(BaseModel):
    label: str = Field(description="under 1 h, 1–6 h, 6–24 h, 1–3 days, 3–7 days, over 7 days.")
    from_seconds: float = Field(description="The bin holds lags from this…")
    to_seconds: float | None = Field(description="…to under this (null: no end).")
    count: int


class Lags(BaseModel):
    """How long copies took, from the original's publication to the copy's."""

    made: list[LagBin] = Field(description="The copies this outlet made.")
    made_unknown: int = Field(description="Copies it made whose lag is unknown (a date missing).")
    of: list[LagBin] = Field(description="The copies other outlets made of its articles.")
    of_unknown: int


class CitedSource(BaseModel):
    """An outlet or agency its articles name as a source ("selon Tass")."""

    source: str = Field(description="As most often written.")
    key: str = Field(description="Lower case, accents folded: what the mentions share.")
    outlet: str | None = Field(description="The stored outlet of that name, when there is one.")
    outlet_link: str | None = Field(description="That outlet's page.")
    mentions: int
    articles: int
    state_medium: str | None = Field(description=_STATE)
    actor_id: str | None = Field(
        description="The actor of the same name (/actors/{id}), when there is one."
    )


class StateAgency(BaseModel):
    name: str
    country: str = Field(description="Its state (empty for a name added by the config).")
    copies: int = Field(description="This outlet's copies of its articles.")
    citations: int = Field(description="Times this outlet's articles cite it.")
    articles: int = Field(description="This outlet's articles that copy or cite it.")


class StateShare(BaseModel):
    """The share of the outlet's content that comes from state media: its articles that copy
    an article of a state medium or cite one as a source (the outlet itself left out)."""

    articles: int = Field(description="Its articles that copy or cite a state medium.")
    total: int = Field(description="All its articles.")
    share: float | None = Field(description="articles / total.")
    itself: str | None = Field(description="The state medium the outlet itself is, or null.")
    listed: int = Field(description="State media on the list (defaults and config).")
    agencies: list[StateAgency]


class OutletView(BaseModel):
    outlet: OutletHead
    languages: list[FacetValue] = Field(description="Its articles per language, most first.")
    no_language: int = Field(description="Its articles whose language is unknown.")
    volume: OutletVolume
    sources: list[OutletEdge] = Field(description="The outlets it copies, busiest first.")
    copiers: list[OutletEdge] = Field(description="The outlets that copy it, busiest first.")
    copies_made: int
    copied: int
    undetermined: int = Field(
        description="Copies shared with another outlet whose direction is unknown (not counted "
        "above)."
    )
    lags: Lags
    citations: list[CitedSource] = Field(description="The sources it cites, most mentions first.")
    state: StateShare
    recent: list[RecentArticle] = Field(description="Its latest articles, newest first.")


class RelaySource(BaseModel):
    """A source as it was matched (a known state medium brings its other names)."""

    name: str
    aliases: list[str] = Field(description="Its other names, matched too.")


class RelayOutlet(BaseModel):
    """An outlet that copies or cites one of the sources."""

    outlet: str
    link: str = Field(description=_LINK)
    articles: int = Field(description="All its articles.")
    copies: int = Field(description="Its articles that copy an article of a source.")
    copies_hiding_source: int = Field(description="Of those, the ones that do not cite it.")
    citing: int = Field(description="Its articles that cite a source.")
    derived: int = Field(description="Its articles that copy or cite a source.")
    share: float | None = Field(description="derived / articles.")
    sources: dict[str, int] = Field(description="Derived articles per source.")


class RelaysPage(BaseModel):
    """The outlets whose content derives from chosen sources (``/relays``)."""

    sources: list[RelaySource]
    outlets: list[RelayOutlet] = Field(description="Most derived articles first.")
