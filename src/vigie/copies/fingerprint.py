"""The fingerprint of one article's clean text: what copy detection stores for every article.

A :class:`Fingerprint` holds a MinHash signature (near copies), winnowed anchors (reused
passages), a hash of the folded text (exact copies) and a :class:`~vigie.copies.summary.Summary`
(translations). It is built from the CLEAN text, so page furniture shared by an outlet's pages
never makes two of its articles look alike. Sentence embeddings are not part of it: they are
computed only for candidate translation pairs.

Serialisation: ``to_dict()``/``from_dict()`` give a JSON-safe dict (the signature as base64 of
little-endian uint32, anchors as integers); ``to_bytes()``/``from_bytes()`` a compact binary form
(about 0.3–0.8 kB an article; ``from_bytes`` also reads the JSON bytes of earlier versions).

:func:`fingerprint_many` computes the fingerprints of a batch of texts with the hashing done
for all of them at once (what the stage's batched form calls); the result is the same.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from vigie.copies import minhash
from vigie.copies.summary import Summary, summarize
from vigie.copies.tokens import content_words

__all__ = ["FINGERPRINT_VERSION", "MIN_WORDS", "Fingerprint", "fingerprint", "fingerprint_many"]

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
            anchors=tuple(map(int, d.get("anchors", ()))),
            summary=Summary.from_dict(d.get("summary", {})),
            version=int(d.get("v", FINGERPRINT_VERSION)),
        )

    def to_bytes(self) -> bytes:
        """Compact binary form (what the store keeps): a header, then the language, text
        hash, signature (little-endian uint32), anchors (little-endian int64) and the summary
        strings. :meth:`from_bytes` also reads the JSON form stores wrote before."""
        lang = (self.language or "").encode("utf-8")
        th = self.text_hash.encode("utf-8")
        sm = self.summary
        strings = _SEP_LIST.join(
            _SEP_ITEM.join(part) for part in (sm.numbers, sm.dates, sm.entities)
        ).encode("utf-8")
        head = _HEAD.pack(
            _BINARY,
            self.version,
            len(lang),
            len(th),
            self.words,
            sm.chars,
            sm.paragraphs,
            len(self.anchors),
            len(strings),
            self.language is None,
        )
        return b"".join(
            (
                head,
                lang,
                th,
                self.signature.astype("<u4").tobytes(),
                np.array(self.anchors, dtype="<i8").tobytes(),
                strings,
            )
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> Fingerprint:
        if data[:1] != bytes([_BINARY]):
            return cls.from_dict(json.loads(data.decode("utf-8")))
        _, version, n_lang, n_th, words, chars, paragraphs, n_anchors, n_str, no_lang = (
            _HEAD.unpack_from(data)
        )
        pos = _HEAD.size
        lang = data[pos : pos + n_lang].decode("utf-8")
        pos += n_lang
        text_hash = data[pos : pos + n_th].decode("utf-8")
        pos += n_th
        sig = np.frombuffer(data, dtype="<u4", count=minhash.NUM_PERM, offset=pos)
        pos += 4 * minhash.NUM_PERM
        anchors = np.frombuffer(data, dtype="<i8", count=n_anchors, offset=pos)
        pos += 8 * n_anchors
        parts = data[pos : pos + n_str].decode("utf-8").split(_SEP_LIST)
        numbers, dates, entities = (tuple(p.split(_SEP_ITEM)) if p else () for p in parts)
        return cls(
            language=None if no_lang else lang,
            words=words,
            text_hash=text_hash,
            signature=sig.astype(np.uint32),
            anchors=tuple(anchors.tolist()),
            summary=Summary(numbers, dates, entities, chars, paragraphs),
            version=version,
        )


#: first byte of the binary form (the JSON form starts with "{")
_BINARY = 1
#: marker, version, language and text-hash lengths, words, chars, paragraphs, anchors,
#: summary-strings length, whether the language is unknown
_HEAD = struct.Struct("<BBBBIIIII?")
_SEP_ITEM = "\x1f"
_SEP_LIST = "\x1e"


def fingerprint(clean_text: str, language: str | None = None) -> Fingerprint:
    """The fingerprint of a clean text."""
    return fingerprint_many([clean_text], [language])[0]


def fingerprint_many(
    clean_texts: Sequence[str], languages: Sequence[str | None] | None = None
) -> list[Fingerprint]:
    """The fingerprints of many clean texts (``languages``: of each text); the same as
    :func:`fingerprint` on each, with the hashing done for all texts at once."""
    langs = list(languages) if languages is not None else [None] * len(clean_texts)
    words = [content_words(t) for t in clean_texts]
    lengths = np.fromiter(map(len, words), np.int64, len(words))
    wh = minhash.word_hashes(list(itertools.chain.from_iterable(words)))
    sigs = minhash.signatures(wh, lengths)
    anchors = minhash.anchors_of_texts(wh, lengths)
    entity_keys: dict[str, str] = {}
    return [
        Fingerprint(
            language=lang,
            words=len(w),
            text_hash=hashlib.sha1(" ".join(w).encode("utf-8")).hexdigest()[:20],
            signature=sig,
            anchors=tuple(anc),
            summary=summarize(text, w, entity_keys=entity_keys),
        )
        for text, lang, w, sig, anc in zip(clean_texts, langs, words, sigs, anchors, strict=True)
    ]
