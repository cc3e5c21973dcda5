"""What the actors step produces: :class:`Actor`, :class:`ArticleActors`, :class:`UpdateReport`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Actor", "ArticleActors", "UpdateReport"]


@dataclass(slots=True)
class Actor:
    """A canonical actor across the corpus.

    ``aliases``: every surface form seen (as written: "M. Lavrov", "Sergueï Lavrov") with its
    count; ``roles``: titles given to the actor ("ministre russe des Affaires étrangères") with
    their count (a role the registry adds counts 0). ``n_mentions``: entity mentions plus
    speaker mentions no entity covers ("le ministre russe", "il"); ``n_quotes``: quotes
    attributed; ``n_articles``: articles that mention or quote it. ``first_seen`` /
    ``last_seen``: earliest and latest ``published`` of those articles (None when none has a
    date). ``ambiguous``: a surname alone that fits several people (``candidates``)."""

    id: str
    name: str
    kind: str
    aliases: dict[str, int] = field(default_factory=dict)
    roles: dict[str, int] = field(default_factory=dict)
    n_mentions: int = 0
    n_quotes: int = 0
    n_articles: int = 0
    first_seen: str | None = None
    last_seen: str | None = None
    ambiguous: bool = False
    candidates: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        return cls(**d)


@dataclass(slots=True)
class ArticleActors:
    """The actors of one article, aligned with its results.

    ``entities[i]``: the actor id of ``results.entities[i]`` (None: not an actor, e.g. a MISC
    entity or an ignored name); ``quotes[j]``: the actor ids of ``results.quotes[j]``'s speaker
    (empty when none; two for "Antony Blinken et Jens Stoltenberg"). ``entity_units`` and
    ``quote_units`` give the unit of each (see :mod:`vigie.actors.mentions`), for the store to
    update mention rows when :class:`UpdateReport` remaps a unit."""

    entities: list[str | None] = field(default_factory=list)
    quotes: list[list[str]] = field(default_factory=list)
    entity_units: list[str | None] = field(default_factory=list)
    quote_units: list[list[str]] = field(default_factory=list)

    def actor_ids(self) -> set[str]:
        out = {a for a in self.entities if a is not None}
        for q in self.quotes:
            out.update(q)
        return out


@dataclass(slots=True)
class UpdateReport:
    """What :meth:`ActorIndex.add` changed.

    ``added``: articles taken in; ``skipped``: article ids already in the index (their new
    results are not taken: rebuild to replace an article's analysis). ``remapped``: units
    already known whose actor changed (unit → new actor id or None) — the store updates those
    mention rows. ``changed``: actors whose row must be written (new or different);
    ``removed``: actor ids that no longer exist (merged into another or renamed)."""

    added: int = 0
    skipped: list[str] = field(default_factory=list)
    remapped: dict[str, str | None] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
