"""Stage ``fingerprints``: the copy-detection fingerprint of each article's clean text.

Cheap by design (numpy MinHash over word 3-shingles, winnowed anchors, a summary of numbers,
dates and names; no embeddings): about 0.3–0.4 ms for a 1,200-character article on one core.
The result is JSON-safe (``Fingerprint.to_dict()``); the store keeps it and feeds it to
:class:`vigie.copies.CopyIndex` (see that module for what to persist).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vigie.copies.fingerprint import MIN_WORDS, fingerprint
from vigie.pipeline.registry import stage

if TYPE_CHECKING:
    from vigie.article import Article
    from vigie.config import Options

__all__ = ["fingerprints"]


@stage("fingerprints", requires=("clean_text", "language"), assigns=("results.fingerprint",))
def fingerprints(article: Article, options: Options) -> None:
    """Fingerprint of the clean text for copy detection (MinHash, anchors, summary)."""
    fp = fingerprint(article.clean_text, article.language)
    if fp.words < MIN_WORDS:
        article.note(
            "fingerprints",
            f"clean text has {fp.words} words (fewer than {MIN_WORDS}): too short to match",
        )
    article.results["fingerprint"] = fp.to_dict()
