"""Records of actors, stories and copies as a test writes them straight into a store
(``write_actors``, ``write_stories``, ``save_copies``), for the tests of the search filters
of the store, the CLI and the web app. The root conftest puts this folder on ``sys.path``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def actor_record(actor_id: str, name: str) -> dict[str, Any]:
    """A person named once in one article, quoted nowhere."""
    return {
        "id": actor_id,
        "name": name,
        "kind": "person",
        "aliases": {},
        "roles": {},
        "n_mentions": 1,
        "n_quotes": 0,
        "n_articles": 1,
        "first_seen": None,
        "last_seen": None,
        "ambiguous": False,
        "candidates": [],
    }


def story_record(
    story_id: str, label: str, article_ids: Sequence[str], languages: Sequence[str] = ()
) -> dict[str, Any]:
    """A story of these articles, the first one first seen, with no dates and no outlets."""
    return {
        "id": story_id,
        "label": label,
        "first_article": article_ids[0],
        "first_seen": None,
        "last_seen": None,
        "article_ids": list(article_ids),
        "languages": list(languages),
        "outlets": [],
    }


def copy_record(
    a: str, b: str, kind: str, source: str | None = None, score: float = 0.9
) -> dict[str, Any]:
    """A copy relation between articles ``a`` and ``b``: ``source`` (one of them) is the
    original, the other the copy; without a source, the direction is undetermined."""
    copy = None if source is None else (b if source == a else a)
    return {
        "a": a,
        "b": b,
        "kind": kind,
        "score": score,
        "direction": "known" if source else "undetermined",
        "source": source,
        "copy": copy,
    }


def write_facet_store(
    path: Any, articles: dict[str, Any], actor_id: str, actor_name: str, story_label: str
) -> dict[str, str]:
    """Store the articles ``a``–``d`` of a facet-filter test: the actor quoted in ``a`` and
    named in ``c``, ``a``, ``b`` and ``c`` in the story ``st-port``, ``b`` a copy of ``a``
    (known direction). Returns the article id of each key."""
    from vigie.storage.sqlite import SQLiteStore

    ids = {k: a.article_id for k, a in articles.items()}
    with SQLiteStore(path) as store:
        store.write_articles(list(articles.values()))
        store.write_actors(
            state={},
            registry="test",
            mentions=[
                (ids["a"], "quote", 0, 0, "n:maire", actor_id),
                (ids["c"], "entity", 0, 0, "n:maire", actor_id),
            ],
            upsert=[actor_record(actor_id, actor_name)],
        )
        story = story_record("st-port", story_label, [ids["a"], ids["b"], ids["c"]])
        store.write_stories([story], [], [], {})
        store.save_copies([copy_record(ids["a"], ids["b"], "near", source=ids["a"], score=0.95)])
    return ids
