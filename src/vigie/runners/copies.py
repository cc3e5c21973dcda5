"""The copies corpus step: each newly stored article matched against the store.

The candidate index is kept between runs in a file beside the store
(:mod:`vigie.storage.copy_index_file`): a run reads it back and adds only the fingerprints
stored since it was saved, instead of indexing every stored fingerprint again (12 s at
236,000 articles). Whether the file still fits the store is checked by the store's id and
generation (:meth:`~vigie.storage.copy_store.CopyStore.copy_index_stamp`) and by counting
the rows; a file that does not fit, or cannot be read, is ignored and the index is built
from the fingerprints, as without it. At the end of a run the index is saved again when it
has grown enough since the file was written (``SAVE_GROWTH``); ``[copies] index_file = false``
turns the file off.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from vigie.article import Article
from vigie.config import Options
from vigie.copies import CopyDoc, CopyIndex, CopyMatcher, Fingerprint, IndexMeta
from vigie.copies.index import parse_published
from vigie.errors import NotFoundError
from vigie.storage.sqlite import SQLiteStore

__all__ = ["SAVE_GROWTH", "SAVE_LEADS", "CopyStep", "IndexLoad"]

log = logging.getLogger(__name__)

#: save the index when it holds this share more articles than the saved file (or there is
#: none), and at least ``[copies] index_file_min`` articles in all (a smaller index is built
#: from the fingerprints in well under a second)
SAVE_GROWTH = 0.05
#: ... or when this many lead vectors (or 5% more) were computed since (see vigie.copies.lead)
SAVE_LEADS = 500


@dataclass
class IndexLoad:
    """How the run's index was made: ``source`` is "file" (read back, then ``added``
    fingerprints stored since) or "fingerprints" (built from every stored fingerprint;
    ``reason`` says why the file was not used)."""

    source: str = ""
    articles: int = 0
    added: int = 0
    seconds: float = 0.0
    reason: str = ""
    #: articles in the saved file (0: none) and the stamp it was read or built at
    saved_count: int = 0
    #: lead vectors in the saved file
    saved_leads: int = 0
    stamp: tuple[str, int] | None = None
    saved_to: str = ""

    def to_dict(self, saved: bool = False) -> dict[str, object]:
        return {
            "source": self.source,
            "articles": self.articles,
            "added": self.added,
            "seconds": self.seconds,
            "reason": self.reason if self.source != "file" else "",
            "saved": saved,
        }


class CopyStep:
    """Holds the candidate index for a run (loaded from the stored fingerprints on first use)
    and saves the relations found for each batch of new articles."""

    def __init__(self, store: SQLiteStore, options: Options) -> None:
        self.store = store
        self.options = options
        self._matcher: CopyMatcher | None = None
        self.index_load = IndexLoad()

    def _load(self, key: str) -> CopyDoc | None:
        try:
            return CopyDoc.from_article(self.store.get_article(key), key)
        except NotFoundError:
            return None

    def load_docs(self, keys: list[str]) -> dict[str, CopyDoc]:
        """Stored articles with their stored fingerprints (two queries for a whole batch)."""
        fps = self.store.fingerprints_of(keys)
        out: dict[str, CopyDoc] = {}
        for article in self.store.get_articles(keys):
            doc = CopyDoc.from_article(article, article.article_id)
            fp = fps.get(article.article_id)
            if fp is not None:
                doc.set_fingerprint(Fingerprint.from_bytes(fp))
            out[article.article_id] = doc
        return out

    @property
    def used(self) -> bool:
        """Whether the index was loaded (some article was matched)."""
        return self._matcher is not None

    @property
    def matcher(self) -> CopyMatcher:
        if self._matcher is None:
            self._matcher = CopyMatcher(
                self._load_index(),
                self._load,
                load_many=self.load_docs,
                window_days=self.options.copies.window_days,
                lead_candidates=self.options.copies.lead_candidates,
            )
        return self._matcher

    def _load_index(self) -> CopyIndex:
        from vigie.copies.index_state import StateMismatch, index_from_state
        from vigie.storage.copy_index_file import (
            IndexFileError,
            index_file_for,
            read_index_file,
        )

        t0 = time.perf_counter()
        info = self.index_load = IndexLoad(stamp=self.store.copy_index_stamp())
        path = index_file_for(self.store.path) if self.options.copies.index_file else None
        index = None
        try:
            saved = read_index_file(path) if path is not None else None
            if saved is None:
                info.reason = "no saved index"
            else:
                header, arrays = saved
                extent = header.get("extent") or {}
                count, last = self.store.fingerprint_extent()
                if header.get("stamp") != list(info.stamp or ()):
                    info.reason = "the store changed since the index was saved"
                elif not (0 <= int(extent.get("last", -1)) <= last):
                    info.reason = "the saved index is ahead of the store"
                else:
                    index = index_from_state(header, arrays)
                    info.saved_count = len(index)
                    info.saved_leads = len(index.lead)
                    before = len(index)
                    index.add_many(self._rows(int(extent["last"])))
                    info.added = len(index) - before
                    if len(index) != count:
                        info.reason = (
                            f"the saved index and the store disagree ({len(index)} "
                            f"fingerprints, {count} stored)"
                        )
                        index = None
        except (IndexFileError, StateMismatch, ValueError) as exc:
            info.reason = str(exc)
            index = None
        if index is None:
            if info.reason and info.reason != "no saved index":
                log.info("copy index rebuilt from the fingerprints: %s", info.reason)
            index = CopyIndex.bulk_load(self._rows(0))
            info.source, info.saved_count, info.saved_leads, info.added = "fingerprints", 0, 0, 0
        else:
            info.source = "file"
        info.articles = len(index)
        info.seconds = round(time.perf_counter() - t0, 3)
        return index

    def _rows(self, after: int) -> Iterator[tuple[str, bytes, IndexMeta]]:
        for key, fp, published, language, outlet in self.store.fingerprint_rows(after):
            yield key, fp, IndexMeta(parse_published(published), language, outlet)

    def finish(self, *, force: bool = False) -> bool:
        """Save the index beside the store when it has grown by ``SAVE_GROWTH`` since the
        saved file (``force``: whatever its growth) and still holds exactly the stored
        fingerprints. Returns whether it was saved."""
        from vigie.copies.index_state import index_state
        from vigie.storage.copy_index_file import index_file_for, write_index_file

        if self._matcher is None:
            return False  # no article was matched: the index was never loaded
        info = self.index_load
        index = self._matcher.index
        path = index_file_for(self.store.path) if self.options.copies.index_file else None
        if path is None or self.store.readonly:
            return False
        grown = len(index) - info.saved_count
        # lead vectors cost an embedding each: worth saving once there are a few hundred new
        new_leads = len(index.lead) - info.saved_leads
        if not force and (
            len(index) < self.options.copies.index_file_min
            or (
                info.saved_count
                and grown < SAVE_GROWTH * info.saved_count
                and new_leads < max(SAVE_LEADS, SAVE_GROWTH * info.saved_leads)
            )
        ):
            return False
        stamp = self.store.copy_index_stamp()
        count, last = self.store.fingerprint_extent()
        if stamp != info.stamp or count != len(index):
            return False  # the store changed under the index (e.g. articles re-cleaned)
        header, arrays = index_state(index)
        header["stamp"] = list(stamp)
        header["extent"] = {"count": count, "last": last}
        try:
            write_index_file(path, header, arrays)
        except OSError as exc:  # a cache: a run does not fail for it
            log.warning("could not save the copy index to %s: %s", path, exc)
            return False
        info.saved_to = str(path)
        info.saved_count = len(index)
        info.saved_leads = len(index.lead)
        return True

    def match(self, articles: Sequence[Article]) -> int:
        """Find and store the copy relations of newly stored articles; returns how many.
        Their ``results["fingerprint"]`` is the stage's dict or, for articles read back from
        the store, the :class:`Fingerprint` itself."""
        docs = [
            CopyDoc.from_article(a, a.article_id)
            for a in articles
            if isinstance(a.results.get("fingerprint"), dict | Fingerprint)
        ]
        if not docs:
            return 0
        results = self.matcher.match_batch(docs)
        seen: set[tuple[str, str]] = set()
        relations = []
        for res in results:
            for rel in res.relations:
                pair = (min(rel.a, rel.b), max(rel.a, rel.b))
                if pair not in seen:
                    seen.add(pair)
                    relations.append(rel.to_dict())
        return self.store.save_copies(relations)
