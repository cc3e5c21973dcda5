"""Server time of each web page and JSON twin over a real store: p50 / p95 / max.

    python benchmarks/web.py --db PATH [--repeat N] [--articles N] [--json]

Builds the real app (``vigie.web.create_app``) over ``--db`` and calls it in-process through
httpx's ASGI transport (no network: the time is the server's — routing, store queries,
templates). Each request runs once cold, then ``--repeat`` times; a page's figures pool all its
requests (several queries, several articles…). Build a store first, for example::

    python benchmarks/ingest.py --db /tmp/bench/web.db --limit 50000
    vigie --db /tmp/bench/web.db analyse --stages metadata,clean,language,entities,quotes \\
        --since 2015-01-01 --until 2015-02-28      # quotations for a slice of it
    vigie --db /tmp/bench/web.db actors rebuild  # actors, if the analyse did not build them

Target: p95 < 200 ms for every page.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from vigie.storage.sqlite import SQLiteStore
from vigie.web.app import create_app
from vigie.web.cache import StoreCache

TARGET_P95_MS = 200.0
#: pages timed with the whole-store counts recomputed each time (the first request after the
#: store changed), besides their usual timing
UNCACHED = "(store just changed)"
QUERIES = [
    "otan",
    "poutine",
    "élection présidentielle",
    '"conseil de sécurité"',
    "ukraine OR crimée",
    "grève NOT sncf",
    "terroris*",
    "migrants",
    "coupe du monde",
    "hollande",
]


def _requests(store: SQLiteStore, n_articles: int, seed: int) -> dict[str, list[str]]:
    """The URLs timed for each page, chosen from what the store holds."""
    rng = random.Random(seed)
    ids = store.article_ids()
    quoted = list(dict.fromkeys(q["article_id"] for q in store.quotes(limit=5000)))
    plain = rng.sample(ids, min(n_articles, len(ids)))
    with_quotes = rng.sample(quoted, min(n_articles, len(quoted)))
    speakers = store.speakers(limit=20)
    top = speakers[0]["speaker"] if speakers else "Poutine"
    vias = [v for s in speakers for v in s["vias"]]
    outlets = [o for o, _ in store.outlets()[:3]] or ["x"]
    months = [p for p, _ in store.search_volume(None, unit="month")]
    month = months[len(months) // 2] if months else "2015-01"
    articles = [f"/articles/{i}" for i in plain + with_quotes]
    ranked = store.actors(limit=200)
    quoted_actors = [a["id"] for a in ranked if a["n_quotes"]]
    actors = quoted_actors[:5] + rng.sample(quoted_actors[5:], min(5, len(quoted_actors[5:])))
    named = [a["id"] for a in store.actors(limit=n_articles, offset=1000)] or actors
    top_actor = quote(ranked[0]["name"][:6] if ranked else "Poutin")
    extra = _corpus_samples(store, n_articles, rng)
    return {
        "home /": ["/"],
        f"home / {UNCACHED}": ["/"],
        "search (page, facets, chart)": [f"/search?q={q}" for q in QUERIES],
        f"search {UNCACHED}": [f"/search?q={q}" for q in QUERIES[:3]],
        "search.json": [f"/search.json?q={q}" for q in QUERIES],
        "search, outlet + dates": [
            f"/search?q={q}&outlet={outlets[0]}&since=2014-01-01&until=2016-12-31"
            for q in QUERIES[:5]
        ],
        "article (no quotes)": [f"/articles/{i}" for i in plain],
        "article (with quotes)": [f"/articles/{i}" for i in with_quotes],
        "article.json": [f"{a}.json" for a in articles],
        "quotes /quotes": [
            "/quotes",
            f"/quotes?speaker={top}",
            "/quotes?type=direct",
            f"/quotes?via={vias[0] if vias else 'AFP'}",
            f"/quotes?outlet={outlets[0]}",
            f"/quotes?since={month}&until={month}",
            "/quotes?offset=1000&limit=50",
        ],
        "quotes.json": ["/quotes.json", f"/quotes.json?speaker={top}&limit=100"],
        "speakers /speakers": [
            "/speakers",
            "/speakers?type=direct",
            f"/speakers?outlet={outlets[0]}",
        ],
        "speakers.json": ["/speakers.json?limit=500"],
        "actors /actors": [
            "/actors",
            "/actors?kind=person",
            "/actors?kind=place&offset=100",
            f"/actors?name={top_actor}",
        ],
        "actors.json": ["/actors.json?limit=100", f"/actors.json?name={top_actor}"],
        "actor page (quoted most)": [f"/actors/{i}" for i in actors[:5]],
        "actor page (others)": [f"/actors/{i}" for i in actors[5:] + named[:5]],
        "actor.json": [f"/actors/{i}.json" for i in actors],
        "actor page, per week / a month": [
            *(f"/actors/{i}?unit=week" for i in actors[:3]),
            *(f"/actors/{i}?since={month}&until={month}" for i in actors[:3]),
        ],
        "/actors/lookup (speaker → actor)": [
            f"/actors/lookup?speaker={quote(s['speaker'])}" for s in speakers[:10]
        ],
        "search, actor/story/quotes/copy facets": [
            f"/search?q={QUERIES[0]}&has_quotes=yes",
            f"/search?q={QUERIES[1]}&is_copy=yes",
            *(f"/search?actor={quote(i, safe='')}" for i in actors[:2]),
            *(f"/search?story={quote(i, safe='')}" for i in extra["stories"][:2]),
        ],
        "stories /stories": ["/stories", "/stories?sort=articles", "/stories?lang=fr"],
        "story page": [f"/stories/{quote(i, safe='')}" for i in extra["stories"]],
        "outlets /outlets": ["/outlets", "/outlets?sort=copied"],
        "outlet page": [f"/outlet?name={quote(o, safe='')}" for o in outlets],
        "quote groups /quote-groups": [
            "/quote-groups",
            f"/quote-groups?speaker={top}",
            f"/quote-groups?outlet={quote(outlets[0], safe='')}",
            f"/quote-groups?text={QUERIES[0]}",
        ],
        "quote group page": [f"/quote-groups/{quote(i, safe='')}" for i in extra["groups"]],
        "article with copies": [f"/articles/{a}" for a, _ in extra["pairs"]],
        "compare two copies": [f"/articles/{a}/copies/{b}" for a, b in extra["pairs"]],
        "runs /runs": ["/runs"],
        "export citations.csv (all)": ["/export/citations.csv"],
        f"export quotes.csv ({month})": [f"/export/quotes.csv?since={month}&until={month}"],
    }


def _corpus_samples(store: SQLiteStore, n: int, rng: random.Random) -> dict[str, list[Any]]:
    """Stories (the largest and some others), quote groups reported by several articles and
    copy pairs of each kind, for the pages of the corpus steps."""
    stories = [
        r[0] for r in store.conn.execute("SELECT story_id FROM stories WHERE n_articles >= 2")
    ]
    big = [
        r[0]
        for r in store.conn.execute("SELECT story_id FROM stories ORDER BY n_articles DESC LIMIT 3")
    ]
    groups = [
        r[0] for r in store.conn.execute("SELECT group_id FROM quote_groups WHERE n_articles >= 2")
    ]
    pairs = []
    for kind in ("exact", "near", "partial", "translated"):
        rows = store.conn.execute(
            "SELECT a_id, b_id FROM copies WHERE kind = ? LIMIT 2000", (kind,)
        ).fetchall()
        pairs += [tuple(r) for r in rng.sample(rows, min(max(1, n // 4), len(rows)))]
    return {
        "stories": big + rng.sample(stories, min(n, len(stories))),
        "groups": rng.sample(groups, min(n, len(groups))),
        "pairs": pairs,
    }


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


async def _time(client: httpx.AsyncClient, url: str) -> float:
    t0 = time.perf_counter()
    r = await client.get(url)
    await r.aread()
    elapsed = (time.perf_counter() - t0) * 1000
    if r.status_code not in (200, 303):
        sys.exit(f"{url}: HTTP {r.status_code}: {r.text[:300]}")
    return elapsed


async def _run(db: str, pages: dict[str, list[str]], repeat: int) -> list[dict[str, Any]]:
    app = create_app(db)
    transport = httpx.ASGITransport(app=app)
    rows = []

    async def uncached(client: httpx.AsyncClient, url: str) -> float:
        app.state.cache = StoreCache(db)  # as after a write: whole-store counts again
        return await _time(client, url)

    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        await client.get("/runs")  # load the templates once
        for name, urls in pages.items():
            if not urls:  # e.g. no article with quotations in this store
                continue
            timer = uncached if name.endswith(UNCACHED) else _time
            cold = [await timer(client, u) for u in urls]
            warm = [await timer(client, u) for _ in range(repeat) for u in urls]
            rows.append(
                {
                    "page": name,
                    "requests": len(warm),
                    "p50_ms": round(statistics.median(warm), 1),
                    "p95_ms": round(_pct(warm, 95), 1),
                    "max_ms": round(max(warm), 1),
                    "cold_p95_ms": round(_pct(cold, 95), 1),
                }
            )
    return rows


def _table(rows: Iterable[dict[str, Any]]) -> str:
    head = f"{'page':<32} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cold p95':>9}"
    lines = [head, "-" * len(head)]
    for r in rows:
        flag = "" if r["p95_ms"] < TARGET_P95_MS or r["page"].startswith("export") else "  > target"
        lines.append(
            f"{r['page']:<32} {r['requests']:>5} {r['p50_ms']:>8} {r['p95_ms']:>8} "
            f"{r['max_ms']:>8} {r['cold_p95_ms']:>9}{flag}"
        )
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="the store to serve (not changed)")
    ap.add_argument("--repeat", type=int, default=5, help="warm runs of each request")
    ap.add_argument("--articles", type=int, default=20, help="articles of each kind to open")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = ap.parse_args()
    if not Path(args.db).exists():
        sys.exit(f"{args.db}: no such store")
    with SQLiteStore(args.db, readonly=True) as store:
        n_articles = store.count()
        n_quotes = store.count_quotes()
        pages = _requests(store, args.articles, args.seed)
    rows = asyncio.run(_run(args.db, pages, args.repeat))
    summary = {"db": args.db, "articles": n_articles, "quotes": n_quotes, "pages": rows}
    if args.json:
        print(json.dumps(summary, indent=2, ensure_ascii=False))
        return
    print(f"store {args.db}: {n_articles:,} articles, {n_quotes:,} quotations")
    print(_table(rows))
    slow = [
        r["page"]
        for r in rows
        if r["p95_ms"] >= TARGET_P95_MS and not r["page"].startswith("export")
    ]
    print(
        f"target p95 < {TARGET_P95_MS:.0f} ms: "
        + ("met" if not slow else "missed by " + ", ".join(slow))
    )


if __name__ == "__main__":
    main()
