"""The actors corpus step: canonical actors across stored articles, kept up to date after
each ingest or analyse run, rebuilt when the registry changes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vigie.actors import ActorIndex, Registry, record_from_article, resolve_article
from vigie.actors.resolve import Resolver
from vigie.article import Article
from vigie.config import Options
from vigie.errors import ConfigError
from vigie.storage.sqlite import SQLiteStore

__all__ = ["ActorsReport", "load_registry", "rebuild_actors", "registry_path", "update_actors"]

_CHUNK = 500


@dataclass
class ActorsReport:
    articles: int
    actors: int
    rebuilt: bool


def registry_path(store: SQLiteStore, options: Options) -> Path:
    """The registry file: ``actors.registry`` or ``actors.yaml`` beside the store."""
    if options.actors.registry:
        return Path(options.actors.registry)
    return store.path.parent / "actors.yaml"


def load_registry(store: SQLiteStore, options: Options) -> tuple[Registry, str]:
    """The registry (empty when the file does not exist) and a fingerprint of its content."""
    path = registry_path(store, options)
    if not path.is_file():
        return Registry(), ""
    try:
        data = path.read_bytes()
        return Registry.load(path), hashlib.sha1(data).hexdigest()
    except ValueError as exc:  # RegistryError names the file, line and problem
        raise ConfigError(str(exc)) from None


def _mention_rows(
    article: Article, resolver: Resolver
) -> list[tuple[str, str, int, int, str, str | None]]:
    aa = resolve_article(article.results, resolver)
    rows: list[tuple[str, str, int, int, str, str | None]] = []
    for i, (unit, actor) in enumerate(zip(aa.entity_units, aa.entities, strict=True)):
        if unit is not None:
            rows.append((article.article_id, "entity", i, 0, unit, actor))
    for i, (units, actors) in enumerate(zip(aa.quote_units, aa.quotes, strict=True)):
        for part, unit in enumerate(units):
            rows.append(
                (
                    article.article_id,
                    "quote",
                    i,
                    part,
                    unit,
                    actors[part] if part < len(actors) else None,
                )
            )
    return rows


def _chunks(store: SQLiteStore, ids: Sequence[str]) -> Iterable[list[Article]]:
    for i in range(0, len(ids), _CHUNK):
        yield store.get_articles(ids[i : i + _CHUNK])


def update_actors(store: SQLiteStore, options: Options, article_ids: Sequence[str]) -> ActorsReport:
    """Take newly stored articles into the actors; rebuild when there is no usable state or
    the registry changed since the state was built."""
    registry, fingerprint = load_registry(store, options)
    saved = store.actor_state()
    if saved is None or saved[1] != fingerprint:
        return rebuild_actors(store, options)
    try:
        index = ActorIndex.from_state(saved[0], registry)
    except (ValueError, KeyError, TypeError):
        return rebuild_actors(store, options)
    mentions: list[tuple[str, str, int, int, str, str | None]] = []
    changed: set[str] = set()
    removed: set[str] = set()
    remap: dict[str, str | None] = {}
    n = 0
    for batch in _chunks(store, article_ids):
        report = index.add(record_from_article(a) for a in batch)
        changed |= report.changed
        removed |= report.removed
        remap.update(report.remapped)
        resolver = index.resolver()
        for a in batch:
            mentions.extend(_mention_rows(a, resolver))
        n += len(batch)
    upsert = [act.to_dict() for i in sorted(changed - removed) if (act := index.actor(i))]
    store.write_actors(
        state=index.state(),
        registry=fingerprint,
        mentions=mentions,
        upsert=upsert,
        remove=removed,
        remap=remap,
    )
    return ActorsReport(n, len(index.actors()), rebuilt=False)


def rebuild_actors(store: SQLiteStore, options: Options) -> ActorsReport:
    """Actors from the latest version of every stored article, keeping existing ids."""
    registry, fingerprint = load_registry(store, options)
    index = ActorIndex(registry, previous_ids=store.actor_ids())
    ids = store.latest_article_ids()
    for batch in _chunks(store, ids):
        index.add(record_from_article(a) for a in batch)
    resolver = index.resolver()
    mentions: list[tuple[str, str, int, int, str, str | None]] = []
    for batch in _chunks(store, ids):
        for a in batch:
            mentions.extend(_mention_rows(a, resolver))
    actors: list[dict[str, Any]] = [a.to_dict() for a in index.actors()]
    store.write_actors(
        state=index.state(),
        registry=fingerprint,
        mentions=mentions,
        upsert=actors,
        replace_all=True,
    )
    return ActorsReport(len(ids), len(actors), rebuilt=True)
