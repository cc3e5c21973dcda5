"""Canonical actors across the corpus: people, organisations, states, places, media and
anonymous sources, with stable ids and a user-editable registry.

- :func:`build_actors` / :class:`ActorIndex` — the corpus step (incremental);
- :func:`resolve_article` / :class:`Resolver` — an article's entity and speaker mentions →
  actor ids, from stored results;
- :class:`Registry` — the YAML registry (aliases, merges, splits, kinds, names);
- :func:`phonetic_key` / :func:`plain_key` — the keys that make spellings equal.

See ``docs/actors.md``.
"""

from __future__ import annotations

from vigie.actors.index import ActorIndex, build_actors, record_from_article
from vigie.actors.keys import phonetic_key, plain_key
from vigie.actors.model import Actor, ArticleActors, UpdateReport
from vigie.actors.registry import KINDS, Registry, RegistryError
from vigie.actors.resolve import Resolver, resolve_article

__all__ = [
    "KINDS",
    "Actor",
    "ActorIndex",
    "ArticleActors",
    "Registry",
    "RegistryError",
    "Resolver",
    "UpdateReport",
    "build_actors",
    "phonetic_key",
    "plain_key",
    "record_from_article",
    "resolve_article",
]
