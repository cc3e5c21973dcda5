"""The user-editable actor registry (YAML): aliases, merges, splits, kinds, display names.

::

    actors:                       # add or override actors
      per:sergei-lavrov:
        name: Sergueï Lavrov      # display name
        kind: person              # person|organisation|state|place|media|anonymous
        aliases: [Lavrov, С. Лавров]
        roles: [ministre russe des Affaires étrangères]
      state:valdorie:
        name: Valdorie
        aliases: [Brennisk, gouvernement valdorien]
    merges:                       # these ids are one actor (the key keeps its id)
      per:dmitar-koslevski: [per:dmitri-koslevski]
    splits:                       # names never merged automatically
      - name: Poutine             # alone, it attaches to no full name
      - name: Dmitri Koslevsky    # its own actor, not merged with Dmitar Koslevski
        id: per:dmitri-koslevsky
    ignore: [Bouclier]            # names that are no actor (entity-recogniser slips)

An id is ``<prefix>:<slug>``; the prefix says the kind (``per`` person, ``org``
organisation, ``state``, ``loc`` place, ``media``, ``anon`` anonymous) and must agree with
``kind`` when both are given. Names are matched like the automatic keys (case, accents,
Cyrillic script, a leading article, and for people transliteration variants do not matter).

:meth:`Registry.load` raises :class:`RegistryError` naming the file, the line and the problem:
bad YAML, an unknown key, a bad id or kind, an alias claimed by two actors, a merge cycle, an
id merged into two actors, a split or ignored name that is also an alias.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from vigie.actors.keys import phonetic_of, plain_key, without_article

__all__ = [
    "KINDS",
    "PREFIXES",
    "Registry",
    "RegistryActor",
    "RegistryError",
    "Split",
    "kind_of_id",
]

#: actor kinds and the id prefix of each
PREFIXES: dict[str, str] = {
    "person": "per",
    "organisation": "org",
    "state": "state",
    "place": "loc",
    "media": "media",
    "anonymous": "anon",
}
KINDS = tuple(PREFIXES)
_KIND_OF_PREFIX = {v: k for k, v in PREFIXES.items()}
_ID_RE = re.compile(r"^(per|org|state|loc|media|anon):[a-z0-9]+(?:-[a-z0-9]+)*$")
_TOP_KEYS = ("actors", "merges", "splits", "ignore")
_ACTOR_KEYS = ("name", "kind", "aliases", "roles")
_SPLIT_KEYS = ("name", "id")


def kind_of_id(actor_id: str) -> str | None:
    """The kind an id's prefix says (``"per:x"`` → ``"person"``), or None."""
    return _KIND_OF_PREFIX.get(actor_id.split(":", 1)[0])


class RegistryError(ValueError):
    """A registry file that cannot be used: ``str(e)`` is ``"<file>:<line>: <problem>"``."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.problem = message
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {message}")


@dataclass(slots=True)
class RegistryActor:
    """An actor the registry adds or overrides."""

    id: str
    name: str | None = None
    kind: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Split:
    """A name never merged automatically: mentions of it go to ``id`` (by default the id its
    own key gives)."""

    name: str
    id: str | None = None


# --- YAML with line numbers ---------------------------------------------------------------


class _LineDict(dict[Any, Any]):
    line: int = 0
    lines: dict[Any, int]


class _LineList(list[Any]):
    line: int = 0
    lines: list[int]


class _Loader(yaml.SafeLoader):
    pass


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> Iterable[_LineDict]:
    data = _LineDict()
    data.line = node.start_mark.line + 1
    data.lines = {}
    yield data
    for knode, vnode in node.value:
        key = loader.construct_object(knode, deep=True)
        if key in data.lines:
            raise RegistryError("", f"duplicate key {key!r}", knode.start_mark.line + 1)
        data.lines[key] = knode.start_mark.line + 1
        data[key] = loader.construct_object(vnode, deep=True)


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> Iterable[_LineList]:
    data = _LineList()
    data.line = node.start_mark.line + 1
    data.lines = [n.start_mark.line + 1 for n in node.value]
    yield data
    data.extend(loader.construct_object(n, deep=True) for n in node.value)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def _line(container: Any, key: Any = None) -> int | None:
    if isinstance(container, _LineDict):
        return container.lines.get(key, container.line) if key is not None else container.line
    if isinstance(container, _LineList):
        if isinstance(key, int) and 0 <= key < len(container.lines):
            return container.lines[key]
        return container.line
    return None


# --- the registry -------------------------------------------------------------------------


class Registry:
    """Aliases, merges, splits, ignored names, kinds and display names set by the user.

    Build one with :meth:`load` / :meth:`loads` (validated) or empty, edit it with
    :meth:`add_alias`, :meth:`merge`, :meth:`split`, :meth:`ignore_name`, :meth:`set_actor`
    (each validates), write it with :meth:`save` / :meth:`dumps`."""

    def __init__(
        self,
        actors: Mapping[str, RegistryActor] | None = None,
        merges: Mapping[str, Iterable[str]] | None = None,
        splits: Iterable[Split] | None = None,
        ignore: Iterable[str] | None = None,
        *,
        source: str = "<registry>",
    ) -> None:
        self.actors: dict[str, RegistryActor] = dict(actors or {})
        self.merges: dict[str, list[str]] = {k: list(v) for k, v in (merges or {}).items()}
        self.splits: list[Split] = list(splits or [])
        self.ignore: list[str] = list(ignore or [])
        self.source = source
        self._lines: dict[tuple[str, str], int] = {}
        self._index()

    # -- reading ---------------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | Path) -> Registry:
        """Read and validate a registry file (a missing file is an error; an empty one is an
        empty registry)."""
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise RegistryError(str(p), "no such file") from None
        except UnicodeDecodeError as exc:
            raise RegistryError(str(p), f"not UTF-8 text ({exc.reason})") from None
        return cls.loads(text, source=str(p))

    @classmethod
    def loads(cls, text: str, *, source: str = "<registry>") -> Registry:
        """Parse and validate registry YAML; errors name ``source``."""
        try:
            data = yaml.load(text, Loader=_Loader)  # a SafeLoader subclass
        except RegistryError as exc:
            raise RegistryError(source, exc.problem, exc.line) from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", None) or str(exc)
            line = mark.line + 1 if mark is not None else None
            raise RegistryError(source, f"not valid YAML: {problem}", line) from None
        return cls._from_data(data, source)

    @classmethod
    def _from_data(cls, data: Any, source: str) -> Registry:
        if data is None:
            return cls(source=source)
        if not isinstance(data, dict):
            raise RegistryError(source, "the registry must be a mapping with keys " + _keys())
        for k in data:
            if k not in _TOP_KEYS:
                raise RegistryError(
                    source, f"unknown key {k!r} (expected {_keys()})", _line(data, k)
                )
        lines: dict[tuple[str, str], int] = {}
        actors: dict[str, RegistryActor] = {}
        raw_actors = data.get("actors") or {}
        if not isinstance(raw_actors, dict):
            raise RegistryError(source, "'actors' must map ids to actors", _line(data, "actors"))
        for aid, body in raw_actors.items():
            ln = _line(raw_actors, aid)
            aid = _check_id(aid, source, ln)
            lines[("actor", aid)] = ln or 0
            body = body or {}
            if not isinstance(body, dict):
                raise RegistryError(source, f"actor {aid}: expected a mapping", ln)
            for k in body:
                if k not in _ACTOR_KEYS:
                    raise RegistryError(
                        source,
                        f"actor {aid}: unknown key {k!r} (expected {', '.join(_ACTOR_KEYS)})",
                        _line(body, k),
                    )
            name = body.get("name")
            if name is not None and (not isinstance(name, str) or not name.strip()):
                raise RegistryError(
                    source, f"actor {aid}: 'name' must be text", _line(body, "name")
                )
            actors[aid] = RegistryActor(
                aid,
                name.strip() if name else None,
                body.get("kind"),
                _str_list(body, "aliases", source, f"actor {aid}"),
                _str_list(body, "roles", source, f"actor {aid}"),
            )
            if actors[aid].kind is not None:
                lines[("kind", aid)] = _line(body, "kind") or 0
        merges: dict[str, list[str]] = {}
        raw_merges = data.get("merges") or {}
        if not isinstance(raw_merges, dict):
            raise RegistryError(
                source, "'merges' must map an id to the ids merged into it", _line(data, "merges")
            )
        for target, ids in raw_merges.items():
            ln = _line(raw_merges, target)
            target = _check_id(target, source, ln)
            if isinstance(ids, str):
                ids = [ids]
            if not isinstance(ids, list) or not ids:
                raise RegistryError(source, f"merges of {target}: expected a list of ids", ln)
            merges[target] = [_check_id(i, source, _line(ids, n) or ln) for n, i in enumerate(ids)]
            lines[("merge", target)] = ln or 0
        splits: list[Split] = []
        raw_splits = data.get("splits") or []
        if not isinstance(raw_splits, list):
            raise RegistryError(source, "'splits' must be a list", _line(data, "splits"))
        for n, s in enumerate(raw_splits):
            ln = _line(raw_splits, n)
            if isinstance(s, str):
                s = {"name": s}
            if not isinstance(s, dict):
                raise RegistryError(source, "a split is a mapping with 'name' (and 'id')", ln)
            for k in s:
                if k not in _SPLIT_KEYS:
                    raise RegistryError(
                        source, f"split: unknown key {k!r} (expected name, id)", _line(s, k)
                    )
            name = s.get("name")
            if not isinstance(name, str) or not name.strip():
                raise RegistryError(source, "a split needs a 'name'", ln)
            sid = _check_id(s["id"], source, _line(s, "id")) if s.get("id") is not None else None
            splits.append(Split(name.strip(), sid))
            lines[("split", name.strip())] = ln or 0
        raw_ignore = data.get("ignore") or []
        if not isinstance(raw_ignore, list) or not all(
            isinstance(x, str) and x.strip() for x in raw_ignore
        ):
            raise RegistryError(source, "'ignore' must be a list of names", _line(data, "ignore"))
        for n, x in enumerate(raw_ignore):
            lines[("ignore", x.strip())] = _line(raw_ignore, n) or 0
        reg = cls.__new__(cls)
        reg.actors, reg.merges, reg.splits = actors, merges, splits
        reg.ignore = [x.strip() for x in raw_ignore]
        reg.source = source
        reg._lines = lines
        reg._index()
        return reg

    # -- validation and lookups ------------------------------------------------------------

    def _err(self, message: str, what: tuple[str, str] | None = None) -> RegistryError:
        return RegistryError(self.source, message, self._lines.get(what) if what else None)

    def _index(self) -> None:
        """Validate and build the lookup tables (raises :class:`RegistryError`)."""
        for a in self.actors.values():
            _check_id(a.id, self.source, self._lines.get(("actor", a.id)))
            if a.kind is not None:
                if a.kind not in PREFIXES:
                    raise self._err(
                        f"actor {a.id}: unknown kind {a.kind!r} (expected {', '.join(KINDS)})",
                        ("kind", a.id),
                    )
                if kind_of_id(a.id) != a.kind:
                    raise self._err(
                        f"actor {a.id}: kind {a.kind!r} does not match the id prefix "
                        f"{a.id.split(':')[0]!r} (use {PREFIXES[a.kind]}:…)",
                        ("kind", a.id),
                    )
        # aliases: one owner per plain key
        self._alias_plain: dict[str, str] = {}
        alias_text: dict[str, str] = {}
        for a in sorted(self.actors.values(), key=lambda x: x.id):
            for alias in [*([a.name] if a.name else []), *a.aliases]:
                k = plain_key(alias)
                if not k:
                    raise self._err(
                        f"actor {a.id}: alias {alias!r} has no letters", ("actor", a.id)
                    )
                owner = self._alias_plain.get(k)
                if owner is not None and owner != a.id:
                    raise self._err(
                        f"alias {alias!r} is claimed by two actors: {owner} "
                        f"({alias_text[k]!r}) and {a.id}",
                        ("actor", a.id),
                    )
                self._alias_plain[k] = a.id
                alias_text[k] = alias
        # a phonetic key is used only when one actor owns it
        phon: dict[str, set[str]] = {}
        for k, aid in self._alias_plain.items():
            phon.setdefault(phonetic_of(k), set()).add(aid)
        self._alias_phon = {k: next(iter(v)) for k, v in phon.items() if len(v) == 1}
        # merges: each id merged into one actor, no cycles
        self._merged_into: dict[str, str] = {}
        for target, ids in self.merges.items():
            for i in ids:
                if i == target:
                    raise self._err(
                        f"merges of {target}: an id cannot merge into itself", ("merge", target)
                    )
                prev = self._merged_into.get(i)
                if prev is not None and prev != target:
                    raise self._err(
                        f"{i} is merged into two actors: {prev} and {target}", ("merge", target)
                    )
                self._merged_into[i] = target
        for start in self._merged_into:
            seen = {start}
            cur = start
            while cur in self._merged_into:
                cur = self._merged_into[cur]
                if cur in seen:
                    raise self._err(f"merge cycle through {start}", ("merge", cur))
                seen.add(cur)
        # splits and ignored names
        self._split_plain: dict[str, str | None] = {}
        self._split_phon: dict[str, str | None] = {}
        for s in self.splits:
            k = plain_key(s.name)
            if not k:
                raise self._err(f"split {s.name!r} has no letters", ("split", s.name))
            if s.id is not None:
                _check_id(s.id, self.source, self._lines.get(("split", s.name)))
            owner = self._alias_plain.get(k)
            if owner is not None and owner != s.id:
                raise self._err(
                    f"split {s.name!r} is also an alias of {owner}: give the split id: {owner} "
                    "or remove one of them",
                    ("split", s.name),
                )
            self._split_plain[k] = s.id
            self._split_phon[phonetic_of(k)] = s.id
        self._ignore_plain: set[str] = set()
        for x in self.ignore:
            k = plain_key(x)
            owner = self._alias_plain.get(k)
            if owner is not None:
                raise self._err(f"ignored name {x!r} is an alias of {owner}", ("ignore", x))
            if k in self._split_plain:
                raise self._err(f"ignored name {x!r} is also a split", ("ignore", x))
            self._ignore_plain.add(k)

    def alias_owner(self, plain: str, phonetic: str | None = None) -> str | None:
        """The registry actor a name belongs to (by plain key, else by phonetic key)."""
        owner = self._alias_plain.get(plain)
        if owner is None:
            bare = without_article(plain)
            if bare is not None:
                owner = self._alias_plain.get(bare)
        if owner is None and phonetic is not None:
            owner = self._alias_phon.get(phonetic)
        return owner

    def split_of(self, plain: str, phonetic: str | None = None) -> tuple[bool, str | None]:
        """Whether a name is split, and the id it was given (None: its own key's id)."""
        if plain in self._split_plain:
            return True, self._split_plain[plain]
        if phonetic is not None and phonetic in self._split_phon:
            return True, self._split_phon[phonetic]
        return False, None

    def is_ignored(self, plain: str) -> bool:
        return plain in self._ignore_plain

    def canonical(self, actor_id: str) -> str:
        """The id an id ends up as after merges."""
        cur = actor_id
        while cur in self._merged_into:
            cur = self._merged_into[cur]
        return cur

    def merged_ids(self) -> dict[str, str]:
        """Every merged id → the id it ends up as."""
        return {i: self.canonical(i) for i in self._merged_into}

    # -- editing ---------------------------------------------------------------------------

    def _edit(self, fn: Any) -> None:
        backup = (
            {
                k: RegistryActor(v.id, v.name, v.kind, list(v.aliases), list(v.roles))
                for k, v in self.actors.items()
            },
            {k: list(v) for k, v in self.merges.items()},
            list(self.splits),
            list(self.ignore),
        )
        fn()
        try:
            self._index()
        except RegistryError:
            self.actors, self.merges, self.splits, self.ignore = backup
            self._index()
            raise

    def set_actor(
        self,
        actor_id: str,
        *,
        name: str | None = None,
        kind: str | None = None,
        roles: Iterable[str] = (),
    ) -> RegistryActor:
        """Add an actor, or set the display name, kind or extra roles of one."""

        def go() -> None:
            a = self.actors.setdefault(actor_id, RegistryActor(actor_id))
            if name is not None:
                a.name = name
            if kind is not None:
                a.kind = kind
            a.roles.extend(r for r in roles if r not in a.roles)

        self._edit(go)
        return self.actors[actor_id]

    def add_alias(self, actor_id: str, *aliases: str) -> None:
        """Names that are this actor (added to the actor, created if new)."""

        def go() -> None:
            a = self.actors.setdefault(actor_id, RegistryActor(actor_id))
            a.aliases.extend(x for x in aliases if x not in a.aliases)

        self._edit(go)

    def merge(self, into: str, *ids: str) -> None:
        """The ``ids`` are the actor ``into``."""

        def go() -> None:
            lst = self.merges.setdefault(into, [])
            lst.extend(i for i in ids if i not in lst)

        self._edit(go)

    def split(self, name: str, actor_id: str | None = None) -> None:
        """Never merge ``name`` automatically; its mentions go to ``actor_id`` (default: the
        id its own key gives)."""

        def go() -> None:
            self.splits = [s for s in self.splits if plain_key(s.name) != plain_key(name)]
            self.splits.append(Split(name, actor_id))

        self._edit(go)

    def ignore_name(self, name: str) -> None:
        """Mentions of ``name`` are no actor."""

        def go() -> None:
            if name not in self.ignore:
                self.ignore.append(name)

        self._edit(go)

    # -- writing ---------------------------------------------------------------------------

    def to_data(self) -> dict[str, Any]:
        """The registry as plain YAML-ready data (stable order)."""
        data: dict[str, Any] = {}
        if self.actors:
            actors: dict[str, Any] = {}
            for aid in sorted(self.actors):
                a = self.actors[aid]
                body: dict[str, Any] = {}
                if a.name:
                    body["name"] = a.name
                if a.kind:
                    body["kind"] = a.kind
                if a.aliases:
                    body["aliases"] = list(a.aliases)
                if a.roles:
                    body["roles"] = list(a.roles)
                actors[aid] = body or None
            data["actors"] = actors
        if self.merges:
            data["merges"] = {k: list(self.merges[k]) for k in sorted(self.merges)}
        if self.splits:
            data["splits"] = [
                {"name": s.name, **({"id": s.id} if s.id else {})} for s in self.splits
            ]
        if self.ignore:
            data["ignore"] = list(self.ignore)
        return data

    def dumps(self) -> str:
        head = "# vigie actor registry: see docs/actors.md\n"
        data = self.to_data()
        if not data:
            return head
        return head + yaml.safe_dump(
            data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100
        )

    def save(self, path: str | Path | None = None) -> Path:
        """Write the registry (to ``path``, or the file it was loaded from)."""
        p = Path(path) if path is not None else Path(self.source)
        tmp = p.with_name(p.name + ".tmp")
        tmp.write_text(self.dumps(), encoding="utf-8")
        tmp.replace(p)
        self.source = str(p)
        return p


def _keys() -> str:
    return ", ".join(_TOP_KEYS)


def _check_id(value: Any, source: str, line: int | None) -> str:
    if not isinstance(value, str) or not _ID_RE.match(value):
        raise RegistryError(
            source,
            f"bad actor id {value!r}: expected <prefix>:<slug> with prefix one of "
            f"{', '.join(sorted(_KIND_OF_PREFIX))} and a slug of a-z, 0-9 and '-' "
            "(e.g. per:sergei-lavrov)",
            line,
        )
    return value


def _str_list(body: Any, key: str, source: str, what: str) -> list[str]:
    v = body.get(key)
    if v is None:
        return []
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise RegistryError(source, f"{what}: '{key}' must be a list of names", _line(body, key))
    return [x.strip() for x in v]
