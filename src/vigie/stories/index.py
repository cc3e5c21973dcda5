"""Incremental story grouping: each new article joins the best open story or starts one.

An article is a weighted vector of keys (:mod:`vigie.stories.features`): names, word stems,
numbers and dates, each weighted by ``(1 + log count) × idf × kind weight`` (``idf = log((N +
prior) / (df + 1))`` over the articles added so far; the prior of ``prior_docs`` background
articles keeps the first articles of an index from all looking rare), cut to its ``max_keys``
strongest keys and normalised.

Adding an article:

1. **candidates** come from an inverted index of keys that holds only the articles of the last
   ``retention_days``: the article's ``search_keys`` strongest keys are looked up, the best
   ``max_candidates`` by partial score are compared in full; only articles within
   ``window_days`` count;
2. **similarity** of two articles in the same language is the cosine of their vectors, less
   what keys the outlet repeats in many of its articles contribute when both come from that
   outlet (a presenter's name, a programme's closing sentence: a key found in at least
   ``outlet_common_share`` of an outlet's recent articles). Across languages words do not
   match: the cosine of the language-neutral parts (names, numbers, dates) is averaged with
   the cosine of the multilingual sentence embeddings of the two leads; without an embedder
   the neutral cosine alone is used, against its own bar;
3. a **story's score** is its best article's similarity, provided the article also resembles
   the story as a whole (cosine with the sum of its articles' vectors ≥ ``centroid_share`` of
   the bar: this keeps a story from drifting along a chain of articles); only stories whose
   span ``[first_seen - window, last_seen + window]`` holds the new article compete. The best
   story whose score reaches the bar takes the article; otherwise the article starts a story
   whose id is ``"st-" + article_id``.

The result depends on the order of additions (a single pass). :meth:`StoryIndex.add_many` adds
in publication order, so a batch and the same articles added one by one in that order give the
same stories; an index saved with :meth:`StoryIndex.to_dict` and restored half-way goes on
exactly as if it had never stopped. An article older than the retention period (relative to
the newest article seen) finds no candidates: it starts its own story.
"""

from __future__ import annotations

import heapq
import math
import operator
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
from numpy.typing import NDArray

from vigie.stories.embedding import Embedder, decode_vector, encode_vector
from vigie.stories.features import NEUTRAL_PREFIXES, ArticleFeatures, extract_features

__all__ = ["STATE_VERSION", "Story", "StoryIndex", "StoryParams"]

STATE_VERSION = 1


@dataclass
class StoryParams:
    """Settings of a :class:`StoryIndex` (saved with its state)."""

    #: an article may join a story whose span, widened by this many days, holds it
    window_days: float = 3.0
    #: articles stay candidates this many days after the newest article seen
    retention_days: float = 7.0
    #: cosine an article in the same language must reach to join a story
    threshold: float = 0.25
    #: mean of neutral-key cosine and lead-embedding cosine to join across languages
    cross_threshold: float = 0.35
    #: neutral-key cosine to join across languages when no embedder is available
    cross_threshold_no_embedding: float = 0.3
    #: a cross-language pair is embedded only when its neutral cosine reaches this
    cross_min_neutral: float = 0.08
    #: the cosine with the story's summed vector must reach this share of the bar
    centroid_share: float = 0.5
    #: a key in at least this share of an outlet's recent articles is that outlet's boilerplate
    #: (articles weighted by recency: a weight halves every ``outlet_half_life_days``)
    outlet_common_share: float = 0.25
    outlet_half_life_days: float = 14.0
    #: ...once the outlet has at least this many (weighted) recent articles
    outlet_common_min: float = 20.0
    #: weight of each key kind
    weight_name: float = 1.5
    weight_word: float = 1.0
    weight_number: float = 0.8
    weight_date: float = 1.0
    #: keys kept per article vector
    max_keys: int = 150
    #: keys kept in a story's summed vector
    centroid_keys: int = 300
    #: strongest keys of a new article looked up in the inverted index
    search_keys: int = 20
    #: candidates whose full similarity is computed
    max_candidates: int = 40
    #: keys held by more recent articles than this are not looked up (they still count in
    #: the similarity of the candidates found)
    max_postings: int = 200
    #: background articles assumed when computing idf
    prior_docs: int = 500
    #: names (or words, when names are too few) shown in a story label
    label_terms: int = 3
    #: keys counted for idf; beyond this, keys seen in one article only are forgotten (as if
    #: never seen: their idf barely changes), which bounds the state of a long-running index
    max_vocabulary: int = 400_000


@dataclass(frozen=True, slots=True)
class Story:
    """A story as the store keeps it."""

    id: str
    label: str
    #: article ids in publication order
    article_ids: tuple[str, ...]
    #: the earliest article (publication date, then id)
    first_article: str
    first_seen: str | None
    last_seen: str | None
    languages: tuple[str, ...]
    outlets: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(self.article_ids)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["article_ids"] = list(self.article_ids)
        d["languages"] = list(self.languages)
        d["outlets"] = list(self.outlets)
        return d


@dataclass(slots=True)
class _Entry:
    """An article that can still be joined (inside the retention period)."""

    article_id: str
    story: str
    time: float
    language: str
    outlet: str
    vec: dict[str, float]
    neutral_norm: float
    lead: str
    emb: NDArray[np.float32] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "story": self.story,
            "time": self.time,
            "language": self.language,
            "outlet": self.outlet,
            "vec": self.vec,
            "lead": self.lead,
            "emb": encode_vector(self.emb) if self.emb is not None else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> _Entry:
        vec = {str(k): float(v) for k, v in d["vec"].items()}
        emb = decode_vector(d["emb"]) if d.get("emb") else None
        return cls(
            d["article_id"],
            d["story"],
            float(d["time"]),
            d["language"],
            d["outlet"],
            vec,
            _neutral_norm(vec),
            d.get("lead", ""),
            emb,
        )


@dataclass(slots=True)
class _StoryState:
    id: str
    members: list[tuple[float, str]] = field(default_factory=list)  # (time, article id)
    published: dict[str, str | None] = field(default_factory=dict)
    languages: Counter[str] = field(default_factory=Counter)
    outlets: Counter[str] = field(default_factory=Counter)
    #: summed vectors of its articles (strongest keys); emptied when the story closes
    centroid: dict[str, float] = field(default_factory=dict)
    #: weight of each name and word key over its articles, for the label
    terms: dict[str, float] = field(default_factory=dict)
    #: surface forms seen for those keys
    forms: dict[str, Counter[str]] = field(default_factory=dict)
    #: in how many of its articles a name key was written as a given name
    given: dict[str, int] = field(default_factory=dict)
    label: str = ""

    @property
    def first_time(self) -> float:
        return self.members[0][0]

    @property
    def last_time(self) -> float:
        return self.members[-1][0]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "members": [[t, a] for t, a in self.members],
            "published": self.published,
            "languages": dict(self.languages),
            "outlets": dict(self.outlets),
            "centroid": self.centroid,
            "terms": self.terms,
            "forms": {k: dict(v) for k, v in self.forms.items()},
            "given": self.given,
            "label": self.label,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> _StoryState:
        return cls(
            d["id"],
            [(float(t), str(a)) for t, a in d["members"]],
            dict(d["published"]),
            Counter(d["languages"]),
            Counter(d["outlets"]),
            {str(k): float(v) for k, v in d["centroid"].items()},
            {str(k): float(v) for k, v in d["terms"].items()},
            {k: Counter(v) for k, v in d["forms"].items()},
            {str(k): int(v) for k, v in d["given"].items()},
            d.get("label", ""),
        )


@dataclass(slots=True)
class _OutletStats:
    """Recency-weighted share of an outlet's articles that hold each key.

    An article published at ``t`` weighs ``2 ** ((t - origin) / half_life)``: shares are
    ratios, so no value ever needs decaying; :meth:`compact` rescales and drops keys whose
    weight has become negligible.
    """

    origin: float
    total: float = 0.0
    keys: dict[str, float] = field(default_factory=dict)

    def add(self, time: float, keys: Iterable[str], half_life: float) -> None:
        w = 2.0 ** ((time - self.origin) / half_life)
        self.total += w
        for k in keys:
            self.keys[k] = self.keys.get(k, 0.0) + w

    def common(
        self, keys: Iterable[str], time: float, half_life: float, share: float, minimum: float
    ) -> frozenset[str]:
        now = 2.0 ** ((time - self.origin) / half_life)
        if self.total < minimum * now:
            return frozenset()
        bar = share * self.total
        return frozenset(k for k in keys if self.keys.get(k, 0.0) >= bar)

    def compact(self, time: float, half_life: float) -> None:
        shift = (time - self.origin) / half_life
        if shift < 16:
            return
        scale = 2.0**-shift
        self.origin = time
        self.total *= scale
        self.keys = {k: v * scale for k, v in self.keys.items() if v * scale >= 1e-3}

    def to_dict(self) -> dict[str, Any]:
        return {"origin": self.origin, "total": self.total, "keys": self.keys}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> _OutletStats:
        keys = {str(k): float(v) for k, v in d["keys"].items()}
        return cls(float(d["origin"]), float(d["total"]), keys)


def _neutral_norm(vec: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for k, w in vec.items() if k[:2] in NEUTRAL_PREFIXES))


def _iso(time: float) -> str:
    return datetime.fromtimestamp(time * 86400.0, tz=UTC).isoformat()


#: weights of a story's best, second and third links to a new article
_LINK_WEIGHTS = (1.0, 0.5, 0.25)
#: a title key weighs this much more in a story's label
_TITLE_LABEL_BONUS = 2.0
#: keys of an article counted in its story's label statistics
_LABEL_KEYS = 25
#: additions between two passes that retire old articles
_PRUNE_EVERY = 256


class StoryIndex:
    """Stories built incrementally from article records.

    ``record``: ``{article_id, published (ISO), language, title, clean_text, entities,
    outlet}`` (``quotes`` and other fields are ignored; all but ``article_id`` may be
    missing). ``embedder``: texts → normalised vectors, for comparing articles across
    languages (:func:`vigie.stories.embedding.default_embedder`); None compares languages by
    names, numbers and dates only.
    """

    def __init__(
        self, params: StoryParams | None = None, *, embedder: Embedder | None = None
    ) -> None:
        self.params = params or StoryParams()
        self.embedder = embedder
        p = self.params
        self._kind_weights = {
            "p": p.weight_name,
            "w": p.weight_word,
            "n": p.weight_number,
            "d": p.weight_date,
        }
        self._n = 0
        self._df: Counter[str] = Counter()
        self._max_time: float | None = None
        self._entries: dict[str, _Entry] = {}
        self._postings: dict[str, dict[str, float]] = {}
        self._outlets: dict[str, _OutletStats] = {}
        self._stories: dict[str, _StoryState] = {}
        self._open: set[str] = set()
        self._article_story: dict[str, str] = {}
        self._changed: set[str] = set()
        self._since_prune = 0

    # -- public ---------------------------------------------------------------------------

    def __len__(self) -> int:
        """Number of articles added."""
        return len(self._article_story)

    def story_of(self, article_id: str) -> str | None:
        return self._article_story.get(article_id)

    def add(self, record: dict[str, Any]) -> str:
        """Put one article in a story; returns the story id (the same id again for an article
        already added)."""
        known = self._article_story.get(str(record["article_id"]))
        if known is not None:
            return known
        return self._add_features(extract_features(record))

    def add_features(self, features: ArticleFeatures) -> str:
        """:meth:`add` for features already extracted (:func:`extract_features` is pure and
        can run in the ingest workers)."""
        known = self._article_story.get(features.article_id)
        if known is not None:
            return known
        return self._add_features(features)

    def add_many(self, records: Iterable[dict[str, Any]]) -> dict[str, str]:
        """Add a batch in publication order (undated ones last, then by id); returns
        ``{article_id: story_id}``."""
        feats = [extract_features(r) for r in records]
        feats.sort(key=lambda f: (f.time is None, f.time or 0.0, f.article_id))
        out: dict[str, str] = {}
        for f in feats:
            known = self._article_story.get(f.article_id)
            out[f.article_id] = known if known is not None else self._add_features(f)
        return out

    def stories(self, min_size: int = 1) -> list[Story]:
        """Every story with at least ``min_size`` articles, in order of first publication."""
        states = [s for s in self._stories.values() if len(s.members) >= min_size]
        states.sort(key=lambda s: (s.first_time, s.id))
        return [self._story(s) for s in states]

    def story(self, story_id: str) -> Story:
        return self._story(self._stories[story_id])

    def pop_changed(self) -> list[Story]:
        """Stories created or grown since the last call (what the store must upsert)."""
        changed = sorted(self._changed)
        self._changed = set()
        return [self._story(self._stories[s]) for s in changed]

    def drop_closed(self) -> list[Story]:
        """Forget the stories no new article can join any more (none of their articles is
        inside the retention period) and return them, so that a long-running index keeps a
        bounded state; the store keeps them. Their articles are forgotten too: adding one
        again would start a new story."""
        self._prune()
        closed = [sid for sid in self._stories if sid not in self._open]
        out = []
        for sid in sorted(closed, key=lambda x: (self._stories[x].first_time, x)):
            s = self._stories.pop(sid)
            out.append(self._story(s))
            for _, aid in s.members:
                self._article_story.pop(aid, None)
            self._changed.discard(sid)
        return out

    # -- adding ---------------------------------------------------------------------------

    def _add_features(self, f: ArticleFeatures) -> str:
        time = f.time if f.time is not None else (self._max_time or 0.0)
        self._n += 1
        self._df.update(f.counts.keys())
        vec = self._vector(f.counts)
        outlet = f.outlet or ""
        entry = _Entry(f.article_id, "", time, f.language, outlet, vec, _neutral_norm(vec), f.lead)
        best = self._best_story(entry)
        if best is None:
            story = _StoryState("st-" + f.article_id)
            self._stories[story.id] = story
            self._open.add(story.id)
        else:
            story = self._stories[best]
        entry.story = story.id
        self._join(story, entry, f)

        self._entries[f.article_id] = entry
        for k, w in vec.items():
            self._postings.setdefault(k, {})[f.article_id] = w
        if outlet:
            stats = self._outlets.get(outlet)
            if stats is None:
                stats = self._outlets[outlet] = _OutletStats(time)
            stats.add(time, vec.keys(), self.params.outlet_half_life_days)
        if self._max_time is None or time > self._max_time:
            self._max_time = time
        self._since_prune += 1
        if self._since_prune >= _PRUNE_EVERY:
            self._prune()
        return story.id

    def _vector(self, counts: dict[str, float]) -> dict[str, float]:
        p = self.params
        base = self._n + p.prior_docs
        kind = self._kind_weights
        df = self._df
        weights = {
            k: kind.get(k[0], 1.0) * (1.0 + math.log(c)) * math.log(base / (df[k] + 1))
            for k, c in counts.items()
            if c > 0
        }
        if len(weights) > p.max_keys:
            weights = dict(heapq.nlargest(p.max_keys, weights.items(), key=_by_weight))
        norm = math.sqrt(sum(w * w for w in weights.values()))
        if norm == 0:
            return {}
        return {k: w / norm for k, w in weights.items()}

    def _outlet_common(self, outlet: str, keys: Iterable[str], time: float) -> frozenset[str]:
        """Those of ``keys`` the outlet repeats in many of its recent articles."""
        p = self.params
        stats = self._outlets.get(outlet) if outlet else None
        if stats is None:
            return frozenset()
        return stats.common(
            keys, time, p.outlet_half_life_days, p.outlet_common_share, p.outlet_common_min
        )

    def _best_story(self, entry: _Entry) -> str | None:
        p = self.params
        vec = entry.vec
        if not vec:
            return None
        common = self._outlet_common(entry.outlet, vec.keys(), entry.time)
        searchable = [(k, w) for k, w in vec.items() if k not in common]
        search = heapq.nlargest(p.search_keys, searchable, key=_by_weight)
        partial: dict[str, float] = {}
        for k, w in search:
            post = self._postings.get(k)
            if not post or len(post) > p.max_postings:
                continue  # a key in that many recent articles finds no story
            for aid, wb in post.items():
                partial[aid] = partial.get(aid, 0.0) + w * wb
        if not partial:
            return None
        cands = sorted(partial.items(), key=_by_score, reverse=True)[: p.max_candidates]
        # similarities to each story's articles, as multiples of their bar (≥ 1 joins)
        sims: dict[str, list[float]] = {}
        cross: list[tuple[_Entry, float]] = []
        for aid, _ in cands:
            other = self._entries[aid]
            if abs(other.time - entry.time) > p.window_days:
                continue
            story = self._stories[other.story]
            if not (
                story.first_time - p.window_days <= entry.time <= story.last_time + p.window_days
            ):
                continue
            ov = other.vec
            if entry.language and other.language and entry.language != other.language:
                if entry.neutral_norm > 0 and other.neutral_norm > 0:
                    nd = sum(
                        vec[k] * ov[k] for k in vec.keys() & ov.keys() if k[:2] in NEUTRAL_PREFIXES
                    )
                    cross.append((other, nd / (entry.neutral_norm * other.neutral_norm)))
                continue
            same_outlet = bool(entry.outlet) and other.outlet == entry.outlet
            shared = vec.keys() & ov.keys()
            if same_outlet and common:
                shared -= common
            sim = sum(vec[k] * ov[k] for k in shared)
            sims.setdefault(other.story, []).append(sim / p.threshold)
        for other, sim in self._cross_scores(entry, cross):
            sims.setdefault(other.story, []).append(sim)
        # a story needs one article over the bar; stories are ranked by their best three links
        ranked = []
        for sid, values in sims.items():
            values.sort(reverse=True)
            if values[0] >= 1.0:
                score = sum(v * f for v, f in zip(values, _LINK_WEIGHTS, strict=False))
                ranked.append((-score, sid))
        ranked.sort()
        for _, sid in ranked:
            if self._fits_centroid(entry, self._stories[sid], common):
                return sid
        return None

    def _fits_centroid(self, entry: _Entry, story: _StoryState, common: frozenset[str]) -> bool:
        """Does the article resemble the story as a whole (not only one of its articles)?"""
        p = self.params
        if len(story.members) < 3:
            return True
        cen = story.centroid
        cross = bool(entry.language) and entry.language not in story.languages
        keys = [
            (k, w)
            for k, w in entry.vec.items()
            if k not in common and (not cross or k[:2] in NEUTRAL_PREFIXES)
        ]
        dot = sum(w * cen.get(k, 0.0) for k, w in keys)
        if cross:
            norm_a = entry.neutral_norm
            norm_c = math.sqrt(sum(w * w for k, w in cen.items() if k[:2] in NEUTRAL_PREFIXES))
            bar = p.cross_threshold_no_embedding
        else:
            norm_a = 1.0
            norm_c = math.sqrt(sum(w * w for w in cen.values()))
            bar = p.threshold
        if norm_a == 0 or norm_c == 0:
            return False
        return dot / (norm_a * norm_c) >= p.centroid_share * bar

    def _cross_scores(
        self, entry: _Entry, pairs: list[tuple[_Entry, float]]
    ) -> list[tuple[_Entry, float]]:
        """Cross-language similarities as multiples of their bar."""
        p = self.params
        if not pairs:
            return []
        if self.embedder is None:
            return [(o, nd / p.cross_threshold_no_embedding) for o, nd in pairs]
        keep = [(o, nd) for o, nd in pairs if nd >= p.cross_min_neutral]
        if not keep:
            return []
        self._embed([entry, *(o for o, _ in keep)])
        out = []
        for o, nd in keep:
            assert entry.emb is not None and o.emb is not None
            e = float(np.dot(entry.emb, o.emb))
            out.append((o, (nd + e) / 2.0 / p.cross_threshold))
        return out

    def _embed(self, entries: Sequence[_Entry]) -> None:
        todo = [e for e in entries if e.emb is None]
        if not todo or self.embedder is None:
            return
        vecs = self.embedder([e.lead or " " for e in todo])
        for e, v in zip(todo, vecs, strict=True):
            # kept at the precision it is saved with, so a restored index decides the same
            e.emb = np.asarray(v, dtype=np.float16).astype(np.float32)

    def _join(self, story: _StoryState, entry: _Entry, f: ArticleFeatures) -> None:
        p = self.params
        key = (entry.time, entry.article_id)
        story.members.append(key)
        if len(story.members) > 1 and key < story.members[-2]:
            story.members.sort()
        story.published[entry.article_id] = f.published
        if f.language:
            story.languages[f.language] += 1
        if f.outlet:
            story.outlets[f.outlet] += 1
        cen = story.centroid
        for k, w in entry.vec.items():
            cen[k] = cen.get(k, 0.0) + w
        if len(cen) > p.centroid_keys * 3 // 2:
            story.centroid = dict(heapq.nlargest(p.centroid_keys, cen.items(), key=_by_weight))
        strongest = heapq.nlargest(
            _LABEL_KEYS, ((k, w) for k, w in entry.vec.items() if k[0] in "pw"), key=_by_weight
        )
        for k, w in strongest:
            weight = w * _TITLE_LABEL_BONUS if k in f.title_keys else w
            story.terms[k] = story.terms.get(k, 0.0) + weight
            if k in f.given:
                story.given[k] = story.given.get(k, 0) + 1
            form = f.display.get(k)
            if form:
                story.forms.setdefault(k, Counter())[form] += 1
        story.label = ""
        self._article_story[entry.article_id] = story.id
        self._changed.add(story.id)

    def _prune(self) -> None:
        """Retire articles older than the retention period; close stories with none left."""
        self._since_prune = 0
        if self._max_time is None:
            return
        limit = self._max_time - self.params.retention_days
        old = [aid for aid, e in self._entries.items() if e.time < limit]
        for aid in old:
            e = self._entries.pop(aid)
            for k in e.vec:
                post = self._postings.get(k)
                if post is not None:
                    post.pop(aid, None)
                    if not post:
                        del self._postings[k]
        for stats in self._outlets.values():
            stats.compact(self._max_time, self.params.outlet_half_life_days)
        if len(self._df) > self.params.max_vocabulary:
            self._df = Counter({k: n for k, n in self._df.items() if n > 1})
        for sid in sorted(self._open):
            s = self._stories[sid]
            if s.last_time < limit:
                self._open.discard(sid)
                self._label(s)
                s.centroid = {}
                s.terms = {}
                s.forms = {}
                s.given = {}

    # -- labels and views -----------------------------------------------------------------

    def _label(self, s: _StoryState) -> str:
        """Top names (or words) of the story: weight over its articles (title keys count
        double) × rarity; given names count less, an outlet's boilerplate (a presenter's
        name) not at all."""
        if s.label or not s.terms:
            return s.label
        p = self.params
        base = self._n + p.prior_docs

        def score(k: str) -> float:
            kind = 1.5 if k[0] == "p" else 1.0
            if s.given.get(k, 0) * 2 > len(s.members):
                kind *= 0.3  # a given name: "Koslevski" before "Dmitar"
            return s.terms[k] * math.log(base / (self._df[k] + 1)) * kind

        boilerplate: set[str] = set()
        if self._max_time is not None:
            for outlet in s.outlets:
                boilerplate |= self._outlet_common(outlet, s.terms.keys(), self._max_time)
        keys = sorted(
            (k for k in s.terms if k in s.forms and k not in boilerplate),
            key=lambda k: (-score(k), k),
        )
        names = [k for k in keys if k[0] == "p"][: p.label_terms]
        chosen = names + [k for k in keys if k[0] == "w"][: p.label_terms - len(names)]
        chosen.sort(key=lambda k: (-score(k), k))
        s.label = " · ".join(_form(s.forms[k]) for k in chosen)
        return s.label

    def _story(self, s: _StoryState) -> Story:
        ids = tuple(a for _, a in s.members)
        return Story(
            id=s.id,
            label=self._label(s),
            article_ids=ids,
            first_article=ids[0],
            first_seen=s.published.get(ids[0]) or _iso(s.first_time),
            last_seen=s.published.get(ids[-1]) or _iso(s.last_time),
            languages=tuple(sorted(s.languages)),
            outlets=tuple(sorted(s.outlets)),
        )

    # -- state ----------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The whole state, JSON-safe; :meth:`from_dict` restores it exactly."""
        return {
            "version": STATE_VERSION,
            "params": asdict(self.params),
            "n": self._n,
            "df": dict(self._df),
            "max_time": self._max_time,
            "since_prune": self._since_prune,
            "entries": [e.to_dict() for e in self._entries.values()],
            "outlets": {o: st.to_dict() for o, st in self._outlets.items()},
            "stories": [s.to_dict() for s in self._stories.values()],
            "open": sorted(self._open),
            "article_story": self._article_story,
            "changed": sorted(self._changed),
        }

    @classmethod
    def from_dict(cls, state: dict[str, Any], *, embedder: Embedder | None = None) -> StoryIndex:
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"unknown story index state version {state.get('version')!r}")
        index = cls(StoryParams(**state["params"]), embedder=embedder)
        index._n = int(state["n"])
        index._df = Counter(state["df"])
        index._max_time = state["max_time"]
        index._since_prune = int(state["since_prune"])
        for d in state["entries"]:
            e = _Entry.from_dict(d)
            index._entries[e.article_id] = e
            for k, w in e.vec.items():
                index._postings.setdefault(k, {})[e.article_id] = w
        index._outlets = {o: _OutletStats.from_dict(d) for o, d in state["outlets"].items()}
        for d in state["stories"]:
            s = _StoryState.from_dict(d)
            index._stories[s.id] = s
        index._open = set(state["open"])
        index._article_story = dict(state["article_story"])
        index._changed = set(state.get("changed", []))
        return index


def _by_weight(kv: tuple[str, float]) -> tuple[float, str]:
    return (kv[1], kv[0])


_by_score = operator.itemgetter(1)


def _form(forms: Counter[str]) -> str:
    """The form to show: the most frequent, a capitalised one before an all-capitals one."""
    best = min(forms.items(), key=lambda kv: (kv[0].isupper() and len(kv[0]) > 3, -kv[1], kv[0]))
    return best[0]
