"""Quote groups: one statement as several articles report it (verbatim, cut, edited,
translated).

A quote is ``{article_id, index, text, speaker, published, outlet, language}`` (``type`` is
kept when given; :func:`quote_records` makes these from an article record's
``results.quotes``). Two quotes are **the same statement** when, published at most
``window_days`` apart:

* their speakers are compatible: the same person (compared by the skeleton of the last name,
  so "Dmitar Koslevski", "Dimitar Koslevski" and "Кослевский" agree) or the same description
  ("gouvernement valdorien"); or one of them unknown or anonymous, or a person and a
  description, or two descriptions ("Brennisk" and "gouvernement valdorien" may be one
  source) — then the text must match more strongly. Two different people never match;
* in the same language, most word trigrams of the shorter one are in the other (which finds
  a quote cut at either end or at an ellipsis, and survives a changed word or two), or, from
  the same named speaker, a long run of them (eight trigrams and a third of the shorter: a
  reworded indirect quote); a quote of
  three words or fewer must appear word for word inside the other, from the same named
  speaker; one or two words group only with the same words;
* in different languages (speakers named and the same; five words or more each), their
  multilingual sentence embeddings are close and the numbers they cite agree.

The match is decided for each pair (the later quote against every candidate). A quote joins
the group it matches best; a quote of six words or more that shares at least three trigrams
with each of several groups merges them (it shows they are one statement), while a short
fragment never merges groups (a few words common to two statements must not join them). A
group never takes in two different named speakers. So when every quote that matches another
shares three trigrams with it, the groups do not depend on the order quotes are added in; with
short fragments or speaker conflicts they may.

Each :class:`QuoteGroup` describes the spread: the fullest version (most words, in the
language of the first appearance), the first appearance, every outlet with its delay from the
first appearance, and every variant's difference from the fullest version
(:mod:`vigie.stories.worddiff`: identical, truncated, extended, altered; ``translated`` for
another language). The fullest version is the one that carries most of the other versions'
words (in the language of the first appearance), then the one most articles carry, then the
longest: the original a copy cut or reworded, rather than a rewrite that added context.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from vigie.stories.embedding import Embedder, decode_vector, encode_vector
from vigie.stories.features import parse_time
from vigie.stories.keys import fold, name_key
from vigie.stories.worddiff import CUT, Edit, diff_words, quote_words

__all__ = [
    "QUOTE_STATE_VERSION",
    "OutletSpread",
    "QuoteGroup",
    "QuoteGroupIndex",
    "QuoteParams",
    "QuoteVariant",
    "describe_group",
    "group_quotes",
    "quote_records",
    "speaker_key",
]

QUOTE_STATE_VERSION = 1

QuoteKey = tuple[str, int]

#: a quote merges the groups it matches only with this many words...
_MERGE_MIN_WORDS = 6
#: ...and this many word trigrams shared with each group
_MERGE_MIN_SHARED = 3


@dataclass
class QuoteParams:
    #: two quotes of one statement are published at most this many days apart
    window_days: float = 30.0
    #: quotes stay candidates this many days after the newest quote seen
    retention_days: float = 30.0
    #: share of the shorter quote's word trigrams that must be in the other
    min_containment: float = 0.6
    #: ...and at least this many trigrams
    min_shared: int = 2
    #: a long run in common is enough at a lower share (a reworded indirect quote)
    long_run_shared: int = 8
    long_run_containment: float = 0.35
    #: the share when a speaker is unknown, anonymous or a description
    unknown_speaker_containment: float = 0.85
    #: ...and the shorter quote must have this many words
    unknown_speaker_min_words: int = 6
    #: embedding cosine for quotes in two languages
    cross_language_similarity: float = 0.7
    #: words each quote needs to be compared across languages
    cross_language_min_words: int = 5


_ANONYMOUS = "anonymous:"
_CAPITALISED = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,\s]\d{3})*(?:[.,]\d+)?")


def speaker_key(speaker: str | None) -> str | None:
    """The key speakers are compared by: for a named speaker the skeleton of the last name
    ("Dmitar Koslevski" → ``kslv``); for a description ("gouvernement valdorien") ``=`` and
    the folded description; None for an unknown or anonymous speaker."""
    if not speaker or speaker.startswith(_ANONYMOUS):
        return None
    words = _CAPITALISED.findall(speaker)
    if not words:
        return None
    if not words[0][0].isupper():
        return "=" + " ".join(fold(w) for w in words)
    names = [w for w in words if w[0].isupper()]
    key = name_key(re.split(r"[-'’]", names[-1])[-1])
    return key or None


def _person(key: str | None) -> bool:
    return key is not None and not key.startswith("=")


def _numbers(text: str) -> frozenset[str]:
    out = set()
    for m in _NUMBER.finditer(text):
        digits = re.sub(r"[\s.,]", "", m.group(0))
        if len(digits) >= 2:
            out.add(digits.lstrip("0") or "0")
    return frozenset(out)


def _shingles(words: Sequence[str]) -> frozenset[str]:
    words = [w for w in words if w != CUT]
    if len(words) < 3:
        return frozenset({"=" + " ".join(words)}) if words else frozenset()
    return frozenset(" ".join(words[i : i + 3]) for i in range(len(words) - 2))


def _contains(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    n = len(shorter)
    if n == 0 or n > len(longer):
        return False
    first = shorter[0]
    return any(
        longer[i] == first and list(longer[i : i + n]) == list(shorter)
        for i in range(len(longer) - n + 1)
    )


@dataclass(slots=True)
class _Quote:
    key: QuoteKey
    text: str
    speaker: str | None
    published: str | None
    time: float
    outlet: str | None
    language: str
    type: str | None
    group: str = ""
    words: list[str] = field(default_factory=list)
    shingles: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()
    skey: str | None = None
    emb: NDArray[np.float32] | None = None

    @classmethod
    def make(cls, q: dict[str, Any], fallback_time: float) -> _Quote:
        text = str(q.get("text") or "")
        lang = str(q.get("language") or "").lower().split("-")[0].split("_")[0]
        published = q.get("published")
        t = parse_time(published)
        out = cls(
            (str(q["article_id"]), int(q["index"])),
            text,
            q.get("speaker"),
            published,
            t if t is not None else fallback_time,
            q.get("outlet"),
            lang,
            q.get("type"),
        )
        out.words = [w for w in quote_words(text)[1] if w != CUT]
        out.shingles = _shingles(quote_words(text)[1])
        out.numbers = _numbers(text)
        out.skey = speaker_key(out.speaker)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.key[0],
            "index": self.key[1],
            "text": self.text,
            "speaker": self.speaker,
            "published": self.published,
            "time": self.time,
            "outlet": self.outlet,
            "language": self.language,
            "type": self.type,
            "group": self.group,
            "emb": encode_vector(self.emb) if self.emb is not None else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> _Quote:
        q = cls.make(d, float(d["time"]))
        q.time = float(d["time"])
        q.group = d["group"]
        q.emb = decode_vector(d["emb"]) if d.get("emb") else None
        return q

    def public(self) -> dict[str, Any]:
        return {
            "article_id": self.key[0],
            "index": self.key[1],
            "text": self.text,
            "speaker": self.speaker,
            "published": self.published,
            "outlet": self.outlet,
            "language": self.language,
            "type": self.type,
        }


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    """One article's version of the statement, and how it differs from the fullest one."""

    article_id: str
    index: int
    text: str
    speaker: str | None
    published: str | None
    outlet: str | None
    language: str
    type: str | None
    #: identical, truncated, extended, altered or translated (against the fullest version)
    kind: str
    edits: tuple[Edit, ...]
    #: share of the fullest version's words this variant carries unchanged (0 if translated)
    coverage: float
    #: hours after the first appearance (None when a date is missing)
    delay_hours: float | None

    @property
    def removed(self) -> list[str]:
        return [w for e in self.edits if e.op in ("removed", "changed") for w in e.reference]

    @property
    def added(self) -> list[str]:
        return [w for e in self.edits if e.op in ("added", "changed") for w in e.variant]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["edits"] = [e.to_dict() for e in self.edits]
        return d


@dataclass(frozen=True, slots=True)
class OutletSpread:
    outlet: str
    first_published: str | None
    delay_hours: float | None
    quotes: int


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    id: str
    #: the named speaker (most frequent form), else the most frequent speaker given
    speaker: str | None
    #: the version that carries most of the others' words (see the module documentation)
    fullest: QuoteVariant
    first: QuoteVariant
    #: every version, in publication order
    variants: tuple[QuoteVariant, ...]
    #: outlets in order of first appearance, with their delay from the first appearance
    outlets: tuple[OutletSpread, ...]
    languages: tuple[str, ...]

    @property
    def article_ids(self) -> list[str]:
        return list(dict.fromkeys(v.article_id for v in self.variants))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker": self.speaker,
            "fullest": {"article_id": self.fullest.article_id, "index": self.fullest.index},
            "first": {"article_id": self.first.article_id, "index": self.first.index},
            "variants": [v.to_dict() for v in self.variants],
            "outlets": [asdict(o) for o in self.outlets],
            "languages": list(self.languages),
        }


def quote_records(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The quotes of an article record (``quotes``: its ``results.quotes``) as quote dicts."""
    out = []
    for i, q in enumerate(record.get("quotes") or []):
        out.append(
            {
                "article_id": record["article_id"],
                "index": i,
                "text": q.get("text") or "",
                "speaker": q.get("speaker"),
                "type": q.get("type"),
                "published": record.get("published"),
                "outlet": record.get("outlet"),
                "language": record.get("language"),
            }
        )
    return out


class QuoteGroupIndex:
    """Quote groups built incrementally; see the module documentation for the rules."""

    def __init__(
        self, params: QuoteParams | None = None, *, embedder: Embedder | None = None
    ) -> None:
        self.params = params or QuoteParams()
        self.embedder = embedder
        self._quotes: dict[QuoteKey, _Quote] = {}
        self._groups: dict[str, list[QuoteKey]] = {}
        self._active: set[QuoteKey] = set()
        self._postings: dict[str, set[QuoteKey]] = {}
        self._by_speaker: dict[str, set[QuoteKey]] = {}
        self._max_time: float | None = None
        self._changed: set[str] = set()
        self._merged: dict[str, str] = {}
        self._since_prune = 0

    # -- public ---------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._quotes)

    def group_of(self, article_id: str, index: int) -> str | None:
        q = self._quotes.get((article_id, index))
        return q.group if q else None

    def add(self, quote: dict[str, Any]) -> str:
        """Put one quote in a group; returns the group id."""
        key = (str(quote["article_id"]), int(quote["index"]))
        known = self._quotes.get(key)
        if known is not None:
            return known.group
        q = _Quote.make(quote, self._max_time or 0.0)
        if not q.words:
            return self._new_group(q)
        matches = self._matching_groups(q)
        if not matches:
            gid = self._new_group(q)
        else:
            gid, substantial = matches[0]
            if substantial:
                # a long quote that carries two groups' text shows they are one statement
                for other, other_substantial in matches[1:]:
                    if other_substantial:
                        gid = self._merge_pair(gid, other)
            self._attach(q, gid)
        self._index(q)
        return gid

    def add_many(self, quotes: Iterable[dict[str, Any]]) -> dict[QuoteKey, str]:
        """Add quotes in publication order; returns ``{(article_id, index): group_id}``."""
        items = list(quotes)
        items.sort(
            key=lambda q: (
                parse_time(q.get("published")) is None,
                parse_time(q.get("published")) or 0.0,
                str(q["article_id"]),
                int(q["index"]),
            )
        )
        for q in items:
            self.add(q)
        return {
            (str(q["article_id"]), int(q["index"])): self._quotes[
                (str(q["article_id"]), int(q["index"]))
            ].group
            for q in items
        }

    def groups(self, min_articles: int = 1) -> list[QuoteGroup]:
        """Every group reported by at least ``min_articles`` articles, by first appearance."""
        out = []
        for gid, keys in self._groups.items():
            if len({k[0] for k in keys}) >= min_articles:
                out.append(self.group(gid))
        out.sort(key=lambda g: (g.first.published or "", g.id))
        return out

    def group(self, group_id: str) -> QuoteGroup:
        gid = self._resolve(group_id)
        return describe_group([self._quotes[k].public() for k in self._groups[gid]], group_id=gid)

    def pop_changed(self) -> tuple[list[QuoteGroup], dict[str, str]]:
        """Groups created or changed since the last call, and groups merged away since then
        (``{old id: id it was merged into}``): what the store must upsert and delete."""
        merged = {old: self._resolve(old) for old in sorted(self._merged)}
        changed = sorted({self._resolve(g) for g in self._changed})
        self._changed = set()
        self._merged = {}
        return [self.group(g) for g in changed], merged

    def drop_closed(self) -> list[QuoteGroup]:
        """Forget the groups none of whose quotes is inside the retention period any more
        and return them (the store keeps them): a long-running index keeps a bounded state."""
        self._prune()
        closed = [
            gid for gid, keys in self._groups.items() if not any(k in self._active for k in keys)
        ]
        out = []
        for gid in sorted(closed, key=self._group_order):
            out.append(self.group(gid))
            for k in self._groups.pop(gid):
                del self._quotes[k]
            self._changed.discard(gid)
        self._merged = {old: new for old, new in self._merged.items() if new in self._groups}
        return out

    # -- matching -------------------------------------------------------------------------

    def _candidates(self, q: _Quote) -> set[QuoteKey]:
        found: set[QuoteKey] = set()
        for s in q.shingles:
            found.update(self._postings.get(s, ()))
        if q.skey and self.embedder is not None:
            found.update(self._by_speaker.get(q.skey, ()))
        return found

    def _matching_groups(self, q: _Quote) -> list[tuple[str, bool]]:
        """Groups ``q`` matches, best first, each with whether the match is substantial
        enough to merge groups (a long quote sharing several trigrams, not a fragment)."""
        p = self.params
        cands = sorted(self._candidates(q), key=lambda k: (self._quotes[k].time, k))
        cross: list[_Quote] = []
        strength: dict[str, tuple[float, int]] = {}

        def note(gid: str, value: tuple[float, int]) -> None:
            if value > strength.get(gid, (-1.0, -1)):
                strength[gid] = value

        for k in cands:
            o = self._quotes[k]
            if abs(o.time - q.time) > p.window_days:
                continue
            if q.language and o.language and q.language != o.language:
                if (
                    q.skey
                    and q.skey == o.skey
                    and min(len(q.words), len(o.words)) >= p.cross_language_min_words
                ):
                    cross.append(o)
                continue
            match = self._same_language_match(q, o)
            if match is not None:
                note(o.group, match)
        if cross:
            self._embed([q, *cross])
            assert q.emb is not None
            for o in cross:
                assert o.emb is not None
                cos = float(np.dot(q.emb, o.emb))
                if cos >= p.cross_language_similarity and (
                    not q.numbers or not o.numbers or q.numbers & o.numbers
                ):
                    note(o.group, (cos, min(len(q.shingles), len(o.shingles))))
        ranked = sorted(
            strength, key=lambda g: (-strength[g][0], -strength[g][1], self._group_order(g))
        )
        out: list[tuple[str, bool]] = []
        speakers = {q.skey} if q.skey and _person(q.skey) else set()
        for gid in ranked:
            gs = self._group_speakers(gid)
            if len(speakers | gs) <= 1:
                substantial = (
                    len(q.words) >= _MERGE_MIN_WORDS and strength[gid][1] >= _MERGE_MIN_SHARED
                )
                out.append((gid, substantial))
                speakers |= gs
        return out

    def _same_language_match(self, a: _Quote, b: _Quote) -> tuple[float, int] | None:
        """(containment, shared trigrams) when ``a`` and ``b`` report the same statement."""
        p = self.params
        short, long_ = (a, b) if len(a.words) <= len(b.words) else (b, a)
        named = a.skey is not None and a.skey == b.skey
        if not named and _person(a.skey) and _person(b.skey):
            return None
        n = len(short.words)
        if n < 3:
            return (1.0, 0) if named and short.words == long_.words else None
        if n == 3:
            return (1.0, 1) if named and _contains(long_.words, short.words) else None
        shared = len(a.shingles & b.shingles)
        small = min(len(a.shingles), len(b.shingles))
        if shared < p.min_shared or small == 0:
            return None
        share = shared / small
        if named:
            if share >= p.min_containment or (
                shared >= p.long_run_shared and share >= p.long_run_containment
            ):
                return (share, shared)
            return None
        if share >= p.unknown_speaker_containment and n >= p.unknown_speaker_min_words:
            return (share, shared)
        return None

    def _group_speakers(self, gid: str) -> set[str]:
        """The named people a group's quotes are attributed to (at most one)."""
        return {s for k in self._groups[gid] if _person(s := self._quotes[k].skey) and s}

    def _group_order(self, gid: str) -> tuple[float, QuoteKey]:
        first = min(self._groups[gid], key=lambda k: (self._quotes[k].time, k))
        return (self._quotes[first].time, first)

    def _embed(self, quotes: Sequence[_Quote]) -> None:
        todo = [q for q in quotes if q.emb is None]
        if not todo or self.embedder is None:
            return
        vecs = self.embedder([q.text for q in todo])
        for q, v in zip(todo, vecs, strict=True):
            q.emb = np.asarray(v, dtype=np.float16).astype(np.float32)

    # -- bookkeeping ----------------------------------------------------------------------

    def _new_group(self, q: _Quote) -> str:
        gid = f"qg-{q.key[0]}-{q.key[1]}"
        self._groups[gid] = []
        self._attach(q, gid)
        return gid

    def _attach(self, q: _Quote, gid: str) -> None:
        q.group = gid
        self._groups[gid].append(q.key)
        self._quotes[q.key] = q
        self._changed.add(gid)

    def _index(self, q: _Quote) -> None:
        self._active.add(q.key)
        for s in q.shingles:
            self._postings.setdefault(s, set()).add(q.key)
        if q.skey:
            self._by_speaker.setdefault(q.skey, set()).add(q.key)
        if self._max_time is None or q.time > self._max_time:
            self._max_time = q.time
        self._since_prune += 1
        if self._since_prune >= 1024:
            self._prune()

    def _merge_pair(self, a: str, b: str) -> str:
        """Merge two groups into the one that appeared first; returns its id."""
        target, source = sorted((a, b), key=self._group_order)
        self._merge(source, target)
        return target

    def _merge(self, source: str, target: str) -> None:
        for k in self._groups.pop(source):
            self._quotes[k].group = target
            self._groups[target].append(k)
        self._merged[source] = target
        self._changed.discard(source)
        self._changed.add(target)

    def _resolve(self, gid: str) -> str:
        seen = 0
        while gid not in self._groups and gid in self._merged and seen < 1000:
            gid = self._merged[gid]
            seen += 1
        return gid

    def _prune(self) -> None:
        self._since_prune = 0
        if self._max_time is None:
            return
        limit = self._max_time - self.params.retention_days
        for k in [k for k in self._active if self._quotes[k].time < limit]:
            q = self._quotes[k]
            self._active.discard(k)
            for s in q.shingles:
                post = self._postings.get(s)
                if post is not None:
                    post.discard(k)
                    if not post:
                        del self._postings[s]
            if q.skey and q.skey in self._by_speaker:
                self._by_speaker[q.skey].discard(k)
                if not self._by_speaker[q.skey]:
                    del self._by_speaker[q.skey]

    # -- state ----------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": QUOTE_STATE_VERSION,
            "params": asdict(self.params),
            "quotes": [q.to_dict() for q in self._quotes.values()],
            "groups": {g: [list(k) for k in keys] for g, keys in self._groups.items()},
            "active": sorted([list(k) for k in self._active]),
            "max_time": self._max_time,
            "changed": sorted(self._changed),
            "merged": self._merged,
            "since_prune": self._since_prune,
        }

    @classmethod
    def from_dict(
        cls, state: dict[str, Any], *, embedder: Embedder | None = None
    ) -> QuoteGroupIndex:
        if state.get("version") != QUOTE_STATE_VERSION:
            raise ValueError(f"unknown quote group state version {state.get('version')!r}")
        index = cls(QuoteParams(**state["params"]), embedder=embedder)
        for d in state["quotes"]:
            q = _Quote.from_dict(d)
            index._quotes[q.key] = q
        index._groups = {
            g: [(str(a), int(i)) for a, i in keys] for g, keys in state["groups"].items()
        }
        for a, i in state["active"]:
            q = index._quotes[(str(a), int(i))]
            index._active.add(q.key)
            for s in q.shingles:
                index._postings.setdefault(s, set()).add(q.key)
            if q.skey:
                index._by_speaker.setdefault(q.skey, set()).add(q.key)
        index._max_time = state["max_time"]
        index._changed = set(state["changed"])
        index._merged = dict(state["merged"])
        index._since_prune = int(state["since_prune"])
        return index


def group_quotes(
    quotes: Iterable[dict[str, Any]],
    params: QuoteParams | None = None,
    *,
    embedder: Embedder | None = None,
) -> list[QuoteGroup]:
    """Group a batch of quotes (see :class:`QuoteGroupIndex`)."""
    index = QuoteGroupIndex(params, embedder=embedder)
    index.add_many(quotes)
    return index.groups()


def describe_group(quotes: Sequence[dict[str, Any]], group_id: str = "") -> QuoteGroup:
    """The view of one group from its quotes (quote dicts as :meth:`QuoteGroupIndex.add`
    takes): first appearance, fullest version, outlets with delays, each variant's diff."""
    if not quotes:
        raise ValueError("a quote group needs at least one quote")

    def order(q: dict[str, Any]) -> tuple[bool, float, str, int]:
        t = parse_time(q.get("published"))
        return (t is None, t or 0.0, str(q["article_id"]), int(q["index"]))

    items = sorted(quotes, key=order)
    first = items[0]
    first_time = parse_time(first.get("published"))
    lang = _lang(first)
    same_lang = [q for q in items if _lang(q) == lang or not _lang(q) or not lang]
    fullest = _fullest(same_lang)

    variants = []
    for q in items:
        t = parse_time(q.get("published"))
        delay = (
            round((t - first_time) * 24.0, 2) if t is not None and first_time is not None else None
        )
        if q in same_lang:
            d = diff_words(fullest["text"], q["text"])
            kind, edits, cov = d.kind, d.edits, d.coverage
        else:
            kind, edits, cov = "translated", (), 0.0
        variants.append(
            QuoteVariant(
                article_id=str(q["article_id"]),
                index=int(q["index"]),
                text=q["text"],
                speaker=q.get("speaker"),
                published=q.get("published"),
                outlet=q.get("outlet"),
                language=_lang(q),
                type=q.get("type"),
                kind=kind,
                edits=tuple(edits),
                coverage=cov,
                delay_hours=delay,
            )
        )
    outlets: dict[str, OutletSpread] = {}
    for v in variants:
        name = v.outlet or ""
        if name not in outlets:
            outlets[name] = OutletSpread(name, v.published, v.delay_hours, 0)
        o = outlets[name]
        outlets[name] = OutletSpread(o.outlet, o.first_published, o.delay_hours, o.quotes + 1)
    named = Counter(q.get("speaker") for q in items if speaker_key(q.get("speaker")))
    given = Counter(q.get("speaker") for q in items if q.get("speaker"))
    speaker = (named or given).most_common(1)[0][0] if (named or given) else None
    fullest_v = next(
        v for v in variants if (v.article_id, v.index) == (fullest["article_id"], fullest["index"])
    )
    gid = group_id or f"qg-{first['article_id']}-{first['index']}"
    return QuoteGroup(
        id=gid,
        speaker=speaker,
        fullest=fullest_v,
        first=variants[0],
        variants=tuple(variants),
        outlets=tuple(outlets.values()),
        languages=tuple(sorted({v.language for v in variants if v.language})),
    )


def _fullest(items: list[dict[str, Any]]) -> dict[str, Any]:
    """The version that carries most of the words of the others (so the original rather than
    a rewrite that adds context), then the one most articles carry, the longest, the earliest
    (``items`` are in publication order)."""
    texts: dict[tuple[str, ...], list[int]] = {}
    for i, q in enumerate(items):
        words = tuple(w for w in quote_words(q["text"])[1] if w != CUT)
        texts.setdefault(words, []).append(i)
    if len(texts) == 1:
        return items[0]
    distinct = list(texts.items())[:_FULLEST_MAX_TEXTS]
    best: tuple[int, int, int, int] | None = None
    chosen = 0
    for words, where in distinct:
        score = (len(where) - 1) * len(words)
        for other, other_where in distinct:
            if other is words:
                continue
            sm = difflib.SequenceMatcher(None, words, other, autojunk=False)
            score += len(other_where) * sum(b.size for b in sm.get_matching_blocks())
        key = (score, len(where), len(words), -where[0])
        if best is None or key > best:
            best, chosen = key, where[0]
    return items[chosen]


#: distinct texts compared when choosing a group's fullest version
_FULLEST_MAX_TEXTS = 40


def _lang(q: dict[str, Any]) -> str:
    return str(q.get("language") or "").lower().split("-")[0].split("_")[0]
