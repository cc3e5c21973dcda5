"""Lead vectors: a second way to find translation candidates, for texts that share few names.

The summary keys (numbers, dates, names) find the translations of news items, which are full
of them; an explainer, an answer or an opinion piece may share fewer than three with its
translation and is then never compared. A lead vector is the multilingual sentence
embedding of an article's title and first sentences (its "lead"); the stored article whose
lead is closest, in each other language within the date window, becomes a candidate too, and
the sentence alignment of :mod:`vigie.copies.classify` then decides, as for any candidate.

Vectors cost an embedding (2–4 ms of CPU an article), so they are computed only where they
can matter: for an article when at least ``MIN_PRESENT`` articles of another language, and as
many of its own, lie in its window, and for those articles (once each; kept with the copy
index). A store of one language never computes one, nor does a stray misidentified item.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from vigie.copies.document import CopyDoc

__all__ = ["LEAD_SENTENCES", "MIN_PRESENT", "LeadVectors", "lead_text", "lead_vectors"]

#: sentences of the lead (after the title; one more when there is no title)
LEAD_SENTENCES = 2
#: articles of another language that must lie in an article's window for its lead to be
#: searched (a misidentified item or two do not make a store multilingual)
MIN_PRESENT = 5
_DIM = 512


def lead_text(title: str | None, sentences: list[str]) -> list[str]:
    """The lead's pieces: the title (when there is one) and the first sentences."""
    head = [title.strip()] if title and title.strip() else []
    return head + sentences[: LEAD_SENTENCES + (0 if head else 1)]


def lead_vectors(docs: Sequence[CopyDoc]) -> NDArray[np.float32]:
    """The lead vector of each document (the mean of its lead's sentence embeddings,
    normalised; zeros for a document with no text), embedded in one call."""
    from vigie.copies.translation import embed

    pieces = [lead_text(d.title, [s.text for s in d.sentences]) for d in docs]
    flat = [t for p in pieces for t in p]
    out = np.zeros((len(docs), _DIM), dtype=np.float32)
    if not flat:
        return out
    emb = embed(flat)
    at = 0
    for j, p in enumerate(pieces):
        if p:
            v = emb[at : at + len(p)].sum(axis=0)
            out[j] = v / max(float(np.linalg.norm(v)), 1e-9)
            at += len(p)
    return out


class LeadVectors:
    """Lead vectors by index id (float16, 1 kB each), added as they are computed."""

    def __init__(self) -> None:
        self._rows: dict[int, int] = {}
        self._ids = np.zeros(256, dtype=np.int64)
        self._vecs = np.zeros((256, _DIM), dtype=np.float16)

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._rows

    def add(self, doc_id: int, vec: NDArray[np.float32]) -> None:
        if doc_id in self._rows:
            return
        n = len(self._rows)
        if n >= len(self._ids):
            cap = 2 * len(self._ids)
            ids = np.zeros(cap, dtype=np.int64)
            ids[:n] = self._ids[:n]
            vecs = np.zeros((cap, _DIM), dtype=np.float16)
            vecs[:n] = self._vecs[:n]
            self._ids, self._vecs = ids, vecs
        self._ids[n] = doc_id
        self._vecs[n] = vec
        self._rows[doc_id] = n

    def vector(self, doc_id: int) -> NDArray[np.float32]:
        return self._vecs[self._rows[doc_id]].astype(np.float32)

    def best(self, vec: NDArray[np.float32], ids: NDArray[np.int64]) -> tuple[int, float] | None:
        """The id among ``ids`` (those with a vector) whose lead is closest to ``vec``."""
        rows = [self._rows[i] for i in ids.tolist() if i in self._rows]
        if not rows:
            return None
        sims = self._vecs[rows].astype(np.float32) @ vec
        k = int(np.argmax(sims))
        return int(self._ids[rows[k]]), float(sims[k])

    def arrays(self) -> tuple[NDArray[np.int64], NDArray[np.float16]]:
        n = len(self._rows)
        return self._ids[:n].copy(), self._vecs[:n].copy()

    @classmethod
    def from_arrays(cls, ids: NDArray[np.int64], vecs: NDArray[np.float16]) -> LeadVectors:
        if vecs.ndim != 2 or vecs.shape[1] != _DIM or len(ids) != len(vecs):
            raise ValueError("lead vectors do not fit their ids")
        out = cls()
        n = len(ids)
        cap = max(256, n)
        out._ids = np.zeros(cap, dtype=np.int64)
        out._ids[:n] = ids
        out._vecs = np.zeros((cap, _DIM), dtype=np.float16)
        out._vecs[:n] = vecs
        out._rows = {int(i): k for k, i in enumerate(ids.tolist())}
        if len(out._rows) != n:
            raise ValueError("lead vectors name an article twice")
        return out
