#!/usr/bin/env python3
"""Score vigie's quote extraction against gold annotations with the shared scorer.

    python benchmarks/quotes_score.py                      # the 5 real samples (+ the demo
                                                           #   corpus when its gold exists)
    python benchmarks/quotes_score.py --gold G.jsonl --dir DIR [--gold G2 --dir DIR2 …]
    python benchmarks/quotes_score.py --json               # figures as JSON
    python benchmarks/quotes_score.py --speed 2000         # also: articles/s of entities +
                                                           #   quotes vs a bare nlp.pipe pass

For each gold/directory pair it builds an Article from every ``.txt`` file the gold names, runs
the stages ``clean`` (when it exists), ``entities`` and ``quotes``, writes the predictions as
export records (``--out`` directory, default a temporary one) and runs
``../shared/tools/score_quotes.py`` on them.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SCORER = SHARED / "tools" / "score_quotes.py"
DEFAULT_PAIRS = [
    (SHARED / "samples" / "articles.quotes.gold.jsonl", SHARED / "samples" / "articles"),
    (
        REPO / "src" / "vigie" / "demo" / "quotes.gold.jsonl",
        REPO / "src" / "vigie" / "demo" / "corpus",
    ),
]


def _stages() -> list[str]:
    names = ["entities", "quotes"]
    if importlib.util.find_spec("vigie.stages.clean") is not None:
        names.insert(0, "clean")
    return names


def _encodings(gold: Path) -> dict[str, str]:
    """File encodings from a ``manifest.json`` beside the gold (the demo corpus has one)."""
    manifest = gold.parent / "manifest.json"
    if not manifest.is_file():
        return {}
    data = json.loads(manifest.read_text(encoding="utf-8"))
    return {Path(a["file"]).name: a.get("encoding", "utf-8") for a in data.get("articles", [])}


def read_text(path: Path, encoding: str = "utf-8") -> str:
    """The original text as the gold counts it: BOM dropped, newlines folded."""
    if encoding.replace("_", "-").lower() in ("utf-8", "utf8"):
        encoding = "utf-8-sig"
    with open(path, encoding=encoding) as f:
        return f.read()


def predict(gold: Path, directory: Path, out: Path) -> tuple[Path, list[str]]:
    import vigie.stages.entities
    import vigie.stages.quotes  # noqa: F401
    from vigie.article import Article
    from vigie.config import Options
    from vigie.pipeline import run_stages
    from vigie.quotes.export import quotes_export_records

    stages = _stages()
    opts = Options()
    encodings = _encodings(gold)
    problems: list[str] = []
    rows = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        name = json.loads(line)["doc_id"].split(":", 1)[-1]
        path = directory / name
        if not path.is_file():
            problems.append(f"{path}: missing")
            continue
        text = read_text(path, encodings.get(name, "utf-8"))
        art = Article(doc=str(path), text=text)
        run_stages(stages, art, opts)
        problems += [
            f"{name}: {e.stage}: {e.error}: {e.message}" for e in art.errors if e.error != "note"
        ]
        rows.extend(quotes_export_records(art))
    pred = out / f"{gold.stem}.pred.jsonl"
    with open(pred, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return pred, stages + problems


def score(gold: Path, pred: Path) -> dict[str, object]:
    res = subprocess.run(
        [sys.executable, str(SCORER), str(gold), str(pred), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(res.stdout))


def speed(n: int, batch_size: int = 64) -> dict[str, float]:
    """Articles/s of a bare ``nlp.pipe`` pass over ``n`` items of the TV news corpus, and of
    vigie's batched entities + quotes (``analyse_many``) over the same items."""
    import gzip
    import time

    from vigie.article import Article
    from vigie.quotes.batch import analyse_many
    from vigie.stages.entities import load_model

    texts: list[str] = []
    with gzip.open(SHARED / "corpora" / "fr-tv-news.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            t = json.loads(line).get("text") or ""
            if t.strip():
                texts.append(t)
            if len(texts) >= n:
                break
    nlp = load_model("fr")
    assert nlp is not None
    list(nlp.pipe(texts[:50], batch_size=batch_size))  # warm up
    # interleave the two passes chunk by chunk (alternating which goes first) and count CPU
    # time too, so that load from other processes on the machine weighs on both alike
    bare = ours = bare_cpu = ours_cpu = 0.0
    arts = [Article(doc=f"tv-{i}", text=t, language="fr") for i, t in enumerate(texts)]
    step = max(1, len(texts) // 8)
    for k, lo in enumerate(range(0, len(texts), step)):
        chunk, chunk_arts = texts[lo : lo + step], arts[lo : lo + step]
        for which in ("bare", "ours") if k % 2 == 0 else ("ours", "bare"):
            t0, c0 = time.perf_counter(), time.process_time()
            if which == "bare":
                for _ in nlp.pipe(chunk, batch_size=batch_size):
                    pass
                bare += time.perf_counter() - t0
                bare_cpu += time.process_time() - c0
            else:
                analyse_many(chunk_arts, batch_size=batch_size)
                ours += time.perf_counter() - t0
                ours_cpu += time.process_time() - c0
    quotes = sum(len(a.results.get("quotes") or []) for a in arts)
    errors = sum(1 for a in arts for e in a.errors if e.error != "note")
    return {
        "articles": len(texts),
        "chars": sum(len(t) for t in texts),
        "bare_pipe_s": round(bare, 2),
        "bare_articles_per_s": round(len(texts) / bare, 1),
        "vigie_s": round(ours, 2),
        "vigie_articles_per_s": round(len(texts) / ours, 1),
        "overhead": round(ours / bare - 1, 3),
        "bare_cpu_s": round(bare_cpu, 2),
        "vigie_cpu_s": round(ours_cpu, 2),
        "overhead_cpu": round(ours_cpu / bare_cpu - 1, 3),
        "quotes_found": quotes,
        "errors": errors,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", action="append", type=Path, default=[])
    ap.add_argument("--dir", action="append", type=Path, default=[])
    ap.add_argument("--out", type=Path, default=None, help="where to write predictions")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--speed", type=int, default=0, help="time N items of fr-tv-news.jsonl.gz")
    ap.add_argument("--no-score", action="store_true", help="only the --speed measure")
    a = ap.parse_args()
    if len(a.gold) != len(a.dir):
        ap.error("give one --dir per --gold")
    pairs: list[tuple[Path, Path | None]] = list(zip(a.gold, a.dir, strict=True)) or list(
        DEFAULT_PAIRS
    )
    out = a.out or Path(tempfile.mkdtemp(prefix="vigie-quotes-"))
    out.mkdir(parents=True, exist_ok=True)
    report: dict[str, object] = {}
    for gold, directory in [] if a.no_score else pairs:
        if not gold.is_file():
            if not a.json:
                print(f"-- {gold}: not there yet, skipped")
            continue
        if directory is None:
            directory = gold.parent
        pred, info = predict(gold, directory, out)
        res = score(gold, pred)
        report[str(gold)] = res
        if a.json:
            continue
        print(
            f"== {gold.relative_to(REPO.parent) if gold.is_relative_to(REPO.parent) else gold}"
            f"  (stages: {', '.join(s for s in info if ':' not in s)}; predictions {pred})"
        )
        for p in info:
            if ":" in p:
                print("   problem:", p)
        print(
            f"documents {res['documents']}  gold quotes {res['gold_quotes']}  "
            f"predicted {res['predicted_quotes']}"
        )
        for k in ("span@0.3", "span@0.8", "cover@0.3", "joint@0.3"):
            r = res[k]
            assert isinstance(r, dict)
            print(f"{k:10s} P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}")
        print(
            f"speaker accuracy {res['speaker_accuracy']:.3f}   via accuracy {res['via_accuracy']}"
        )
        rbt = res["recall_by_type"]
        assert isinstance(rbt, dict)
        print("recall by type " + ", ".join(f"{t} {v:.3f}" for t, v in rbt.items()))
    if a.speed:
        sp = speed(a.speed)
        report["speed"] = sp
        if not a.json:
            print(
                f"== speed on {sp['articles']} fr-tv-news items ({sp['chars']} characters): bare "
                f"nlp.pipe {sp['bare_articles_per_s']} articles/s, entities + quotes "
                f"{sp['vigie_articles_per_s']} articles/s, overhead {sp['overhead']:+.1%} wall, "
                f"{sp['overhead_cpu']:+.1%} CPU, "
                f"{sp['quotes_found']} quotes, {sp['errors']} errors"
            )
    if a.json:
        print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
