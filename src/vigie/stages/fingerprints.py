"""Stage ``fingerprints``: the copy-detection fingerprint of each article's clean text.

Cheap by design (numpy MinHash over word 3-shingles, winnowed anchors, a summary of numbers,
dates and names; no embeddings). Its batched form hashes the words of a whole pipeline batch
at once: about 0.25 ms for a 1,200-character article on one core (one at a time: about 0.35).
The result is JSON-safe (``Fingerprint.to_dict()``); the store keeps it and feeds it to
:class:`vigie.copies.CopyIndex` (see that module for what to persist).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from vigie.copies.fingerprint import MIN_WORDS, Fingerprint, fingerprint, fingerprint_many
from vigie.pipeline.registry import stage

if TYPE_CHECKING:
    from vigie.article import Article
    from vigie.config import Options

__all__ = ["fingerprints"]


def _assign(article: Article, fp: Fingerprint) -> None:
    if fp.words < MIN_WORDS:
        article.note(
            "fingerprints",
            f"clean text has {fp.words} words (fewer than {MIN_WORDS}): too short to match",
        )
    article.results["fingerprint"] = fp.to_dict()


def _fingerprints_batch(articles: Sequence[Article], options: Options) -> None:
    """The batched form: the same fingerprints, the hashing done for all articles at once."""
    try:
        fps = fingerprint_many([a.clean_text for a in articles], [a.language for a in articles])
    except Exception:  # one odd article must not cost the batch: each on its own
        for a in articles:
            try:
                _assign(a, fingerprint(a.clean_text, a.language))
            except Exception as exc:
                a.add_error("fingerprints", exc)
        return
    for a, fp in zip(articles, fps, strict=True):
        _assign(a, fp)


@stage(
    "fingerprints",
    requires=("clean_text", "language"),
    assigns=("results.fingerprint",),
    batch=_fingerprints_batch,
)
def fingerprints(article: Article, options: Options) -> None:
    """Fingerprint of the clean text for copy detection (MinHash, anchors, summary)."""
    _assign(article, fingerprint(article.clean_text, article.language))
