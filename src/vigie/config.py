"""One options object for everything, read from TOML with documented defaults.

Lookup order: the ``--config`` file, else ``$VIGIE_CONFIG``, else ``./vigie.toml`` if present,
else the defaults below. ``vigie config show`` prints the options in force. Unknown sections or
keys are an error (a typo must not be silently ignored).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any

import tomli_w

from vigie.errors import ConfigError

__all__ = [
    "ActorOptions",
    "CleanOptions",
    "CopyOptions",
    "IngestOptions",
    "LanguageOptions",
    "Options",
    "OutletOptions",
    "PipelineOptions",
    "ServeOptions",
    "StoreOptions",
    "load_options",
]

DEFAULT_STAGES = [
    "extract",
    "metadata",
    "clean",
    "language",
    "fingerprints",
    "entities",
    "quotes",
    "dates",
]
#: the stages that need no language model (what `vigie ingest --core` runs)
CORE_STAGES = ["extract", "metadata", "clean", "language"]


@dataclass
class PipelineOptions:
    #: per-article stages, in order; checked when the pipeline loads
    stages: list[str] = field(default_factory=lambda: list(DEFAULT_STAGES))
    #: worker processes for per-article stages (0: one per core, 1: run in-process)
    workers: int = 0
    #: articles sent to a worker at a time
    batch_size: int = 256


@dataclass
class IngestOptions:
    #: files larger than this are refused with a clear message (megabytes)
    max_file_mb: float = 20.0
    #: file extensions read when a directory is walked
    extensions: list[str] = field(
        default_factory=lambda: [".txt", ".html", ".htm", ".jsonl", ".jsonl.gz", ".json"]
    )


@dataclass
class CleanOptions:
    #: apply the built-in multilingual furniture rules
    rules: bool = True
    #: learn furniture from lines an outlet repeats across many of its articles
    learn_from_corpus: bool = True
    #: a line is learned as furniture when at least this many articles of an outlet carry it…
    min_repeats: int = 5
    #: …and at least this share of that outlet's articles do
    min_share: float = 0.02
    #: lines longer than this are never learned as furniture (characters)
    max_learned_line: int = 200
    #: known furniture per outlet: ``"Outlet name" = ["exact line", ...]``; lines learned from
    #: the corpus are added to these at ingest time
    furniture: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class LanguageOptions:
    #: also identify the language of each paragraph
    paragraphs: bool = True
    #: restrict identification to these ISO 639-1 codes (empty: all py3langid knows)
    candidates: list[str] = field(default_factory=list)
    #: paragraphs shorter than this (characters) inherit the article's language
    min_paragraph_chars: int = 40


@dataclass
class ActorOptions:
    #: YAML registry of aliases, merges, splits and names; empty: ``actors.yaml`` beside the
    #: store (it need not exist)
    registry: str = ""
    #: build canonical actors after each ingest or analyse run
    enabled: bool = True


@dataclass
class CopyOptions:
    #: match each newly stored article against the store (needs the fingerprints stage)
    enabled: bool = True
    #: look for translated copies (other languages) within this many days
    window_days: float = 14.0
    #: keep the candidate index in a file beside the store (``STORE.copy-index``), so that a
    #: run reads it back instead of indexing every stored fingerprint again; saved at the end
    #: of a run once the index holds at least ``index_file_min`` articles and has grown by 5%
    index_file: bool = True
    index_file_min: int = 2000
    #: also compare, in each other language with at least 5 articles in the window, the
    #: article whose title and first sentences embed closest (finds translations that share
    #: few numbers, dates and names; costs an embedding an article where languages mix)
    lead_candidates: bool = True


@dataclass
class OutletOptions:
    #: more state news agencies and broadcasters, added to the built-in list
    #: (vigie.outlets.state_media): names as outlets and citations write them, matched with
    #: case, accents and punctuation ignored
    state_media: list[str] = field(default_factory=list)


@dataclass
class StoreOptions:
    #: SQLite file used when neither --db nor $VIGIE_DB is given
    path: str = "vigie.db"


@dataclass
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    #: token required by write endpoints; empty: write endpoints are off
    write_token: str = ""


@dataclass
class Options:
    pipeline: PipelineOptions = field(default_factory=PipelineOptions)
    ingest: IngestOptions = field(default_factory=IngestOptions)
    clean: CleanOptions = field(default_factory=CleanOptions)
    language: LanguageOptions = field(default_factory=LanguageOptions)
    actors: ActorOptions = field(default_factory=ActorOptions)
    copies: CopyOptions = field(default_factory=CopyOptions)
    outlets: OutletOptions = field(default_factory=OutletOptions)
    store: StoreOptions = field(default_factory=StoreOptions)
    serve: ServeOptions = field(default_factory=ServeOptions)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_toml(self) -> str:
        return tomli_w.dumps(self.to_dict())


def _merge(obj: Any, data: dict[str, Any], where: str) -> None:
    known = {f.name: f for f in fields(obj)}
    for key, value in data.items():
        if key not in known:
            raise ConfigError(f"{where}: unknown option {key!r} (known: {', '.join(known)})")
        current = getattr(obj, key)
        if is_dataclass(current):
            if not isinstance(value, dict):
                raise ConfigError(f"{where}.{key}: expected a table, got {value!r}")
            _merge(current, value, f"{where}.{key}")
            continue
        if (
            key == "state_media"
            and isinstance(value, list)
            and not all(isinstance(x, str) for x in value)
        ):
            raise ConfigError(f"{where}.state_media: expected a list of names (strings)")
        if key == "furniture" and isinstance(value, dict):
            for outlet, lines in value.items():
                if not isinstance(lines, list) or not all(isinstance(x, str) for x in lines):
                    raise ConfigError(
                        f"{where}.furniture.{outlet}: expected a list of lines (strings)"
                    )
        expected = type(current)
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ConfigError(
                f"{where}.{key}: expected {expected.__name__}, got {type(value).__name__} {value!r}"
            )
        setattr(obj, key, value)


def options_from_dict(data: dict[str, Any], where: str = "config") -> Options:
    opts = Options()
    _merge(opts, data, where)
    return opts


def load_options(path: str | os.PathLike[str] | None = None) -> Options:
    """Options from ``path``, ``$VIGIE_CONFIG``, ``./vigie.toml`` or the defaults."""
    candidate = path or os.environ.get("VIGIE_CONFIG")
    if candidate is None and Path("vigie.toml").is_file():
        candidate = "vigie.toml"
    if candidate is None:
        return Options()
    p = Path(candidate)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{p}: config file not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{p}: not valid TOML: {exc}") from None
    return options_from_dict(data, str(p))
