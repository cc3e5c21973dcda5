"""One ingest run: read inputs, run the per-article stages, store, learn furniture, report.

The main process reads and writes (the store has one writer); per-article stages run in the
executor. A bad input or a failing article is reported and the run goes on.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from vigie.article import Article
from vigie.config import Options
from vigie.ingest.sources import Failure, read_inputs
from vigie.pipeline import Pipeline, run_stages
from vigie.runners.local import LocalExecutor
from vigie.storage.sqlite import SQLiteStore

__all__ = ["IngestReport", "ingest", "relearn_furniture"]

#: stages whose failure means there is no article to store
ESSENTIAL = ("extract",)
#: learn furniture from corpus statistics every this many stored articles during a run
LEARN_EVERY = 5000


@dataclass
class IngestReport:
    run_id: int
    seen: int = 0
    added: int = 0
    versions: int = 0
    unchanged: int = 0
    failures: list[Failure] = field(default_factory=list)
    stage_errors: int = 0
    furniture_learned: int = 0
    recleaned: int = 0
    actors: int | None = None
    copies: int = 0
    #: how the copy index was loaded and whether it was saved (when copies were matched)
    copy_index: dict[str, Any] | None = None
    stories: int = 0
    stored_ids: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def counts(self) -> dict[str, int]:
        return {
            "seen": self.seen,
            "added": self.added,
            "versions": self.versions,
            "unchanged": self.unchanged,
            "failed": self.failed,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            **self.counts(),
            "stage_errors": self.stage_errors,
            "furniture_learned": self.furniture_learned,
            "recleaned": self.recleaned,
            "actors": self.actors,
            "copies": self.copies,
            "copy_index": self.copy_index,
            "stories": self.stories,
            "failures": [f.to_dict() for f in self.failures],
        }


def _with_furniture(options: Options, learned: dict[str, list[str]]) -> Options:
    """A copy of ``options`` whose furniture holds the configured and the learned lines."""
    opts = copy.deepcopy(options)
    for outlet, lines in learned.items():
        merged = dict.fromkeys([*opts.clean.furniture.get(outlet, []), *lines])
        opts.clean.furniture[outlet] = list(merged)
    return opts


def ingest(
    paths: Sequence[str],
    store: SQLiteStore,
    options: Options | None = None,
    *,
    outlet: str | None = None,
    stdin: IO[bytes] | None = None,
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Ingest files, directories and ``-`` (JSONL on stdin) into ``store``."""
    options = options or Options()
    pipeline = Pipeline.from_options(options)  # checks stage names and order first
    run_id = store.start_run(paths)
    report = IngestReport(run_id)
    state = {"options": _with_furniture(options, store.furniture())}
    seen_in_run: set[tuple[str, str]] = set()
    batch_size = max(1, options.pipeline.batch_size)

    def new_only(buf: list[Article]) -> list[Article]:
        keys = [(a.source_key, a.input_sha1) for a in buf]
        stored = store.known(set(keys))
        fresh = []
        for a, key in zip(buf, keys, strict=True):
            if key in stored or key in seen_in_run:
                report.unchanged += 1
                continue
            seen_in_run.add(key)
            fresh.append(a)
        return fresh

    def batches() -> Iterator[list[Article]]:
        buf: list[Article] = []
        for item in read_inputs(paths, options.ingest, outlet=outlet, stdin=stdin):
            if isinstance(item, Failure):
                report.failures.append(item)
                continue
            report.seen += 1
            buf.append(item)
            if len(buf) >= batch_size:
                fresh = new_only(buf)
                buf = []
                if fresh:
                    yield fresh
                elif progress:
                    progress(report.seen)
        fresh = new_only(buf)
        if fresh:
            yield fresh

    since_learn = 0
    copy_step = None
    if options.copies.enabled and "fingerprints" in pipeline.names:
        from vigie.runners.copies import CopyStep

        copy_step = CopyStep(store, options)
    story_step = None
    if _analyses(pipeline.names):
        from vigie.runners.stories import StoryStep

        story_step = StoryStep(store)
    try:
        with LocalExecutor(options.pipeline.workers) as executor:
            for done in executor.map_batches(pipeline.names, lambda: state["options"], batches()):
                keep: list[Article] = []
                for a in done:
                    fatal = [e for e in a.errors if e.stage in ESSENTIAL]
                    if fatal or not a.text.strip():
                        why = fatal[0].message if fatal else "no text"
                        report.failures.append(Failure(a.doc, why))
                        continue
                    report.stage_errors += sum(1 for e in a.errors if e.error != "note")
                    keep.append(a)
                if copy_step is not None:
                    _read_fingerprints(keep)
                new_articles = []
                for a, outcome in zip(keep, store.write_articles(keep, run_id), strict=True):
                    if outcome.status != "unchanged":
                        report.stored_ids.append(outcome.article_id)
                        new_articles.append(a)
                    if outcome.status == "added":
                        report.added += 1
                    elif outcome.status == "version":
                        report.versions += 1
                    else:
                        report.unchanged += 1
                if copy_step is not None and new_articles:
                    report.copies += copy_step.match(new_articles)
                if story_step is not None and new_articles:
                    story_step.add(new_articles)
                since_learn += len(keep)
                if since_learn >= LEARN_EVERY and options.clean.learn_from_corpus:
                    since_learn = 0
                    if _learn(store, options):
                        state["options"] = _with_furniture(options, store.furniture())
                if progress:
                    progress(report.seen)
        if copy_step is not None:
            saved = copy_step.finish()
            report.copy_index = copy_step.index_load.to_dict(saved) if copy_step.used else None
        if options.clean.learn_from_corpus:
            _learn(store, options)
            report.furniture_learned, report.recleaned = relearn_furniture(
                store, options, pipeline.names
            )
        if story_step is not None:
            story_step.finish()
            report.stories = story_step.changed
        if options.actors.enabled and report.stored_ids and _analyses(pipeline.names):
            from vigie.runners.actors import update_actors

            report.actors = update_actors(store, options, report.stored_ids).actors
    finally:
        store.finish_run(run_id, report.counts(), [f.to_dict() for f in report.failures])
    return report


def _read_fingerprints(articles: Sequence[Article]) -> None:
    """Turn the fingerprints stage's JSON-safe dicts into :class:`Fingerprint` objects once,
    for the store and the copies step to share (each would otherwise decode it again)."""
    from vigie.copies import Fingerprint

    for a in articles:
        fp = a.results.get("fingerprint")
        if isinstance(fp, dict):
            try:
                a.results["fingerprint"] = Fingerprint.from_dict(fp)
            except (KeyError, TypeError, ValueError) as exc:
                a.add_error("fingerprints", exc)
                del a.results["fingerprint"]


def _analyses(names: Sequence[str]) -> bool:
    """Whether the stages produce what actors are built from."""
    return "entities" in names or "quotes" in names


def _learn(store: SQLiteStore, options: Options) -> int:
    """Record lines that outlets repeat across many articles as furniture; count of new lines."""
    from vigie.corpus.furniture import learn

    n_new = 0
    min_repeats = max(1, options.clean.min_repeats)
    for outlet_name, (n_articles, counts) in store.outlet_line_counts(min_repeats).items():
        lines = learn(counts, n_articles, options.clean)
        n_new += len(store.add_furniture(outlet_name, lines))
    return n_new


def relearn_furniture(
    store: SQLiteStore, options: Options, names: Sequence[str]
) -> tuple[int, int]:
    """Re-clean stored articles that still hold learned furniture lines.

    Returns ``(number of learned lines, number of articles re-cleaned)``."""
    learned = store.furniture()
    opts = _with_furniture(options, learned)
    rerun = [n for n in names if n not in ESSENTIAL]
    total = 0
    for outlet_name, lines in learned.items():
        todo: list[Article] = []
        for a in store.articles_with_lines(outlet_name, lines):
            a.errors = []
            a.done = []
            run_stages(rerun, a, opts)
            todo.append(a)
            if len(todo) >= 500:
                store.update_analysis(todo)
                total += len(todo)
                todo = []
        if todo:
            store.update_analysis(todo)
            total += len(todo)
    return sum(len(v) for v in learned.values()), total
