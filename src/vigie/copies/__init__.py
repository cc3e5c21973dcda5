"""Who copied whom: verbatim, edited, partial and translated republication between outlets.

* :func:`fingerprint` / :class:`Fingerprint` — per-article, cheap, serialisable (stage
  ``fingerprints``);
* :class:`CopyIndex` — incremental candidate search (LSH bands, anchors, cross-language keys);
* :func:`classify` → :class:`CopyRelation` — kind, score, aligned evidence with original
  offsets, edits, direction, lag, machine-translation signs;
* :class:`CopyMatcher` — one new article against the store, with its lineage parent;
* :func:`lineage_chains` — A → B → C chains from parent links.

Integration (store and CLI)::

    # ingest: the "fingerprints" stage put results["fingerprint"] (a JSON-safe dict) on each
    # article; the store keeps it (e.g. a BLOB of Fingerprint.to_bytes()) with published,
    # language and outlet. At start-up:
    index = CopyIndex.bulk_load((key, fp_bytes, IndexMeta(epoch, lang, outlet)) for ...)
    matcher = CopyMatcher(index, load=lambda key: CopyDoc.from_article(store.get(key), key))
    # per ingest batch (articles already stored, so their keys exist):
    for res in matcher.match_batch([CopyDoc.from_article(a, key) for key, a in batch]):
        store.save_relations(res.relations)       # CopyRelation.to_dict(): kind, score, ...
        store.set_parent(res.key, res.parent)     # closest earlier source, or None
        for child in res.children:                # this article turned out to be older
            store.set_parent(child, parent_of(child, store.relations_of(child)))

Relations are symmetric facts about a pair (``a``, ``b``) with ``source``/``copy`` set only
when the direction is known; a store keeps one row per pair.
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
