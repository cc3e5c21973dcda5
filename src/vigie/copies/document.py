"""What copy classification needs to know about one article (:class:`CopyDoc`)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from vigie.article import OffsetMap, Removal
from vigie.copies.fingerprint import Fingerprint, fingerprint
from vigie.copies.tokens import Sentence, Tokens, sentences, tokenize

if TYPE_CHECKING:
    from vigie.article import Article

__all__ = ["CopyDoc"]


@dataclass(eq=False)
class CopyDoc:
    """An article seen by the copy detector.

    ``text`` is the original, ``clean_text`` the text with furniture cut out, ``offset_map``
    maps clean offsets to the original and ``cuts`` lists the clean offsets where something was
    cut (no evidence passage runs across one). ``citations``: names of outlets the article
    cites, when another stage found them (vigie also looks for "selon <outlet>" itself).
    Tokens, sentences, embeddings and the fingerprint are computed once, when first needed.
    """

    key: str
    text: str
    clean_text: str
    offset_map: OffsetMap
    cuts: tuple[int, ...] = ()
    language: str | None = None
    published: str | None = None
    outlet: str | None = None
    title: str | None = None
    citations: tuple[str, ...] = ()
    #: indices of tokens that are the outlet's boilerplate (set by ``CopyIndex.mark_common``):
    #: never evidence of copying
    common: frozenset[int] = frozenset()
    #: index size when ``common`` was computed (0: never)
    common_at: int = 0
    _tokens: Tokens | None = field(default=None, repr=False)
    _sentences: list[Sentence] | None = field(default=None, repr=False)
    _embeddings: NDArray[np.float32] | None = field(default=None, repr=False)
    _fingerprint: Fingerprint | None = field(default=None, repr=False)
    _segments: list[int] | None = field(default=None, repr=False)

    @classmethod
    def from_text(
        cls,
        key: str,
        text: str,
        *,
        removed: list[Removal] | None = None,
        language: str | None = None,
        published: str | None = None,
        outlet: str | None = None,
        title: str | None = None,
        citations: tuple[str, ...] = (),
        clean_text: str | None = None,
    ) -> CopyDoc:
        """``clean_text``: ``text`` with ``removed`` cut out, when already at hand."""
        from vigie.article import apply_removals

        rem = sorted(removed or [], key=lambda r: r.start)
        clean = clean_text if clean_text is not None else apply_removals(text, rem)
        cuts: list[int] = []
        removed_before = 0
        for r in rem:
            cuts.append(r.start - removed_before)
            removed_before += r.end - r.start
        omap = OffsetMap([(r.start, r.end) for r in rem], len(text))
        return cls(
            key,
            text,
            clean,
            omap,
            tuple(cuts),
            language,
            published,
            outlet,
            title,
            tuple(citations),
        )

    @classmethod
    def from_article(cls, article: Article, key: str | None = None) -> CopyDoc:
        """From a pipeline :class:`~vigie.article.Article` (``results["citations"]``, when
        present, lists cited outlets: names, or the quotes stage's ``{"outlet": …}`` records;
        ``results["fingerprint"]`` is reused)."""
        cited = [
            c.get("outlet") if isinstance(c, dict) else c
            for c in article.results.get("citations") or ()
        ]
        doc = cls.from_text(
            key or article.article_id,
            article.text,
            removed=list(article.removed),
            language=article.language,
            published=article.published,
            outlet=article.outlet,
            title=article.title,
            citations=tuple(str(c) for c in cited if isinstance(c, str)),
            clean_text=article.clean_text,
        )
        fp = article.results.get("fingerprint")
        if isinstance(fp, dict):
            doc._fingerprint = Fingerprint.from_dict(fp)
        elif isinstance(fp, Fingerprint):
            doc._fingerprint = fp
        return doc

    @property
    def tokens(self) -> Tokens:
        if self._tokens is None:
            if not self.cuts:
                self._tokens = tokenize(self.clean_text)
            else:  # tokenise segment by segment: no token may straddle a cut
                words: list[str] = []
                starts: list[int] = []
                ends: list[int] = []
                linky: list[bool] = []
                bounds = [0, *self.cuts, len(self.clean_text)]
                for lo, hi in itertools.pairwise(bounds):
                    if hi <= lo:
                        continue
                    t = tokenize(self.clean_text[lo:hi])
                    words += t.words
                    starts += [x + lo for x in t.starts]
                    ends += [x + lo for x in t.ends]
                    linky += t.linky
                self._tokens = Tokens(words, starts, ends, linky)
        return self._tokens

    @property
    def sentences(self) -> list[Sentence]:
        if self._sentences is None:
            self._sentences = sentences(self.clean_text)
        return self._sentences

    @property
    def fingerprint(self) -> Fingerprint:
        if self._fingerprint is None:
            self._fingerprint = fingerprint(self.clean_text, self.language)
        return self._fingerprint

    @property
    def known_fingerprint(self) -> Fingerprint | None:
        """The fingerprint when it is already at hand (given, or computed), else None."""
        return self._fingerprint

    def set_fingerprint(self, fp: Fingerprint) -> None:
        """Give the fingerprint computed earlier from this clean text (not computed again)."""
        self._fingerprint = fp

    def embeddings(self) -> NDArray[np.float32]:
        if self._embeddings is None:
            from vigie.copies.translation import embed

            self._embeddings = embed([s.text for s in self.sentences])
        return self._embeddings

    def segments(self) -> list[int]:
        """Segment number of each token: changes at every cut and around link tokens."""
        if self._segments is None:
            linky = self.tokens.linky
            if not self.cuts:
                segs = [1 if k else 0 for k in linky] if any(linky) else [0] * len(linky)
            else:
                starts = np.array(self.tokens.starts, dtype=np.int64)
                base = np.searchsorted(np.array(self.cuts, dtype=np.int64), starts, "right") * 2
                segs = (base + np.array(linky, dtype=np.int64)).tolist()
            self._segments = segs
        return self._segments

    def original_span(self, clean_start: int, clean_end: int) -> tuple[int, int]:
        return self.offset_map.span_to_original(clean_start, clean_end)

    def ignored(self) -> list[bool]:
        """Per token: True for link tokens and outlet boilerplate (not counted as content)."""
        linky = self.tokens.linky
        if not self.common:
            return list(linky)
        return [k or i in self.common for i, k in enumerate(linky)]

    def content_words(self) -> int:
        return sum(1 for k in self.ignored() if not k)
