"""Build the demo's quotation gold from the hand annotations, and check it.

    python -m vigie.demo.tools.build_gold              # (re)write quotes.gold.jsonl
    python -m vigie.demo.tools.build_gold --check      # exit 1 if the file on disk differs
    python -m vigie.demo.tools.build_gold --review [BASENAME ...]   # print records in context

The annotations (``quotes_annotations.yaml`` beside this script) name every span by its text,
never by offsets; this script finds the offsets. One entry per corpus file basename::

    <basename>:
      include: <other basename>   # start from that document's records (copies of it)
      drop: [<q>, ...]            # leave out included records whose ``q`` is listed
      quotes:
        - q: exact quote text, or "START [...] END" for a long span
          at: a string that occurs once and contains the quote (when ``q`` is not unique)
          type: direct | indirect | mixed | selon
          speaker: canonical speaker ("Dmitar Koslevski", an institution, "anonymous:…")
          who: the speaker mention as written (null for implicit attribution)
          who_at: a string that occurs once and contains the mention (optional)
          cue: the cue as written (null when there is none)
          cue_at: a string that occurs once and contains the cue (optional)
          via: outlet or agency stated in the attribution's sentence (default null)

Without ``who_at``/``cue_at`` the mention and the cue are the whole-word occurrences nearest
to the quote (outside it); a tie is an error. Offsets are ``str`` indices into the text as
``open(path, encoding=<the manifest's encoding>).read()`` gives it (BOM dropped, newlines
folded), the convention of ``shared/specs/quotes.md``. Every span is verified: text matches,
no leading or trailing whitespace, no quote mark at either end of a quote.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from vigie.article import content_sha1
from vigie.demo import CORPUS_DIR, GOLD_PATH, MANIFEST_PATH

__all__ = ["GoldError", "build_gold", "doc_text", "main", "verify_gold"]

ANNOTATIONS_PATH = Path(__file__).resolve().parent / "quotes_annotations.yaml"
TYPES = ("direct", "indirect", "mixed", "selon")
QUOTE_MARKS = '"«»“”„‟″‶〝〞＂‹›'
ELLIPSIS = " [...] "
#: a mention or cue farther than this from its quote is reported (likely the wrong occurrence)
MAX_DISTANCE = 400


class GoldError(ValueError):
    """An annotation that cannot be placed, or a gold record that fails a check."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def as_list(self) -> list[int]:
        return [self.start, self.end]


def _encodings() -> dict[str, str]:
    """Encoding of each corpus file (basename → codec), from the manifest."""
    if not MANIFEST_PATH.exists():
        return {}
    manifest = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for art in manifest["articles"]:
        out[Path(art["file"]).name] = art.get("encoding", "utf-8")
    return out


def doc_text(basename: str, encoding: str | None = None) -> str:
    """The original text of a corpus .txt file, as the gold's offsets count it."""
    enc = encoding or _encodings().get(basename, "utf-8")
    if enc.replace("_", "-").lower() in ("utf-8", "utf8"):
        enc = "utf-8-sig"  # a BOM is not part of the text
    with open(CORPUS_DIR / basename, encoding=enc) as f:
        return f.read()


def _unique(text: str, needle: str, lo: int, hi: int, what: str) -> int:
    first = text.find(needle, lo, hi)
    if first < 0:
        raise GoldError(f"{what} not found: {needle!r}")
    if text.find(needle, first + 1, hi) >= 0:
        raise GoldError(f"{what} occurs more than once (add 'at:'): {needle!r}")
    return first


def _region(text: str, at: str | None, what: str) -> tuple[int, int]:
    if not at:
        return 0, len(text)
    s = _unique(text, at, 0, len(text), f"{what} context")
    return s, s + len(at)


def _find_quote(text: str, ann: dict[str, Any]) -> Span:
    q = ann["q"]
    lo, hi = _region(text, ann.get("at"), "quote")
    if ELLIPSIS in q:
        head, tail = q.split(ELLIPSIS, 1)
        s = _unique(text, head, lo, hi, "quote start")
        e = text.find(tail, s + len(head), hi)
        if e < 0:
            raise GoldError(f"quote end not found after its start: {tail!r}")
        return Span(s, e + len(tail))
    s = _unique(text, q, lo, hi, "quote")
    return Span(s, s + len(q))


def _find_near(text: str, needle: str, quote: Span, at: str | None, what: str) -> Span:
    """Whole-word occurrence of ``needle`` nearest to the quote (outside it)."""
    lo, hi = _region(text, at, what)
    pattern = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")
    best: list[tuple[int, Span]] = []
    for m in pattern.finditer(text, lo, hi):
        sp = Span(m.start(), m.end())
        if sp.start < quote.end and quote.start < sp.end:
            continue
        dist = quote.start - sp.end if sp.end <= quote.start else sp.start - quote.end
        best.append((dist, sp))
    if not best:
        raise GoldError(f"{what} not found near the quote: {needle!r}")
    best.sort(key=lambda t: t[0])
    if len(best) > 1 and best[0][0] == best[1][0]:
        raise GoldError(f"{what} is equally near twice (add '{what}_at:'): {needle!r}")
    dist, span = best[0]
    if dist > MAX_DISTANCE and not at:
        raise GoldError(f"{what} {needle!r} is {dist} characters from its quote (add '{what}_at:')")
    return span


def _record(text: str, ann: dict[str, Any]) -> dict[str, Any]:
    if ann.get("type") not in TYPES:
        raise GoldError(f"bad type {ann.get('type')!r} for {ann.get('q')!r}")
    if not ann.get("speaker"):
        raise GoldError(f"no speaker for {ann.get('q')!r}")
    quote = _find_quote(text, ann)
    who = ann.get("who")
    cue = ann.get("cue")
    who_span = _find_near(text, who, quote, ann.get("who_at"), "who") if who else None
    cue_span = _find_near(text, cue, quote, ann.get("cue_at"), "cue") if cue else None
    return {
        "quote_span": quote.as_list(),
        "type": ann["type"],
        "speaker": ann["speaker"],
        "speaker_span": who_span.as_list() if who_span else None,
        "speaker_text": who,
        "cue_span": cue_span.as_list() if cue_span else None,
        "via": ann.get("via"),
    }


def _annotations_for(name: str, table: dict[str, Any], seen: tuple[str, ...] = ()) -> list[Any]:
    if name in seen:
        raise GoldError(f"include cycle through {name}")
    entry = table.get(name)
    if entry is None:
        raise GoldError(f"no annotations for {name}")
    anns: list[Any] = []
    if entry.get("include"):
        dropped = set(entry.get("drop") or [])
        inherited = _annotations_for(entry["include"], table, (*seen, name))
        known = {a["q"] for a in inherited}
        unknown = dropped - known
        if unknown:
            raise GoldError(f"{name}: 'drop' names quotes the included file lacks: {unknown}")
        anns.extend(a for a in inherited if a["q"] not in dropped)
    anns.extend(entry.get("quotes") or [])
    return anns


def build_gold(annotations_path: Path = ANNOTATIONS_PATH) -> list[dict[str, Any]]:
    """Gold documents (one dict per annotated file), offsets found and verified."""
    table = yaml.safe_load(annotations_path.read_text(encoding="utf-8"))
    encodings = _encodings()
    docs: list[dict[str, Any]] = []
    for name in sorted(table):
        text = doc_text(name, encodings.get(name))
        records = []
        for ann in _annotations_for(name, table):
            try:
                records.append(_record(text, ann))
            except GoldError as exc:
                raise GoldError(f"{name}: {exc}") from None
        records.sort(key=lambda r: (r["quote_span"][0], r["quote_span"][1]))
        doc = {
            "doc_id": f"demo:{name}",
            "sha1": content_sha1(text),
            "n_chars": len(text),
            "quotes": records,
        }
        verify_gold(doc, text)
        docs.append(doc)
    return docs


def verify_gold(doc: dict[str, Any], text: str) -> None:
    """Raise GoldError when a gold document does not fit its text."""
    name = doc["doc_id"]
    if doc["n_chars"] != len(text) or doc["sha1"] != content_sha1(text):
        raise GoldError(f"{name}: sha1 or n_chars do not match the text")
    starts = [q["quote_span"][0] for q in doc["quotes"]]
    if starts != sorted(starts):
        raise GoldError(f"{name}: records are not sorted by start")
    for q in doc["quotes"]:
        s, e = q["quote_span"]
        if not 0 <= s < e <= len(text):
            raise GoldError(f"{name}: quote span {s}-{e} outside the text")
        body = text[s:e]
        if body != body.strip() or body[0] in QUOTE_MARKS or body[-1] in QUOTE_MARKS:
            raise GoldError(f"{name}: quote span {s}-{e} has space or a mark at an end: {body!r}")
        if q["type"] not in TYPES:
            raise GoldError(f"{name}: bad type {q['type']!r}")
        for key, text_key in (("speaker_span", "speaker_text"), ("cue_span", None)):
            span = q[key]
            if span is None:
                continue
            part = text[span[0] : span[1]]
            if not part or part != part.strip():
                raise GoldError(f"{name}: {key} {span} is empty or has spaces at an end")
            if text_key and part != q[text_key]:
                raise GoldError(f"{name}: {key} {span} reads {part!r}, not {q[text_key]!r}")
            if span[0] < e and s < span[1]:
                raise GoldError(f"{name}: {key} {span} overlaps its quote {s}-{e}")


def _dumps(docs: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)


def _review(docs: list[dict[str, Any]], names: list[str]) -> None:
    for doc in docs:
        name = doc["doc_id"].split(":", 1)[1]
        if names and name not in names:
            continue
        text = doc_text(name)
        print(f"==== {name}  ({len(doc['quotes'])} records)")
        for q in doc["quotes"]:
            s, e = q["quote_span"]
            body = text[s:e].replace("\n", "⏎")
            if len(body) > 110:
                body = body[:60] + " … " + body[-45:]
            who = q["speaker_text"]
            cue = text[q["cue_span"][0] : q["cue_span"][1]] if q["cue_span"] else None
            via = f"  via={q['via']}" if q["via"] else ""
            print(f"  {q['type']:8s} [{body}]")
            print(f"           ← {q['speaker']} | who={who!r} | cue={cue!r}{via}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="compare with the gold file on disk")
    ap.add_argument("--review", nargs="*", metavar="BASENAME", help="print records in context")
    args = ap.parse_args(argv)
    try:
        docs = build_gold()
    except GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.review is not None:
        _review(docs, args.review)
        return 0
    out = _dumps(docs)
    if args.check:
        on_disk = GOLD_PATH.read_text(encoding="utf-8") if GOLD_PATH.exists() else ""
        if on_disk != out:
            print(f"{GOLD_PATH} is out of date: run this script without --check", file=sys.stderr)
            return 1
        print(f"{GOLD_PATH.name}: up to date ({len(docs)} documents)")
        return 0
    GOLD_PATH.write_text(out, encoding="utf-8")
    n = sum(len(d["quotes"]) for d in docs)
    print(f"wrote {GOLD_PATH} ({len(docs)} documents, {n} quotes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
