"""The fingerprint of one article's clean text: what copy detection stores for every article.

A :class:`Fingerprint` holds a MinHash signature (near copies), winnowed anchors (reused
passages), a hash of the folded text (exact copies) and a :class:`~vigie.copies.summary.Summary`
(translations). It is built from the CLEAN text, so page furniture shared by an outlet's pages
never makes two of its articles look alike. Sentence embeddings are not part of it: they are
computed only for candidate translation pairs.

Serialisation: ``to_dict()``/``from_dict()`` give a JSON-safe dict (the signature as base64 of
little-endian uint32, anchors as integers); ``to_bytes()``/``from_bytes()`` the same as compact
UTF-8 JSON (about 0.5–1.5 kB an article).
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from vigie.copies import minhash
from vigie.copies.summary import Summary, summarize
from vigie.copies.tokens import content_words

__all__ = ["FINGERPRINT_VERSION", "MIN_WORDS", "Fingerprint", "fingerprint"]

FINGERPRINT_VERSION = 1
#: texts with fewer content words than this get no shingle keys (too short to judge)
MIN_WORDS = 12


@dataclass(frozen=True, slots=True, eq=False)
class Fingerprint:
    language: str | None
    words: int
    text_hash: str
    signature: NDArray[np.uint32]
    anchors: tuple[int, ...]
    summary: Summary
    version: int = FINGERPRINT_VERSION
    _bands: list[int] | None = field(default=None, repr=False, compare=False)

    @property
    def empty(self) -> bool:
        """True when the clean text has no content words at all."""
        return self.words == 0

    def band_keys(self) -> list[int]:
        """LSH band keys (63-bit; none for texts shorter than ``MIN_WORDS`` words)."""
        if self._bands is None:
            bands = minhash.band_keys(self.signature) if self.words >= MIN_WORDS else []
            object.__setattr__(self, "_bands", bands)
        return list(self._bands or [])

    def anchor_keys(self) -> list[int]:
        return list(self.anchors) if self.words >= MIN_WORDS else []

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Fingerprint):
            return NotImplemented
        return (
            self.language == other.language
            and self.words == other.words
            and self.text_hash == other.text_hash
            and bool(np.array_equal(self.signature, other.signature))
            and self.anchors == other.anchors
            and self.summary == other.summary
            and self.version == other.version
        )

    def to_datasketch(self) -> Any:
        """The signature as a ``datasketch.MinHash`` (for datasketch's ``MinHashLSH`` and its
        storage back-ends). Compare it only with signatures made by vigie: the permutations
        are vigie's own, not datasketch's."""
        from datasketch import MinHash

        return MinHash(
            num_perm=minhash.NUM_PERM,
            hashvalues=self.signature.astype(np.uint64),
            scheme="affine32",
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "v": self.version,
            "language": self.language,
            "words": self.words,
            "text_hash": self.text_hash,
            "signature": base64.b64encode(self.signature.astype("<u4").tobytes()).decode("ascii"),
            "anchors": list(self.anchors),
            "summary": self.summary.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Fingerprint:
        sig = np.frombuffer(base64.b64decode(d["signature"]), dtype="<u4").astype(np.uint32)
        if len(sig) != minhash.NUM_PERM:
            raise ValueError(f"fingerprint signature has {len(sig)} slots, not {minhash.NUM_PERM}")
        return cls(
            language=d.get("language"),
            words=int(d["words"]),
            text_hash=str(d["text_hash"]),
            signature=sig,
            anchors=tuple(int(a) for a in d.get("anchors", ())),
            summary=Summary.from_dict(d.get("summary", {})),
            version=int(d.get("v", FINGERPRINT_VERSION)),
        )

    def to_bytes(self) -> bytes:
        return json.dumps(self.to_dict(), separators=(",", ":")).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> Fingerprint:
        return cls.from_dict(json.loads(data.decode("utf-8")))


def fingerprint(clean_text: str, language: str | None = None) -> Fingerprint:
    """The fingerprint of a clean text."""
    words = content_words(clean_text)
    wh = minhash.word_hashes(words)
    text_hash = hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()[:20]
    return Fingerprint(
        language=language,
        words=len(words),
        text_hash=text_hash,
        signature=minhash.signature(wh),
        anchors=tuple(minhash.anchors(wh)),
        summary=summarize(clean_text, words),
    )
