"""The corpus step: per-article mentions → canonical actors with stable ids.

:class:`ActorIndex` keeps, for every unit (:mod:`vigie.actors.mentions`), its label votes,
surface forms, roles, counts, articles and dates. :meth:`ActorIndex.add` takes new article
records (cost: one dictionary update per mention) and re-decides which units are which actor
(cost: one pass over the units, grouped by dictionary lookups — see :mod:`vigie.actors.people`);
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
        self._members: dict[str, tuple[str, ...]] = {}
        self._dirty: set[str] = set()
        self._statics: dict[str, _Static] = {}
        self._cluster_cache: dict[str, tuple[frozenset[str], list[list[str]]]] = {}

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
        old_ids, old_actors = self._unit_ids, self._actors
        self._materialise()
        for unit, new in self._unit_ids.items():
            if unit in old_ids and old_ids[unit] != new:
                report.remapped[unit] = new
        report.changed = {i for i, a in self._actors.items() if old_actors.get(i) != a}
        report.removed = set(old_actors) - set(self._actors)
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

    def _materialise(self) -> None:
        reg = self.registry
        ids: dict[str, str | None] = {}
        persons: dict[str, list[tuple[str, str]]] = {}
        surnames: list[tuple[str, _Static]] = []
        for unit, u in self._units.items():
            st = self._static(unit)
            if st.fixed is not None:
                ids[unit] = st.fixed
                continue
            plain = unit[2:]
            kind = kind_vote(u.labels)
            if kind is None:
                ids[unit] = None
            elif st.split:
                ids[unit] = st.split_id or (
                    f"per:{slug(plain)}"
                    if kind == "person"
                    else self._other_id(plain, kind, u.labels)
                )
            elif kind != "person":
                ids[unit] = self._other_id(plain, kind, u.labels)
            elif st.first is None:
                surnames.append((unit, st))
            else:
                persons.setdefault(st.surname, []).append((unit, st.first))
        # people named in full: by surname, then first names
        buckets: dict[str, list[tuple[str, str]]] = {}
        for sp, members in persons.items():
            clusters = self._clusters_of(sp, frozenset(f for _, f in members))
            cluster_of = {f: k for k, c in enumerate(clusters) for f in c}
            groups: dict[int, list[str]] = {}
            for unit, f in members:
                groups.setdefault(cluster_of[f], []).append(unit)
            for k, units in groups.items():
                weights: dict[str, int] = {}
                for unit in units:
                    cid = "per:" + slug(unit[2:])
                    weights[cid] = weights.get(cid, 0) + self._units[unit].weight()
                gid = choose_id(weights, self._issued)
                for unit in units:
                    ids[unit] = gid
                buckets.setdefault(sp, []).extend((f, gid) for f in clusters[k])
        for a in reg.actors.values():
            if kind_of_id(a.id) != "person" or (a.kind not in (None, "person")):
                continue
            for name in [a.name, *a.aliases]:
                if not name:
                    continue
                first, sur = person_parts(phonetic_key(name))
                if first is not None and len(first) > 1:
                    buckets.setdefault(sur, []).append((first, a.id))
        canon = reg.canonical
        if reg.merges:
            for unit, i in ids.items():
                if i is not None:
                    ids[unit] = canon(i)
            buckets = {sp: [(f, canon(i)) for f, i in b] for sp, b in buckets.items()}
        # surnames alone: the one person with that surname, else their own actor
        ambiguous: dict[str, list[str]] = {}
        for unit, st in surnames:
            ini = st.initial
            cands = {i for f, i in buckets.get(st.surname, ()) if ini is None or f.startswith(ini)}
            if len(cands) == 1:
                ids[unit] = next(iter(cands))
                continue
            own = canon("per:" + slug(unit[2:]))
            ids[unit] = own
            if len(cands) > 1:
                ambiguous[own] = sorted(cands)
        self._unit_ids = ids
        self._buckets = buckets
        self._issued.update(i for i in ids.values() if i is not None)
        self._aggregate(ids, ambiguous)
        self._dirty = set()

    def _aggregate(self, ids: Mapping[str, str | None], ambiguous: dict[str, list[str]]) -> None:
        """Actors from the units; an actor whose units did not change is kept as it was."""
        members: dict[str, list[str]] = {}
        for unit, aid in ids.items():
            if aid is not None:
                members.setdefault(aid, []).append(unit)
        old_actors, old_members = self._actors, self._members
        dirty = self._dirty
        self._ambiguous = ambiguous
        actors: dict[str, Actor] = {}
        new_members: dict[str, tuple[str, ...]] = {}
        for aid, units in members.items():
            key = tuple(units)
            new_members[aid] = key
            old = old_actors.get(aid)
            if (
                old is not None
                and old_members.get(aid) == key
                and dirty.isdisjoint(key)
                and old.candidates == ambiguous.get(aid, [])
            ):
                actors[aid] = old
            else:
                actors[aid] = self._actor(aid, [self._units[u] for u in units])
        self._actors = actors
        self._members = new_members

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
