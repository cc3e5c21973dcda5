"""vigie's bundled demo corpus: fictional outlets reporting on a fictional region.

The files live beside this module (see ``README.md`` here):

- ``corpus/`` — the articles ``vigie demo`` loads (.txt, .html, one .jsonl feed);
- ``manifest.json`` — per article: language, outlet, story, and for copies the original and
  the kind of copy (the labelled set for copy-detection and story benchmarks);
- ``quotes.gold.jsonl`` — hand-checked quotation gold for the French .txt articles, in the
  format of ``shared/specs/quotes.md``;
- ``bad/`` — inputs that must fail cleanly (never loaded by the demo);
- ``tools/`` — the script that turns ``tools/quotes_annotations.yaml`` into the gold.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["BAD_DIR", "CORPUS_DIR", "DEMO_DIR", "GOLD_PATH", "MANIFEST_PATH"]

DEMO_DIR = Path(__file__).resolve().parent
CORPUS_DIR = DEMO_DIR / "corpus"
BAD_DIR = DEMO_DIR / "bad"
MANIFEST_PATH = DEMO_DIR / "manifest.json"
GOLD_PATH = DEMO_DIR / "quotes.gold.jsonl"
