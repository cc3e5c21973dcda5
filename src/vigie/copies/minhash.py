"""Shingle hashing, MinHash signatures, LSH band keys and winnowed anchors, in numpy.

Everything here is deterministic across processes and runs (no salted ``hash()``): words hash
as a polynomial over their code points, shingles combine word hashes with fixed odd
multipliers and a splitmix64 finaliser, and the MinHash permutations come from a fixed seed.
A signature computed today compares with one stored last year.

* MinHash over ``SHINGLE``-word shingles, ``NUM_PERM`` permutations of the multiply-shift
  family ``(a·x + b) mod 2⁶⁴ >> 32`` on 32-bit shingle hashes; banded into ``BANDS`` bands of
  ``ROWS`` rows for LSH (two articles become candidates when one band agrees).
* Anchors: winnowing (the minimum hash of every window of ``WINDOW`` consecutive
  ``ANCHOR_SHINGLE``-word shingles). Any passage of at least ``WINDOW + ANCHOR_SHINGLE - 1``
  words shared verbatim by two texts yields at least one shared anchor, whatever surrounds it:
  that is what finds a passage reused inside a different article.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "ANCHOR_SHINGLE",
    "BANDS",
    "NUM_PERM",
    "ROWS",
    "SHINGLE",
    "WINDOW",
    "anchor_positions",
    "anchors",
    "anchors_of_texts",
    "band_key_matrix",
    "band_keys",
    "estimate_jaccard",
    "mix",
    "signature",
    "signatures",
    "word_hashes",
]

SHINGLE = 3
NUM_PERM = 64
BANDS = 32
ROWS = 2
ANCHOR_SHINGLE = 5
WINDOW = 16  # a power of two
#: value of an empty signature slot (text too short to have a shingle)
EMPTY = np.uint32(0xFFFFFFFF)

_MASK63 = (1 << 63) - 1
_rng = np.random.default_rng(20240917)
_PERM_A = (_rng.integers(1, 2**63, size=NUM_PERM, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)
_PERM_B = _rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)
_MULT = np.array(
    [
        0x9E3779B97F4A7C15,
        0xC2B2AE3D27D4EB4F,
        0x165667B19E3779F9,
        0xD6E8FEB86659FD93,
        0xFF51AFD7ED558CCD,
        0xC4CEB9FE1A85EC53,
        0x85EBCA77C2B2AE63,
        0x27D4EB2F165667C5,
    ],
    dtype=np.uint64,
)
_BAND_SALT = np.arange(1, BANDS + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)


def mix(x: NDArray[np.uint64]) -> NDArray[np.uint64]:
    """splitmix64 finaliser, element-wise (wrapping arithmetic on arrays never warns)."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


_MAX_WORD = 48
_POWERS = np.cumprod(np.full(_MAX_WORD, 0x100000001B3, dtype=np.uint64))


def word_hashes(words: list[str]) -> NDArray[np.uint64]:
    """64-bit hash of each (folded) word: a polynomial over its code points, then mixed."""
    if not words:
        return np.zeros(0, dtype=np.uint64)
    if max(map(len, words)) > _MAX_WORD:
        words = [w if len(w) <= _MAX_WORD else f"{w[:30]}{len(w)}{w[-10:]}" for w in words]
    arr = np.array(words)
    width = arr.dtype.itemsize // 4
    cps = arr.view(np.uint32).reshape(len(words), width).astype(np.uint64)
    poly: NDArray[np.uint64] = np.asarray(cps @ _POWERS[:width], dtype=np.uint64)
    return mix(poly)


def shingle_hashes(wh: NDArray[np.uint64], k: int) -> NDArray[np.uint64]:
    """64-bit hashes of every run of ``k`` consecutive words (none when fewer words)."""
    n = len(wh) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    acc: NDArray[np.uint64] = wh[:n] * _MULT[0]
    for j in range(1, k):
        acc = acc + wh[j : j + n] * _MULT[j]
    return mix(acc)


def signature(wh: NDArray[np.uint64]) -> NDArray[np.uint32]:
    """MinHash signature (``NUM_PERM`` uint32) of the set of ``SHINGLE``-word shingles."""
    sh = shingle_hashes(wh, SHINGLE)
    if len(sh) == 0:
        return np.full(NUM_PERM, EMPTY, dtype=np.uint32)
    x = sh >> np.uint64(32)
    v = (_PERM_A[:, None] * x[None, :] + _PERM_B[:, None]) >> np.uint64(32)
    return v.min(axis=1).astype(np.uint32)


#: most shingles whose permuted values are held in memory at once (64 × 8 bytes each)
_CHUNK = 8192


def _text_ids(lengths: NDArray[np.int64]) -> NDArray[np.int64]:
    return np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)


def _shingles_of_texts(
    wh: NDArray[np.uint64], lengths: NDArray[np.int64], k: int
) -> tuple[NDArray[np.uint64], NDArray[np.int64]]:
    """Shingle hashes of many texts whose word hashes ``wh`` lie end to end (``lengths``
    words each), with the text each comes from; no shingle spans two texts."""
    sh = shingle_hashes(wh, k)
    if not len(sh):
        return sh, np.zeros(0, dtype=np.int64)
    tid = _text_ids(lengths)
    inside = tid[: len(sh)] == tid[k - 1 :]
    return sh[inside], tid[: len(sh)][inside]


def signatures(wh: NDArray[np.uint64], lengths: NDArray[np.int64]) -> NDArray[np.uint32]:
    """MinHash signatures of many texts at once (row ``i``: ``signature`` of text ``i``),
    from the word hashes of all texts end to end (``lengths``: words of each text)."""
    n = len(lengths)
    out = np.full((n, NUM_PERM), EMPTY, dtype=np.uint32)
    sh, tid = _shingles_of_texts(wh, lengths, SHINGLE)
    if not len(sh):
        return out
    x = sh >> np.uint64(32)
    texts, starts = np.unique(tid, return_index=True)
    # texts in groups of at most about _CHUNK shingles (a longer text is a group alone)
    bounds = [*starts.tolist(), len(x)]
    g0 = 0
    while g0 < len(texts):
        g1 = g0 + 1
        while g1 < len(texts) and bounds[g1 + 1] - bounds[g0] <= _CHUNK:
            g1 += 1
        lo, hi = bounds[g0], bounds[g1]
        v = _PERM_A[:, None] * x[None, lo:hi]
        v += _PERM_B[:, None]
        v >>= np.uint64(32)
        mins = np.minimum.reduceat(v, starts[g0:g1] - lo, axis=1)
        out[texts[g0:g1]] = mins.T.astype(np.uint32)
        g0 = g1
    return out


def anchors_of_texts(wh: NDArray[np.uint64], lengths: NDArray[np.int64]) -> list[list[int]]:
    """``anchors`` of many texts at once (same input as :func:`signatures`)."""
    n = len(lengths)
    out: list[list[int]] = [[] for _ in range(n)]
    sh, tid = _shingles_of_texts(wh, lengths, ANCHOR_SHINGLE)
    if not len(sh):
        return out
    sh = sh & np.uint64(_MASK63)
    counts = np.bincount(tid, minlength=n)
    # texts with more than WINDOW shingles: minima of the windows lying inside one text
    w_val = _window_min(sh)
    w_tid = tid[: len(w_val)]
    inside = (w_tid == tid[WINDOW - 1 :]) & (counts[w_tid] > WINDOW)
    # texts with at most WINDOW shingles: their one minimum
    few = np.flatnonzero((counts > 0) & (counts <= WINDOW))
    starts = np.cumsum(counts) - counts
    few_min = sh[:0]
    if len(few):  # reduceat over (start, end) pairs; the odd results are discarded
        pairs = np.stack([starts[few], starts[few] + counts[few]], axis=1).ravel()
        few_min = np.minimum.reduceat(np.append(sh, np.uint64(0)), pairs)[::2]
    t_all = np.concatenate([w_tid[inside], few])
    h_all = np.concatenate([w_val[inside], few_min])
    order = np.lexsort((h_all, t_all))
    t_all, h_all = t_all[order], h_all[order]
    keep = np.ones(len(t_all), dtype=np.bool_)
    keep[1:] = (t_all[1:] != t_all[:-1]) | (h_all[1:] != h_all[:-1])
    t_all, h_all = t_all[keep], h_all[keep]
    cuts = np.flatnonzero(np.diff(t_all)) + 1
    for t, hs in zip(
        t_all[np.r_[0, cuts]].tolist(), np.split(h_all.astype(np.int64), cuts), strict=True
    ):
        out[t] = hs.tolist()
    return out


def band_keys(sig: NDArray[np.uint32]) -> list[int]:
    """One 63-bit key per band (empty list for an empty signature)."""
    if len(sig) != NUM_PERM or bool((sig == EMPTY).all()):
        return []
    keys: list[int] = band_key_matrix(sig[None, :])[0].tolist()
    return keys


def band_key_matrix(sigs: NDArray[np.uint32]) -> NDArray[np.int64]:
    """The band keys of many signatures at once (one row per signature, ``BANDS`` columns);
    row ``i`` holds ``band_keys(sigs[i])`` for a signature that is not empty."""
    sigs = np.ascontiguousarray(sigs, dtype="<u4").reshape(-1, NUM_PERM)
    if ROWS == 2:  # a band's two slots, read as one little-endian 64-bit value
        packed = sigs.view("<u8").astype(np.uint64)
        acc = mix(packed ^ _BAND_SALT)
    else:
        rows = sigs.astype(np.uint64).reshape(len(sigs), BANDS, ROWS)
        acc = np.broadcast_to(_BAND_SALT, (len(sigs), BANDS)).copy()
        for j in range(ROWS):
            acc = mix(acc + rows[:, :, j] * _MULT[j])
    return (acc & np.uint64(_MASK63)).astype(np.int64)


def anchors(wh: NDArray[np.uint64]) -> list[int]:
    """Winnowed anchor hashes (63-bit, sorted, distinct) of ``ANCHOR_SHINGLE``-word shingles."""
    sh = shingle_hashes(wh, ANCHOR_SHINGLE)
    if len(sh) == 0:
        return []
    sh = sh & np.uint64(_MASK63)
    if len(sh) <= WINDOW:
        return [int(sh.min())]
    picked: list[int] = np.unique(_window_min(sh)).tolist()
    return picked


def _window_min(sh: NDArray[np.uint64]) -> NDArray[np.uint64]:
    """Minimum of every ``WINDOW`` consecutive values (log2(WINDOW) shifted minima)."""
    m = sh
    step = 1
    while step < WINDOW:  # WINDOW is a power of two
        m = np.minimum(m[:-step], m[step:])
        step *= 2
    return m


def anchor_positions(wh: NDArray[np.uint64]) -> list[tuple[int, int]]:
    """``(anchor hash, first word index)`` of every anchor occurrence (same anchors as
    :func:`anchors`)."""
    sh = shingle_hashes(wh, ANCHOR_SHINGLE)
    if len(sh) == 0:
        return []
    sh = sh & np.uint64(_MASK63)
    chosen = {int(sh.min())} if len(sh) <= WINDOW else set(np.unique(_window_min(sh)).tolist())
    return [(h, i) for i, h in enumerate(sh.tolist()) if h in chosen]


def estimate_jaccard(a: NDArray[np.uint32], b: NDArray[np.uint32]) -> float:
    """Share of agreeing MinHash slots (0 when either signature is empty)."""
    if bool((a == EMPTY).all()) or bool((b == EMPTY).all()):
        return 0.0
    return float(np.count_nonzero(a == b)) / len(a)
