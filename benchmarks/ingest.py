"""Ingest throughput and peak memory on the French TV news corpus.

    python benchmarks/ingest.py [--limit N] [--workers W] [--db PATH] [--corpus PATH]

Streams ``../shared/corpora/fr-tv-news.jsonl.gz`` (237,965 items) through the core
per-article stages (extract, metadata, clean, language) into a fresh SQLite store with its
full-text index, then prints articles/s and the peak resident memory of the main process and
of the largest worker. ``--limit`` ingests only the first N items. Keep ``--db`` to reuse the
store in benchmarks/search.py.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

from vigie.config import CORE_STAGES, Options
from vigie.runners.ingest import ingest
from vigie.storage.sqlite import SQLiteStore

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "fr-tv-news.jsonl.gz"


def _descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    parents[int(entry)] = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    found, frontier = [], [root]
    while frontier:
        p = frontier.pop()
        kids = [c for c, pp in parents.items() if pp == p]
        found.extend(kids)
        frontier.extend(kids)
    return found


def _peak_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class ChildMemory(threading.Thread):
    """Samples the peak resident memory (VmHWM) of every descendant process (the workers)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kb = 0
        self.stop = threading.Event()

    def run(self) -> None:
        me = os.getpid()
        while not self.stop.wait(0.5):
            for pid in _descendants(me):
                self.peak_kb = max(self.peak_kb, _peak_kb(pid))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--limit", type=int, default=0, help="first N items only (0: all)")
    ap.add_argument("--workers", type=int, default=0, help="0: one per core")
    ap.add_argument("--db", default="", help="store to create (default: a temp file)")
    ap.add_argument("--stages", default="", help="comma-separated (default: the core stages)")
    args = ap.parse_args()

    corpus = Path(args.corpus)
    tmpdir = tempfile.mkdtemp(prefix="vigie-bench-")
    if args.limit:
        sliced = Path(tmpdir) / "slice.jsonl"
        with gzip.open(corpus, "rt", encoding="utf-8") as src, open(sliced, "w") as dst:
            for i, line in enumerate(src):
                if i >= args.limit:
                    break
                dst.write(line)
        corpus = sliced
    db = Path(args.db or Path(tmpdir) / "bench.db")
    if db.exists():
        sys.exit(f"{db} exists: give a new path")
    opts = Options()
    opts.pipeline.workers = args.workers
    opts.pipeline.stages = args.stages.split(",") if args.stages else list(CORE_STAGES)
    store = SQLiteStore(db)
    sampler = ChildMemory()
    sampler.start()
    t0 = time.perf_counter()
    report = ingest([str(corpus)], store, opts)
    elapsed = time.perf_counter() - t0
    sampler.stop.set()
    store.close()
    main_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_rss = sampler.peak_kb / 1024
    stored = report.added + report.versions
    result = {
        "items_read": report.seen,
        "stored": stored,
        "failed": report.failed,
        "unchanged": report.unchanged,
        "seconds": round(elapsed, 1),
        "articles_per_s": round(stored / elapsed, 1),
        "peak_rss_main_mb": round(main_rss),
        "peak_rss_largest_worker_mb": round(child_rss),
        "workers": opts.pipeline.workers or os.cpu_count(),
        "stages": opts.pipeline.stages,
        "cpus": os.cpu_count(),
        "db_mb": round(db.stat().st_size / 1e6),
        "furniture_learned": report.furniture_learned,
        "recleaned": report.recleaned,
        "db": str(db),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
