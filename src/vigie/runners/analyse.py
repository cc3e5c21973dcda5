"""Re-run per-article stages on stored articles (after ingesting with ``--stages core``, after
an upgrade of a stage, or after the actor registry changed)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from vigie.article import Article
from vigie.config import Options
from vigie.pipeline import Pipeline
from vigie.runners.ingest import ESSENTIAL, _with_furniture
from vigie.runners.local import LocalExecutor
from vigie.storage.sqlite import ArticleFilters, SQLiteStore

__all__ = ["analyse"]


def analyse(
    store: SQLiteStore,
    options: Options,
    stages: Sequence[str] | None = None,
    filters: ArticleFilters | None = None,
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Run ``stages`` (default: the configured pipeline without ``extract``) on every stored
    article matching ``filters`` and store the new results. Returns the number of articles."""
    names = [n for n in (stages or options.pipeline.stages) if n not in ESSENTIAL]
    Pipeline(["extract", *names], options)  # checks names and order as at ingest
    opts = _with_furniture(options, store.furniture())
    batch_size = max(1, options.pipeline.batch_size)

    ids = store.article_ids(filters)

    def batches() -> Iterator[list[Article]]:
        for i in range(0, len(ids), batch_size):
            batch = store.get_articles(ids[i : i + batch_size])
            for a in batch:
                a.errors = []
                a.done = []
            yield batch

    done = 0
    with LocalExecutor(options.pipeline.workers) as executor:
        for batch in executor.map_batches(names, lambda: opts, batches()):
            store.update_analysis(batch)
            done += len(batch)
            if progress:
                progress(done)
    if options.actors.enabled and ("entities" in names or "quotes" in names):
        from vigie.runners.actors import rebuild_actors

        rebuild_actors(store, options)
    return done
