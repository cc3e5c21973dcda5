"""Search latency: p50/p95 of 20 realistic queries over a store.

    python benchmarks/search.py --db PATH [--repeat 5]

Build the store first with ``python benchmarks/ingest.py --db PATH`` (full corpus for the
recorded figure). Each query runs through the same read path as the CLI and the web UI
(``vigie.queries.search``: best 20 hits with snippets plus the total count), cold once, then
``--repeat`` times; latencies of the repeated runs are reported.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from vigie import queries
from vigie.storage.sqlite import ArticleFilters, SQLiteStore

QUERIES: list[tuple[str, ArticleFilters]] = [
    ("sécurité", ArticleFilters()),
    ("securite sociale", ArticleFilters()),
    ('"réforme des retraites"', ArticleFilters()),
    ("Macron", ArticleFilters()),
    ("Macron Poutine", ArticleFilters()),
    ("Ukraine OR Russie", ArticleFilters()),
    ("grève SNCF", ArticleFilters(since="2019-01-01")),
    ("inondations", ArticleFilters(outlet="France 3")),
    ("canicule", ArticleFilters(since="2019-06-01", until="2019-08-31")),
    ("covid vaccin", ArticleFilters()),
    ("confinement", ArticleFilters(outlet="TF1")),
    ("élection présidentielle", ArticleFilters()),
    ("gilets jaunes", ArticleFilters()),
    ("États-Unis", ArticleFilters()),
    ("Notre-Dame incendie", ArticleFilters()),
    ("agriculteurs colère", ArticleFilters(outlet="France 2")),
    ("terroris*", ArticleFilters()),
    ("Tour de France", ArticleFilters()),
    ("prix de l'essence", ArticleFilters()),
    ("Otan NOT Ukraine", ArticleFilters()),
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    store = SQLiteStore(args.db, readonly=True)
    n = store.count()
    timings: list[float] = []
    per_query = []
    for q, f in QUERIES:
        queries.search(store, q, f)  # cold
        ts = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            res = queries.search(store, q, f)
            ts.append((time.perf_counter() - t0) * 1000)
        timings.extend(ts)
        per_query.append(
            {
                "query": q,
                "filters": {k: v for k, v in vars(f).items() if v},
                "total": res["total"],
                "median_ms": round(statistics.median(ts), 1),
            }
        )
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(
        json.dumps(
            {
                "articles": n,
                "queries": len(QUERIES),
                "runs_each": args.repeat,
                "p50_ms": round(statistics.median(timings), 1),
                "p95_ms": round(p95, 1),
                "max_ms": round(timings[-1], 1),
                "per_query": per_query,
            },
            indent=2,
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
