"""Speakers and names as links to their actors' pages (``/actors/{id}``).

The actors are built by the ``actors`` corpus step (docs/actors.md); the store keeps which
mention of which article is which actor. An article's quotations and entities get their actor
ids from :meth:`~vigie.storage.sqlite.SQLiteStore.article_actor_ids`; a page of quotations from
several articles asks once per article (a page shows at most 100). A bare speaker name (the
``/speakers`` table) is looked up only when its link is followed (:func:`speaker_actor`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from vigie.errors import NotFoundError
from vigie.storage.sqlite import SQLiteStore, fold

__all__ = ["actor_href", "actor_refs", "quote_actor_ids", "speaker_actor"]

#: how many actors whose name or alias contains a speaker's name are weighed by the lookup
_LOOKUP_CANDIDATES = 50


def actor_href(actor_id: str) -> str:
    """The path of an actor's page (``per:serguei-lavrov`` → ``/actors/per:serguei-lavrov``);
    anything but the colon that is not safe in a path is percent-encoded."""
    return "/actors/" + quote(actor_id, safe=":")


def quote_actor_ids(
    store: SQLiteStore, quotes: Iterable[dict[str, Any]]
) -> dict[tuple[str, int], list[str]]:
    """``(article_id, index) → actor ids`` of quotations (records with ``article_id`` and
    ``index``): one store query per article."""
    out: dict[tuple[str, int], list[str]] = {}
    for article_id in dict.fromkeys(q["article_id"] for q in quotes):
        for idx, ids in store.article_actor_ids(article_id).get("quote", {}).items():
            out[(article_id, idx)] = list(dict.fromkeys(ids))
    return out


def actor_refs(store: SQLiteStore, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """``id → {id, name, kind}`` of the actors that exist (an id without its row — a store
    being rebuilt — is left out)."""
    out: dict[str, dict[str, Any]] = {}
    for actor_id in dict.fromkeys(ids):
        try:
            a = store.actor(actor_id)
        except NotFoundError:
            continue
        out[actor_id] = {"id": a["id"], "name": a["name"], "kind": a["kind"]}
    return out


def speaker_actor(store: SQLiteStore, speaker: str) -> str | None:
    """The actor a speaker's name stands for, or None: among the actors whose name or aliases
    contain it, the one that was written exactly so most often (then the one whose name or an
    alias is the same without accents and case), most quoted first."""
    name = speaker.strip()
    if not name:
        return None
    key = fold(name)
    best: tuple[int, int, int, str] | None = None
    for a in store.actors(name=name, limit=_LOOKUP_CANDIDATES):
        exact = int(a["aliases"].get(name, 0))
        folded = int(fold(a["name"]) == key or any(fold(x) == key for x in a["aliases"]))
        if not (exact or folded):
            continue
        rank = (exact, folded, int(a["n_quotes"]), a["id"])
        if best is None or rank[:3] > best[:3]:
            best = rank
    return None if best is None else best[3]
