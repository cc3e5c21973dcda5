"""The corpus step: per-article mentions → canonical actors with stable ids.

:class:`ActorIndex` keeps, for every unit (:mod:`vigie.actors.mentions`), its label votes,
surface forms, roles, counts, articles and dates. :meth:`ActorIndex.add` takes new article
records and updates the actors:

- reading a record costs one dictionary update per mention (about 2,000–2,500 articles/s of
  TV news on one core);
- then only the units those records touched are re-decided, with the people sharing their
  phonetic surname (a bucket: tens of first names, a few hundred for the commonest surnames,
  compared pairwise inside the bucket only), and only the actors whose units changed are
  rebuilt — an update costs what it adds, not the size of the corpus.

:meth:`ActorIndex.actors` lists the actors, :meth:`ActorIndex.resolver` gives the
:class:`~vigie.actors.resolve.Resolver` that maps an article's mentions to actor ids.

Which actor a unit is, in this order:

1. the registry: an ignored name is no actor; a split name is its own actor; an alias is the
   actor that claims it;
2. the built-in gazetteer (:mod:`vigie.actors.gazetteer`): states, organisations, media;
3. the unit's kind by vote over its labels (:func:`~vigie.actors.people.kind_vote`); a name
   that was only ever a MISC entity is no actor;
4. people named in full are grouped by phonetic surname, then by first names that are
   spellings or short forms of one another; a surname alone (unattached in its article) goes
   to the one person with that surname in the corpus, else stays its own actor (``ambiguous``
   when several people fit);
5. registry merges.

Ids are ``<prefix>:<slug>``, the slug made from a plain key: for a person, the spelling of
the group with the most mentions and quotes (``per:serguei-lavrov``; spellings of one name
share one id whatever their number); for others the name's key (``org:``, ``loc:``) or the
gazetteer's id (``state:russie``, ``org:otan``, ``media:afp``); ``anon:`` + the description.
A rebuild from the same records gives the same ids. An id once issued (by this index, or passed
as ``previous_ids``) is kept while it is still a candidate for its group: a spelling that
becomes more frequent later does not rename a person, and an organisation/place flip needs
twice the votes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vigie.actors import gazetteer
from vigie.actors.keys import (
    HONORIFICS,
    fold,
    person_parts,
    phonetic_key,
    phonetic_of,
    phonetic_tokens,
    slug,
)
from vigie.actors.mentions import article_mentions
from vigie.actors.model import Actor, UpdateReport
from vigie.actors.people import choose_id, cluster_first_names, kind_vote, label_votes
from vigie.actors.registry import PREFIXES, Registry, kind_of_id

if TYPE_CHECKING:
    from vigie.actors.resolve import Resolver
    from vigie.article import Article

__all__ = ["ActorIndex", "build_actors", "record_from_article"]

_STATE_VERSION = 1
_NEW = object()  # a unit that had no id before


class _Unit:
    __slots__ = ("articles", "first", "forms", "labels", "last", "n_mentions", "n_quotes", "roles")

    def __init__(self) -> None:
        self.labels: dict[str, int] = {}
        self.forms: dict[str, int] = {}
        self.roles: dict[str, int] | None = None
        self.n_mentions = 0
        self.n_quotes = 0
        self.articles: set[int] = set()
        self.first: str | None = None
        self.last: str | None = None

    def weight(self) -> int:
        return self.n_mentions + self.n_quotes

    def to_state(self) -> list[Any]:
        return [
            self.labels,
            self.forms,
            self.roles or {},
            self.n_mentions,
            self.n_quotes,
            sorted(self.articles),
            self.first,
            self.last,
        ]

    @classmethod
    def from_state(cls, row: list[Any]) -> _Unit:
        u = cls()
        u.labels, u.forms, roles, u.n_mentions, u.n_quotes, arts, u.first, u.last = row
        u.roles = roles or None
        u.articles = set(arts)
        return u


@dataclass(slots=True, frozen=True)
class _Static:
    fixed: str | None  # the id the registry or the gazetteer gives the name
    split: bool
    split_id: str | None
    first: str | None  # phonetic first name (None: a surname alone or with an initial)
    surname: str  # phonetic surname
    initial: str | None


def record_from_article(article: Article) -> dict[str, Any]:
    """The record the actors step reads from an analysed article."""
    return {
        "article_id": article.article_id,
        "published": article.published,
        "outlet": article.outlet,
        "entities": article.results.get("entities") or [],
        "quotes": article.results.get("quotes") or [],
        "text": article.text,
    }


class ActorIndex:
    """Canonical actors of a corpus, updated article by article.

    ``registry``: the user's registry (empty by default). ``previous_ids``: ids issued before
    (e.g. the store's actors table) so that a rebuild keeps them."""

    def __init__(self, registry: Registry | None = None, *, previous_ids: Iterable[str] = ()):
        self.registry = registry if registry is not None else Registry()
        self._units: dict[str, _Unit] = {}
        self._article_ix: dict[str, int] = {}
        self._issued: set[str] = set(previous_ids)
        self._unit_ids: dict[str, str | None] = {}
        self._actors: dict[str, Actor] = {}
        self._buckets: dict[str, list[tuple[str, str]]] = {}
        self._ambiguous: dict[str, list[str]] = {}
        self._members: dict[str, set[str]] = {}
        self._dirty: set[str] = set()
        self._statics: dict[str, _Static] = {}
        self._cluster_cache: dict[str, tuple[frozenset[str], list[list[str]]]] = {}
        self._cat: dict[str, str] = {}  # fixed | none | split | other | person | surname
        self._persons: dict[str, dict[str, str]] = {}  # surname → {unit: first name}
        self._surnames: dict[str, set[str]] = {}  # surname → units of the surname alone
        self._anchors: dict[str, list[tuple[str, str]]] = {}  # surname → registry people
        for a in self.registry.actors.values():
            if kind_of_id(a.id) != "person" or a.kind not in (None, "person"):
                continue
            for name in [a.name, *a.aliases]:
                first, sur = person_parts(phonetic_key(name)) if name else (None, "")
                if first is not None and len(first) > 1:
                    self._anchors.setdefault(sur, []).append((first, a.id))

    # -- input -----------------------------------------------------------------------------

    def add(self, records: Iterable[Mapping[str, Any]]) -> UpdateReport:
        """Take new article records (``article_id``, ``published``, ``outlet``, ``entities``,
        ``quotes``, optional ``text``) and update the actors. An article id already taken is
        skipped (listed in the report)."""
        report = UpdateReport()
        for rec in records:
            aid = str(rec["article_id"])
            if aid in self._article_ix:
                report.skipped.append(aid)
                continue
            ix = len(self._article_ix)
            self._article_ix[aid] = ix
            self._take(ix, rec)
            report.added += 1
        changes, old_actors = self._materialise()
        report.remapped = {
            unit: self._unit_ids[unit] for unit, old in changes.items() if old is not _NEW
        }
        report.changed = {
            aid for aid, old in old_actors.items() if self._actors.get(aid, old) != old
        }
        report.changed.update(aid for aid, old in old_actors.items() if old is None)
        report.changed &= set(self._actors)
        report.removed = {
            aid for aid, old in old_actors.items() if old is not None and aid not in self._actors
        }
        return report

    def _take(self, ix: int, rec: Mapping[str, Any]) -> None:
        am = article_mentions(rec, self.registry)
        pub = rec.get("published") or None
        for m in am.all():
            u = self._units.get(m.unit)
            if u is None:
                u = self._units[m.unit] = _Unit()
            self._dirty.add(m.unit)
            u.labels[m.label] = u.labels.get(m.label, 0) + 1
            if m.form:
                u.forms[m.form] = u.forms.get(m.form, 0) + 1
            if m.role:
                if u.roles is None:
                    u.roles = {}
                u.roles[m.role] = u.roles.get(m.role, 0) + 1
            if m.counted:
                u.n_mentions += 1
            if m.quote:
                u.n_quotes += 1
            u.articles.add(ix)
            if pub:
                if u.first is None or pub < u.first:
                    u.first = pub
                if u.last is None or pub > u.last:
                    u.last = pub

    # -- output ----------------------------------------------------------------------------

    def actors(self) -> list[Actor]:
        """All actors, most quoted and mentioned first."""
        return sorted(self._actors.values(), key=lambda a: (-a.n_quotes, -a.n_mentions, a.id))

    def actor(self, actor_id: str) -> Actor | None:
        return self._actors.get(self.registry.canonical(actor_id))

    def unit_ids(self) -> dict[str, str | None]:
        """Every unit → its actor id (None: not an actor)."""
        return dict(self._unit_ids)

    def resolver(self) -> Resolver:
        """The resolver for :func:`~vigie.actors.resolve.resolve_article` over this corpus."""
        from vigie.actors.resolve import Resolver

        return Resolver(self.registry, self._unit_ids, self._buckets)

    @property
    def n_articles(self) -> int:
        return len(self._article_ix)

    @property
    def n_units(self) -> int:
        return len(self._units)

    # -- persistence -----------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """Everything needed to go on updating later (JSON-serialisable)."""
        return {
            "version": _STATE_VERSION,
            "articles": list(self._article_ix),
            "issued": sorted(self._issued),
            "units": {k: u.to_state() for k, u in self._units.items()},
        }

    @classmethod
    def from_state(cls, state: Mapping[str, Any], registry: Registry | None = None) -> ActorIndex:
        """An index from :meth:`state` (with the registry it was built with: after a registry
        edit, rebuild from the articles instead)."""
        if state.get("version") != _STATE_VERSION:
            raise ValueError(
                f"actor index state version {state.get('version')!r} is not "
                f"{_STATE_VERSION}: rebuild the actors"
            )
        idx = cls(registry, previous_ids=state.get("issued", ()))
        idx._article_ix = {a: i for i, a in enumerate(state["articles"])}
        idx._units = {k: _Unit.from_state(v) for k, v in state["units"].items()}
        idx._dirty = set(idx._units)
        idx._materialise()
        return idx

    # -- deciding --------------------------------------------------------------------------

    def _other_id(self, plain: str, kind: str, labels: Mapping[str, int]) -> str:
        s = slug(plain)
        new = f"{PREFIXES[kind]}:{s}"
        if new in self._issued:
            return new
        votes = label_votes(labels)
        for alt_kind in ("organisation", "place", "person"):
            alt = f"{PREFIXES[alt_kind]}:{s}"
            if alt != new and alt in self._issued and votes[kind] < 2 * votes[alt_kind]:
                return alt
        return new

    def _static(self, unit: str) -> _Static:
        """What a unit's name alone decides (registry, gazetteer, name parts), computed once."""
        st = self._statics.get(unit)
        if st is not None:
            return st
        if unit.startswith("a:"):
            st = _Static("anon:" + slug(unit[2:]), False, None, None, "", None)
        else:
            reg = self.registry
            plain = unit[2:]
            phon = phonetic_of(plain)
            split, split_id = reg.split_of(plain, phon)
            fixed = None
            if not split:
                fixed = reg.alias_owner(plain, phon)
                if fixed is None:
                    entry = gazetteer.lookup(plain)
                    fixed = entry.id if entry is not None else None
            first, sur = person_parts(plain)
            sp = " ".join(phonetic_tokens(sur))
            fp = initial = None
            if first is not None and len(first) > 1:
                fp = phonetic_tokens(first)[0]
            elif first is not None:
                initial = phonetic_tokens(first)[0][:1]
            st = _Static(fixed, split, split_id, fp, sp, initial)
        self._statics[unit] = st
        return st

    def _clusters_of(self, sp: str, firsts: frozenset[str]) -> list[list[str]]:
        hit = self._cluster_cache.get(sp)
        if hit is not None and hit[0] == firsts:
            return hit[1]
        clusters = cluster_first_names(firsts)
        self._cluster_cache[sp] = (firsts, clusters)
        return clusters

    def _materialise(self) -> tuple[dict[str, object], dict[str, Actor | None]]:
        """Re-decide the units taken since the last call and the surname buckets they touch;
        rebuild the actors whose units changed. Returns the units whose id changed (→ old id,
        or ``_NEW``) and the previous state of every actor looked at."""
        dirty, self._dirty = self._dirty, set()
        canon = self.registry.canonical
        decided: dict[str, str | None] = {}
        touched: set[str] = set()
        for unit in dirty:
            st = self._static(unit)
            u = self._units[unit]
            plain = unit[2:]
            kind = kind_vote(u.labels) if st.fixed is None else None
            if st.fixed is not None:
                cat = "fixed"
                decided[unit] = canon(st.fixed)
            elif kind is None:
                cat = "none"
                decided[unit] = None
            elif st.split:
                cat = "split"
                decided[unit] = canon(
                    st.split_id
                    or (
                        f"per:{slug(plain)}"
                        if kind == "person"
                        else self._other_id(plain, kind, u.labels)
                    )
                )
            elif kind != "person":
                cat = "other"
                decided[unit] = canon(self._other_id(plain, kind, u.labels))
            else:
                cat = "surname" if st.first is None else "person"
            old_cat = self._cat.get(unit)
            if old_cat != cat:
                if old_cat == "person":
                    self._persons[st.surname].pop(unit, None)
                    touched.add(st.surname)
                elif old_cat == "surname":
                    self._surnames[st.surname].discard(unit)
                    touched.add(st.surname)
                self._cat[unit] = cat
            if cat == "person":
                assert st.first is not None
                self._persons.setdefault(st.surname, {})[unit] = st.first
                touched.add(st.surname)
            elif cat == "surname":
                self._surnames.setdefault(st.surname, set()).add(unit)
                touched.add(st.surname)
        # people named in full, by surname then first names; then surnames alone
        for sp in touched:
            self._decide_bucket(sp, decided)
        # apply, and rebuild the actors concerned
        changes: dict[str, object] = {}
        affected: set[str] = set()
        for unit, new in decided.items():
            old = self._unit_ids.get(unit, _NEW)
            if unit in dirty and new is not None:
                affected.add(new)
            if old == new:
                continue
            changes[unit] = old
            self._unit_ids[unit] = new
            if isinstance(old, str):
                self._members[old].discard(unit)
                affected.add(old)
            if new is not None:
                self._members.setdefault(new, set()).add(unit)
                affected.add(new)
        for sp in touched:
            affected.update(self._unit_ids[u] or "" for u in self._surnames.get(sp, ()))
        affected.discard("")
        self._issued.update(i for i in decided.values() if i is not None)
        old_actors = {aid: self._actors.get(aid) for aid in affected}
        for aid in affected:
            members = self._members.get(aid)
            if not members:
                self._actors.pop(aid, None)
                self._members.pop(aid, None)
                continue
            self._actors[aid] = self._actor(aid, [self._units[u] for u in members])
        return changes, old_actors

    def _decide_bucket(self, sp: str, decided: dict[str, str | None]) -> None:
        """Ids of the people with phonetic surname ``sp`` and of that surname alone."""
        canon = self.registry.canonical
        members = self._persons.get(sp) or {}
        bucket: list[tuple[str, str]] = []
        if members:
            clusters = self._clusters_of(sp, frozenset(members.values()))
            cluster_of = {f: k for k, c in enumerate(clusters) for f in c}
            groups: dict[int, list[str]] = {}
            for unit, f in members.items():
                groups.setdefault(cluster_of[f], []).append(unit)
            for k, units in groups.items():
                weights: dict[str, int] = {}
                for unit in units:
                    cid = "per:" + slug(unit[2:])
                    weights[cid] = weights.get(cid, 0) + self._units[unit].weight()
                gid = canon(choose_id(weights, self._issued))
                for unit in units:
                    decided[unit] = gid
                bucket.extend((f, gid) for f in clusters[k])
        bucket.extend((f, canon(i)) for f, i in self._anchors.get(sp, ()))
        if bucket:
            self._buckets[sp] = bucket
        else:
            self._buckets.pop(sp, None)
        for unit in self._surnames.get(sp, ()):
            st = self._static(unit)
            ini = st.initial
            cands = {i for f, i in bucket if ini is None or f.startswith(ini)}
            own = canon("per:" + slug(unit[2:]))
            self._ambiguous.pop(own, None)
            if len(cands) == 1:
                decided[unit] = next(iter(cands))
                continue
            decided[unit] = own
            if len(cands) > 1:
                self._ambiguous[own] = sorted(cands)

    def _actor(self, aid: str, units: list[_Unit]) -> Actor:
        reg_actor = self.registry.actors.get(aid)
        entry = gazetteer.builtin_entry(aid)
        kind = (
            (reg_actor.kind if reg_actor is not None else None)
            or (entry.kind if entry is not None else None)
            or kind_of_id(aid)
            or "organisation"
        )
        forms: dict[str, int] = {}
        roles: dict[str, int] = {}
        first: str | None = None
        last: str | None = None
        n_mentions = n_quotes = 0
        for u in units:
            for f, c in u.forms.items():
                forms[f] = forms.get(f, 0) + c
            for r, c in (u.roles or {}).items():
                roles[r] = roles.get(r, 0) + c
            n_mentions += u.n_mentions
            n_quotes += u.n_quotes
            if u.first is not None and (first is None or u.first < first):
                first = u.first
            if u.last is not None and (last is None or u.last > last):
                last = u.last
        n_articles = (
            len(units[0].articles)
            if len(units) == 1
            else len(set().union(*(u.articles for u in units)))
        )
        if reg_actor is not None and reg_actor.name:
            name = reg_actor.name
        elif entry is not None:
            name = entry.name
        else:
            name = _display_name(forms, kind) or aid.split(":", 1)[1].replace("-", " ")
        merged_roles = _merge_roles(roles)
        if reg_actor is not None:
            for r in reg_actor.roles:
                merged_roles.setdefault(r, 0)
        cands = self._ambiguous.get(aid, [])
        return Actor(
            id=aid,
            name=name,
            kind=kind,
            aliases=dict(sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))),
            roles=merged_roles,
            n_mentions=n_mentions,
            n_quotes=n_quotes,
            n_articles=n_articles,
            first_seen=first,
            last_seen=last,
            ambiguous=bool(cands),
            candidates=list(cands),
        )


def _strip_honorific(form: str) -> str:
    toks = form.split()
    while len(toks) > 1 and fold(toks[0]).rstrip(".") in HONORIFICS:
        toks = toks[1:]
    return " ".join(toks)


def _display_name(forms: Mapping[str, int], kind: str) -> str | None:
    counts: dict[str, int] = {}
    for f, c in forms.items():
        d = _strip_honorific(f) if kind == "person" else f
        counts[d] = counts.get(d, 0) + c
    if not counts:
        return None
    pool = counts
    if kind == "person":
        full = {d: c for d, c in counts.items() if len(d.split()) >= 2}
        pool = full or counts
    return min(pool, key=lambda d: (-pool[d], -len(d), d))


def _merge_roles(roles: Mapping[str, int]) -> dict[str, int]:
    groups: dict[str, dict[str, int]] = {}
    for r, c in roles.items():
        groups.setdefault(fold(r), {})[r] = c
    out: dict[str, int] = {}
    for variants in groups.values():
        shown = min(variants, key=lambda r: (-variants[r], r))
        out[shown] = sum(variants.values())
    return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


def build_actors(
    records: Iterable[Mapping[str, Any]],
    registry: Registry | None = None,
    *,
    previous_ids: Iterable[str] = (),
) -> list[Actor]:
    """Canonical actors of the article records (see :meth:`ActorIndex.add`)."""
    index = ActorIndex(registry, previous_ids=previous_ids)
    index.add(records)
    return index.actors()
