"""The full per-article pipeline against a bare spaCy pass over the same texts, in one run.

    python benchmarks/pipeline.py [--limit 5000] [--workers 2]

Takes the first ``--limit`` items of ``../shared/corpora/fr-tv-news.jsonl.gz`` and times:

1. bare: ``fr_core_news_md`` ``nlp.pipe`` over their texts (``n_process`` = workers);
2. vigie: ``ingest`` of the same items into a fresh store with the default pipeline
   (extract, metadata, clean, language, fingerprints, entities, quotes, dates) in ``workers``
   processes, plus storing, full-text indexing, copy matching and actors.

Prints articles/s and words/s of both and their ratio (target: vigie ≥ 0.8 × bare).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import tempfile
import time
from pathlib import Path

from vigie.config import Options
from vigie.runners.ingest import ingest
from vigie.storage.sqlite import SQLiteStore

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "fr-tv-news.jsonl.gz"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--limit", type=int, default=5000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="vigie-pipeline-"))
    sliced = tmp / "slice.jsonl"
    texts: list[str] = []
    with gzip.open(args.corpus, "rt", encoding="utf-8") as src, open(sliced, "w") as dst:
        for line in src:
            rec = json.loads(line)
            if not (rec.get("text") or "").strip():
                continue
            texts.append(rec["text"])
            dst.write(line)
            if len(texts) >= args.limit:
                break
    words = sum(len(t.split()) for t in texts)

    import spacy

    nlp = spacy.load("fr_core_news_md")
    t0 = time.perf_counter()
    n_docs = sum(1 for _ in nlp.pipe(texts, batch_size=64, n_process=args.workers))
    bare = time.perf_counter() - t0
    assert n_docs == len(texts)

    opts = Options()
    opts.pipeline.workers = args.workers
    store = SQLiteStore(tmp / "bench.db")
    t0 = time.perf_counter()
    report = ingest([str(sliced)], store, opts)
    full = time.perf_counter() - t0
    n_quotes = store.count_quotes()
    store.close()

    print(
        json.dumps(
            {
                "articles": len(texts),
                "words": words,
                "workers": args.workers,
                "bare_spacy": {
                    "seconds": round(bare, 1),
                    "articles_per_s": round(len(texts) / bare, 1),
                    "words_per_s": round(words / bare),
                },
                "vigie_pipeline": {
                    "seconds": round(full, 1),
                    "articles_per_s": round(report.added / full, 1),
                    "words_per_s": round(words / full),
                    "stored": report.added,
                    "quotes": n_quotes,
                    "copies": report.copies,
                    "actors": report.actors,
                    "stage_errors": report.stage_errors,
                },
                "ratio": round(bare / full, 3),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
