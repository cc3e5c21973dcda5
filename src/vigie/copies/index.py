"""The incremental copy index: which stored articles could be copies of a new one.

:class:`CopyIndex` keeps, for every article added, its MinHash signature (in one numpy matrix),
its LSH band keys, winnowed anchors, folded-text hash and cross-language summary keys, in
compact inverted indexes (:class:`~vigie.copies.postings.Postings`). ``candidates()`` looks up
the new article's keys only, so its cost depends on how many articles share a key with it,
not on how many are stored: a bucket holding more than ``max_df`` articles (boilerplate, a
number like "2022") is ignored.

Persisting: the index holds nothing that is not in the fingerprints. The store keeps, per
article, ``article_key``, the fingerprint (``Fingerprint.to_bytes()``) and the
:class:`IndexMeta` fields (published, language, outlet); :meth:`CopyIndex.bulk_load` rebuilds
the index from those rows (about 237k articles in well under a minute). A store that wants the
candidate search in SQL instead can write :func:`index_rows` for each article into a table
``copy_keys(kind, key, article_key)`` indexed on ``(kind, key)`` and apply the same rule as
:meth:`CopyIndex.candidates` (one shared band, or two shared anchors, or the same text hash).
"""

from __future__ import annotations

import bisect
import hashlib
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from numpy.typing import NDArray

from vigie.copies import minhash
from vigie.copies.document import CopyDoc
from vigie.copies.fingerprint import MIN_WORDS, Fingerprint
from vigie.copies.postings import Postings

__all__ = ["Candidate", "CopyIndex", "IndexMeta", "index_rows", "parse_published"]

_MASK63 = (1 << 63) - 1


def _key63(text: str) -> int:
    return (
        int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")
        & _MASK63
    )


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
    #: "crosslingual" (shared numbers/dates/names in another language)
    via: str
    #: MinHash estimate of the Jaccard similarity of word 3-shingles
    jaccard: float
    #: shared anchors / anchors of the smaller text (a passage-reuse estimate)
    containment: float
    shared_anchors: int
    #: ranking score (for "crosslingual": share of the query's summary keys found, idf-weighted)
    score: float


def index_rows(fp: Fingerprint) -> list[tuple[str, int]]:
    """``(kind, key)`` rows for an SQL candidate table: kinds "band", "anchor", "hash", "xl"."""
    rows: list[tuple[str, int]] = [("band", k) for k in fp.band_keys()]
    rows += [("anchor", k) for k in fp.anchor_keys()]
    if not fp.empty:
        rows.append(("hash", _key63(fp.text_hash)))
    rows += [("xl", _key63(k)) for k in fp.summary.index_keys()]
    return rows


class CopyIndex:
    """In-memory, incremental candidate index over fingerprints.

    ``max_df``: buckets with more articles than this are ignored by ``candidates``;
    ``min_jaccard`` and ``min_anchors``: what a band or anchor hit must reach to be returned.
    """

    def __init__(
        self,
        *,
        max_band_df: int = 2000,
        max_anchor_df: int = 200,
        max_xl_df: int = 400,
        min_jaccard: float = 0.12,
        min_anchors: int = 2,
        min_outlet_df: int = 8,
        always_df: int = 2000,
    ) -> None:
        self.max_band_df = max_band_df
        self.max_anchor_df = max_anchor_df
        self.max_xl_df = max_xl_df
        self.min_jaccard = min_jaccard
        self.min_anchors = min_anchors
        self.min_outlet_df = min_outlet_df
        self.always_df = always_df
        self._boilerplate: set[int] = set()
        self._keys: list[str] = []
        self._ids: dict[str, int] = {}
        self._sigs = np.zeros((1024, minhash.NUM_PERM), dtype=np.uint32)
        self._n_anchors = np.zeros(1024, dtype=np.int32)
        self._published = np.full(1024, np.nan)
        self._outlet_code = np.full(1024, -1, dtype=np.int32)
        self._outlet_ids: dict[str, int] = {}
        self._language: list[str | None] = []
        self._outlet: list[str | None] = []
        self._bands = Postings()
        self._anchors = Postings()
        self._hashes: dict[str, list[int]] = {}
        self._xl: dict[str, Postings] = {}
        self._xl_count: dict[str, int] = {}

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
        lang = meta.language or fp.language
        self._language.append(lang)
        self._outlet.append(meta.outlet)
        if meta.outlet:
            code = self._outlet_ids.setdefault(meta.outlet, len(self._outlet_ids))
            self._outlet_code[i] = code
        if not fp.empty:
            self._hashes.setdefault(fp.text_hash, []).append(i)
        return i

    def add(self, key: str, fp: Fingerprint, meta: IndexMeta | None = None) -> None:
        """Add one article (its key must be new)."""
        meta = meta or IndexMeta()
        i = self._register(key, fp, meta)
        self._bands.add(i, fp.band_keys())
        self._anchors.add(i, fp.anchor_keys())
        self._xl_postings(self._language[i]).add(i, [_key63(k) for k in fp.summary.index_keys()])

    def _xl_postings(self, lang: str | None) -> Postings:
        code = lang or "?"
        self._xl_count[code] = self._xl_count.get(code, 0) + 1
        if code not in self._xl:
            self._xl[code] = Postings()
        return self._xl[code]

    @classmethod
    def bulk_load(
        cls, rows: Iterable[tuple[str, Fingerprint | bytes, IndexMeta]], **kwargs: float
    ) -> CopyIndex:
        """An index built from stored rows ``(article_key, fingerprint or its bytes, meta)``."""
        index = cls(**kwargs)  # type: ignore[arg-type]
        band_k: list[int] = []
        band_i: list[int] = []
        anc_k: list[int] = []
        anc_i: list[int] = []
        for key, fpv, meta in rows:
            fp = Fingerprint.from_bytes(fpv) if isinstance(fpv, bytes) else fpv
            i = index._register(key, fp, meta)
            bk = fp.band_keys()
            band_k += bk
            band_i += [i] * len(bk)
            ak = fp.anchor_keys()
            anc_k += ak
            anc_i += [i] * len(ak)
            index._xl_postings(index._language[i]).add(
                i, [_key63(k) for k in fp.summary.index_keys()]
            )
        index._bands.add_bulk(np.array(band_k, dtype=np.int64), np.array(band_i, dtype=np.int32))
        index._anchors.add_bulk(np.array(anc_k, dtype=np.int64), np.array(anc_i, dtype=np.int32))
        return index

    def _hits(
        self, postings: Postings, keys: list[int], max_df: int
    ) -> tuple[NDArray[np.int32], NDArray[np.int64]]:
        found = postings.lookup(keys, max_df)
        if not found:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int64)
        ids = np.concatenate([ids for _, ids in found])
        uniq, counts = np.unique(ids, return_counts=True)
        return uniq.astype(np.int32), counts.astype(np.int64)

    def boilerplate_anchors(self, keys: list[int]) -> set[int]:
        """The anchors among ``keys`` that are some outlet's boilerplate.

        An anchor is boilerplate when at least ``min_outlet_df`` stored articles of ONE outlet
        carry it (a sign-off such as "Ce sujet a été diffusé dans le journal télévisé de 20H
        du …", a recurring standfirst), or ``always_df`` articles of any outlets do. A passage
        copied by many outlets a few times each is not boilerplate. Once boilerplate, an
        anchor stays so (document frequencies only grow), which is cached.
        """
        out = {k for k in keys if k in self._boilerplate}
        rest = [k for k in keys if k not in out]
        if not rest:
            return out
        df = self._anchors.df(rest)
        check: list[int] = []
        for k, n in zip(rest, df.tolist(), strict=True):
            if n >= self.always_df:
                out.add(k)
            elif n >= self.min_outlet_df:
                check.append(k)
        for pos, ids in self._anchors.lookup(check, self.always_df):
            codes = self._outlet_code[ids]
            codes = codes[codes >= 0]
            if len(codes) and int(np.bincount(codes).max()) >= self.min_outlet_df:
                out.add(check[pos])
        self._boilerplate.update(out)
        return out

    def candidates(
        self, fp: Fingerprint, *, exclude: str | None = None, limit: int = 50
    ) -> list[Candidate]:
        """Stored articles in any language that may share text with ``fp``, best first.

        Candidates share an LSH band (and, when ``fp`` carries boilerplate, at least one
        anchor that is not boilerplate), or ``min_anchors`` non-boilerplate anchors, or the
        same folded text.
        """
        if fp.empty:
            return []
        n = len(self._keys)
        skip = self._ids.get(exclude, -1) if exclude is not None else -1
        exact = {i for i in self._hashes.get(fp.text_hash, []) if i != skip}
        q_anchors = fp.anchor_keys()
        boiler = self.boilerplate_anchors(q_anchors)
        rare = [k for k in q_anchors if k not in boiler]
        band_ids, _ = self._hits(self._bands, fp.band_keys(), self.max_band_df)
        anc_ids, anc_counts = self._hits(self._anchors, rare, self.max_anchor_df)
        ids = np.union1d(band_ids, anc_ids).astype(np.int64)
        if exact:
            ids = np.union1d(ids, np.array(sorted(exact), dtype=np.int64))
        ids = ids[(ids != skip) & (ids < n)]
        if not len(ids):
            return []
        jac = (self._sigs[ids] == fp.signature[None, :]).sum(axis=1) / minhash.NUM_PERM
        if fp.words < MIN_WORDS:
            jac[:] = 0.0
        shared = np.zeros(len(ids), dtype=np.int64)
        if len(anc_ids):
            pos = np.searchsorted(anc_ids, ids)
            pos = np.minimum(pos, len(anc_ids) - 1)
            hit = anc_ids[pos] == ids
            shared[hit] = anc_counts[pos[hit]]
        own = max(1, len(rare))
        smaller = np.maximum(np.minimum(self._n_anchors[ids], own), 1)
        containment = np.minimum(shared / smaller, 1.0)
        in_band = np.isin(ids, band_ids) & (jac >= self.min_jaccard)
        if boiler:  # a band agreeing on boilerplate alone proves nothing
            in_band &= (shared >= 1) | (jac >= 0.9)
        is_exact = np.isin(ids, np.array(sorted(exact), dtype=np.int64))
        keep = in_band | (shared >= self.min_anchors) | ((shared >= 1) & (smaller <= 2)) | is_exact
        out: list[Candidate] = []
        for j in np.flatnonzero(keep).tolist():
            i = int(ids[j])
            via = "exact" if is_exact[j] else "lsh" if in_band[j] else "anchor"
            score = 1.0 if is_exact[j] else max(float(jac[j]), float(containment[j]))
            out.append(
                Candidate(
                    self._keys[i], via, float(jac[j]), float(containment[j]), int(shared[j]), score
                )
            )
        out.sort(key=lambda c: (-c.score, c.key))
        return out[:limit]

    def mark_common(self, doc: CopyDoc) -> frozenset[int]:
        """Set and return ``doc.common``: the tokens of ``doc`` that are boilerplate.

        The words of boilerplate anchors (:meth:`boilerplate_anchors`) are marked, and so are
        the words between two of them close enough to lie in one winnowing window (the date
        inside a sign-off), and whole sentences that are mostly marked. Marked words are never
        evidence of copying, so a shared sign-off does not make two reports copies.
        """
        toks = doc.tokens
        content = [i for i, k in enumerate(toks.linky) if not k]
        positions = minhash.anchor_positions(minhash.word_hashes([toks.words[i] for i in content]))
        common = self.boilerplate_anchors(sorted({h for h, _ in positions}))
        if not common:
            doc.common = frozenset()
            return doc.common
        starts = sorted(p for h, p in positions if h in common)
        marked: set[int] = set()
        span = minhash.ANCHOR_SHINGLE
        for j, p in enumerate(starts):
            marked.update(range(p, p + span))
            if j + 1 < len(starts) and starts[j + 1] - p <= minhash.WINDOW + span:
                marked.update(range(p, starts[j + 1]))
        tokens_marked = {content[j] for j in marked if j < len(content)}
        # boilerplate comes in whole sentences: a sentence mostly marked is marked whole
        # (winnowing leaves up to a window of words uncovered at its edges)
        if tokens_marked:
            bounds = [(st.start, st.end) for st in doc.sentences]
            starts_ = [b[0] for b in bounds]
            by_sentence: dict[int, list[int]] = {}
            for t in content:
                k = bisect.bisect_right(starts_, toks.starts[t]) - 1
                by_sentence.setdefault(k, []).append(t)
            for members in by_sentence.values():
                hit = sum(1 for t in members if t in tokens_marked)
                if hit and hit >= 0.4 * len(members):
                    tokens_marked.update(members)
        doc.common = frozenset(tokens_marked)
        return doc.common

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
        unknown), best first. Embedding comparison happens later, on these few only."""
        keys = fp.summary.index_keys()
        if len(keys) < min_shared or fp.empty:
            return []
        hashed = [_key63(k) for k in keys]
        kinds = [k[0] for k in keys]
        skip = self._ids.get(exclude, -1) if exclude is not None else -1
        out: list[Candidate] = []
        for lang, postings in self._xl.items():
            if lang == (fp.language or "?"):
                continue
            total = self._xl_count.get(lang, 1)
            weights: dict[int, float] = {}
            shared: dict[int, int] = {}
            names: dict[int, int] = {}
            found = postings.lookup(hashed, self.max_xl_df)
            q_weight = 0.0
            for pos, ids in found:
                w = math.log(1 + total / len(ids))
                q_weight += w
                for i in ids.tolist():
                    weights[i] = weights.get(i, 0.0) + w
                    shared[i] = shared.get(i, 0) + 1
                    if kinds[pos] != "n":
                        names[i] = names.get(i, 0) + 1
            for i, c in shared.items():
                if c < min_shared or not names.get(i) or i == skip:
                    continue
                p = float(self._published[i])
                if (
                    published is not None
                    and not math.isnan(p)
                    and (abs(p - published) > window_days * 86400)
                ):
                    continue
                score = weights[i] / max(q_weight, 1e-9)
                out.append(Candidate(self._keys[i], "crosslingual", 0.0, 0.0, 0, score))
        out.sort(key=lambda c: (-c.score, c.key))
        return out[:limit]
