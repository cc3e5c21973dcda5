"""The copies corpus step: each newly stored article matched against the store."""

from __future__ import annotations

from collections.abc import Sequence

from vigie.article import Article
from vigie.config import Options
from vigie.copies import CopyDoc, CopyIndex, CopyMatcher, Fingerprint, IndexMeta
from vigie.copies.index import parse_published
from vigie.errors import NotFoundError
from vigie.storage.sqlite import SQLiteStore

__all__ = ["CopyStep"]


class CopyStep:
    """Holds the candidate index for a run (loaded from the stored fingerprints on first use)
    and saves the relations found for each batch of new articles."""

    def __init__(self, store: SQLiteStore, options: Options) -> None:
        self.store = store
        self.options = options
        self._matcher: CopyMatcher | None = None

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
    def matcher(self) -> CopyMatcher:
        if self._matcher is None:
            index = CopyIndex.bulk_load(
                (key, fp, IndexMeta(parse_published(published), language, outlet))
                for key, fp, published, language, outlet in self.store.fingerprint_rows()
            )
            self._matcher = CopyMatcher(
                index,
                self._load,
                load_many=self.load_docs,
                window_days=self.options.copies.window_days,
            )
        return self._matcher

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
