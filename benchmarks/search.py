"""Search latency: p50/p95 of realistic queries over a store, with and without the facet counts.

    python benchmarks/search.py --db PATH [--repeat 5]

Build the store first with ``python benchmarks/ingest.py --db PATH`` (full corpus for the
recorded figure). Each query runs through the same read path as the CLI and the web UI
(``vigie.queries.search``: best 20 hits with snippets plus the total count), then the facet
counts of the search page (``SQLiteStore.search_facets``: outlet, language, actor, story,
has-quotes, is-copy), cold once, then ``--repeat`` times; latencies of the repeated runs are
reported: ``search`` alone and ``search_facets`` (the search plus its facets).

Besides the 20 word queries, some use the facet filters: has-quotes and is-copy always, and the
most quoted actor and the largest story of the store when it has actors and stories (a store
built by ``vigie ingest`` alone has none: those queries are then left out and listed as
skipped).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from typing import Any

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
    # the yes/no facet filters
    ("sécurité", ArticleFilters(has_quotes=True)),
    ("Macron", ArticleFilters(is_copy=False)),
    ("gilets jaunes", ArticleFilters(has_quotes=False, is_copy=True)),
]

#: queries filtered by the store's most quoted actor and its largest story, when it has them
ACTOR_QUERIES = ["sécurité", "Macron", "grève"]
STORY_QUERIES = ["sécurité", "Macron"]


def _store_queries(store: SQLiteStore) -> tuple[list[tuple[str, ArticleFilters]], list[str]]:
    """The actor and story queries of this store, and what was skipped."""
    out: list[tuple[str, ArticleFilters]] = []
    skipped = []
    top_actor = store.actors(limit=1)
    if top_actor:
        out += [(q, ArticleFilters(actor=top_actor[0]["id"])) for q in ACTOR_QUERIES]
    else:
        skipped.append("actor (the store has no actors)")
    row = store.conn.execute("SELECT story_id FROM stories ORDER BY n_articles DESC LIMIT 1")
    story = row.fetchone()
    if story:
        out += [(q, ArticleFilters(story=story[0])) for q in STORY_QUERIES]
    else:
        skipped.append("story (the store has no stories)")
    return out, skipped


def _ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def _summary(timings: list[float]) -> dict[str, float]:
    timings = sorted(timings)
    return {
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 1),
        "max_ms": round(timings[-1], 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    store = SQLiteStore(args.db, readonly=True)
    n = store.count()
    extra, skipped = _store_queries(store)
    search_t: list[float] = []
    page_t: list[float] = []
    per_query: list[dict[str, Any]] = []
    for q, f in QUERIES + extra:
        queries.search(store, q, f)  # cold
        store.search_facets(q, f)
        ts, fs = [], []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            res = queries.search(store, q, f)
            ts.append(_ms(t0))
            t1 = time.perf_counter()
            facets = store.search_facets(q, f)
            fs.append(_ms(t1))
        search_t.extend(ts)
        page_t.extend(t + f_ for t, f_ in zip(ts, fs, strict=True))
        per_query.append(
            {
                "query": q,
                "filters": f.shown(),
                "total": res["total"],
                "search_ms": round(statistics.median(ts), 1),
                "facets_ms": round(statistics.median(fs), 1),
                "actors_sampled": "actor" in facets.sampled,
            }
        )
    print(
        json.dumps(
            {
                "articles": n,
                "queries": len(per_query),
                "runs_each": args.repeat,
                "skipped": skipped,
                "search": _summary(search_t),
                "search_facets": _summary(page_t),
                "per_query": per_query,
            },
            indent=2,
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
