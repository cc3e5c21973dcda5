"""The incremental copy index: which stored articles could be copies of a new one.

:class:`CopyIndex` keeps, for every article added, its MinHash signature (in one numpy matrix),
its LSH band keys, winnowed anchors, folded-text hash and cross-language summary keys (each
combined with the article's language), in compact inverted indexes
(:class:`~vigie.copies.postings.Postings`). ``candidates()`` looks up the new article's keys
only, so its cost depends on how many articles share a key with it, not on how many are
stored: a bucket holding more than ``max_df`` articles (boilerplate, a number like "2022") is
ignored. Which anchors are an outlet's boilerplate is counted as articles are added (one
count per anchor and outlet), so that a query only looks it up in a set. The batched forms
(``add_many``, ``candidates_many``, ``translation_candidates_many``) do the work of a whole
ingest batch in a few numpy passes.

No article is ever evicted: a copy is found whatever the time between the two (a dispatch
republished a year later still matches); only cross-language candidates are limited to a
date window. The cost of a lookup stays flat as the store grows (postings are searched in
at most about log₂(n) sorted runs, over-full buckets are skipped), the memory grows with it:
about 2.5 kB an article (600 MB for the 236k articles of fr-tv-news).

Persisting: the index holds nothing that is not in the fingerprints. The store keeps, per
article, ``article_key``, the fingerprint (``Fingerprint.to_bytes()``) and the
:class:`IndexMeta` fields (published, language, outlet); :meth:`CopyIndex.bulk_load` rebuilds
the index from those rows (236k articles in about 12 s), and
:mod:`vigie.copies.index_state` gives the whole index as arrays and back (the ingest runner
keeps them in a file beside the store between runs: read back in under a second).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from numpy.typing import NDArray

from vigie.copies import minhash
from vigie.copies.classify import DEFAULT
from vigie.copies.document import CopyDoc
from vigie.copies.fingerprint import MIN_WORDS, Fingerprint
from vigie.copies.lead import MIN_PRESENT, LeadVectors
from vigie.copies.postings import Postings

__all__ = ["Candidate", "CopyIndex", "IndexMeta", "index_rows", "parse_published"]

_MASK63 = (1 << 63) - 1
#: stored rows indexed at a time by ``bulk_load``
_LOAD_CHUNK = 16384
#: candidate pairs whose signatures are compared at a time
_JACCARD_CHUNK = 16384


def _key63(text: str) -> int:
    return _keys63([text])[0]


def _keys63(texts: list[str]) -> list[int]:
    """63-bit keys of strings (the word hash of minhash: deterministic, vectorised)."""
    if not texts:
        return []
    keys: list[int] = (minhash.word_hashes(texts) & np.uint64(_MASK63)).astype(np.int64).tolist()
    return keys


def _outlet_keys(anchors: NDArray[np.int64], codes: NDArray[np.int64]) -> NDArray[np.int64]:
    """63-bit keys of (anchor, outlet code) pairs."""
    x = anchors.astype(np.uint64) ^ (codes.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15))
    return (minhash.mix(x) & np.uint64(_MASK63)).astype(np.int64)


def _lang_keys(keys: NDArray[np.int64], codes: NDArray[np.int64] | int) -> NDArray[np.int64]:
    """63-bit keys of (cross-language key, language code) pairs."""
    x = keys.astype(np.uint64) ^ (
        np.asarray(codes, dtype=np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F)
    )
    return (minhash.mix(x) & np.uint64(_MASK63)).astype(np.int64)


def parse_published(value: str | None) -> float | None:
    """Epoch seconds of an ISO 8601 date or datetime (naive means UTC); None when unreadable."""
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        from datetime import UTC

        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp()


@dataclass(frozen=True, slots=True)
class IndexMeta:
    """What the index keeps besides the fingerprint (for the translation date window)."""

    published: float | None = None
    language: str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored article that may be a copy of the queried one, and why it was picked."""

    key: str
    #: "exact" (same folded text), "lsh" (a band agreed), "anchor" (a shared passage),
    #: "crosslingual" (shared numbers/dates/names in another language), "lead" (the closest
    #: lead vector in another language, see :mod:`vigie.copies.lead`)
    via: str
    #: MinHash estimate of the Jaccard similarity of word 3-shingles
    jaccard: float
    #: shared anchors / anchors of the smaller text (a passage-reuse estimate)
    containment: float
    shared_anchors: int
    #: ranking score (for "crosslingual": share of the query's summary keys found,
    #: idf-weighted; for "lead": the cosine similarity of the two leads)
    score: float


def index_rows(fp: Fingerprint) -> list[tuple[str, int]]:
    """``(kind, key)`` rows for an SQL candidate table: kinds "band", "anchor", "hash", "xl"."""
    rows: list[tuple[str, int]] = [("band", k) for k in fp.band_keys()]
    rows += [("anchor", k) for k in fp.anchor_keys()]
    if not fp.empty:
        rows.append(("hash", _key63(fp.text_hash)))
    rows += [("xl", k) for k in _keys63(fp.summary.index_keys())]
    return rows


class CopyIndex:
    """In-memory, incremental candidate index over fingerprints.

    ``max_*_df``: buckets with more articles than this are ignored by ``candidates`` (an LSH
    band bucket shared by more than 200 articles holds a family of near-identical pages, a
    channel's sign-off or headline list: on fr-tv-news, skipping the 105 such buckets of 7.1
    million loses 25 of 10,048 relations, nearly all on a TF1 sign-off, and spares the
    gathering of up to 64,000 postings for one article; a real copy still agrees on its other
    bands); ``min_jaccard`` and ``min_anchors``: what a band or anchor hit must reach to be
    returned.
    """

    def __init__(
        self,
        *,
        max_band_df: int = 200,
        max_anchor_df: int = 200,
        max_xl_df: int = 400,
        min_jaccard: float = 0.12,
        min_anchors: int = 2,
        min_outlet_df: int = 8,
        always_df: int = 2000,
        max_length_ratio: float = DEFAULT.translated_length_ratio,
    ) -> None:
        self.max_band_df = max_band_df
        self.max_anchor_df = max_anchor_df
        self.max_xl_df = max_xl_df
        self.min_jaccard = min_jaccard
        self.min_anchors = min_anchors
        self.min_outlet_df = min_outlet_df
        self.always_df = always_df
        self.max_length_ratio = max_length_ratio
        #: anchors that are some outlet's boilerplate (see :meth:`_count_anchors`)
        self._boilerplate: set[int] = set()
        #: one posting per (anchor, outlet) of every article, while the anchor is not known
        #: boilerplate: how many articles of each outlet carry each anchor
        self._anchor_outlet = Postings(with_ids=False)
        self._keys: list[str] = []
        self._ids: dict[str, int] = {}
        self._sigs = np.zeros((1024, minhash.NUM_PERM), dtype=np.uint32)
        self._n_anchors = np.zeros(1024, dtype=np.int32)
        self._published = np.full(1024, np.nan)
        self._outlet_code = np.full(1024, -1, dtype=np.int32)
        #: length of the clean text (translations have comparable lengths)
        self._chars = np.zeros(1024, dtype=np.int64)
        self._outlet_ids: dict[str, int] = {}
        self._language: list[str | None] = []
        self._outlet: list[str | None] = []
        self._bands = Postings()
        self._anchors = Postings()
        #: the folded text's hash (as a 63-bit key) of every article with words
        self._texts = Postings()
        #: cross-language keys, each combined with the code of its article's language
        self._xl = Postings()
        #: language -> its code, and articles per language code
        self._lang_codes: dict[str, int] = {}
        self._xl_count: list[int] = []
        #: language codes whose articles have cross-language keys
        self._xl_langs: set[int] = set()
        #: the language code of each article, and the lead vectors computed so far
        self._lang_idx = np.full(1024, -1, dtype=np.int16)
        self.lead = LeadVectors()

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._ids

    def meta(self, key: str) -> IndexMeta:
        i = self._ids[key]
        p = float(self._published[i])
        return IndexMeta(None if math.isnan(p) else p, self._language[i], self._outlet[i])

    def _grow(self, n: int) -> None:
        cap = len(self._sigs)
        if n <= cap:
            return
        new = max(n, cap * 2)
        sigs = np.zeros((new, minhash.NUM_PERM), dtype=np.uint32)
        sigs[:cap] = self._sigs
        self._sigs = sigs
        na = np.zeros(new, dtype=np.int32)
        na[:cap] = self._n_anchors
        self._n_anchors = na
        pub = np.full(new, np.nan)
        pub[:cap] = self._published
        self._published = pub
        oc = np.full(new, -1, dtype=np.int32)
        oc[:cap] = self._outlet_code
        self._outlet_code = oc
        ch = np.zeros(new, dtype=np.int64)
        ch[:cap] = self._chars
        self._chars = ch
        li = np.full(new, -1, dtype=np.int16)
        li[:cap] = self._lang_idx
        self._lang_idx = li

    def _register(self, key: str, fp: Fingerprint, meta: IndexMeta) -> int:
        if key in self._ids:
            raise ValueError(f"article {key!r} is already in the copy index")
        i = len(self._keys)
        self._grow(i + 1)
        self._keys.append(key)
        self._ids[key] = i
        self._sigs[i] = fp.signature
        self._n_anchors[i] = len(fp.anchor_keys())
        self._published[i] = np.nan if meta.published is None else meta.published
        self._chars[i] = fp.summary.chars
        lang = meta.language or fp.language
        self._language.append(lang)
        self._outlet.append(meta.outlet)
        if meta.outlet:
            code = self._outlet_ids.setdefault(meta.outlet, len(self._outlet_ids))
            self._outlet_code[i] = code
        return i

    def _register_many(
        self, keys: list[str], fps: list[Fingerprint], metas: list[IndexMeta]
    ) -> int:
        """:meth:`_register` for many articles; returns the index of the first."""
        ids = self._ids
        seen: set[str] = set()
        for k in keys:
            if k in ids or k in seen:
                raise ValueError(f"article {k!r} is already in the copy index")
            seen.add(k)
        first, n = len(self._keys), len(keys)
        self._grow(first + n)
        end = first + n
        self._keys.extend(keys)
        ids.update(zip(keys, range(first, end), strict=True))
        self._sigs[first:end] = np.stack([fp.signature for fp in fps])
        self._n_anchors[first:end] = [len(fp.anchors) if fp.words >= MIN_WORDS else 0 for fp in fps]
        self._published[first:end] = [np.nan if m.published is None else m.published for m in metas]
        self._chars[first:end] = [fp.summary.chars for fp in fps]
        self._language.extend(m.language or fp.language for m, fp in zip(metas, fps, strict=True))
        self._outlet.extend(m.outlet for m in metas)
        codes = self._outlet_ids
        self._outlet_code[first:end] = [
            codes.setdefault(m.outlet, len(codes)) if m.outlet else -1 for m in metas
        ]
        return first

    def add(self, key: str, fp: Fingerprint, meta: IndexMeta | None = None) -> None:
        """Add one article (its key must be new)."""
        meta = meta or IndexMeta()
        i = self._register(key, fp, meta)
        if not fp.empty:
            self._texts.add(i, [_key63(fp.text_hash)])
        self._bands.add(i, fp.band_keys())
        anchors = fp.anchor_keys()
        if anchors:
            self._count_anchors(
                np.array(anchors, dtype=np.int64), np.full(len(anchors), i, dtype=np.int64)
            )
        self._anchors.add(i, anchors)
        code = self._lang_code(self._language[i])
        self._lang_idx[i] = code
        self._xl_count[code] += 1
        keys = _keys63(fp.summary.index_keys())
        if keys:
            self._xl_langs.add(code)
            self._xl.add(i, _lang_keys(np.array(keys, dtype=np.int64), code).tolist())

    def _lang_code(self, lang: str | None) -> int:
        code = self._lang_codes.setdefault(lang or "?", len(self._lang_codes))
        if code == len(self._xl_count):
            self._xl_count.append(0)
        return code

    @classmethod
    def bulk_load(
        cls, rows: Iterable[tuple[str, Fingerprint | bytes, IndexMeta]], **kwargs: float
    ) -> CopyIndex:
        """An index built from stored rows ``(article_key, fingerprint or its bytes, meta)``,
        read in chunks (the fingerprints of a chunk are dropped once it is indexed)."""
        index = cls(**kwargs)  # type: ignore[arg-type]
        chunk: list[tuple[str, Fingerprint | bytes, IndexMeta]] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= _LOAD_CHUNK:
                index.add_many(chunk)
                chunk = []
        index.add_many(chunk)
        return index

    def add_many(self, rows: Iterable[tuple[str, Fingerprint | bytes, IndexMeta]]) -> None:
        """Add many articles at once (their postings go in as sorted runs, their keys are
        computed for all of them in one go: much cheaper than one :meth:`add` each)."""
        keys_in: list[str] = []
        fps: list[Fingerprint] = []
        metas: list[IndexMeta] = []
        for key, fpv, meta in rows:
            keys_in.append(key)
            fps.append(Fingerprint.from_bytes(fpv) if isinstance(fpv, bytes) else fpv)
            metas.append(meta)
        if not fps:
            return
        first = self._register_many(keys_in, fps, metas)
        ids = np.arange(first, first + len(fps), dtype=np.int64)
        worded = [j for j, fp in enumerate(fps) if not fp.empty]
        if worded:
            self._texts.add_bulk(
                np.array(_keys63([fps[j].text_hash for j in worded]), dtype=np.int64),
                ids[worded].astype(np.int32),
            )
        # bands: texts of at least MIN_WORDS words have a non-empty signature
        banded = ids[np.array([fp.words >= MIN_WORDS for fp in fps], dtype=np.bool_)]
        if len(banded):
            keys = minhash.band_key_matrix(self._sigs[banded])
            self._bands.add_bulk(keys.ravel(), np.repeat(banded, keys.shape[1]).astype(np.int32))
        counts = self._n_anchors[ids].astype(np.int64)
        total = int(counts.sum())
        if total:
            ak = np.fromiter(
                itertools.chain.from_iterable(fp.anchors for fp in fps if fp.words >= MIN_WORDS),
                np.int64,
                total,
            )
            ai = np.repeat(ids, counts)
            self._count_anchors(ak, ai)
            self._anchors.add_bulk(ak, ai.astype(np.int32))
        # cross-language keys, each combined with its article's language
        texts: list[str] = []
        owners: list[int] = []
        codes: list[int] = []
        for i, fp in zip(ids.tolist(), fps, strict=True):
            code = self._lang_code(self._language[i])
            self._lang_idx[i] = code
            self._xl_count[code] += 1
            keys_i = fp.summary.index_keys()
            if keys_i:
                texts += keys_i
                owners += [i] * len(keys_i)
                codes += [code] * len(keys_i)
                self._xl_langs.add(code)
        if texts:
            self._xl.add_bulk(
                _lang_keys(
                    np.array(_keys63(texts), dtype=np.int64), np.array(codes, dtype=np.int64)
                ),
                np.array(owners, dtype=np.int32),
            )

    def _count_anchors(self, keys: NDArray[np.int64], ids: NDArray[np.int64]) -> None:
        """Count new articles' anchors (``keys[j]`` of article ``ids[j]``, not yet in the
        anchor postings) per outlet, and mark those that become boilerplate.

        An anchor is boilerplate when at least ``min_outlet_df`` stored articles of ONE outlet
        carry it (a sign-off such as "Ce sujet a été diffusé dans le journal télévisé de 20H
        du …", a recurring standfirst), or ``always_df`` articles of any outlets do. A passage
        copied by many outlets a few times each is not boilerplate. Counting as articles are
        added keeps the test at query time a set lookup, whatever the size of the store; once
        boilerplate, an anchor stays so (frequencies only grow) and is no longer counted.
        """
        known = self._boilerplate
        if known:
            fresh = ~np.isin(keys, np.fromiter(known, np.int64, len(known)))
            keys, ids = keys[fresh], ids[fresh]
            if not len(keys):
                return
        uk, cnt = np.unique(keys, return_counts=True)
        total = self._anchors.df(uk) + cnt
        new = set(uk[total >= self.always_df].tolist())
        codes = self._outlet_code[ids].astype(np.int64)
        has = codes >= 0
        if has.any():
            ok = _outlet_keys(keys[has], codes[has])
            uo, first, n_in = np.unique(ok, return_index=True, return_counts=True)
            per_outlet = self._anchor_outlet.df(uo) + n_in
            new.update(keys[has][first[per_outlet >= self.min_outlet_df]].tolist())
            self._anchor_outlet.add_bulk(ok, ids[has].astype(np.int32))
        known.update(new)

    def _boiler_mask(self, uniq: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Which of the anchor keys are some outlet's boilerplate (see
        :meth:`_count_anchors`)."""
        known = self._boilerplate
        return np.fromiter((k in known for k in uniq.tolist()), dtype=np.bool_, count=len(uniq))

    def boilerplate_anchors(self, keys: list[int]) -> set[int]:
        """The anchors among ``keys`` that are some outlet's boilerplate (see
        :meth:`_boiler_mask`)."""
        known = self._boilerplate
        return {k for k in keys if k in known}

    def candidates(
        self, fp: Fingerprint, *, exclude: str | None = None, limit: int = 50
    ) -> list[Candidate]:
        """Stored articles in any language that may share text with ``fp``, best first."""
        return self.candidates_many([fp], excludes=[exclude], limit=limit)[0]

    def candidates_many(
        self,
        fps: list[Fingerprint],
        *,
        excludes: list[str | None] | None = None,
        limit: int = 50,
    ) -> list[list[Candidate]]:
        """Candidates for many fingerprints at once (one vectorised pass over the postings:
        a batch of articles costs far less than the same articles one by one).

        Candidates share an LSH band (and, when the query carries boilerplate, at least one
        anchor that is not boilerplate), or ``min_anchors`` non-boilerplate anchors, or the
        same folded text. ``excludes[i]``: a stored key never returned for ``fps[i]``
        (the article itself, when it is already indexed).
        """
        nq = len(fps)
        out: list[list[Candidate]] = [[] for _ in range(nq)]
        n = len(self._keys)
        if not nq or not n:
            return out
        skip = np.array(
            [self._ids.get(e, -1) if e is not None else -1 for e in (excludes or [None] * nq)],
            dtype=np.int64,
        )
        # --- anchors: distinct keys of the batch, boilerplate marked, postings gathered
        a_doc: list[int] = []
        a_key: list[int] = []
        for d, fp in enumerate(fps):
            if not fp.empty:
                ak = fp.anchor_keys()
                a_key += ak
                a_doc += [d] * len(ak)
        pairs_doc: list[NDArray[np.int64]] = []
        pairs_id: list[NDArray[np.int64]] = []
        pairs_kind: list[NDArray[np.int8]] = []
        boiler_docs = np.zeros(nq, dtype=np.bool_)
        rare_count = np.zeros(nq, dtype=np.int64)
        if a_key:
            keys = np.array(a_key, dtype=np.int64)
            docs = np.array(a_doc, dtype=np.int64)
            uniq, inv = np.unique(keys, return_inverse=True)
            boiler = self._boiler_mask(uniq)
            is_b = boiler[inv]
            np.logical_or.at(boiler_docs, docs[is_b], True)
            rare_count = np.bincount(docs[~is_b], minlength=nq)
            rare_uk = np.flatnonzero(~boiler)
            _, qidx, ids = self._anchors.gather(uniq[rare_uk], self.max_anchor_df)
            if len(ids):
                d_of, i_of = self._join(rare_uk[qidx], ids, inv, docs)
                pairs_doc.append(d_of)
                pairs_id.append(i_of)
                pairs_kind.append(np.zeros(len(d_of), dtype=np.int8))
        # --- bands (texts of at least MIN_WORDS words), computed for the batch at once
        banded = np.flatnonzero(np.array([fp.words >= MIN_WORDS for fp in fps], dtype=np.bool_))
        if len(banded):
            band_keys = minhash.band_key_matrix(np.stack([fps[d].signature for d in banded]))
            keys = band_keys.ravel()
            docs = np.repeat(banded, band_keys.shape[1])
            uniq, inv = np.unique(keys, return_inverse=True)
            _, qidx, ids = self._bands.gather(uniq, self.max_band_df)
            if len(ids):
                d_of, i_of = self._join(qidx, ids, inv, docs)
                pairs_doc.append(d_of)
                pairs_id.append(i_of)
                pairs_kind.append(np.ones(len(d_of), dtype=np.int8))
        # --- exact text (every stored article with the same folded text)
        worded = [d for d, fp in enumerate(fps) if not fp.empty]
        if worded:
            docs = np.array(worded, dtype=np.int64)
            keys = np.array(_keys63([fps[d].text_hash for d in worded]), dtype=np.int64)
            uniq, inv = np.unique(keys, return_inverse=True)
            _, qidx, ids = self._texts.gather(uniq, len(self._keys))
            if len(ids):
                d_of, i_of = self._join(qidx, ids, inv, docs)
                pairs_doc.append(d_of)
                pairs_id.append(i_of)
                pairs_kind.append(np.full(len(d_of), 2, dtype=np.int8))
        if not pairs_doc:
            return out
        pd = np.concatenate(pairs_doc)
        pi = np.concatenate(pairs_id)
        pk = np.concatenate(pairs_kind)
        keep = (pi != skip[pd]) & (pi < n)
        pd, pi, pk = pd[keep], pi[keep], pk[keep]
        if not len(pd):
            return out
        code = pd * n + pi
        uc, inv2 = np.unique(code, return_inverse=True)
        shared = np.bincount(inv2, weights=(pk == 0), minlength=len(uc)).astype(np.int64)
        in_band = np.bincount(inv2, weights=(pk == 1), minlength=len(uc)) > 0
        is_exact = np.bincount(inv2, weights=(pk == 2), minlength=len(uc)) > 0
        cd, ci = uc // n, uc % n
        q_sigs = np.stack([fp.signature for fp in fps])
        jac = np.empty(len(ci), dtype=np.float64)
        for s in range(0, len(ci), _JACCARD_CHUNK):  # bounded memory for a popular bucket
            e = s + _JACCARD_CHUNK
            jac[s:e] = (self._sigs[ci[s:e]] == q_sigs[cd[s:e]]).sum(axis=1)
        jac /= minhash.NUM_PERM
        short = np.array([fp.words < MIN_WORDS for fp in fps])
        jac[short[cd]] = 0.0
        own = np.maximum(rare_count[cd], 1)
        smaller = np.maximum(np.minimum(self._n_anchors[ci], own), 1)
        containment = np.minimum(shared / smaller, 1.0)
        band_ok = in_band & (jac >= self.min_jaccard)
        # a band agreeing on boilerplate alone proves nothing
        band_ok &= ~boiler_docs[cd] | (shared >= 1) | (jac >= 0.9)
        keep2 = band_ok | (shared >= self.min_anchors) | ((shared >= 1) & (smaller <= 2)) | is_exact
        for j in np.flatnonzero(keep2).tolist():
            i = int(ci[j])
            via = "exact" if is_exact[j] else "lsh" if band_ok[j] else "anchor"
            score = 1.0 if is_exact[j] else max(float(jac[j]), float(containment[j]))
            out[int(cd[j])].append(
                Candidate(
                    self._keys[i], via, float(jac[j]), float(containment[j]), int(shared[j]), score
                )
            )
        for lst in out:
            lst.sort(key=lambda c: (-c.score, c.key))
            del lst[limit:]
        return out

    @staticmethod
    def _join(
        uk_of_posting: NDArray[np.int64],
        ids: NDArray[np.int32],
        inv: NDArray[np.intp],
        docs: NDArray[np.int64],
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """(doc, id) for every posting of every key a query doc carries: joins postings
        (by distinct-key index) with query entries (key index ``inv`` → doc ``docs``)."""
        order = np.argsort(inv, kind="stable")
        inv_sorted = inv[order]
        docs_sorted = docs[order]
        n_uk = int(inv.max()) + 1 if len(inv) else 0
        counts = np.bincount(inv_sorted, minlength=n_uk)
        starts = np.cumsum(counts) - counts
        c = counts[uk_of_posting]
        rows = np.repeat(np.arange(len(ids), dtype=np.int64), c)
        offs = np.arange(len(rows), dtype=np.int64) - np.repeat(np.cumsum(c) - c, c)
        d = docs_sorted[np.repeat(starts[uk_of_posting], c) + offs]
        return d.astype(np.int64), ids[rows].astype(np.int64)

    def mark_common(self, doc: CopyDoc) -> frozenset[int]:
        """Set and return ``doc.common``: the tokens of ``doc`` that are boilerplate.

        The words of boilerplate anchors (:meth:`boilerplate_anchors`) are marked, and so are
        the words between two of them close enough to lie in one winnowing window (the date
        inside a sign-off), and whole sentences that are mostly marked. Marked words are never
        evidence of copying, so a shared sign-off does not make two reports copies. The marks
        are kept on ``doc`` and recomputed only once the index has grown by a tenth.
        """
        n = len(self._keys)
        if doc.common_at and n <= doc.common_at * 1.1:
            return doc.common
        doc.common_at = max(n, 1)
        fp = doc.known_fingerprint
        if fp is not None and not any(k in self._boilerplate for k in fp.anchor_keys()):
            doc.common = frozenset()  # none of its anchors is boilerplate: nothing to mark
            return doc.common
        toks = doc.tokens
        content = [i for i, k in enumerate(toks.linky) if not k]
        positions = minhash.anchor_positions(minhash.word_hashes([toks.words[i] for i in content]))
        common = self.boilerplate_anchors(sorted({h for h, _ in positions}))
        if not common:
            doc.common = frozenset()
            return doc.common
        n_content = len(content)
        marked = np.zeros(n_content + 1, dtype=np.int64)  # +1/-1 boundaries of marked runs
        starts = sorted(p for h, p in positions if h in common)
        span = minhash.ANCHOR_SHINGLE
        for j, p in enumerate(starts):
            end = p + span
            if j + 1 < len(starts) and starts[j + 1] - p <= minhash.WINDOW + span:
                end = max(end, starts[j + 1])
            marked[p] += 1
            marked[min(end, n_content)] -= 1
        is_marked = np.cumsum(marked[:n_content]) > 0
        # boilerplate comes in whole sentences: a sentence mostly marked is marked whole
        # (winnowing leaves up to a window of words uncovered at its edges)
        sent_starts = np.array([st.start for st in doc.sentences], dtype=np.int64)
        if len(sent_starts):
            tok_starts = np.array([toks.starts[i] for i in content], dtype=np.int64)
            sent = np.maximum(np.searchsorted(sent_starts, tok_starts, "right") - 1, 0)
            total = np.bincount(sent, minlength=len(sent_starts))
            hit = np.bincount(sent, weights=is_marked, minlength=len(sent_starts))
            whole = (hit > 0) & (hit >= 0.4 * total)
            is_marked |= whole[sent]
        doc.common = frozenset(content[j] for j in np.flatnonzero(is_marked).tolist())
        return doc.common

    def lead_targets(
        self,
        languages: list[str | None],
        published: list[float | None],
        *,
        window_days: float = 14.0,
        min_present: int = MIN_PRESENT,
    ) -> list[dict[int, NDArray[np.int64]]]:
        """For each query (its language and date): the stored articles of each OTHER language
        within ``window_days``, for the languages with at least ``min_present`` of them there,
        when its own language has as many there too (ids by language code; empty for an
        undated query, or a stray item of a language). One pass over the dates of the whole
        batch: a store of one language answers with empty dicts at once."""
        out: list[dict[int, NDArray[np.int64]]] = [{} for _ in languages]
        n = len(self._keys)
        dated = [(j, p) for j, p in enumerate(published) if p is not None]
        if not dated or len(self._lang_codes) < 2:
            return out
        w = window_days * 86400
        lo = min(p for _, p in dated) - w
        hi = max(p for _, p in dated) + w
        pub = self._published[:n]
        span = np.flatnonzero((pub >= lo) & (pub <= hi))
        if not len(span):
            return out
        codes = self._lang_idx[span].astype(np.int64)
        present = np.bincount(codes[codes >= 0], minlength=len(self._lang_codes))
        rich = np.flatnonzero(present >= min_present).tolist()
        if len(rich) < 2:
            return out  # at most one language is there enough: nothing to cross
        owns = {j: self._lang_codes.get(languages[j] or "?", -1) for j, _ in dated}
        for j, p in dated:
            if owns[j] not in rich:
                continue
            near = np.abs(pub[span] - p) <= w
            if np.count_nonzero(near & (codes == owns[j])) < min_present:
                continue  # a stray item of a language (misidentified, or a one-off)
            for code in rich:
                if code == owns[j]:
                    continue
                ids = span[near & (codes == code)]
                if len(ids) >= min_present:
                    out[j][code] = ids.astype(np.int64)
        return out

    def key_of(self, doc_id: int) -> str:
        return self._keys[doc_id]

    def id_of(self, key: str) -> int | None:
        return self._ids.get(key)

    def translation_candidates(
        self,
        fp: Fingerprint,
        *,
        published: float | None = None,
        window_days: float = 14.0,
        exclude: str | None = None,
        min_shared: int = 3,
        limit: int = 10,
    ) -> list[Candidate]:
        """Stored articles in OTHER languages sharing numbers, dates and names with ``fp``,
        published within ``window_days`` of ``published`` (no filter when either date is
        unknown), of comparable length, the best ``limit`` in each language. Embedding
        comparison happens later, on these few only."""
        return self.translation_candidates_many(
            [fp],
            published=[published],
            excludes=[exclude],
            window_days=window_days,
            min_shared=min_shared,
            limit=limit,
        )[0]

    def translation_candidates_many(
        self,
        fps: list[Fingerprint],
        *,
        published: list[float | None],
        excludes: list[str | None] | None = None,
        window_days: float = 14.0,
        min_shared: int = 3,
        limit: int = 10,
    ) -> list[list[Candidate]]:
        """:meth:`translation_candidates` for many fingerprints at once (one vectorised pass
        over each language's postings).

        A candidate shares at least ``min_shared`` keys with the query, one of them a name or
        a date; its score is the idf-weighted share of the query's keys (found in that
        language) it carries. Texts more than ``max_length_ratio`` times longer than the
        other are left out: at most one sentence pair per sentence of the shorter aligns, too
        few to cover the longer one. ``limit`` is per language: the best ``limit`` candidates
        in each other language, best first within each (a store of many languages would
        otherwise crowd a translation out with articles of other languages on the story).
        """
        nq = len(fps)
        out: list[list[Candidate]] = [[] for _ in range(nq)]
        langs = sorted(self._xl_langs)
        n = len(self._keys)
        if not nq or not langs:
            return out
        n_lang = len(self._xl_count)
        # each query's keys, hashed once; then one entry per (key, other language)
        q_doc: list[int] = []
        q_key: list[str] = []
        for d, fp in enumerate(fps):
            if fp.empty:
                continue
            keys = fp.summary.index_keys()
            if len(keys) >= min_shared:
                q_key += keys
                q_doc += [d] * len(keys)
        if not q_doc:
            return out
        k_doc = np.array(q_doc, dtype=np.int64)
        k_hash = np.array(_keys63(q_key), dtype=np.int64)
        k_name = np.array([not k.startswith("n:") for k in q_key], dtype=np.float64)
        own = np.array(
            [self._lang_codes.get(fp.language or "?", -1) for fp in fps], dtype=np.int64
        )[k_doc]
        parts = [(np.flatnonzero(own != c), c) for c in langs]
        sel = np.concatenate([p for p, _ in parts])
        if not len(sel):
            return out
        docs = k_doc[sel]
        lang = np.concatenate([np.full(len(p), c, dtype=np.int64) for p, c in parts])
        keys_all = _lang_keys(k_hash[sel], lang)
        is_name = k_name[sel]
        uniq, inv = np.unique(keys_all, return_inverse=True)
        df, qidx, ids = self._xl.gather(uniq, self.max_xl_df)
        if not len(ids):
            return out
        # idf weight of each entry's key in the language looked for; the query's weight in
        # that language sums those of its keys found there
        counts = np.array(self._xl_count, dtype=np.float64)
        df_e = df[inv]
        usable = (df_e > 0) & (df_e <= self.max_xl_df)
        w = np.where(usable, np.log1p(counts[lang] / np.maximum(df_e, 1)), 0.0)
        q_weight = np.bincount(docs * n_lang + lang, weights=w, minlength=nq * n_lang)
        entry, cand = self._join(qidx, ids, inv, np.arange(len(inv), dtype=np.int64))
        code = docs[entry] * n + cand
        uc, first, inv2 = np.unique(code, return_index=True, return_inverse=True)
        score = np.bincount(inv2, weights=w[entry])
        shared = np.bincount(inv2)
        names = np.bincount(inv2, weights=is_name[entry])
        cd, ci = uc // n, uc % n
        skip = np.array(
            [self._ids.get(e, -1) if e is not None else -1 for e in (excludes or [None] * nq)],
            dtype=np.int64,
        )
        ok = (shared >= min_shared) & (names > 0) & (ci != skip[cd])
        q_pub = np.array([np.nan if p is None else p for p in published], dtype=np.float64)
        p_c, p_q = self._published[ci], q_pub[cd]
        dated = ~np.isnan(p_c) & ~np.isnan(p_q)
        ok &= ~dated | (np.abs(np.where(dated, p_c - p_q, 0.0)) <= window_days * 86400)
        q_chars = np.array([fp.summary.chars for fp in fps], dtype=np.int64)
        c_c, c_q = self._chars[ci], q_chars[cd]
        ok &= np.maximum(c_c, c_q) <= self.max_length_ratio * np.maximum(np.minimum(c_c, c_q), 1)
        c_lang = lang[entry[first]]
        norm = q_weight[cd * n_lang + c_lang]
        final = score / np.maximum(norm, 1e-9)
        found: list[list[tuple[float, str, int]]] = [[] for _ in range(nq)]
        for d, i, sc, lc in zip(
            cd[ok].tolist(), ci[ok].tolist(), final[ok].tolist(), c_lang[ok].tolist(), strict=True
        ):
            found[d].append((sc, self._keys[i], lc))
        for d, rows in enumerate(found):
            rows.sort(key=lambda r: (-r[0], r[1]))
            per_language: dict[int, int] = {}
            for sc, key, lc in rows:  # the best ``limit`` in each other language
                if per_language.get(lc, 0) < limit:
                    per_language[lc] = per_language.get(lc, 0) + 1
                    out[d].append(Candidate(key, "crosslingual", 0.0, 0.0, 0, sc))
        return out
