"""Who copied whom: verbatim, edited, partial and translated republication between outlets.

* :func:`fingerprint` / :class:`Fingerprint` — per-article, cheap, serialisable (stage
  ``fingerprints``);
* :class:`CopyIndex` — incremental candidate search (LSH bands, anchors, cross-language keys);
* :func:`classify` → :class:`CopyRelation` — kind, score, aligned evidence with original
  offsets, edits, direction, lag, machine-translation signs;
* :class:`CopyMatcher` — one new article against the store, with its lineage parent;
* :func:`lineage_chains` — A → B → C chains from parent links.
"""

from vigie.copies.classify import CopyRelation, Edit, Passage, Thresholds, classify
from vigie.copies.direction import Direction, decide_direction, lineage_chains
from vigie.copies.document import CopyDoc
from vigie.copies.fingerprint import Fingerprint, fingerprint
from vigie.copies.index import Candidate, CopyIndex, IndexMeta, index_rows
from vigie.copies.matcher import CopyMatcher, MatchResult, parent_of
from vigie.copies.mtsigns import MTSign, mt_signs

__all__ = [
    "Candidate",
    "CopyDoc",
    "CopyIndex",
    "CopyMatcher",
    "CopyRelation",
    "Direction",
    "Edit",
    "Fingerprint",
    "IndexMeta",
    "MTSign",
    "MatchResult",
    "Passage",
    "Thresholds",
    "classify",
    "decide_direction",
    "fingerprint",
    "index_rows",
    "lineage_chains",
    "mt_signs",
    "parent_of",
]
