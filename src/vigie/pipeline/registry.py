"""The stage registry.

A stage is a plain module-level function ``fn(article, options) -> None`` that reads the
attributes named in ``requires`` and sets those named in ``assigns``. It does no I/O, so it can
run in any process of any executor; being module-level, it pickles by reference.

Attribute names are the :class:`~vigie.article.Article` fields (``text``, ``clean_text``,
``language``…) or ``results.<key>`` for analysis results.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vigie.errors import PipelineError

if TYPE_CHECKING:
    from vigie.article import Article
    from vigie.config import Options

__all__ = ["STAGES", "Stage", "StageFn", "get_stage", "stage"]

StageFn = Callable[["Article", "Options"], None]
#: optional batched form of a stage (like spaCy's ``pipe``): same effect on each article,
#: faster on many; it records per-article errors itself and must not raise for one article
BatchFn = Callable[[Sequence["Article"], "Options"], None]

#: attributes every article has on entry, before any stage ran
INITIAL = frozenset(
    {
        "text",
        "doc",
        "source_key",
        "url",
        "title",
        "outlet",
        "published",
        "authors",
        "input_format",
        "encoding",
        "html",
        "meta",
        "language",
    }
)


@dataclass(frozen=True)
class Stage:
    name: str
    fn: StageFn
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    doc: str
    batch_fn: BatchFn | None = None


STAGES: dict[str, Stage] = {}

# modules that register stages when imported: name -> module
_STAGE_MODULES = {
    "extract": "vigie.stages.extract",
    "clean": "vigie.stages.clean",
    "language": "vigie.stages.language",
    "metadata": "vigie.stages.metadata",
    "entities": "vigie.stages.entities",
    "quotes": "vigie.stages.quotes",
    "dates": "vigie.stages.dates",
    "fingerprints": "vigie.stages.fingerprints",
}


def stage(
    name: str,
    *,
    requires: tuple[str, ...] = (),
    assigns: tuple[str, ...] = (),
    batch: BatchFn | None = None,
) -> Callable[[StageFn], StageFn]:
    """Register ``fn`` as the stage ``name`` (``batch``: its optional batched form)."""

    def register(fn: StageFn) -> StageFn:
        if name in STAGES and STAGES[name].fn is not fn:
            raise PipelineError(f"stage {name!r} is registered twice")
        STAGES[name] = Stage(
            name, fn, tuple(requires), tuple(assigns), (fn.__doc__ or "").strip(), batch
        )
        return fn

    return register


def register_module(name: str, module: str) -> None:
    """Declare that importing ``module`` registers the stage ``name`` (for plug-in stages)."""
    _STAGE_MODULES[name] = module


def get_stage(name: str) -> Stage:
    if name not in STAGES and name in _STAGE_MODULES:
        import importlib

        importlib.import_module(_STAGE_MODULES[name])
    try:
        return STAGES[name]
    except KeyError:
        known = sorted(set(STAGES) | set(_STAGE_MODULES))
        raise PipelineError(f"unknown stage {name!r} (known stages: {', '.join(known)})") from None


def known_stages() -> list[str]:
    return sorted(set(STAGES) | set(_STAGE_MODULES))
