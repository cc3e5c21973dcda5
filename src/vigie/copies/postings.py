"""An append-only inverted index from 63-bit keys to integer ids, compact and fast to grow.

New postings go to a small dict; when it fills it becomes a sorted run (two numpy arrays), and
runs of similar size merge, like a binary counter (a log-structured merge). A lookup binary-
searches each run (at most about log₂(n) of them), so it costs the same at 10k or 10M postings;
memory is 12 bytes a posting.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from numpy.typing import NDArray

__all__ = ["Postings"]

_PENDING_MAX = 50_000


class _Run:
    """A sorted run of keys, with the id of each posting (``ids`` is None for counts only)."""

    __slots__ = ("ids", "keys")

    def __init__(
        self, keys: NDArray[np.int64], ids: NDArray[np.int32] | None, *, ordered: bool = False
    ) -> None:
        if ordered:
            self.keys, self.ids = keys, ids
        elif ids is None:
            self.keys, self.ids = np.sort(keys), None
        else:  # the order of the ids of one key does not matter
            order = np.argsort(keys)
            self.keys = keys[order]
            self.ids = ids[order]

    def __len__(self) -> int:
        return len(self.keys)

    def merged(self, later: _Run) -> _Run:
        """Both runs as one, in key order (for equal keys, this run's postings first): each
        posting of ``later`` goes after the postings of this run with a key up to its own."""
        n = len(self) + len(later)
        at = np.searchsorted(self.keys, later.keys, "right")
        at += np.arange(len(later), dtype=at.dtype)
        mine = np.ones(n, dtype=np.bool_)
        mine[at] = False
        keys = np.empty(n, dtype=np.int64)
        keys[at] = later.keys
        keys[mine] = self.keys
        if self.ids is None or later.ids is None:
            return _Run(keys, None, ordered=True)
        ids = np.empty(n, dtype=np.int32)
        ids[at] = later.ids
        ids[mine] = self.ids
        return _Run(keys, ids, ordered=True)


def _ids_of(run: _Run) -> NDArray[np.int32]:
    if run.ids is None:
        raise TypeError("these postings keep counts only")
    return run.ids


class Postings:
    """key → ids, with per-key document frequency available at lookup.

    ``with_ids=False``: only counts are kept (8 bytes a posting; ``gather`` and ``lookup``
    then return no ids)."""

    def __init__(self, *, with_ids: bool = True) -> None:
        self._pending: dict[int, list[int]] = {}
        self._pending_n = 0
        self._runs: list[_Run] = []
        self._with_ids = with_ids

    def __len__(self) -> int:
        return self._pending_n + sum(len(r) for r in self._runs)

    def add(self, doc_id: int, keys: Iterable[int]) -> None:
        for k in keys:
            self._pending.setdefault(k, []).append(doc_id)
            self._pending_n += 1
        if self._pending_n >= _PENDING_MAX:
            self.flush()

    def add_bulk(self, keys: NDArray[np.int64], ids: NDArray[np.int32]) -> None:
        """Add many postings at once (as one sorted run)."""
        if len(keys):
            kept = ids.astype(np.int32) if self._with_ids else None
            self._runs.append(_Run(keys.astype(np.int64), kept))
            self._compact()

    def flush(self) -> None:
        if not self._pending_n:
            return
        keys = np.fromiter(
            (k for k, ids in self._pending.items() for _ in ids), np.int64, self._pending_n
        )
        ids = np.fromiter((i for v in self._pending.values() for i in v), np.int32, self._pending_n)
        self._pending = {}
        self._pending_n = 0
        self._runs.append(_Run(keys, ids if self._with_ids else None))
        self._compact()

    def runs(self) -> list[tuple[NDArray[np.int64], NDArray[np.int32] | None]]:
        """The postings as sorted runs ``(keys, ids)`` (pending postings flushed first): what
        :meth:`from_runs` takes back."""
        self.flush()
        return [(r.keys, r.ids) for r in self._runs]

    @classmethod
    def from_runs(
        cls,
        runs: list[tuple[NDArray[np.int64], NDArray[np.int32] | None]],
        *,
        with_ids: bool = True,
    ) -> Postings:
        """Postings from sorted runs saved by :meth:`runs` (each run's keys in order)."""
        out = cls(with_ids=with_ids)
        for keys, ids in runs:
            if len(keys) > 1 and bool((keys[1:] < keys[:-1]).any()):
                raise ValueError("postings run keys are not sorted")
            if with_ids and (ids is None or len(ids) != len(keys)):
                raise ValueError("postings run ids do not match its keys")
            out._runs.append(
                _Run(
                    keys.astype(np.int64, copy=False),
                    ids.astype(np.int32, copy=False) if with_ids and ids is not None else None,
                    ordered=True,
                )
            )
        out._compact()
        return out

    def _compact(self) -> None:
        """Merge runs, smallest first, while the merged run is at least half the size of the
        next: each run is then more than twice the size of the one before, so there are at
        most about log₂(n) of them whatever sizes the added runs have."""
        if len(self._runs) < 2:
            return
        runs = sorted(self._runs, key=len)
        out: list[_Run] = []
        acc = runs[0]
        for run in runs[1:]:
            if len(acc) * 2 >= len(run):
                acc = acc.merged(run)
            else:
                out.append(acc)
                acc = run
        out.append(acc)
        out.reverse()
        self._runs = out

    def gather(
        self, q: NDArray[np.int64], max_df: int
    ) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int32]]:
        """Vectorised lookup of many keys at once: ``(df, qidx, ids)`` where ``df[i]`` counts
        the postings of ``q[i]`` and ``(qidx[j], ids[j])`` lists every posting of every key
        whose ``df`` is at most ``max_df`` (keys above it are counted, not gathered)."""
        n = len(q)
        df = np.zeros(n, dtype=np.int64)
        spans: list[tuple[_Run, NDArray[np.intp], NDArray[np.intp]]] = []
        for run in self._runs:
            left = np.searchsorted(run.keys, q, "left")
            right = np.searchsorted(run.keys, q, "right")
            df += right - left
            spans.append((run, left, right))
        pending: list[tuple[int, list[int]]] = []
        if self._pending:
            get = self._pending.get
            for i, k in enumerate(q.tolist()):
                p = get(k)
                if p:
                    df[i] += len(p)
                    pending.append((i, p))
        ok = df <= max_df
        qparts: list[NDArray[np.int64]] = []
        iparts: list[NDArray[np.int32]] = []
        for run, left, right in spans:
            cnt = np.where(ok, right - left, 0)
            total = int(cnt.sum())
            if not total:
                continue
            rows = np.repeat(np.arange(n, dtype=np.int64), cnt)
            offs = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(cnt) - cnt, cnt)
            qparts.append(rows)
            iparts.append(_ids_of(run)[np.repeat(left, cnt) + offs])
        for i, p in pending:
            if ok[i]:
                qparts.append(np.full(len(p), i, dtype=np.int64))
                iparts.append(np.array(p, dtype=np.int32))
        if not qparts:
            return df, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int32)
        return df, np.concatenate(qparts), np.concatenate(iparts)

    def df(self, keys: list[int] | NDArray[np.int64]) -> NDArray[np.int64]:
        """How many postings each key has."""
        q = np.asarray(keys, dtype=np.int64)
        counts = np.zeros(len(q), dtype=np.int64)
        for run in self._runs:
            counts += np.searchsorted(run.keys, q, "right") - np.searchsorted(run.keys, q, "left")
        if self._pending:
            get = self._pending.get
            for i, k in enumerate(q.tolist()):
                p = get(k)
                if p:
                    counts[i] += len(p)
        return counts

    def lookup(self, keys: list[int], max_df: int) -> list[tuple[int, NDArray[np.int32]]]:
        """For each query key (by position) whose postings number at most ``max_df``: its ids."""
        if not keys:
            return []
        q = np.array(keys, dtype=np.int64)
        counts = np.zeros(len(q), dtype=np.int64)
        spans: list[tuple[_Run, NDArray[np.intp], NDArray[np.intp]]] = []
        for run in self._runs:
            left = np.searchsorted(run.keys, q, "left")
            right = np.searchsorted(run.keys, q, "right")
            counts += right - left
            spans.append((run, left, right))
        for i, k in enumerate(keys):
            p = self._pending.get(k)
            if p:
                counts[i] += len(p)
        out: list[tuple[int, NDArray[np.int32]]] = []
        for i in np.flatnonzero((counts > 0) & (counts <= max_df)).tolist():
            parts = [
                _ids_of(run)[left[i] : right[i]] for run, left, right in spans if right[i] > left[i]
            ]
            p = self._pending.get(keys[i])
            if p:
                parts.append(np.array(p, dtype=np.int32))
            out.append((i, parts[0] if len(parts) == 1 else np.concatenate(parts)))
        return out
