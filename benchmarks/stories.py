"""Story grouping and quote groups: quality on labelled sets, and speed.

    .venv/bin/python benchmarks/stories.py demo                 # demo corpus, stories + quotes
    .venv/bin/python benchmarks/stories.py tv --start 2019-01-01 --end 2020-02-01
    .venv/bin/python benchmarks/stories.py tv --all --no-silver # whole corpus, time only

**demo** ingests ``src/vigie/demo/corpus`` into a temporary SQLite store with the default
stages (``workers=1``), reads the stored articles back (``store.iter_articles()``) and groups
them into stories, with and without sentence embeddings. Labels: the manifest's ``story``.
Reported: pairwise precision and recall (over all pairs of articles), the purity and
completeness of the stories of the three main events, and time. Quote groups of the same
articles: how many, and whether each quote of the Telekar dispatch of 14 February lands in one
group with the same quote in its copies.

**tv** reads the items of ``../shared/corpora/fr-tv-news.jsonl.gz`` published in
``[--start, --end)`` (or all with ``--all``), ingests them with the core stages (extract,
metadata, clean, language; no language model: the ``entities`` field is empty and names come
from capitalisation) into a temporary store, and adds them to a :class:`StoryIndex` in
**publication order** (the corpus file is grouped by outlet; a monitor receives articles as
they are published; ties keep file order). The labelled pairs are silver, built from the data
without looking at the grouping:

* positives, "same title": two items of **different outlets**, published at most 2 days
  apart, whose titles are identical after folding case and accents and dropping a leading
  capitalised label ("VIDÉO -", "REPORTAGE -"); titles of 4 words or more, used on at most 2
  distinct days in the slice (so "Les titres du JT de 20H" or "Météo" never count);
* positives, "same text": two items of different outlets, at most 2 days apart, sharing at
  least half of the 5-word shingles of the shorter one (shingles sampled 1 in 4 by CRC32);
* positives, "same rare name": two items of different outlets, at most 1 day apart, whose
  titles share a name of two capitalised words or more ("Carlos Ghosn", "Tempête Miguel",
  "Affaire Dupont de Ligonnès") used in titles on at most 3 distinct days of the slice: the
  same event told in different words (reading 40 of them: nearly all the same story; a few
  are two angles of one event, e.g. "Réveillon du Nouvel An : sécurité / tarifs");
* negatives: two items published **the same day** whose titles share no content word
  (folded words of 3 letters or more outside a stop list, compared by 6-letter stem), whose
  titles and first 300 characters share no capitalised word of 4 letters or more, that share
  less than 5 % of shingles, neither with a generic title; at most ``--negatives`` a day,
  drawn with a fixed seed. (Without the capitalised-word condition, reading the merged
  "negatives" showed many same-story pairs worded differently: "Intempéries dans le
  Sud-Est : un déluge meurtrier" / "Inondations en série dans le Sud-Est".)

Reported: recall on each positive set, the share of negatives put in one story (false merges),
and pairwise precision over the labelled pairs (TP / (TP + merged negatives), with the
positive:negative ratio printed beside it: precision over silver pairs depends on that ratio).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import random
import re
import sys
import tempfile
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from vigie.stories import StoryIndex, StoryParams, default_embedder  # noqa: E402
from vigie.stories.features import extract_features, parse_time  # noqa: E402
from vigie.stories.keys import fold, is_stop  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "fr-tv-news.jsonl.gz"
DEMO = ROOT / "src" / "vigie" / "demo"

_LABEL = re.compile(r"^\s*(?:[A-ZÉÈÀÇ0-9][A-ZÉÈÀÇ0-9 '’]{2,30}\s*[-|–:]\s+)+")
_WORD = re.compile(r"\w+")


# -- records ----------------------------------------------------------------------------------


def _store_records(paths: list[str], stages: list[str] | None, workers: int) -> list[dict]:
    from vigie.config import Options
    from vigie.runners.ingest import ingest
    from vigie.storage.sqlite import SQLiteStore

    opts = Options()
    opts.pipeline.workers = workers
    if stages is not None:
        opts.pipeline.stages = stages
    out: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "bench.db")
        try:
            ingest(paths, store, opts)
            for a in store.iter_articles():
                out.append(
                    {
                        "article_id": a.article_id,
                        "doc": a.doc,
                        "url": a.url,
                        "published": a.published,
                        "language": a.language,
                        "outlet": a.outlet,
                        "title": a.title,
                        "clean_text": a.clean_text,
                        "entities": a.results.get("entities") or [],
                        "quotes": a.results.get("quotes") or [],
                    }
                )
        finally:
            store.close()
    return out


def _tv_items(start: str, end: str, limit: int) -> Iterator[dict[str, Any]]:
    n = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            day = str(d.get("published") or "")[:10]
            if start <= day < end:
                yield d
                n += 1
                if n >= limit:
                    return


def tv_records(args: argparse.Namespace) -> list[dict[str, Any]]:
    """The slice as the store holds it after a core-stages ingest (cached in ``--cache``)."""
    cache = Path(args.cache) if args.cache else None
    if cache and cache.exists():
        with gzip.open(cache, "rt", encoding="utf-8") as fh:
            return [json.loads(line) for line in fh]
    from vigie.config import CORE_STAGES

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "slice.jsonl"
        order: dict[str, int] = {}
        with src.open("w", encoding="utf-8") as fh:
            for i, d in enumerate(_tv_items(args.start, args.end, args.limit)):
                order[d["url"]] = i
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")
        t0 = time.perf_counter()
        recs = _store_records([str(src)], list(CORE_STAGES), args.workers)
        print(f"# ingest (core stages): {len(recs)} articles, {time.perf_counter() - t0:.1f} s")
    recs.sort(key=lambda r: order.get(r["url"], 1 << 40))  # file order (grouped by outlet)
    if cache:
        with gzip.open(cache, "wt", encoding="utf-8") as fh:
            for r in recs:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return recs


# -- silver pairs -----------------------------------------------------------------------------


def norm_title(title: str | None) -> str:
    return " ".join(_WORD.findall(fold(_LABEL.sub("", title or ""))))


def title_stems(title: str | None) -> set[str]:
    return {
        w[:6]
        for w in _WORD.findall(fold(_LABEL.sub("", title or "")))
        if len(w) >= 3 and not is_stop(w)
    }


_CAPITALISED = re.compile(r"\b[A-ZÀ-ÖØ-Þ][\w-]{3,}")


def lead_names(title: str | None, text: str) -> set[str]:
    """Capitalised words (4 letters or more, folded, outside the stop list) of the title and
    the first 300 characters."""
    found = _CAPITALISED.findall((title or "") + " " + text[:300])
    return {f for f in (fold(w) for w in found) if not is_stop(f)}


_TITLE_NAME = re.compile(
    r"(?<![\w’'])([A-ZÀ-ÖØ-Þ][\w’'-]+(?:\s+(?:de |du |d’|d'|le |la |van |von )?"
    r"[A-ZÀ-ÖØ-Þ][\w’'-]+)+)"
)


def title_names(title: str | None) -> set[str]:
    """Names of two capitalised words or more in a title ("Carlos Ghosn", "Tempête Miguel")."""
    return {fold(m.group(1)) for m in _TITLE_NAME.finditer(_LABEL.sub("", title or ""))}


def shingles(text: str, n: int = 5, keep: int = 4) -> set[int]:
    words = _WORD.findall(fold(text))
    out = set()
    for i in range(len(words) - n + 1):
        h = zlib.crc32(" ".join(words[i : i + n]).encode())
        if h % keep == 0:
            out.add(h)
    return out


def silver_pairs(
    recs: list[dict[str, Any]], negatives_per_day: int, seed: int = 7
) -> dict[str, set[tuple[str, str]]]:
    days: dict[str, int] = {}
    for r in recs:
        if r.get("published"):
            days[r["article_id"]] = date.fromisoformat(str(r["published"])[:10]).toordinal()
    items = [r for r in recs if r["article_id"] in days]
    nt = {r["article_id"]: norm_title(r.get("title")) for r in items}
    title_days: dict[str, set[int]] = defaultdict(set)
    for r in items:
        title_days[nt[r["article_id"]]].add(days[r["article_id"]])
    generic = {t for t, ds in title_days.items() if len(ds) > 2 or not t}
    sh = {r["article_id"]: shingles(r.get("clean_text") or "") for r in items}
    outlet = {r["article_id"]: r.get("outlet") or "" for r in items}

    def pair(a: str, b: str) -> tuple[str, str]:
        return (a, b) if a < b else (b, a)

    same_title: set[tuple[str, str]] = set()
    by_title: dict[str, list[str]] = defaultdict(list)
    for r in items:
        t = nt[r["article_id"]]
        if t not in generic and len(t.split()) >= 4:
            by_title[t].append(r["article_id"])
    for ids in by_title.values():
        for a, b in itertools.combinations(ids, 2):
            if outlet[a] != outlet[b] and abs(days[a] - days[b]) <= 2:
                same_title.add(pair(a, b))

    # shared sampled shingles, through an inverted index over a sliding window of days
    overlap: dict[tuple[str, str], int] = Counter()
    postings: dict[int, list[str]] = defaultdict(list)
    for r in sorted(items, key=lambda r: (days[r["article_id"]], r["article_id"])):
        a = r["article_id"]
        for h in sh[a]:
            lst = postings[h]
            lst[:] = [b for b in lst if days[a] - days[b] <= 2]
            if len(lst) <= 30:  # a shingle in more items is a programme's boilerplate
                for b in lst:
                    overlap[pair(a, b)] += 1
            lst.append(a)
    same_text: set[tuple[str, str]] = set()
    for (a, b), n in overlap.items():
        small = min(len(sh[a]), len(sh[b]))
        if outlet[a] != outlet[b] and small >= 8 and n >= 0.5 * small:
            same_text.add((a, b))

    # same rare name in titles: a name used in titles on at most 3 distinct days
    names_of = {r["article_id"]: title_names(r.get("title")) for r in items}
    name_days: dict[str, set[int]] = defaultdict(set)
    for a, ns in names_of.items():
        for n in ns:
            name_days[n].add(days[a])
    with_name: dict[str, list[str]] = defaultdict(list)
    for a, ns in names_of.items():
        for n in ns:
            if len(name_days[n]) <= 3:
                with_name[n].append(a)
    same_name: set[tuple[str, str]] = set()
    for ids in with_name.values():
        for a, b in itertools.combinations(sorted(ids), 2):
            if outlet[a] != outlet[b] and abs(days[a] - days[b]) <= 1:
                same_name.add(pair(a, b))

    rng = random.Random(seed)
    stems = {r["article_id"]: title_stems(r.get("title")) for r in items}
    names = {r["article_id"]: lead_names(r.get("title"), r.get("clean_text") or "") for r in items}
    by_day: dict[int, list[str]] = defaultdict(list)
    for r in items:
        if nt[r["article_id"]] not in generic:
            by_day[days[r["article_id"]]].append(r["article_id"])
    negatives: set[tuple[str, str]] = set()
    for d in sorted(by_day):
        ids = sorted(by_day[d])
        pool = list(itertools.combinations(ids, 2))
        rng.shuffle(pool)
        got = 0
        for a, b in pool:
            if got >= negatives_per_day:
                break
            if stems[a] & stems[b] or not stems[a] or not stems[b] or names[a] & names[b]:
                continue
            small = min(len(sh[a]), len(sh[b])) or 1
            if overlap.get(pair(a, b), 0) >= 0.05 * small:
                continue
            negatives.add(pair(a, b))
            got += 1
    return {
        "same_title": same_title,
        "same_text": same_text,
        "same_rare_name": same_name,
        "negatives": negatives,
    }


# -- scoring ----------------------------------------------------------------------------------


def pairwise(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    ids = sorted(gold)
    tp = fp = fn = 0
    for a, b in itertools.combinations(ids, 2):
        g = gold[a] == gold[b]
        p = pred[a] == pred[b]
        tp += g and p
        fp += p and not g
        fn += g and not p
    return {
        "precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 4) if tp + fn else 1.0,
        "true_pairs": tp + fn,
    }


def run_index(
    recs: list[dict[str, Any]], params: StoryParams, embedder: Any, batch: bool
) -> tuple[StoryIndex, dict[str, str], float]:
    index = StoryIndex(params, embedder=embedder)
    t0 = time.perf_counter()
    pred = index.add_many(recs) if batch else {r["article_id"]: index.add(r) for r in recs}
    return index, pred, time.perf_counter() - t0


# -- demo -------------------------------------------------------------------------------------


def demo_records(workers: int = 1) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """Stored demo articles and, per article id, its manifest entry."""
    manifest = json.loads((DEMO / "manifest.json").read_text(encoding="utf-8"))
    entries: dict[str, dict[str, Any]] = {}
    for a in manifest["articles"]:
        entries[a["url"] or os.path.basename(a["file"])] = a
    recs = _store_records([str(DEMO / "corpus")], None, workers)
    labels: dict[str, dict[str, Any]] = {}
    for r in recs:
        e = entries.get(r["doc"]) or entries.get(os.path.basename(r["doc"]))
        if e is None:
            raise SystemExit(f"no manifest entry for {r['doc']}")
        labels[r["article_id"]] = e
    return recs, labels


def demo(args: argparse.Namespace) -> dict[str, Any]:
    t0 = time.perf_counter()
    recs, labels = demo_records()
    out: dict[str, Any] = {"articles": len(recs), "ingest_s": round(time.perf_counter() - t0, 1)}
    gold = {aid: e["story"] for aid, e in labels.items()}
    for name, embedder in (("embeddings", default_embedder()), ("no_embeddings", None)):
        index, pred, secs = run_index(recs, StoryParams(), embedder, batch=True)
        res: dict[str, Any] = {**pairwise(pred, gold), "stories": len(index.stories())}
        res["seconds"] = round(secs, 2)
        main: dict[str, Any] = {}
        for sid in ("lisk-manoeuvres", "vrenica-drone", "valmeuse-accord"):
            members = [a for a, g in gold.items() if g == sid]
            got = Counter(pred[a] for a in members)
            best, n = got.most_common(1)[0]
            in_best = [a for a, s in pred.items() if s == best]
            main[sid] = {
                "articles": len(members),
                "stories": len(got),
                "completeness": round(n / len(members), 3),
                "purity": round(n / len(in_best), 3),
                "label": index.story(best).label,
            }
        res["main"] = main
        if args.verbose:
            for s in index.stories():
                print(f"{s.id} [{s.label}] {s.languages}", file=sys.stderr)
                for a in s.article_ids:
                    print(f"    {gold[a]:<26} {labels[a]['id']}", file=sys.stderr)
        out[name] = res
    out["quotes"] = demo_quotes(recs, labels)
    return out


def demo_quotes(recs: list[dict[str, Any]], labels: dict[str, dict[str, Any]]) -> dict[str, Any]:
    from vigie.stories import QuoteGroupIndex, quote_records

    t0 = time.perf_counter()
    qi = QuoteGroupIndex(embedder=default_embedder())
    for r in sorted(recs, key=lambda r: (r.get("published") or "", r["article_id"])):
        for q in quote_records(r):
            qi.add(q)
    groups = qi.groups()
    secs = time.perf_counter() - t0
    by_file = {labels[r["article_id"]]["id"]: r for r in recs}
    original = "2025-02-14_telekar_koslevski-sarvel-manoeuvres.txt"
    orig_id = by_file[original]["article_id"]
    copies = {
        e["id"]: e["copy_kind"]
        for e in labels.values()
        if e.get("copy_root") == original or e.get("copy_of") == original
    }
    group_of: dict[tuple[str, int], Any] = {}
    for g in groups:
        for v in g.variants:
            group_of[(v.article_id, v.index)] = g
    per_copy: dict[str, Any] = {}
    orig_quotes = [k for k in group_of if k[0] == orig_id]

    def norm(text: str) -> str:
        return " ".join(_WORD.findall(fold(text)))

    orig_text = {
        k: norm(v.text)
        for k in orig_quotes
        for v in group_of[k].variants
        if (v.article_id, v.index) == k
    }
    for name, kind in sorted(copies.items()):
        cid = by_file[name]["article_id"]
        copy_text = norm(by_file[name].get("clean_text") or "")
        with_copy = sum(
            1 for k in orig_quotes if any(v.article_id == cid for v in group_of[k].variants)
        )
        # original quotes whose words are in the copy's text, yet no copy variant in the group
        missed = sum(
            1
            for k in orig_quotes
            if orig_text[k] in copy_text
            and not any(v.article_id == cid for v in group_of[k].variants)
        )
        kinds = Counter(
            v.kind for k in orig_quotes for v in group_of[k].variants if v.article_id == cid
        )
        per_copy[name] = {
            "copy_kind": kind,
            "original_quotes_found_in_copy": f"{with_copy}/{len(orig_quotes)}",
            "in_copy_text_but_not_grouped": missed,
            "variant_kinds": dict(kinds),
        }
    multi = [g for g in groups if len({v.article_id for v in g.variants}) > 1]
    return {
        "quotes": sum(len(g.variants) for g in groups),
        "groups": len(groups),
        "groups_in_several_articles": len(multi),
        "seconds": round(secs, 2),
        "telekar_copies": per_copy,
    }


# -- tv ---------------------------------------------------------------------------------------


def tv(args: argparse.Namespace) -> dict[str, Any]:
    if args.all:
        args.start, args.end = "0000", "9999"
    recs = tv_records(args)
    # the corpus file is grouped by outlet (all France 2, then France 3, then TF1): a monitor
    # receives articles in publication order, so they are added in that order (file order
    # breaks ties)
    recs.sort(key=lambda r: parse_time(r.get("published")) or 0.0)
    out: dict[str, Any] = {"articles": len(recs), "start": args.start, "end": args.end}
    params = StoryParams()
    t0 = time.process_time()
    feats = [extract_features(r) for r in recs]
    t_features = time.process_time() - t0
    index = StoryIndex(params, embedder=None)
    t0 = time.process_time()
    pred = {f.article_id: index.add_features(f) for f in feats}
    t_index = time.process_time() - t0
    stories = index.stories()
    sizes = Counter(min(s.size, 10) for s in stories)
    state = json.dumps(index.to_dict())
    dropped = index.drop_closed()
    out.update(
        {
            "cpu_seconds_features": round(t_features, 1),
            "cpu_seconds_index": round(t_index, 1),
            "articles_per_s_features": round(len(recs) / t_features),
            "articles_per_s_index": round(len(recs) / t_index),
            "articles_per_s_both_one_core": round(len(recs) / (t_features + t_index)),
            "stories": len(stories),
            "size_histogram_capped_10": dict(sorted(sizes.items())),
            "largest": [s.size for s in sorted(stories, key=lambda s: -s.size)[:5]],
            "state_json_mb": round(len(state) / 1e6, 1),
            "state_json_mb_after_drop_closed": round(len(json.dumps(index.to_dict())) / 1e6, 1),
            "closed_stories_dropped": len(dropped),
        }
    )
    if not args.no_silver:
        t0 = time.perf_counter()
        silver = silver_pairs(recs, args.negatives)
        out["silver_seconds"] = round(time.perf_counter() - t0, 1)
        res: dict[str, Any] = {}
        for name in ("same_title", "same_text", "same_rare_name"):
            pos = silver[name]
            hit = sum(1 for a, b in pos if pred[a] == pred[b])
            res[name] = {"pairs": len(pos), "recall": round(hit / len(pos), 4) if pos else None}
        pos_all = silver["same_title"] | silver["same_text"] | silver["same_rare_name"]
        tp = sum(1 for a, b in pos_all if pred[a] == pred[b])
        neg = silver["negatives"]
        fp = sum(1 for a, b in neg if pred[a] == pred[b])
        res["all_positives"] = {
            "pairs": len(pos_all),
            "recall": round(tp / len(pos_all), 4) if pos_all else None,
        }
        res["negatives"] = {
            "pairs": len(neg),
            "merged": fp,
            "false_merge_rate": round(fp / len(neg), 4),
        }
        res["precision_on_labelled_pairs"] = round(tp / (tp + fp), 4) if tp + fp else None
        res["positive_negative_ratio"] = f"1:{len(neg) / max(1, len(pos_all)):.1f}"
        out["silver"] = res
        if args.verbose:
            byid = {r["article_id"]: r for r in recs}
            for a, b in sorted(pos_all):
                if pred[a] != pred[b]:
                    print(
                        "MISS",
                        byid[a]["outlet"],
                        byid[a]["title"],
                        "||",
                        byid[b]["outlet"],
                        byid[b]["title"],
                        file=sys.stderr,
                    )
            for a, b in sorted(neg):
                if pred[a] == pred[b]:
                    print(
                        "MERGED",
                        byid[a]["outlet"],
                        byid[a]["title"],
                        "||",
                        byid[b]["outlet"],
                        byid[b]["title"],
                        file=sys.stderr,
                    )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("demo")
    d.add_argument("-v", "--verbose", action="store_true")
    t = sub.add_parser("tv")
    t.add_argument("--start", default="2019-01-01")
    t.add_argument("--end", default="2020-02-01")
    t.add_argument("--all", action="store_true", help="the whole corpus")
    t.add_argument("--limit", type=int, default=1 << 30)
    t.add_argument("--workers", type=int, default=2)
    t.add_argument("--negatives", type=int, default=20, help="negative pairs drawn per day")
    t.add_argument("--cache", help="gzipped JSONL of stored records (written if missing)")
    t.add_argument("--no-silver", action="store_true")
    t.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    out = demo(args) if args.cmd == "demo" else tv(args)
    print(json.dumps(out, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
