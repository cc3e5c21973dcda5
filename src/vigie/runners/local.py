"""The local executor: per-article stages in a pool of processes, results in input order.

Batches are submitted with a bound on how many are in flight, so a stream of any length runs
in flat memory.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial

from vigie.article import Article
from vigie.config import Options
from vigie.pipeline import run_batch

__all__ = ["LocalExecutor", "process_batch"]


def process_batch(names: Sequence[str], options: Options, batch: list[Article]) -> list[Article]:
    """Run the stages on each article of a batch (picklable: runs in any worker)."""
    from vigie.corpus.furniture import candidate_lines

    run_batch(names, batch, options)
    for article in batch:
        if article.outlet and options.clean.learn_from_corpus:
            article.meta["_candidate_lines"] = sorted(
                candidate_lines(article.text, options.clean.max_learned_line)
            )
    return batch


class LocalExecutor:
    """Runs ``process_batch`` in ``workers`` processes (1: in this process)."""

    def __init__(self, workers: int = 0) -> None:
        self.workers = workers if workers > 0 else (os.cpu_count() or 1)
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> LocalExecutor:
        if self.workers > 1:
            ctx = multiprocessing.get_context("forkserver")
            self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def map_batches(
        self,
        names: Sequence[str],
        get_options: Callable[[], Options],
        batches: Iterable[list[Article]],
    ) -> Iterator[list[Article]]:
        """Processed batches, in input order. ``get_options`` is asked for the options of each
        batch as it is sent (so furniture learned during a run reaches later batches)."""
        if self._pool is None:
            for batch in batches:
                yield process_batch(names, get_options(), batch)
            return
        inflight: deque[Future[list[Article]]] = deque()
        limit = self.workers * 2
        for batch in batches:
            fn = partial(process_batch, tuple(names), get_options())
            inflight.append(self._pool.submit(fn, batch))
            while len(inflight) >= limit:
                yield inflight.popleft().result()
        while inflight:
            yield inflight.popleft().result()
