"""Time of the quote-group list (``/quote-groups``) and the story list (``/stories``) on a large
synthetic store: p50 / p95 / max of each filter.

    python benchmarks/quote_groups.py build --source /tmp/g7demo.db --db /tmp/g7/syn.db
    python benchmarks/quote_groups.py measure --db /tmp/g7/syn.db [--repeat 5]

**build** reads the quote groups of a real store at this vigie's schema version (for example
the demo corpus: ``vigie --db /tmp/g7demo.db ingest src/vigie/demo/corpus``) and writes
``--groups`` groups (100,000 by default) through ``store.write_stories``, the path
``vigie ingest`` uses: each a copy of a real group (one of several articles half of the time)
with its own id, article ids, dates spread over two years, outlets drawn from 300 names, a
language among fr, en, ru, de and a numbered tail on its texts (so no two groups share a
version). It also writes ``--stories`` stories (150,000) with dates, languages and outlets
drawn the same way.

**measure** calls ``store.quote_group_page`` — what the page calls — for each filter (the first
page, and pages further on), each query once cold then ``--repeat`` times, and
``store.story_list`` with the default order at several offsets. Target: p95 < 200 ms.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import statistics
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from vigie.storage.quote_group_store import QuoteGroupFilters
from vigie.storage.sqlite import SQLiteStore
from vigie.storage.story_store import StoryFilters

TARGET_P95_MS = 200.0
LANGUAGES = ("fr", "fr", "fr", "en", "ru", "de")
_START = datetime(2024, 1, 1)


def _outlets(real: list[str], n: int = 300) -> list[str]:
    """The real outlet names, then made-up ones up to ``n``."""
    made = [f"{w} {i}" for i, w in enumerate(["Gazette", "Écho", "Dépêche", "Le Journal"] * n)]
    return real + made[: max(0, n - len(real))]


def _date(rng: random.Random) -> str:
    return (_START + timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))).isoformat("T", "minutes")


def _variant_group(g: dict[str, Any], i: int, rng: random.Random, outlets: list[str]) -> dict:
    g = copy.deepcopy(g)
    g["id"] = f"qg-syn{i:06d}-{g['id']}"
    lang = rng.choice(LANGUAGES)
    start = _START + timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
    renamed: dict[str, str] = {}
    for v in g["variants"]:
        v["article_id"] = f"{v['article_id']}-{i}"
        v["text"] = f"{v['text']} [{i}]"
        v["language"] = lang
        if v.get("published"):
            delay = v.get("delay_hours") or 0.0
            v["published"] = (start + timedelta(hours=delay)).isoformat("T", "minutes")
        if v.get("outlet"):
            v["outlet"] = renamed.setdefault(v["outlet"], rng.choice(outlets))
    for key in ("fullest", "first"):
        g[key]["article_id"] = f"{g[key]['article_id']}-{i}"
    g["outlets"] = [
        {**o, "outlet": renamed.get(o["outlet"], rng.choice(outlets))} for o in g["outlets"]
    ]
    g["languages"] = [lang]
    return g


def build(args: argparse.Namespace) -> None:
    rng = random.Random(7)
    src = SQLiteStore(args.source, readonly=True)
    try:
        groups = src.quote_groups(min_articles=1)
    finally:
        src.close()
    several = [g for g in groups if len({v["article_id"] for v in g["variants"]}) > 1]
    real = sorted({o["outlet"] for g in groups for o in g["outlets"]})
    outlets = _outlets(real)
    store = SQLiteStore(args.db)
    t0 = time.perf_counter()
    try:
        batch: list[dict[str, Any]] = []
        for i in range(args.groups):
            template = rng.choice(several if rng.random() < 0.5 else groups)
            batch.append(_variant_group(template, i, rng, outlets))
            if len(batch) == 5000:
                store.write_stories([], batch, [], {})
                batch = []
        store.write_stories([], batch, [], {})
        t_groups = time.perf_counter() - t0
        stories = []
        for i in range(args.stories):
            first = _date(rng) if rng.random() < 0.98 else None
            n = rng.choice((1, 1, 1, 2, 2, 3, 5, 8, 13))
            stories.append(
                {
                    "id": f"st-syn{i:06d}",
                    "label": f"story {i}",
                    "first_article": f"st-art-{i}-0",
                    "first_seen": first,
                    "last_seen": first,
                    "article_ids": [f"st-art-{i}-{k}" for k in range(n)],
                    "languages": [rng.choice(LANGUAGES)],
                    "outlets": rng.sample(outlets, min(n, 3)),
                }
            )
            if len(stories) == 5000:
                store.write_stories(stories, [], [], {})
                stories = []
        store.write_stories(stories, [], [], {})
    finally:
        store.close()
    print(
        json.dumps(
            {
                "db": args.db,
                "groups": args.groups,
                "stories": args.stories,
                "seconds_writing_groups": round(t_groups, 1),
                "bytes": Path(args.db).stat().st_size,
            }
        )
    )


def _time(fn: Callable[[], object], repeat: int) -> tuple[list[float], object]:
    """Milliseconds of ``repeat`` calls after a cold one, and the last result."""
    result = fn()  # cold
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out, result


def _cases(store: SQLiteStore) -> dict[str, list[tuple[QuoteGroupFilters, int]]]:
    """Per filter, the (filters, offset) pairs timed: the first page and pages further on."""
    row = store.conn.execute(
        "SELECT speaker, count(*) AS n FROM quote_groups WHERE n_articles >= 2"
        " GROUP BY speaker ORDER BY n DESC LIMIT 1"
    ).fetchone()
    speaker = str(row[0]).split()[-1][:6] if row and row[0] else "Kosle"
    q = QuoteGroupFilters
    return {
        "none (min 2 articles)": [(q(), 0), (q(), 1000), (q(), 20_000), (q(), 40_000)],
        "none (min 1 article)": [(q(min_articles=1), 0), (q(min_articles=1), 100_000)],
        "min 5 articles": [(q(min_articles=5), 0)],
        "speaker (common)": [(q(speaker=speaker), 0), (q(speaker=speaker), 2000)],
        "speaker (absent)": [(q(speaker="zzyzx"), 0)],
        "text (a word)": [(q(text="pacte"), 0), (q(text="SÉCURITE"), 0)],
        "text (a phrase)": [(q(text="joue avec le feu"), 0)],
        "text (one group)": [(q(text="[4242]"), 0)],
        "text (2 letters)": [(q(text="le"), 0)],
        "outlet (common part)": [(q(outlet="le"), 0), (q(outlet="le"), 5000)],
        "outlet (one name)": [(q(outlet="Méridie Soir"), 0), (q(outlet="gazette 12"), 0)],
        "language": [(q(language="fr"), 0), (q(language="en"), 0), (q(language="de"), 3000)],
        "combined": [
            (q(language="fr", outlet="le", text="pacte"), 0),
            (q(speaker=speaker, language="en"), 0),
        ],
    }


def _stats(times: list[float]) -> dict[str, float]:
    times = sorted(times)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(p95, 1),
        "max_ms": round(times[-1], 1),
    }


def measure(args: argparse.Namespace) -> None:
    store = SQLiteStore(args.db, readonly=True)
    rows: dict[str, dict[str, Any]] = {}
    try:
        n_groups = store.count_quote_groups(QuoteGroupFilters(min_articles=1))
        for name, cases in _cases(store).items():
            times: list[float] = []
            totals = []
            for f, offset in cases:
                ts, result = _time(
                    partial(store.quote_group_page, f, limit=20, offset=offset), args.repeat
                )
                times += ts
                totals.append(result[0] if isinstance(result, tuple) else None)
            rows[f"quote groups: {name}"] = {**_stats(times), "matches": totals}
        n_stories = store.count_stories(StoryFilters())
        for offset in (0, 1000, 50_000, 100_000, max(0, n_stories - 20)):
            ts, _ = _time(
                partial(store.story_list, StoryFilters(), limit=20, offset=offset), args.repeat
            )
            rows[f"stories, latest first, offset {offset:,}"] = _stats(ts)
    finally:
        store.close()
    worst = max(r["p95_ms"] for r in rows.values())
    print(f"store {args.db}: {n_groups:,} quote groups, {n_stories:,} stories")
    for name, r in rows.items():
        extra = f"  matches {r['matches']}" if "matches" in r else ""
        figures = f"p50 {r['p50_ms']:7.1f}  p95 {r['p95_ms']:7.1f}  max {r['max_ms']:7.1f}"
        print(f"{name:46} {figures}{extra}")
    print(f"worst p95 {worst:.1f} ms (target < {TARGET_P95_MS:.0f} ms)")
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="write a synthetic store from a real store's groups")
    b.add_argument("--source", required=True, help="a store with quote groups (e.g. the demo)")
    b.add_argument("--db", required=True)
    b.add_argument("--groups", type=int, default=100_000)
    b.add_argument("--stories", type=int, default=150_000)
    m = sub.add_parser("measure", help="time the list queries")
    m.add_argument("--db", required=True)
    m.add_argument("--repeat", type=int, default=5)
    m.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = ap.parse_args()
    build(args) if args.command == "build" else measure(args)


if __name__ == "__main__":
    main()
