"""Copy detection at scale on fr-tv-news: what it costs an ingest, and how matching one new
article grows with the store.

    .venv/bin/python benchmarks/copies_scale.py throughput --limit 20000 --repeat 3
    .venv/bin/python benchmarks/copies_scale.py throughput --pipeline default --limit 1000
    .venv/bin/python benchmarks/copies_scale.py scale --sizes 10000,50000,237965 --probes 1000

**throughput** ingests the first ``--limit`` items of ``../shared/corpora/fr-tv-news.jsonl.gz``
with vigie's ingest runner (``pipeline.workers`` processes, 2 by default, plus the writer) into
a fresh SQLite store, copy detection off then on, alternating the order from one repeat to the
next (the machine is shared: each figure is a median of ``--repeat`` runs, each run in a fresh
process). Off: the chosen stages without ``fingerprints`` and ``[copies] enabled = false``; on:
with the ``fingerprints`` stage and ``[copies] enabled = true`` (every stored batch matched
against the store). ``--pipeline core`` (default) runs extract, metadata, clean and language,
the most demanding case for the ratio; ``--pipeline default`` the default stages (entities,
quotes, dates too). Printed: articles/s, wall seconds and CPU seconds (writer and workers) per
run, the medians and the ratio on/off of the medians.

**scale** ingests the corpus in file order with copy detection on, in chunks ending at each
of ``--sizes`` (the last one capped at the corpus; each chunk one ingest run in a process of
its own, as ``vigie ingest`` would be, so each run first loads the index: from the file
beside the store once there is one, else from the stored fingerprints), and at each size
times the matching of
the ``--probes`` articles stored last, against everything stored (each is left out of its own
candidates; nothing is written): once as an ingest does it (``match_batch`` on batches of 256)
and once one article at a time (mean, median, p95, max). The matcher is the one ``CopyStep``
builds for an ingest (index loaded from the stored fingerprints, candidates read from the
store), with a cold cache of loaded articles. Also printed: the time to load the index at the
start of a run, the peak memory (VmHWM) of each ingest run and of the timing process, the
throughput of each chunk's ingest.

``--db`` keeps the store (default: a temporary directory, deleted at the end).

**incremental** is what a monitoring run pays: ``--items`` new articles (edited copies of
corpus items, under new URLs and another outlet) ingested into an existing store (``--db``,
e.g. one kept by ``scale --db``), each run in a fresh process, alternately with the copy index
built from the stored fingerprints (``[copies] index_file = false``) and read back from the
file beside the store (written first if missing). Printed per run: wall seconds, how the index
was made and in how long, relations found; then the medians. It adds the new articles to the
store.

    .venv/bin/python benchmarks/copies_scale.py incremental --db STORE --items 200 --repeat 3
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

CORPUS = ROOT.parent / "shared" / "corpora" / "fr-tv-news.jsonl.gz"
TICK = os.sysconf("SC_CLK_TCK")


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


class ChildCPU(threading.Thread):
    """Samples the CPU time (user + system) of every descendant process (the workers)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.seconds: dict[int, float] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        me = os.getpid()
        while not self.stop.wait(0.2):
            for pid in _descendants(me):
                try:
                    with open(f"/proc/{pid}/stat") as fh:
                        f = fh.read().rsplit(")", 1)[1].split()
                    self.seconds[pid] = (int(f[11]) + int(f[12])) / TICK
                except (OSError, ValueError, IndexError):
                    continue

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


def peak_rss_mb() -> int:
    """Peak resident memory of this process (VmHWM: unlike ``ru_maxrss``, not inherited from
    the parent that started it)."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    return 0


def write_slice(path: Path, start: int, stop: int | None) -> int:
    """Items ``[start, stop)`` of the corpus as a JSONL file; returns how many."""
    n = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as src, path.open("w") as dst:
        for i, line in enumerate(src):
            if stop is not None and i >= stop:
                break
            if i >= start:
                dst.write(line)
                n += 1
    return n


def options(pipeline: str, copies: bool, workers: int) -> Any:
    from vigie.config import CORE_STAGES, DEFAULT_STAGES, Options

    opts = Options()
    opts.pipeline.workers = workers
    base = list(CORE_STAGES) if pipeline == "core" else list(DEFAULT_STAGES)
    if copies:
        opts.pipeline.stages = base if "fingerprints" in base else [*base, "fingerprints"]
    else:
        opts.pipeline.stages = [s for s in base if s != "fingerprints"]
    opts.copies.enabled = copies
    return opts


def ingest_once(src: Path, db: Path, pipeline: str, copies: bool, workers: int) -> dict[str, Any]:
    """One ingest of ``src`` into ``db``: wall and CPU seconds, articles stored."""
    from vigie.runners.ingest import ingest
    from vigie.storage.sqlite import SQLiteStore

    opts = options(pipeline, copies, workers)
    sampler = ChildCPU()
    sampler.start()
    with SQLiteStore(db) as store:
        t0, c0 = time.perf_counter(), time.process_time()
        report = ingest([str(src)], store, opts)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    sampler.stop.set()
    sampler.join()
    stored = report.added + report.versions
    return {
        "copies": copies,
        "stored": stored,
        "wall_s": round(wall, 2),
        "articles_per_s": round(stored / wall, 1),
        "cpu_main_s": round(cpu, 2),
        "cpu_workers_s": round(sampler.total, 2),
        "cpu_ms_per_article": round((cpu + sampler.total) / max(stored, 1) * 1000, 3),
        "relations": report.copies,
        "recleaned": report.recleaned,
        "peak_rss_main_mb": peak_rss_mb(),
    }


def _run_json(*argv: str) -> dict[str, Any]:
    """Run this script with ``argv`` in a fresh process; the JSON it prints last."""
    out = subprocess.run(
        [sys.executable, __file__, *argv], check=True, capture_output=True, text=True
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def throughput(args: argparse.Namespace) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="vigie-copies-tp-", dir=args.tmp))
    try:
        src = tmp / "slice.jsonl"
        n = write_slice(src, args.start, args.start + args.limit)
        runs: list[dict[str, Any]] = []
        for rep in range(args.repeat):
            order = (False, True) if rep % 2 == 0 else (True, False)
            for copies in order:
                db = tmp / f"run{rep}-{int(copies)}.db"
                mode = "on" if copies else "off"
                run = _run_json("_one", str(src), str(db), args.pipeline, mode, str(args.workers))
                run["repeat"] = rep
                runs.append(run)
                print(json.dumps(run), flush=True)
                for f in tmp.glob(f"{db.name}*"):
                    f.unlink()

        def med(copies: bool, key: str) -> float:
            return float(statistics.median(r[key] for r in runs if r["copies"] == copies))

        off, on = med(False, "articles_per_s"), med(True, "articles_per_s")
        cpu_off, cpu_on = med(False, "cpu_ms_per_article"), med(True, "cpu_ms_per_article")
        print(
            json.dumps(
                {
                    "items": n,
                    "pipeline": args.pipeline,
                    "workers": args.workers,
                    "repeats": args.repeat,
                    "median_articles_per_s_off": off,
                    "median_articles_per_s_on": on,
                    "throughput_kept": round(on / off, 3),
                    "median_cpu_ms_per_article_off": cpu_off,
                    "median_cpu_ms_per_article_on": cpu_on,
                    "cpu_ratio_off_on": round(cpu_off / cpu_on, 3),
                    "cpus": os.cpu_count(),
                },
                indent=2,
            )
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def time_probes(db: Path, probes: int, workers: int) -> dict[str, Any]:
    """Matching of the ``probes`` articles stored last, against the whole store."""
    from vigie.runners.copies import CopyStep
    from vigie.storage.sqlite import SQLiteStore

    with SQLiteStore(db) as store:
        step = CopyStep(store, options("core", True, workers))
        t0 = time.perf_counter()
        matcher = step.matcher
        load_s = time.perf_counter() - t0
        stored = len(matcher.index)
        keys = store.article_ids()[-probes:]
        docs = step.load_docs(keys)
        batch_docs = [docs[k] for k in keys if k in docs]
        matcher.clear_cache()
        t0, c0 = time.perf_counter(), time.process_time()
        n_rel = n_cand = 0
        for i in range(0, len(batch_docs), 256):
            for res in matcher.match_batch(batch_docs[i : i + 256], add=False):
                n_rel += len(res.relations)
                n_cand += len(res.candidates)
        batch_wall = time.perf_counter() - t0
        batch_cpu = time.process_time() - c0
        # one at a time, from freshly loaded articles (nothing computed on them yet)
        docs = step.load_docs(keys)
        matcher.clear_cache()
        walls: list[float] = []
        cpus: list[float] = []
        for k in keys:
            doc = docs.get(k)
            if doc is None:
                continue
            t0, c0 = time.perf_counter(), time.process_time()
            matcher.match_batch([doc], add=False)
            walls.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
    n = len(batch_docs)
    return {
        "stored": stored,
        "probes": n,
        "index_load_s": round(load_s, 2),
        "batch_ms_per_article": round(batch_wall / n * 1000, 3),
        "batch_cpu_ms_per_article": round(batch_cpu / n * 1000, 3),
        "one_mean_ms": round(statistics.mean(walls) * 1000, 3),
        "one_median_ms": round(statistics.median(walls) * 1000, 3),
        "one_p95_ms": round(_percentile(walls, 0.95) * 1000, 3),
        "one_max_ms": round(max(walls) * 1000, 1),
        "one_cpu_mean_ms": round(statistics.mean(cpus) * 1000, 3),
        "one_cpu_p95_ms": round(_percentile(cpus, 0.95) * 1000, 3),
        "candidates_per_article": round(n_cand / n, 2),
        "relations_per_article": round(n_rel / n, 3),
        "peak_rss_mb": peak_rss_mb(),
    }


def scale(args: argparse.Namespace) -> None:
    sizes = sorted({int(s) for s in args.sizes.split(",") if s})
    tmp = Path(tempfile.mkdtemp(prefix="vigie-copies-scale-", dir=args.tmp))
    db = Path(args.db) if args.db else tmp / "scale.db"
    if db.exists():
        sys.exit(f"{db} exists: give a new path")
    try:
        done = 0
        for size in sizes:
            chunk = tmp / "chunk.jsonl"
            n = write_slice(chunk, done, size)
            if n:  # an ingest run of its own, as `vigie ingest` would be
                run = _run_json("_one", str(chunk), str(db), "core", "on", str(args.workers))
                print(json.dumps({"ingested_items": f"{done}-{done + n}", **run}), flush=True)
            done += n
            chunk.unlink()
            # timed in a fresh process: its memory and caches are the matcher's alone
            result = _run_json("_probes", str(db), str(args.probes), str(args.workers))
            print(json.dumps({"items_read": done, **result}), flush=True)
            if done < size:  # the corpus ended before this size
                break
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # the store too, unless --db put it elsewhere


def write_relayed(path: Path, items: int, tag: str) -> int:
    """``items`` corpus items (every 997th) as edited copies under new URLs: a relay outlet
    republishing them a day later with a word changed in each paragraph."""
    n = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as src, path.open("w") as dst:
        for i, line in enumerate(src):
            if i % 997:
                continue
            item = json.loads(line)
            text = "\n".join(
                p.replace(" le ", " ce ", 1) for p in str(item.get("text") or "").split("\n")
            )
            item.update(
                url=f"https://relay.example/{tag}/{i}",
                outlet="Relay Example",
                text=text,
                published=str(item.get("published") or "")[:10] + "T23:59:00Z",
            )
            dst.write(json.dumps(item, ensure_ascii=False) + "\n")
            n += 1
            if n >= items:
                break
    return n


def incremental_once(src: Path, db: Path, index_file: bool, workers: int) -> dict[str, Any]:
    from vigie.runners.ingest import ingest
    from vigie.storage.sqlite import SQLiteStore

    opts = options("core", True, workers)
    opts.copies.index_file = index_file
    with SQLiteStore(db) as store:
        t0 = time.perf_counter()
        report = ingest([str(src)], store, opts)
        wall = time.perf_counter() - t0
    info = report.copy_index or {}
    return {
        "index_file": index_file,
        "stored": report.added + report.versions,
        "wall_s": round(wall, 2),
        "index_source": info.get("source"),
        "index_articles": info.get("articles"),
        "index_load_s": info.get("seconds"),
        "index_saved": info.get("saved"),
        "relations": report.copies,
        "peak_rss_main_mb": peak_rss_mb(),
    }


def incremental(args: argparse.Namespace) -> None:
    db = Path(args.db)
    if not db.exists():
        sys.exit(f"{db}: no such store (build one with `scale --db {db}`)")
    tmp = Path(tempfile.mkdtemp(prefix="vigie-copies-inc-", dir=args.tmp))
    runs: list[dict[str, Any]] = []
    try:
        stamp = int(time.time())
        for r in range(args.repeat):
            for index_file in (False, True) if r % 2 == 0 else (True, False):
                src = tmp / "new.jsonl"
                write_relayed(src, args.items, f"{stamp}-{r}-{int(index_file)}")
                mode = "file" if index_file else "nofile"
                run = _run_json("_inc", str(src), str(db), mode, str(args.workers))
                print(json.dumps({"repeat": r, **run}), flush=True)
                runs.append(run)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    def med(index_file: bool, key: str) -> float:
        vals = [x[key] for x in runs if x["index_file"] is index_file and x[key] is not None]
        return round(statistics.median(vals), 2) if vals else float("nan")

    print(
        json.dumps(
            {
                "items": args.items,
                "repeats": args.repeat,
                "median_wall_s_built": med(False, "wall_s"),
                "median_wall_s_file": med(True, "wall_s"),
                "median_index_load_s_built": med(False, "index_load_s"),
                "median_index_load_s_file": med(True, "index_load_s"),
                "index_file_mb": round(db.with_name(db.name + ".copy-index").stat().st_size / 1e6)
                if db.with_name(db.name + ".copy-index").exists()
                else None,
            },
            indent=2,
        )
    )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_inc":
        src, db, mode, workers = sys.argv[2:6]
        print(json.dumps(incremental_once(Path(src), Path(db), mode == "file", int(workers))))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "_one":
        src, db, pipeline, mode, workers = sys.argv[2:7]
        print(json.dumps(ingest_once(Path(src), Path(db), pipeline, mode == "on", int(workers))))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "_probes":
        db, probes, workers = sys.argv[2:5]
        print(json.dumps(time_probes(Path(db), int(probes), int(workers))))
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    tp = sub.add_parser("throughput", help="ingest with copy detection off and on")
    tp.add_argument("--limit", type=int, default=20000, help="corpus items to ingest")
    tp.add_argument("--start", type=int, default=0, help="skip this many items first")
    tp.add_argument("--repeat", type=int, default=3, help="runs of each mode")
    tp.add_argument("--pipeline", choices=("core", "default"), default="core")
    tp.add_argument("--workers", type=int, default=2)
    tp.add_argument("--tmp", default=None, help="directory for temporary stores")
    sc = sub.add_parser("scale", help="time to match one new article as the store grows")
    sc.add_argument("--sizes", default="10000,50000,237965", help="corpus items stored")
    sc.add_argument("--probes", type=int, default=1000, help="articles timed at each size")
    sc.add_argument("--workers", type=int, default=2)
    sc.add_argument("--db", default="", help="store to build and keep (default: temporary)")
    sc.add_argument("--tmp", default=None, help="directory for temporary files")
    inc = sub.add_parser("incremental", help="a small ingest into a large store")
    inc.add_argument("--db", required=True, help="an existing store with fingerprints")
    inc.add_argument("--items", type=int, default=200, help="new articles a run")
    inc.add_argument("--repeat", type=int, default=3, help="runs of each mode")
    inc.add_argument("--workers", type=int, default=2)
    inc.add_argument("--tmp", default=None, help="directory for temporary files")
    args = ap.parse_args()
    if args.command == "throughput":
        throughput(args)
    elif args.command == "incremental":
        incremental(args)
    else:
        scale(args)


if __name__ == "__main__":
    main()
