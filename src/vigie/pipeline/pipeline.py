"""A checked sequence of stages, run article by article."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from vigie.article import Article
from vigie.config import Options
from vigie.errors import PipelineError
from vigie.pipeline.registry import INITIAL, Stage, get_stage

__all__ = ["Pipeline", "run_batch", "run_stages"]


@dataclass(frozen=True)
class Pipeline:
    """Stages checked for order at construction: each one's ``requires`` must be met by the
    article's initial attributes, by ``given`` (what articles read back from the store already
    hold) or by what an earlier stage ``assigns``."""

    names: tuple[str, ...]
    options: Options
    given: frozenset[str]

    def __init__(
        self,
        names: Sequence[str],
        options: Options | None = None,
        *,
        given: Iterable[str] = (),
    ) -> None:
        object.__setattr__(self, "names", tuple(names))
        object.__setattr__(self, "options", options or Options())
        object.__setattr__(self, "given", frozenset(given))
        self.check()

    @classmethod
    def from_options(cls, options: Options) -> Pipeline:
        return cls(options.pipeline.stages, options)

    @property
    def stages(self) -> list[Stage]:
        return [get_stage(n) for n in self.names]

    def check(self) -> None:
        seen: set[str] = set()
        available = set(INITIAL) | self.given
        for name in self.names:
            if name in seen:
                raise PipelineError(f"stage {name!r} appears twice in the pipeline")
            seen.add(name)
            st = get_stage(name)
            missing = [r for r in st.requires if r not in available]
            if missing:
                providers = self._providers(missing)
                raise PipelineError(
                    f"stage {name!r} requires {', '.join(missing)}, which no earlier stage "
                    f"assigns{providers}"
                )
            available.update(st.assigns)

    @staticmethod
    def _providers(missing: list[str]) -> str:
        from vigie.pipeline.registry import STAGES

        hints = [
            f"{a} (assigned by {s.name!r})"
            for a in missing
            for s in STAGES.values()
            if a in s.assigns
        ]
        return f"; put first: {', '.join(hints)}" if hints else ""

    def __call__(self, article: Article) -> Article:
        return run_stages(self.names, article, self.options)

    def pipe(self, articles: Iterable[Article]) -> Iterable[Article]:
        for a in articles:
            yield self(a)


def run_stages(names: Sequence[str], article: Article, options: Options) -> Article:
    """Run the stages on one article. A stage that raises records the error on the article,
    and the stages that need what it would have assigned are skipped with a note."""
    failed: set[str] = set()
    for name in names:
        st = get_stage(name)
        blocked = [r for r in st.requires if r in failed]
        if blocked:
            article.add_error(name, "skipped", f"skipped: {', '.join(blocked)} missing")
            failed.update(st.assigns)
            continue
        try:
            st.fn(article, options)
            article.done.append(name)
        except Exception as exc:  # a stage's failure must not stop the batch
            article.add_error(name, exc)
            failed.update(st.assigns)
    return article


def run_batch(names: Sequence[str], articles: Sequence[Article], options: Options) -> None:
    """Run the stages on a batch, stage by stage, using a stage's batched form when it has
    one. Same results as :func:`run_stages` on each article; errors recorded per article."""
    failed: list[set[str]] = [set() for _ in articles]
    for name in names:
        st = get_stage(name)
        ready: list[int] = []
        for i, a in enumerate(articles):
            blocked = [r for r in st.requires if r in failed[i]]
            if blocked:
                a.add_error(name, "skipped", f"skipped: {', '.join(blocked)} missing")
                failed[i].update(st.assigns)
            else:
                ready.append(i)
        if st.batch_fn is not None and len(ready) > 1:
            before = {i: len(articles[i].errors) for i in ready}
            try:
                st.batch_fn([articles[i] for i in ready], options)
            except Exception as exc:  # the batched form failed as a whole: record it on each
                for i in ready:
                    articles[i].add_error(name, exc)
            for i in ready:
                a = articles[i]
                if any(e.stage == name and e.error != "note" for e in a.errors[before[i] :]):
                    failed[i].update(st.assigns)
                elif name not in a.done:
                    a.done.append(name)
            continue
        for i in ready:
            try:
                st.fn(articles[i], options)
                articles[i].done.append(name)
            except Exception as exc:  # a stage's failure must not stop the batch
                articles[i].add_error(name, exc)
                failed[i].update(st.assigns)
