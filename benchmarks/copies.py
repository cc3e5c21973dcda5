"""Copy-detection benchmark on the French TV news corpus (labelled set built in the same run).

    .venv/bin/python benchmarks/copies.py --limit 20000 --sources 300
    .venv/bin/python benchmarks/copies.py --limit 237965 --sources 500

What it does, all from ../shared/corpora/fr-tv-news.jsonl.gz, streamed:

1. indexes the first ``--limit`` items (fingerprints computed in batches of 256 as the
   ingest stage does, and timed; texts kept zlib-compressed for the classifier, as a store
   would fetch them);
2. picks ``--sources`` items and makes labelled copies of each: page furniture added (then
   removed by vigie's own ``clean`` stage when available), 5/10/20/30 % of words replaced,
   a paragraph dropped, paragraphs reordered, the title rewritten, a passage embedded in an
   article that is not in the index; copies are published later than their source (some at
   the same date: their direction must come out ``undetermined``) by another outlet;
3. hard negatives: for each source, the stored items of the same outlet and day (or the next
   days) that share the most names and numbers with it;
4. matches every copy against the index (``CopyMatcher.match``, not adding it) and reports,
   per edit level, precision, recall and kind accuracy; direction accuracy; relations found
   on hard negatives.

Speed and scale (ingest throughput with copy detection off and on, time to match one new
article at 10k, 50k and 237,965 stored items) are measured by ``benchmarks/copies_scale.py``
on a real store.

A relation to a stored item other than the copy's source counts as a false positive unless
the source itself relates to that item (a real duplicate inside the corpus, reported apart).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import statistics
import sys
import time
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from vigie.article import Removal  # noqa: E402
from vigie.copies import CopyDoc, CopyIndex, CopyMatcher, classify, fingerprint  # noqa: E402
from vigie.copies.fingerprint import fingerprint_many  # noqa: E402
from vigie.copies.index import IndexMeta, parse_published  # noqa: E402
from vigie.copies.tokens import sentences  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "fr-tv-news.jsonl.gz"

FURNITURE_TOP = [
    "Publié le {d} à 07h12 - Mis à jour le {d} à 09h40",
    "Partager sur Facebook",
    "Partager sur Twitter",
    "Temps de lecture : 3 min.",
]
FURNITURE_BOTTOM = [
    "Votre inscription a bien été enregistrée.",
    "Abonnez-vous à notre newsletter pour recevoir l'essentiel de l'actualité.",
    "Vous devez être connecté pour commenter.",
    "Les champs obligatoires sont indiqués avec *",
    "Tous droits réservés.",
]
LEVELS = ["furniture", "edit5", "edit10", "edit20", "edit30", "drop", "reorder", "title", "partial"]
EXPECTED_KIND = {"furniture": {"exact", "near"}, "title": {"exact"}, "partial": {"partial"}}

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Item:
    key: str
    outlet: str
    title: str
    published: str
    text: bytes  # zlib


def stream(path: Path):  # type: ignore[no-untyped-def]
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            d = json.loads(line)
            yield i, d


def paragraphs_of(text: str, rng: random.Random) -> list[str]:
    """Corpus texts are one block: make paragraphs of 2–3 sentences."""
    sents = [s.text for s in sentences(text)]
    out: list[str] = []
    i = 0
    while i < len(sents):
        n = rng.choice((2, 3))
        out.append(" ".join(sents[i : i + n]))
        i += n
    return out


def replace_words(text: str, share: float, vocab: list[str], rng: random.Random) -> str:
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    k = round(len(spans) * share)
    chosen = sorted(rng.sample(range(len(spans)), k)) if k else []
    parts: list[str] = []
    pos = 0
    for idx in chosen:
        s, e = spans[idx]
        w = rng.choice(vocab)
        if text[s].isupper():
            w = w.capitalize()
        parts.append(text[pos:s])
        parts.append(w)
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def add_furniture(text: str, date: str, rng: random.Random) -> str:
    top = rng.sample(FURNITURE_TOP, 2)
    bottom = rng.sample(FURNITURE_BOTTOM, 3)
    return "\n".join([t.format(d=date) for t in top] + [text] + bottom)


def make_doc(
    key: str, text: str, *, title: str, outlet: str, published: str | None, clean_fn
) -> CopyDoc:  # type: ignore[no-untyped-def]
    removed: list[Removal] = clean_fn(text, title, outlet) if clean_fn else []
    return CopyDoc.from_text(
        key, text, removed=removed, language="fr", published=published, outlet=outlet, title=title
    )


def load_clean():  # type: ignore[no-untyped-def]
    try:
        from vigie.stages.clean import find_furniture
    except ImportError:  # the clean stage may not be there
        return None

    def fn(text: str, title: str, outlet: str) -> list[Removal]:
        return find_furniture(text, rules=True, outlet=outlet, title=title)

    return fn


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--limit",
        type=int,
        default=20000,
        help="corpus items to index",
    )
    ap.add_argument("--sources", type=int, default=200, help="items to make copies of")
    ap.add_argument("--start", type=int, default=0, help="skip this many corpus items first")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-clean", action="store_true", help="do not run the clean stage")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    clean_fn = None if args.no_clean else load_clean()

    print(f"corpus: {CORPUS}")
    print(
        f"indexing the first {args.limit} items; clean stage: "
        f"{'vigie.stages.clean.find_furniture' if clean_fn else 'off'}"
    )
    items: dict[str, Item] = {}
    index = CopyIndex()
    vocab: list[str] = []
    hosts: list[dict[str, str]] = []
    by_day: dict[tuple[str, str], list[str]] = defaultdict(list)
    fp_time = 0.0
    add_time = 0.0
    chars = 0
    t_start = time.perf_counter()
    n = 0
    pending: list[tuple[str, str, IndexMeta]] = []

    def flush() -> None:
        nonlocal fp_time, add_time
        t0 = time.perf_counter()
        fps = fingerprint_many([t for _, t, _ in pending], ["fr"] * len(pending))
        t1 = time.perf_counter()
        index.add_many((k, fp, m) for (k, _, m), fp in zip(pending, fps, strict=True))
        fp_time += t1 - t0
        add_time += time.perf_counter() - t1
        pending.clear()

    for i, d in stream(CORPUS):
        if i < args.start:
            continue
        text = d.get("text") or ""
        # hosts for embedded passages and "fresh" articles: every 500th long item, never indexed
        if i % 500 == 499 and len(text) > 800 and len(hosts) < args.sources:
            hosts.append(d)
            continue
        if n >= args.limit:
            if len(hosts) < args.sources and len(text) > 800:
                hosts.append(d)
                continue
            break
        key = f"c{i}"
        pub = d.get("published") or ""
        pending.append((key, text, IndexMeta(parse_published(pub), "fr", d.get("outlet"))))
        if len(pending) >= 256:
            flush()
        chars += len(text)
        items[key] = Item(
            key,
            d.get("outlet") or "",
            d.get("title") or "",
            pub,
            zlib.compress(text.encode("utf-8"), 1),
        )
        by_day[(d.get("outlet") or "", pub[:10])].append(key)
        if len(vocab) < 20000 and rng.random() < 0.05:
            vocab.extend(w for w in _WORD.findall(text) if len(w) > 3 and w.islower())
        n += 1
    if pending:
        flush()
    total_t = time.perf_counter() - t_start
    print(
        f"indexed {n} items ({chars / max(1, n):.0f} chars on average) in {total_t:.1f} s: "
        f"fingerprint {fp_time / max(1, n) * 1000:.3f} ms/item "
        f"({n / max(fp_time, 1e-9):.0f} items/s on one core, batches of 256), "
        f"index add {add_time / max(1, n) * 1000:.3f} ms/item"
    )

    def text_of(key: str) -> str:
        return zlib.decompress(items[key].text).decode("utf-8")

    def load(key: str) -> CopyDoc | None:
        it = items.get(key)
        if it is None:
            return None
        return CopyDoc.from_text(
            key,
            text_of(key),
            language="fr",
            published=it.published,
            outlet=it.outlet,
            title=it.title,
        )

    matcher = CopyMatcher(index, load, translations=False)

    # ---- labelled set
    eligible = [k for k, it in items.items() if 900 <= len(zlib.decompress(it.text)) <= 6000]
    sources = rng.sample(eligible, min(args.sources, len(eligible)))
    variants: list[tuple[str, str, CopyDoc, str | None]] = []  # level, source, doc, host key
    for si, src in enumerate(sources):
        it = items[src]
        text = text_of(src)
        day = it.published[:10]
        same_date = rng.random() < 0.1
        pub = it.published if same_date else f"{day}T{rng.randint(10, 22):02d}:15:00Z"
        if not same_date:
            # a day later when the source has only a date: strictly after it
            from datetime import datetime, timedelta

            dt = datetime.fromisoformat(day) + timedelta(days=rng.choice((1, 2)))
            pub = f"{dt.date().isoformat()}T{rng.randint(6, 22):02d}:15:00Z"
        paras = paragraphs_of(text, rng)
        outlet = "Le Relais de l'Info"
        for level in LEVELS:
            title = it.title
            vt: str | None = None
            host = None
            if level == "furniture":
                vt = add_furniture("\n\n".join(paras), day, rng)
            elif level.startswith("edit"):
                share = int(level[4:]) / 100
                vt = "\n\n".join(replace_words(p, share, vocab, rng) for p in paras)
            elif level == "drop" and len(paras) >= 4:
                k = rng.randrange(1, len(paras))
                vt = "\n\n".join(p for j, p in enumerate(paras) if j != k)
            elif level == "reorder" and len(paras) >= 3:
                shuffled = paras[:]
                while shuffled == paras:
                    rng.shuffle(shuffled)
                vt = "\n\n".join(shuffled)
            elif level == "title":
                vt = "\n\n".join(paras)
                title = "Ce qu'il faut retenir : " + it.title.lower()
            elif level == "partial" and si < len(hosts):
                sents = [s.text for s in sentences(text)]
                # a passage of consecutive sentences of 40–90 words
                start = rng.randrange(0, max(1, len(sents) - 2))
                passage: list[str] = []
                for s in sents[start:]:
                    passage.append(s)
                    if len(" ".join(passage).split()) >= 40:
                        break
                if len(" ".join(passage).split()) < 30:
                    continue
                h = hosts[si]
                hs = [s.text for s in sentences(h["text"])]
                cut = len(hs) // 2
                vt = "\n\n".join([" ".join(hs[:cut]), " ".join(passage), " ".join(hs[cut:])])
                host = f"h{si}"
            if vt is None:
                continue
            doc = make_doc(
                f"v{si}-{level}", vt, title=title, outlet=outlet, published=pub, clean_fn=clean_fn
            )
            variants.append((level, src, doc, host))
    print(
        f"labelled set: {len(sources)} sources, {len(variants)} copies "
        f"({', '.join(f'{lv} {c}' for lv, c in Counter(v[0] for v in variants).items())})"
    )

    # ---- match
    stats: dict[str, Counter[str]] = defaultdict(Counter)
    fp_examples: list[str] = []
    dir_ok = dir_total = undet_ok = undet_total = 0
    related_cache: dict[tuple[str, str], bool] = {}
    match_times: list[float] = []
    ncands: list[int] = []
    t0 = time.perf_counter()
    for level, src, doc, host_key in variants:
        ts = time.perf_counter()
        res = matcher.match(doc, add=False)
        match_times.append(time.perf_counter() - ts)
        ncands.append(len(res.candidates))
        st = stats[level]
        st["copies"] += 1
        found = {r.a if r.b == doc.key else r.b: r for r in res.relations}
        rel = found.pop(src, None)
        if rel is not None:
            st["tp"] += 1
            if rel.kind in EXPECTED_KIND.get(level, {"near"}):
                st["kind_ok"] += 1
            if level == "title" and rel.title_changed:
                st["title_flag"] += 1
            same = items[src].published == doc.published
            if same:
                undet_total += 1
                undet_ok += rel.direction == "undetermined"
            else:
                dir_total += 1
                dir_ok += rel.source == src
        for other, orel in found.items():
            # explained when the source (or, for an embedded passage, the host article)
            # itself relates to that stored item: a real duplicate inside the corpus
            pair = (src, other)
            if pair not in related_cache:
                od = load(other)
                sd = load(src)
                assert od is not None and sd is not None
                index.mark_common(od)
                index.mark_common(sd)
                related_cache[pair] = classify(sd, od) is not None
            if not related_cache[pair] and host_key is not None:
                h = hosts[int(host_key[1:])]
                hd = CopyDoc.from_text(
                    host_key,
                    h["text"],
                    language="fr",
                    published=h.get("published"),
                    outlet=h.get("outlet"),
                )
                od = load(other)
                assert od is not None
                index.mark_common(hd)
                related_cache[pair] = classify(hd, od) is not None
            if related_cache[pair]:
                st["corpus_dup"] += 1
            else:
                st["fp"] += 1
                if len(fp_examples) < 8:
                    fp_examples.append(f"{level} {doc.key}~{other} {orel.kind} {orel.score}")
    elapsed = time.perf_counter() - t0

    print("\nper edit level (precision = TP / (TP + FP); recall = copies whose source was found)")
    print(
        f"{'level':10} {'copies':>6} {'recall':>7} {'precis.':>8} {'kind ok':>8} "
        f"{'FP':>4} {'corpus dup':>10}"
    )
    for level in LEVELS:
        st = stats[level]
        if not st["copies"]:
            continue
        tp, fp_ = st["tp"], st["fp"]
        prec = tp / (tp + fp_) if tp + fp_ else 1.0
        print(
            f"{level:10} {st['copies']:6d} {tp / st['copies']:7.3f} {prec:8.3f} "
            f"{st['kind_ok'] / max(1, tp):8.3f} {fp_:4d} {st['corpus_dup']:10d}"
        )
    if stats["title"]["tp"]:
        print(f"title change flagged on {stats['title']['title_flag']}/{stats['title']['tp']}")
    print(
        f"direction correct: {dir_ok}/{dir_total} = {dir_ok / max(1, dir_total):.3f} "
        f"(distinct dates); undetermined when dates equal: {undet_ok}/{undet_total}"
    )
    for e in fp_examples:
        print("  false positive:", e)
    print(
        f"matched {len(variants)} copies in {elapsed:.1f} s; per article: mean "
        f"{statistics.mean(match_times) * 1000:.2f} ms, median "
        f"{statistics.median(match_times) * 1000:.2f} ms; candidates per article: mean "
        f"{statistics.mean(ncands):.1f}"
    )

    # ---- hard negatives: same outlet, same or next days, most shared names/numbers
    hn_pairs = 0
    hn_found: Counter[str] = Counter()
    hn_examples: list[str] = []
    for src in sources:
        it = items[src]
        sfp = fingerprint(text_of(src), "fr")
        skeys = set(sfp.summary.index_keys())
        pool = by_day.get((it.outlet, it.published[:10]), [])
        scored = []
        for other in pool:
            if other == src:
                continue
            ofp = fingerprint(text_of(other), "fr")
            scored.append((len(skeys & set(ofp.summary.index_keys())), other))
        scored.sort(reverse=True)
        for _, other in scored[:3]:
            hn_pairs += 1
            sd, od = load(src), load(other)
            assert sd is not None and od is not None
            index.mark_common(sd)
            index.mark_common(od)
            r = classify(sd, od)
            if r is not None:
                hn_found[r.kind] += 1
                if len(hn_examples) < 6:
                    hn_examples.append(
                        f"{src}~{other} {r.kind} {r.score} {r.passages[0].a_text[:70]!r}"
                    )
    print(
        f"\nhard negatives (same outlet and day, most shared names/numbers): {hn_pairs} pairs,"
        f" relations found: {dict(hn_found) or 'none'} (outlet boilerplate marked from the "
        f"index, as CopyMatcher does)"
    )
    for e in hn_examples:
        print("  on a hard negative:", e)


if __name__ == "__main__":
    main()
