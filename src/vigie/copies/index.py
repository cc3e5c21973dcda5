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
    return _keys63([text])[0]


def _keys63(texts: list[str]) -> list[int]:
    """63-bit keys of strings (the word hash of minhash: deterministic, vectorised)."""
    if not texts:
        return []
    keys: list[int] = (minhash.word_hashes(texts) & np.uint64(_MASK63)).astype(np.int64).tolist()
    return keys


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
    rows += [("xl", k) for k in _keys63(fp.summary.index_keys())]
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
        #: anchors found not to be boilerplate, with the frequency they had then
        self._not_boilerplate: dict[int, int] = {}
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
        self._xl_postings(self._language[i]).add(i, _keys63(fp.summary.index_keys()))

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
        index.add_many(rows)
        return index

    def add_many(self, rows: Iterable[tuple[str, Fingerprint | bytes, IndexMeta]]) -> None:
        """Add many articles at once (their postings go in as sorted runs: much cheaper than
        one :meth:`add` each)."""
        band_k: list[int] = []
        band_i: list[int] = []
        anc_k: list[int] = []
        anc_i: list[int] = []
        for key, fpv, meta in rows:
            fp = Fingerprint.from_bytes(fpv) if isinstance(fpv, bytes) else fpv
            i = self._register(key, fp, meta)
            bk = fp.band_keys()
            band_k += bk
            band_i += [i] * len(bk)
            ak = fp.anchor_keys()
            anc_k += ak
            anc_i += [i] * len(ak)
            self._xl_postings(self._language[i]).add(i, _keys63(fp.summary.index_keys()))
        self._bands.add_bulk(np.array(band_k, dtype=np.int64), np.array(band_i, dtype=np.int32))
        self._anchors.add_bulk(np.array(anc_k, dtype=np.int64), np.array(anc_i, dtype=np.int32))

    def _boiler_mask(self, uniq: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Which of the (distinct) anchor keys are some outlet's boilerplate.

        An anchor is boilerplate when at least ``min_outlet_df`` stored articles of ONE outlet
        carry it (a sign-off such as "Ce sujet a été diffusé dans le journal télévisé de 20H
        du …", a recurring standfirst), or ``always_df`` articles of any outlets do. A passage
        copied by many outlets a few times each is not boilerplate. Once boilerplate, an
        anchor stays so (document frequencies only grow): positives are cached.
        """
        known = self._boilerplate
        mask = np.fromiter((k in known for k in uniq.tolist()), dtype=np.bool_, count=len(uniq))
        todo = np.flatnonzero(~mask)
        if not len(todo):
            return mask
        df, _, _ = self._anchors.gather(uniq[todo], -1)  # counts only
        mask[todo[df >= self.always_df]] = True
        # anchors checked before, whose frequency has not grown by a tenth, are still not
        # boilerplate: only the others are gathered and counted per outlet
        seen = self._not_boilerplate
        df_at = dict(zip(todo.tolist(), df.tolist(), strict=True))
        recheck = [
            t
            for t, k, n in zip(todo.tolist(), uniq[todo].tolist(), df.tolist(), strict=True)
            if self.min_outlet_df <= n < self.always_df and n > seen.get(k, 0) * 1.1
        ]
        todo = np.array(recheck, dtype=np.int64)
        if not len(todo):
            known.update(uniq[mask].tolist())
            return mask
        _, qidx, ids = self._anchors.gather(uniq[todo], self.always_df - 1)
        best = np.zeros(len(todo), dtype=np.int64)
        if len(ids):
            codes = self._outlet_code[ids].astype(np.int64)
            valid = codes >= 0
            n_codes = max(1, len(self._outlet_ids))
            pair, counts = np.unique(qidx[valid] * n_codes + codes[valid], return_counts=True)
            np.maximum.at(best, pair // n_codes, counts)
            mask[todo[best >= self.min_outlet_df]] = True
        for t in todo.tolist():
            if not mask[t]:
                seen[int(uniq[t])] = df_at[t]
        known.update(uniq[mask].tolist())
        return mask

    def boilerplate_anchors(self, keys: list[int]) -> set[int]:
        """The anchors among ``keys`` that are some outlet's boilerplate (see
        :meth:`_boiler_mask`)."""
        if not keys:
            return set()
        uniq = np.unique(np.array(keys, dtype=np.int64))
        return set(uniq[self._boiler_mask(uniq)].tolist())

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
        # --- bands
        b_doc: list[int] = []
        b_key: list[int] = []
        for d, fp in enumerate(fps):
            if not fp.empty:
                bk = fp.band_keys()
                b_key += bk
                b_doc += [d] * len(bk)
        if b_key:
            keys = np.array(b_key, dtype=np.int64)
            docs = np.array(b_doc, dtype=np.int64)
            uniq, inv = np.unique(keys, return_inverse=True)
            _, qidx, ids = self._bands.gather(uniq, self.max_band_df)
            if len(ids):
                d_of, i_of = self._join(qidx, ids, inv, docs)
                pairs_doc.append(d_of)
                pairs_id.append(i_of)
                pairs_kind.append(np.ones(len(d_of), dtype=np.int8))
        # --- exact text
        for d, fp in enumerate(fps):
            if fp.empty:
                continue
            same = self._hashes.get(fp.text_hash)
            if same:
                pairs_doc.append(np.full(len(same), d, dtype=np.int64))
                pairs_id.append(np.array(same, dtype=np.int64))
                pairs_kind.append(np.full(len(same), 2, dtype=np.int8))
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
        jac = (self._sigs[ci] == q_sigs[cd]).sum(axis=1) / minhash.NUM_PERM
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
        own = fp.language or "?"
        if fp.empty or not any(lang != own for lang in self._xl):
            return []
        keys = fp.summary.index_keys()
        if len(keys) < min_shared:
            return []
        hashed = _keys63(keys)
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
