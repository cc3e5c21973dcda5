"""Match one new article against everything stored: candidates, classification, parent.

:class:`CopyMatcher` ties the pieces together for the store and the CLI::

    index = CopyIndex.bulk_load(store.copy_index_rows())          # or CopyIndex() when empty
    matcher = CopyMatcher(index, load=store.copy_doc)              # key -> CopyDoc | None
    result = matcher.match(CopyDoc.from_article(article, key))     # classifies, then indexes it
    store.save_copy_relations(result.relations, parent=result.parent)

``load`` is called only for candidates (a handful per article), so the store fetches a few
texts, never scans. Same-language candidates come from the MinHash/anchor index; cross-language
ones from shared numbers, dates and names within a date window, and only those few are
embedded (embeddings are cached on the :class:`CopyDoc` objects the matcher keeps).

An ingest calls :meth:`CopyMatcher.match_batch` once per stored batch: one vectorised
candidate search for the whole batch, and, when ``load_many`` is given, the candidates' texts
and fingerprints read in one go (``vigie.runners.copies.CopyStep`` does both).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from vigie.copies.classify import DEFAULT, CopyRelation, Thresholds, classify, published_order
from vigie.copies.direction import choose_parent
from vigie.copies.document import CopyDoc
from vigie.copies.index import Candidate, CopyIndex, IndexMeta
from vigie.copies.lead import lead_vectors

__all__ = ["CopyMatcher", "MatchResult", "parent_of"]


@dataclass
class MatchResult:
    key: str
    candidates: list[Candidate] = field(default_factory=list)
    relations: list[CopyRelation] = field(default_factory=list)
    #: the article this one was copied from (its closest earlier source), if any
    parent: str | None = None
    #: stored articles this one turns out to be an earlier source of (ingested out of order):
    #: the store should recompute their parent with :func:`parent_of`
    children: list[str] = field(default_factory=list)


def parent_of(
    key: str,
    relations: Iterable[CopyRelation],
    published: Callable[[str], float | None] | None = None,
) -> str | None:
    """The parent of ``key`` among relations where it is the copy (direction known): the most
    similar source, then the latest published, then the smallest key."""
    sources = [
        (r.source, r.score, published(r.source) if published else None)
        for r in relations
        if r.copy == key and r.source is not None
    ]
    return choose_parent(sources)


class CopyMatcher:
    def __init__(
        self,
        index: CopyIndex,
        load: Callable[[str], CopyDoc | None],
        *,
        load_many: Callable[[list[str]], dict[str, CopyDoc]] | None = None,
        thresholds: Thresholds = DEFAULT,
        translations: bool = True,
        window_days: float = 14.0,
        max_candidates: int = 20,
        max_translation_candidates: int = 3,
        cache_size: int = 256,
        boilerplate: bool = True,
        lead_candidates: bool = True,
    ) -> None:
        self.index = index
        self.load = load
        #: loads many stored articles at once (what ``match_batch`` uses when given)
        self.load_many = load_many
        self.thresholds = thresholds
        self.translations = translations
        self.window_days = window_days
        self.max_candidates = max_candidates
        #: translation candidates kept in EACH other language (see
        #: ``CopyIndex.translation_candidates_many``)
        self.max_translation_candidates = max_translation_candidates
        #: ignore passages that are an outlet's boilerplate (see ``CopyIndex.mark_common``)
        self.boilerplate = boilerplate
        #: also take, in each other language present, the article whose lead is closest
        #: (:mod:`vigie.copies.lead`; batches only)
        self.lead_candidates = lead_candidates
        self._cache: OrderedDict[str, CopyDoc] = OrderedDict()
        self._cache_size = cache_size

    def _doc(self, key: str) -> CopyDoc | None:
        doc = self._cache.get(key)
        if doc is not None:
            self._cache.move_to_end(key)
            return doc
        doc = self.load(key)
        if doc is not None:
            self._cache[key] = doc
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return doc

    def candidates(self, doc: CopyDoc) -> list[Candidate]:
        fp = doc.fingerprint
        cands = self.index.candidates(fp, exclude=doc.key, limit=self.max_candidates)
        if self.translations and doc.language:
            cands += self.index.translation_candidates(
                fp,
                published=published_order(doc),
                window_days=self.window_days,
                exclude=doc.key,
                limit=self.max_translation_candidates,
            )
        return cands

    def match(self, doc: CopyDoc, *, add: bool = True) -> MatchResult:
        """Relations of ``doc`` with stored articles; then ``doc`` is added to the index."""
        result = MatchResult(doc.key)
        result.candidates = self.candidates(doc)
        if result.candidates and self.boilerplate:
            self.index.mark_common(doc)
        seen: set[str] = set()
        for cand in result.candidates:
            if cand.key in seen:
                continue
            seen.add(cand.key)
            other = self._doc(cand.key)
            if other is None:
                continue
            if self.boilerplate and cand.key in self.index and other.language == doc.language:
                self.index.mark_common(other)
            rel = classify(other, doc, self.thresholds)
            if rel is not None:
                result.relations.append(rel)
        result.parent = parent_of(doc.key, result.relations, self._published)
        result.children = sorted(
            r.copy for r in result.relations if r.source == doc.key and r.copy is not None
        )
        if add and doc.key not in self.index:
            self.index.add(
                doc.key, doc.fingerprint, IndexMeta(published_order(doc), doc.language, doc.outlet)
            )
            self._cache[doc.key] = doc
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return result

    def match_batch(self, docs: list[CopyDoc], *, add: bool = True) -> list[MatchResult]:
        """:meth:`match` for a batch of new articles (what an ingest runner should call: one
        vectorised candidate search for the whole batch). Copies inside the batch are found
        too; each pair is classified once. With ``add``, the batch is indexed first."""
        if add:
            self.index.add_many(
                (d.key, d.fingerprint, IndexMeta(published_order(d), d.language, d.outlet))
                for d in docs
                if d.key not in self.index
            )
        fps = [d.fingerprint for d in docs]
        many = self.index.candidates_many(
            fps, excludes=[d.key for d in docs], limit=self.max_candidates
        )
        if self.translations:
            want = [j for j, d in enumerate(docs) if d.language]
            xl = self.index.translation_candidates_many(
                [fps[j] for j in want],
                published=[published_order(docs[j]) for j in want],
                excludes=[docs[j].key for j in want],
                window_days=self.window_days,
                limit=self.max_translation_candidates,
            )
            for j, cands in zip(want, xl, strict=True):
                many[j] += cands
            if self.lead_candidates:
                self._lead(docs, many)
        in_batch = {d.key: d for d in docs}
        loaded = self._prefetch({c.key for cands in many for c in cands if c.key not in in_batch})
        results = [MatchResult(d.key, candidates=c) for d, c in zip(docs, many, strict=True)]
        done: dict[tuple[str, str], CopyRelation | None] = {}
        for doc, res in zip(docs, results, strict=True):
            if res.candidates and self.boilerplate:
                self.index.mark_common(doc)
            for cand in res.candidates:
                pair = (min(doc.key, cand.key), max(doc.key, cand.key))
                if pair in done:
                    rel = done[pair]
                else:
                    other = in_batch.get(cand.key) or loaded.get(cand.key) or self._doc(cand.key)
                    rel = None
                    if other is not None:
                        if self.boilerplate and other.language == doc.language:
                            self.index.mark_common(other)
                        rel = classify(other, doc, self.thresholds)
                    done[pair] = rel
                if rel is not None and all(r is not rel for r in res.relations):
                    res.relations.append(rel)
        by_key = {r.key: r for r in results}
        for rel in (r for r in done.values() if r is not None):  # relations seen from both ends
            for key in (rel.a, rel.b):
                end = by_key.get(key)
                if end is not None and all(r is not rel for r in end.relations):
                    end.relations.append(rel)
        for res in results:
            res.parent = parent_of(res.key, res.relations, self._published)
            res.children = sorted(
                r.copy for r in res.relations if r.source == res.key and r.copy is not None
            )
        if add:
            for doc in docs:
                self._cache[doc.key] = doc
                if len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return results

    def _lead(self, docs: list[CopyDoc], many: list[list[Candidate]]) -> None:
        """Add to each document's candidates, in each other language present enough in its
        window, the article whose lead vector is closest (see :mod:`vigie.copies.lead`);
        vectors are computed for the documents and the articles of those windows that have
        none yet."""
        index = self.index
        targets = index.lead_targets(
            [d.language for d in docs],
            [published_order(d) for d in docs],
            window_days=self.window_days,
        )
        todo = [j for j, t in enumerate(targets) if t]
        if not todo:
            return
        in_batch = {d.key: d for d in docs}
        need: set[int] = set()
        for j in todo:
            own = index.id_of(docs[j].key)
            if own is not None:
                need.add(own)
            for ids in targets[j].values():
                need.update(ids.tolist())
        missing = sorted(i for i in need if i not in index.lead)
        for start in range(0, len(missing), 512):
            chunk = [index.key_of(i) for i in missing[start : start + 512]]
            stored = [k for k in chunk if k not in in_batch and k not in self._cache]
            loaded = self.load_many(stored) if self.load_many is not None and stored else {}
            found = [
                (k, in_batch.get(k) or self._cache.get(k) or loaded.get(k) or self._doc(k))
                for k in chunk
            ]
            have = [(k, d) for k, d in found if d is not None]
            vecs = lead_vectors([d for _, d in have])
            for (k, _), v in zip(have, vecs, strict=True):
                i = index.id_of(k)
                if i is not None:
                    index.lead.add(i, v)
        for j in todo:
            doc = docs[j]
            own = index.id_of(doc.key)
            if own is not None and own in index.lead:
                query = index.lead.vector(own)
            else:
                query = lead_vectors([doc])[0]
            known = {c.key for c in many[j]}
            for ids in targets[j].values():
                best = index.lead.best(query, ids)
                if best is None:
                    continue
                key = index.key_of(best[0])
                if key != doc.key and key not in known:
                    known.add(key)
                    many[j].append(Candidate(key, "lead", 0.0, 0.0, 0, best[1]))

    def clear_cache(self) -> None:
        """Forget the articles kept from earlier matches (they are loaded again when needed)."""
        self._cache.clear()

    def _prefetch(self, keys: set[str]) -> dict[str, CopyDoc]:
        """The stored articles among ``keys`` that are not cached, loaded in one go with
        ``load_many`` (and cached); empty without ``load_many``."""
        todo = sorted(k for k in keys if k not in self._cache)
        if self.load_many is None or not todo:
            return {}
        loaded = self.load_many(todo)
        for key, doc in loaded.items():
            self._cache[key] = doc
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return loaded

    def _published(self, key: str) -> float | None:
        return self.index.meta(key).published if key in self.index else None
