"""Classify a candidate pair: exact, near, partial or translated copy, with aligned evidence.

``classify(a, b)`` returns a :class:`CopyRelation` or None. Kinds:

* ``exact`` — the same clean text (case, accents and spacing aside);
* ``near`` — an edited copy: most of both texts align; what was added, removed and changed is
  listed, with the edit ratio and whether the title changed;
* ``partial`` — a passage of one reused inside a different article;
* ``translated`` — texts in two languages whose sentences align one to one, in order, and
  agree on numbers; signs of machine translation are listed for the translated side.

Every passage and edit carries offsets into both ORIGINAL texts (``text[start:end]`` is the
quoted string). Direction comes from citations, then publication order
(:mod:`vigie.copies.direction`); ``source``/``copy`` are None when it is undetermined.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from vigie.copies.align import MIN_PASSAGE, TokenPassage, align_words
from vigie.copies.direction import Direction, cited_outlet, decide_direction, time_span
from vigie.copies.document import CopyDoc
from vigie.copies.fingerprint import MIN_WORDS
from vigie.copies.mtsigns import MTSign, mt_signs
from vigie.copies.tokens import fold

__all__ = ["CopyRelation", "Edit", "Passage", "Thresholds", "classify"]


@dataclass(frozen=True, slots=True)
class Thresholds:
    #: both texts must have at least this share of their words aligned to be a ``near`` copy
    near_coverage: float = 0.5
    #: …or this share, when the aligned passages spread over at least 80% of both texts
    near_spread_coverage: float = 0.3
    #: a ``partial`` copy needs an aligned passage of at least this many words…
    partial_words: int = 30
    #: …covering at least this share of the shorter text (or ``partial_words`` × 2 words)
    partial_share: float = 0.1
    #: below this many content words on either side a relation is only ``low`` confidence
    low_confidence_words: int = 40
    #: translation: share of the shorter text's sentences aligned, and of the longer's
    translated_cov_short: float = 0.6
    translated_cov_long: float = 0.35
    translated_similarity: float = 0.6
    translated_min_pairs: int = 2
    #: a text more than this many times longer than the other is not its translation
    translated_length_ratio: float = 4.0


DEFAULT = Thresholds()


@dataclass(frozen=True, slots=True)
class Passage:
    """Aligned evidence: ``a_text == A.text[a_start:a_end]``, same for B."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_text: str
    b_text: str
    #: aligned words / words of the longer side (1.0: identical); cosine for sentence pairs
    similarity: float


@dataclass(frozen=True, slots=True)
class Edit:
    """``op``: "added" (in B only), "removed" (in A only) or "changed"; empty spans have
    start == end at the place of the edit."""

    op: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_text: str
    b_text: str


@dataclass
class CopyRelation:
    """A copy relation between articles ``a`` and ``b`` (their keys)."""

    a: str
    b: str
    kind: str
    score: float
    confidence: str
    direction: str
    direction_reason: str
    source: str | None
    copy: str | None
    lag_seconds: float | None
    language_a: str | None
    language_b: str | None
    coverage_a: float
    coverage_b: float
    passages: list[Passage] = field(default_factory=list)
    edit_ratio: float | None = None
    title_changed: bool | None = None
    title_a: str | None = None
    title_b: str | None = None
    added: list[Edit] = field(default_factory=list)
    removed: list[Edit] = field(default_factory=list)
    changed: list[Edit] = field(default_factory=list)
    #: machine-translation signs, each with the key of the article it was found in
    mt_signs: list[tuple[str, MTSign]] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["mt_signs"] = [{"article": k, **s.to_dict()} for k, s in self.mt_signs]
        return d


_MAX_EDITS = 60


def _seg_words(doc: CopyDoc, side: str) -> tuple[list[str], list[int]]:
    """Words to align (link tokens replaced by sentinels that match nothing), segments."""
    words = [
        f"\x00{side}{i}" if k else w
        for i, (w, k) in enumerate(zip(doc.tokens.words, doc.tokens.linky, strict=True))
    ]
    return words, doc.segments()


def _boilerplate_sets(tps: list[TokenPassage], a: CopyDoc, b: CopyDoc) -> tuple[set[int], ...]:
    """Boilerplate tokens of each side, including those aligned with the other's boilerplate
    (an edited copy's sign-off is no longer recognisable by itself)."""
    ca, cb = set(a.common), set(b.common)
    if not ca and not cb:
        return ca, cb
    for p in tps:
        for blk in p.blocks:
            for t in range(blk.size):
                ta, tb = blk.a + t, blk.b + t
                if ta in a.common:
                    cb.add(tb)
                if tb in b.common:
                    ca.add(ta)
    # words changed inside boilerplate are boilerplate too (an edited sign-off)
    for p in tps:
        for g in p.gaps:
            a_gap, b_gap = range(g.a0, g.a1), range(g.b0, g.b1)
            if a_gap and all(t in a.common for t in a_gap):
                cb.update(b_gap)
            if b_gap and all(t in b.common for t in b_gap):
                ca.update(a_gap)
    return ca, cb


def _own_words(p: TokenPassage, ca: set[int], cb: set[int]) -> int:
    """Aligned words of a passage that are boilerplate on neither side."""
    if not ca and not cb:
        return p.matched
    return sum(
        1
        for blk in p.blocks
        for t in range(blk.size)
        if blk.a + t not in ca and blk.b + t not in cb
    )


def _span(doc: CopyDoc, t0: int, t1: int, anchor_tok: int) -> tuple[int, int]:
    """Original span of tokens ``[t0, t1)``; an empty range sits where token ``anchor_tok``
    starts (or at the end of the text)."""
    toks = doc.tokens
    if t1 > t0:
        return doc.original_span(toks.starts[t0], toks.ends[t1 - 1])
    if anchor_tok < len(toks.starts):
        o = doc.offset_map.to_original(toks.starts[anchor_tok])
    else:
        o = doc.offset_map.to_original(len(doc.clean_text)) if doc.clean_text else 0
    return o, o


def _passages(a: CopyDoc, b: CopyDoc, tps: list[TokenPassage]) -> list[Passage]:
    out: list[Passage] = []
    for p in tps:
        a0, a1 = _span(a, p.a0, p.a1, p.a0)
        b0, b1 = _span(b, p.b0, p.b1, p.b0)
        sim = p.matched / max(p.a1 - p.a0, p.b1 - p.b0)
        out.append(Passage(a0, a1, b0, b1, a.text[a0:a1], b.text[b0:b1], round(sim, 4)))
    return out


def _edits(a: CopyDoc, b: CopyDoc, tps: list[TokenPassage]) -> tuple[list[Edit], ...]:
    added: list[Edit] = []
    removed: list[Edit] = []
    changed: list[Edit] = []

    def push(op: str, ta0: int, ta1: int, tb0: int, tb1: int) -> None:
        a0, a1 = _span(a, ta0, ta1, ta0)
        b0, b1 = _span(b, tb0, tb1, tb0)
        e = Edit(op, a0, a1, b0, b1, a.text[a0:a1], b.text[b0:b1])
        target = added if op == "added" else removed if op == "removed" else changed
        if len(target) < _MAX_EDITS:
            target.append(e)

    matched_a = bytearray(len(a.tokens))
    matched_b = bytearray(len(b.tokens))
    for p in tps:
        matched_a[p.a0 : p.a1] = b"\x01" * (p.a1 - p.a0)
        matched_b[p.b0 : p.b1] = b"\x01" * (p.b1 - p.b0)
        for g in p.gaps:
            push(g.op, g.a0, g.a1, g.b0, g.b1)

    def runs(mask: bytearray, linky: list[bool]) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        i = 0
        while i < len(mask):
            if mask[i] or linky[i]:
                i += 1
                continue
            j = i
            while j < len(mask) and not mask[j] and not linky[j]:
                j += 1
            out.append((i, j))
            i = j
        return out

    for t0, t1 in runs(matched_a, a.ignored()):
        push("removed", t0, t1, len(b.tokens), len(b.tokens))
    for t0, t1 in runs(matched_b, b.ignored()):
        push("added", len(a.tokens), len(a.tokens), t0, t1)
    for lst in (added, removed, changed):
        lst.sort(key=lambda e: (e.a_start, e.b_start))
    return added, removed, changed


def _direction(a: CopyDoc, b: CopyDoc) -> Direction:
    def cites(x: CopyDoc, y: CopyDoc) -> bool:
        if not y.outlet or (x.outlet and fold(x.outlet) == fold(y.outlet)):
            return False
        if any(fold(c) == fold(y.outlet) for c in x.citations):
            return True
        return cited_outlet(x.clean_text, y.outlet) is not None

    return decide_direction(a.published, b.published, a_cites_b=cites(a, b), b_cites_a=cites(b, a))


def _relation(
    a: CopyDoc,
    b: CopyDoc,
    kind: str,
    score: float,
    low: bool,
    cov_a: float,
    cov_b: float,
    passages: list[Passage],
) -> CopyRelation:
    d = _direction(a, b)
    source = copy = None
    if d.status == "known":
        source, copy = (a.key, b.key) if d.original == "a" else (b.key, a.key)
    title_changed = None
    if a.title is not None and b.title is not None:
        title_changed = " ".join(fold(a.title).split()) != " ".join(fold(b.title).split())
    return CopyRelation(
        a=a.key,
        b=b.key,
        kind=kind,
        score=round(score, 4),
        confidence="low" if low else "high",
        direction=d.status,
        direction_reason=d.reason,
        source=source,
        copy=copy,
        lag_seconds=d.lag_seconds,
        language_a=a.language,
        language_b=b.language,
        coverage_a=round(cov_a, 4),
        coverage_b=round(cov_b, 4),
        passages=passages,
        title_changed=title_changed,
        title_a=a.title,
        title_b=b.title,
    )


def _same_language(a: CopyDoc, b: CopyDoc, th: Thresholds) -> CopyRelation | None:
    content_a = [w for w, k in zip(a.tokens.words, a.tokens.linky, strict=True) if not k]
    content_b = [w for w, k in zip(b.tokens.words, b.tokens.linky, strict=True) if not k]
    if len(content_a) < MIN_WORDS or len(content_b) < MIN_WORDS:
        return None
    wa, sa = _seg_words(a, "a")
    wb, sb = _seg_words(b, "b")
    tps = align_words(wa, wb, sa, sb)
    # links and the outlets' boilerplate do not count as content
    ca, cb = _boilerplate_sets(tps, a, b)
    linky_a, linky_b = a.tokens.linky, b.tokens.linky
    na = sum(1 for i, k in enumerate(linky_a) if not k and i not in ca)
    nb = sum(1 for i, k in enumerate(linky_b) if not k and i not in cb)
    low = min(na, nb) < th.low_confidence_words
    if content_a == content_b:
        rel = _relation(a, b, "exact", 1.0, low, 1.0, 1.0, _passages(a, b, tps))
        rel.edit_ratio = 0.0
        return rel
    if na < MIN_WORDS or nb < MIN_WORDS:
        return None
    own = [_own_words(p, ca, cb) for p in tps]
    keep = [i for i, w in enumerate(own) if w >= MIN_PASSAGE]
    tps = [tps[i] for i in keep]
    own = [own[i] for i in keep]
    matched = sum(own)
    cov_a, cov_b = min(1.0, matched / na), min(1.0, matched / nb)
    if not tps:
        return None
    # an edited copy aligns across the whole of both texts; a reused passage is one block
    spread = min(
        (max(p.a1 for p in tps) - min(p.a0 for p in tps)) / max(1, len(a.tokens)),
        (max(p.b1 for p in tps) - min(p.b0 for p in tps)) / max(1, len(b.tokens)),
    )
    if min(cov_a, cov_b) >= th.near_coverage or (
        min(cov_a, cov_b) >= th.near_spread_coverage and spread >= 0.8
    ):
        dice = min(1.0, 2 * matched / (na + nb))
        rel = _relation(a, b, "near", dice, low, cov_a, cov_b, _passages(a, b, tps))
        rel.edit_ratio = round(1.0 - dice, 4)
        rel.added, rel.removed, rel.changed = _edits(a, b, tps)
        rel.details = {"words_a": na, "words_b": nb, "aligned_words": matched}
        return rel
    big = [p for p, w in zip(tps, own, strict=True) if w >= th.partial_words]
    reused = sum(w for w in own if w >= th.partial_words)
    if big and (reused >= th.partial_share * min(na, nb) or reused >= 2 * th.partial_words):
        share = reused / min(na, nb)
        rel = _relation(
            a,
            b,
            "partial",
            min(1.0, share),
            low,
            min(1.0, reused / na),
            min(1.0, reused / nb),
            _passages(a, b, big),
        )
        rel.details = {"words_a": na, "words_b": nb, "aligned_words": reused}
        return rel
    return None


def _number_agreement(a: CopyDoc, b: CopyDoc) -> float | None:
    na, nb = set(a.fingerprint.summary.numbers), set(b.fingerprint.summary.numbers)
    if not na or not nb:
        return None
    return len(na & nb) / min(len(na), len(nb))


def _translated(a: CopyDoc, b: CopyDoc, th: Thresholds) -> CopyRelation | None:
    from vigie.copies.translation import align_sentences

    short, long = sorted((len(a.clean_text), len(b.clean_text)))
    if long > th.translated_length_ratio * max(short, 1):
        return None
    if a.content_words() < MIN_WORDS or b.content_words() < MIN_WORDS:
        return None
    n_short, n_long = sorted((len(a.sentences), len(b.sentences)))
    if n_short < th.translated_min_pairs:
        return None
    # at most n_short sentence pairs align: when that cannot cover enough of the longer text,
    # no embedding is needed to say no (a short dispatch is not the translation of a feature)
    if n_short < th.translated_cov_long * n_long:
        return None
    numbers = _number_agreement(a, b)
    if numbers is not None and numbers < 0.25:
        return None
    al = align_sentences(a.embeddings(), b.embeddings())
    if len(al.pairs) < th.translated_min_pairs:
        return None
    cov_short = al.coverage_a if al.n_a <= al.n_b else al.coverage_b
    cov_long = al.coverage_b if al.n_a <= al.n_b else al.coverage_a
    if cov_short < th.translated_cov_short or cov_long < th.translated_cov_long:
        return None
    if al.mean_similarity < th.translated_similarity:
        return None
    passages: list[Passage] = []
    for i, j, sim in al.pairs:
        sa, sb = a.sentences[i], b.sentences[j]
        a0, a1 = a.original_span(sa.start, sa.end)
        b0, b1 = b.original_span(sb.start, sb.end)
        passages.append(Passage(a0, a1, b0, b1, a.text[a0:a1], b.text[b0:b1], round(sim, 4)))
    score = al.mean_similarity * (cov_short * cov_long) ** 0.5
    if numbers is not None:
        score = score * (0.8 + 0.2 * numbers)
    low = min(a.content_words(), b.content_words()) < th.low_confidence_words or len(al.pairs) < 3
    rel = _relation(
        a, b, "translated", min(1.0, score), low, al.coverage_a, al.coverage_b, passages
    )
    rel.details = {
        "sentences_a": al.n_a,
        "sentences_b": al.n_b,
        "aligned_sentences": len(al.pairs),
        "mean_similarity": round(al.mean_similarity, 4),
        "order_gaps": al.order_gaps,
        "number_agreement": None if numbers is None else round(numbers, 4),
        "length_ratio": round(len(b.clean_text) / max(1, len(a.clean_text)), 4),
    }
    sides = [(b, a)] if rel.copy == b.key else [(a, b)] if rel.copy == a.key else [(b, a), (a, b)]
    for target, src in sides:
        for s in mt_signs(target.clean_text, src.language, target.language):
            o0, o1 = target.original_span(s.start, s.end)
            rel.mt_signs.append((target.key, MTSign(s.kind, o0, o1, target.text[o0:o1], s.note)))
    return rel


def classify(a: CopyDoc, b: CopyDoc, thresholds: Thresholds = DEFAULT) -> CopyRelation | None:
    """The copy relation between two articles, or None when neither copies the other."""
    if a.language and b.language and a.language != b.language:
        return _translated(a, b, thresholds)
    return _same_language(a, b, thresholds)


def published_order(doc: CopyDoc) -> float | None:
    """Start of the publication interval (epoch seconds), for ordering and lineage."""
    span = time_span(doc.published)
    return span.start if span else None
