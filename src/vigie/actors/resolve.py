"""From an article's stored results to actor ids, without the language model.

:func:`resolve_article` reads ``results.entities`` and ``results.quotes`` (as the ``entities``
and ``quotes`` stages stored them), finds the article's mentions
(:func:`~vigie.actors.mentions.article_mentions`) and maps each to an actor id with a
:class:`Resolver` (from :meth:`ActorIndex.resolver <vigie.actors.index.ActorIndex.resolver>`).
A unit the corpus step has not seen (an article not yet added) is decided by the same rules on
its own: registry, gazetteer, its label, the people the corpus knows with that surname.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vigie.actors import gazetteer
from vigie.actors.keys import (
    first_names_compatible,
    is_short_form,
    person_parts,
    phonetic_of,
    phonetic_tokens,
    slug,
)
from vigie.actors.mentions import article_mentions
from vigie.actors.model import ArticleActors
from vigie.actors.people import kind_vote
from vigie.actors.registry import PREFIXES, Registry

__all__ = ["Resolver", "resolve_article"]

_MISSING = object()


class Resolver:
    """Maps units to actor ids: the corpus step's decisions, with the same rules for units it
    has not seen. A resolver from :meth:`ActorIndex.resolver` is a live view: it follows the
    index's later updates."""

    def __init__(
        self,
        registry: Registry,
        unit_ids: Mapping[str, str | None],
        buckets: Mapping[str, list[tuple[str, str]]],
    ) -> None:
        self.registry = registry
        self._unit_ids = unit_ids
        self._buckets = buckets

    def actor_of(self, unit: str, label: str) -> str | None:
        """The actor id of a unit (``label``: the mention's label, used for an unseen unit)."""
        hit = self._unit_ids.get(unit, _MISSING)
        if hit is not _MISSING:
            return hit  # type: ignore[return-value]
        return self._decide(unit, label)

    def _decide(self, unit: str, label: str) -> str | None:
        reg = self.registry
        if unit.startswith("a:"):
            return reg.canonical("anon:" + slug(unit[2:]))
        plain = unit[2:]
        phon = phonetic_of(plain)
        split, split_id = reg.split_of(plain, phon)
        if not split:
            owner = reg.alias_owner(plain, phon)
            if owner is not None:
                return owner
            entry = gazetteer.lookup(plain)
            if entry is not None:
                return reg.canonical(entry.id)
        kind = kind_vote({label: 1})
        if kind is None:
            return None
        if split:
            return split_id or (
                f"per:{slug(plain)}" if kind == "person" else f"{PREFIXES[kind]}:{slug(plain)}"
            )
        if kind != "person":
            return reg.canonical(f"{PREFIXES[kind]}:{slug(plain)}")
        first, sur = person_parts(plain)
        bucket = self._buckets.get(" ".join(phonetic_tokens(sur)), [])
        if first is None or len(first) == 1:
            ini = phonetic_tokens(first)[0][:1] if first else None
            cands = {i for f, i in bucket if ini is None or f.startswith(ini)}
        else:
            fp = phonetic_tokens(first)[0]
            cands = {
                i
                for f, i in bucket
                if first_names_compatible(fp, f) or is_short_form(fp, f) or is_short_form(f, fp)
            }
        if len(cands) == 1:
            return next(iter(cands))
        return reg.canonical("per:" + slug(plain))


def resolve_article(article_results: Mapping[str, Any], resolver: Resolver) -> ArticleActors:
    """Actor ids of an article's entities and quote speakers, aligned with
    ``article_results["entities"]`` and ``article_results["quotes"]``."""
    am = article_mentions(article_results, resolver.registry)
    out = ArticleActors()
    for m in am.entities:
        if m is None:
            out.entities.append(None)
            out.entity_units.append(None)
        else:
            out.entities.append(resolver.actor_of(m.unit, m.label))
            out.entity_units.append(m.unit)
    for q in am.quotes:
        ids: list[str] = []
        units: list[str] = []
        for m in q:
            aid = resolver.actor_of(m.unit, m.label)
            if aid is not None:
                ids.append(aid)
                units.append(m.unit)
        out.quotes.append(ids)
        out.quote_units.append(units)
    return out
