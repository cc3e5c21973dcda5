"""The web app's single writer: write requests run the real ingest, or edit the actor
registry, one at a time.

Pages open the store read-only; only :class:`Writer` opens it for writing, under one lock, so
two writes never run at once (SQLite has one writer: the second waits for the lock instead
of failing with "database is locked"). Bodies are JSON lines, read from memory as ``vigie
ingest -`` reads standard input: no path in a request ever reaches the filesystem. Registry
edits write the configured registry file (``actors.registry``, or ``actors.yaml`` beside the
store), never a path a request names, then rebuild the actors as ``vigie actors …`` does.

Web writes run the configured stages in the server process (``workers = 1``: no process pool
per request) and apply the furniture already learned without learning more (learning rescans
an outlet's stored articles: ``vigie ingest`` runs do it).
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import io
import sqlite3
import threading
from collections.abc import Callable
from typing import Any

from vigie.actors import Registry
from vigie.article import Article
from vigie.config import Options
from vigie.errors import NotFoundError, StoreError, VigieError
from vigie.ingest.sources import read_bytes_jsonl
from vigie.runners.actors import rebuild_actors, registry_path
from vigie.runners.ingest import ingest
from vigie.storage.sqlite import SQLiteStore

__all__ = ["Writer", "body_limit", "token_matches", "write_options"]


def write_options(options: Options) -> Options:
    """The options web writes run with: the configured ones, in-process, learning nothing."""
    opts = copy.deepcopy(options)
    opts.pipeline.workers = 1
    opts.clean.learn_from_corpus = False
    return opts


def body_limit(options: Options) -> int:
    """The largest request body a write accepts, in bytes (``ingest.max_file_mb``)."""
    return max(1, int(options.ingest.max_file_mb * 1_000_000))


def token_matches(given: str, expected: str) -> bool:
    """Whether a bearer token is the configured one, in time that does not depend on where
    they differ (nor on their lengths: both are hashed first)."""
    if not expected:
        return False
    a = hashlib.sha256(given.encode("utf-8", "surrogatepass")).digest()
    b = hashlib.sha256(expected.encode("utf-8", "surrogatepass")).digest()
    return hmac.compare_digest(a, b)


class Writer:
    """Runs ingests into the store at ``db_path``, one at a time."""

    def __init__(self, db_path: str, options: Options) -> None:
        self.db_path = db_path
        self.options = write_options(options)
        self._lock = threading.Lock()

    def ingest_jsonl(self, body: bytes) -> dict[str, Any]:
        """Ingest JSON lines; the run report, plus the body's articles now in the store."""
        read = read_bytes_jsonl(body, "upload", self.options.ingest)
        found = [a for a in read if isinstance(a, Article)]
        with self._lock:
            store = SQLiteStore(self.db_path)
            try:
                report = ingest(["-"], store, self.options, stdin=io.BytesIO(body))
                stored = store.known({(a.source_key, a.input_sha1) for a in found})
            finally:
                store.close()
        articles: dict[str, dict[str, Any]] = {}
        for a in found:
            if (a.source_key, a.input_sha1) in stored:
                articles.setdefault(
                    a.article_id,
                    {"article_id": a.article_id, "url": a.url, "link": f"/articles/{a.article_id}"},
                )
        return {**report.to_dict(), "articles": list(articles.values())}

    def edit_registry(self, actor_id: str, apply: Callable[[Registry], None]) -> dict[str, Any]:
        """Load the actor registry, ``apply`` an edit to it, save it and rebuild the actors
        from the stored articles; ``{registry, actors, articles, exists}`` (``exists``: the
        actor ``actor_id`` is still an actor). A
        :class:`~vigie.actors.RegistryError` (the file cannot be used, or the edit is
        refused) leaves the file as it was; a store that cannot be rebuilt (locked too long by
        another process) is a :class:`~vigie.errors.StoreError` saying the file was saved."""
        with self._lock:
            store = SQLiteStore(self.db_path)
            try:
                path = registry_path(store, self.options).absolute()
                registry = Registry.load(path) if path.is_file() else Registry()
                apply(registry)
                # what is saved must load again (an edit method that lets a bad value through
                # would otherwise leave a file no command can read)
                Registry.loads(registry.dumps(), source=str(path))
                registry.save(path)
                try:
                    report = rebuild_actors(store, self.options)
                except (sqlite3.Error, VigieError) as exc:
                    raise StoreError(
                        f"the registry {path} was saved, but the actors could not be rebuilt "
                        f"({exc}): run `vigie actors rebuild` (the next ingest rebuilds them too)"
                    ) from None
                try:
                    store.actor(actor_id)
                    exists = True
                except NotFoundError:
                    exists = False
            finally:
                store.close()
        return {
            "registry": str(path),
            "actors": report.actors,
            "articles": report.articles,
            "exists": exists,
        }
