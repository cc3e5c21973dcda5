"""Translated-copy detection on real human translations (Debian documentation packages).

    .venv/bin/python benchmarks/translations.py                      # default languages
    .venv/bin/python benchmarks/translations.py --langs en,fr,ru --json
    .venv/bin/python benchmarks/translations.py --sources faq --limit 40

Data: the Debian packages ``debian-history`` (a narrative history of the project, chapter by
chapter, and the release dedications, in up to 30 languages) and ``debian-faq`` with its
translations ``debian-faq-<lang>`` (one HTML file per chapter, a numbered section per
question). They are fetched with ``apt-get download`` into ``--cache`` (default
``~/.cache/vigie-bench/debian``) and unpacked with ``dpkg-deb -x``.

1. **Units.** Each HTML document is cut at its headings (h1 to h4): every section, without its
   sub-sections, is one article titled by its heading; a dedication is one article. The text is
   read with the standard library's ``html.parser``: one paragraph a line; page navigation,
   tables of contents, footnotes and ``<pre>`` blocks (commands, listings) left out;
   hard-wrapped plain text re-flowed. The translations are made with po4a, which leaves a
   paragraph nobody translated in English: such paragraphs (the English unit's own, or prose
   an eighth of whose words are English function words) are cut out of the translations,
   and the share cut is kept. Units under ``--min-chars`` (300) characters are then dropped.
2. **Alignment.** Units of two languages are the same unit when their document and section
   anchor (the DocBook ``id``) agree. A pair is kept as a gold translation when its structure
   matches: the same section number, at most 10% of either side cut as untranslated,
   paragraph counts within a third of each other, a length ratio within 0.6–1.6 of that
   language's median ratio to English, and the same numbers (years, versions) when both carry
   some. Pairs failing a check are outdated or partial translations: they are reported, left
   out of recall, and a relation found on one counts neither way.
3. **Ingest.** The units are written as JSONL articles (url, outlet, title, published, text;
   ``--state-language`` adds the true language, otherwise vigie identifies it), one outlet
   per package and language ("debian-faq.fr"); the English unit is published first and each
   translation later (6 hours per language rank, so a pair of translations has a known
   direction too), each document a day after the previous one, ten minutes between sections
   (so every pair lies within ``copies.window_days``). They are ingested in publication order
   with vigie's ingest runner into a temporary store with copy detection on: stages extract,
   metadata, clean, language and fingerprints (``--pipeline core``; ``--pipeline default``
   runs all default stages and gives the same relations: compare ``relations_sha1``).
4. **Scores,** from the stored copy relations (``vigie.queries.copies``, what
   ``vigie export copies`` reads): recall of the gold pairs as ``translated``; precision of
   the ``translated`` relations; same-topic negatives (different units of the same document in
   different languages) called translations; per language pair and per source; direction of
   the gold pairs found.
5. **Why pairs are missed.** The copy matching is replayed in memory on the stored articles
   and fingerprints (same order, same batches; the run says whether it gives the stored
   relations), which yields each article's candidates; each missed gold pair is put down to
   the first check it fails: both sides identified as one language, length ratio, too few
   words or sentences, not a candidate (too few shared numbers, dates and names, or not among
   the best kept per language), numbers disagreeing, sentence alignment (pairs, coverage,
   similarity).

Held-out discipline: the FAQ (question and answer sections, few names) serves as the
development split, the history (narrative, dated, full of names: news-like) as held-out.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from vigie.ingest.decode import decode_bytes  # noqa: E402

#: languages of the default run: the vigie languages the sentence encoder knows, written in
#: scripts vigie splits into sentences (``--langs all`` takes every language found)
DEFAULT_LANGS = ("en", "fr", "ru", "de", "es", "it", "pt", "nl")
#: order of publication: English first, then the translations in this order
LANG_ORDER = ("en", "fr", "ru", "de", "es", "it", "pt", "nl", "pl", "ja", "ko", "zh")
FAQ_LANGS = ("de", "fr", "it", "ja", "ko", "nl", "pt", "ru", "zh-cn")
#: the HTML documents of debian-history cut into units (``index`` is the title page)
HISTORY_DOCS = ("intro", "leaders", "releases", "detailed", "manifesto")
#: language pairs shown on their own (the others are shown together)
MAIN_PAIRS = ("en-fr", "en-ru", "fr-ru")
#: hours between two languages' publication of the same unit (English first)
LAG_HOURS = 6
START = datetime(2024, 3, 4, 6, 7, tzinfo=UTC)  # never midnight (read as a date alone)

_WS = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SECTION_NO = re.compile(r"^\s*((?:[A-Z]|\d+)(?:\.\d+)*)\.?\s+(?=\S)")


# --------------------------------------------------------------------------------------------
# fetching


def packages_for(sources: Iterable[str], langs: set[str] | None) -> list[str]:
    pkgs: list[str] = []
    for s in sources:
        if s == "history":
            pkgs.append("debian-history")
        elif s == "faq":
            pkgs.append("debian-faq")
            pkgs += [
                f"debian-faq-{code}"
                for code in FAQ_LANGS
                if langs is None or _lang_code(code) in langs
            ]
    return pkgs


def fetch(cache: Path, packages: list[str]) -> Path:
    """Download each package (once) into ``cache/debs`` and unpack it into ``cache/root``."""
    debs, root = cache / "debs", cache / "root"
    debs.mkdir(parents=True, exist_ok=True)
    root.mkdir(parents=True, exist_ok=True)
    for pkg in packages:
        found = sorted(debs.glob(f"{pkg}_*.deb"))
        if not found:
            if shutil.which("apt-get") is None:
                sys.exit(
                    f"apt-get is not available: cannot fetch {pkg}. On a Debian or Ubuntu "
                    f"machine run this again, or put {pkg}_*.deb files into {debs}."
                )
            run = subprocess.run(
                ["apt-get", "download", pkg], cwd=debs, capture_output=True, text=True
            )
            found = sorted(debs.glob(f"{pkg}_*.deb"))
            if run.returncode != 0 or not found:
                sys.exit(
                    f"apt-get download {pkg} failed ({run.returncode}): "
                    f"{run.stderr.strip()[-400:]}\n(run `apt-get update` first, or put "
                    f"{pkg}_*.deb files into {debs})"
                )
        marker = root / f".{found[-1].name}.unpacked"
        if not marker.exists():
            subprocess.run(["dpkg-deb", "-x", str(found[-1]), str(root)], check=True)
            marker.touch()
    return root


# --------------------------------------------------------------------------------------------
# documents to units


@dataclass
class RawSection:
    anchor: str
    heading: str
    paragraphs: list[str] = field(default_factory=list)


_BLOCKS = frozenset(
    {"p", "div", "li", "dt", "dd", "pre", "tr", "table", "blockquote", "ul", "ol", "dl"}
    | {"br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "title"}
)
_HEADINGS = frozenset(("h1", "h2", "h3", "h4"))
_SKIP_CLASSES = frozenset(("navheader", "navfooter", "toc", "footnotes", "list-of-tables"))


class SectionParser(HTMLParser):
    """DocBook HTML to sections: one per heading h1–h4, identified by the heading's anchor,
    each holding the paragraphs up to the next heading (one string per block element; the
    ``<pre>`` blocks, commands and listings, are left out). Navigation, tables of contents and
    footnotes are skipped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[RawSection] = []
        self._skip_divs = 0
        self._quiet = 0  # inside head, script, style
        self._heading: str | None = None
        self._heading_id = ""
        self._heading_buf: list[str] = []
        self._buf: list[str] = []
        self._pre = 0
        #: ``<pre>`` blocks left out
        self.code_blocks = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if self._skip_divs:
            if tag == "div":
                self._skip_divs += 1
            return
        if tag in ("head", "script", "style"):
            self._quiet += 1
            return
        if tag == "div" and set((a.get("class") or "").split()) & _SKIP_CLASSES:
            self._flush()
            self._skip_divs = 1
            return
        if tag in _HEADINGS:
            self._flush()
            self._heading = tag
            self._heading_id = a.get("id") or ""
            self._heading_buf = []
            return
        if self._heading is not None:
            if not self._heading_id and a.get("id"):
                self._heading_id = a["id"] or ""
            return
        if tag in _BLOCKS:
            self._flush()
        if tag == "pre":
            self._pre += 1
        elif tag in ("td", "th"):
            self._buf.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._skip_divs:
            if tag == "div":
                self._skip_divs -= 1
            return
        if tag in ("head", "script", "style"):
            self._quiet = max(0, self._quiet - 1)
            return
        if self._heading is not None:
            if tag == self._heading:
                text = _WS.sub(" ", "".join(self._heading_buf)).strip()
                self.sections.append(RawSection(self._heading_id, text))
                self._heading = None
            return
        if tag in _BLOCKS:
            self._flush()
        if tag == "pre":
            self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        if self._skip_divs or self._quiet:
            return
        if self._heading is not None:
            self._heading_buf.append(data)
        else:
            self._buf.append(data)

    def _flush(self) -> None:
        raw = "".join(self._buf)
        self._buf = []
        if not raw.strip() or not self.sections:
            return
        if self._pre:  # commands and listings: not prose, left out
            self.code_blocks += 1
        else:
            self.sections[-1].paragraphs.append(_WS.sub(" ", raw).strip())

    def close(self) -> None:
        super().close()
        self._flush()


def html_sections(html: str) -> list[RawSection]:
    p = SectionParser()
    p.feed(html)
    p.close()
    return p.sections


def reflow(text: str) -> list[str]:
    """Paragraphs of hard-wrapped plain text: blank-line separated blocks, each one line
    (a line starting with a bullet or a signature dash starts a paragraph of its own)."""
    paras: list[str] = []
    cur: list[str] = []
    for line in text.split("\n"):
        s = line.strip()
        if not s:
            if cur:
                paras.append(" ".join(cur))
                cur = []
            continue
        if re.match(r"^(?:[*•-]|--)\s", s) and cur:
            paras.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        paras.append(" ".join(cur))
    return paras


@dataclass
class Unit:
    source: str  # "history" or "faq"
    doc: str  # the document: a chapter, or "dedication"
    anchor: str
    lang: str
    number: str  # the section number of the heading ("4.13.1"), "" when none
    title: str
    paragraphs: list[str]
    position: int  # order in its document
    #: share of the characters left in English in a translation, removed (see
    #: :func:`strip_untranslated`)
    untranslated: float = 0.0

    @property
    def uid(self) -> str:
        return f"{self.source}/{self.doc}#{self.anchor}"

    @property
    def key(self) -> str:
        return f"{self.uid}@{self.lang}"

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    @property
    def outlet(self) -> str:
        return f"debian-{self.source}.{self.lang}"

    @property
    def url(self) -> str:
        return f"https://{self.outlet}.example/{self.doc}/{self.anchor}"


def _lang_code(code: str) -> str:
    """ISO 639-1 code of a Debian file-name language ("zh-cn", "cn" → zh; "pt_BR" → pt)."""
    low = code.lower().replace("_", "-")
    if low in ("cn", "zh-cn", "zh-tw"):
        return "zh"
    return low.split("-")[0]


def units_of_html(source: str, doc: str, lang: str, html: str) -> list[Unit]:
    out: list[Unit] = []
    for pos, sec in enumerate(html_sections(html)):
        if not sec.anchor:
            continue
        m = _SECTION_NO.match(sec.heading)
        number = m.group(1) if m else ""
        title = sec.heading[m.end() :] if m else sec.heading
        out.append(Unit(source, doc, sec.anchor, lang, number, title, sec.paragraphs, pos))
    return out


def unit_of_text(source: str, doc: str, anchor: str, lang: str, text: str) -> Unit:
    paras = reflow(text)
    title = ""
    if paras and len(paras[0]) < 120:
        title, paras = paras[0], paras[1:]
    return Unit(source, doc, anchor, lang, "", title, paras, 0)


def read_units(root: Path, sources: Iterable[str], langs: set[str] | None) -> list[Unit]:
    """Every unit of the unpacked packages in the languages asked (None: all)."""
    units: list[Unit] = []

    def want(lang: str) -> bool:
        return langs is None or lang in langs

    for source in sources:
        if source == "history":
            base = root / "usr/share/doc/debian-history"
            for doc in HISTORY_DOCS:
                for path in sorted((base / "docs").glob(f"{doc}.*.html")):
                    lang = _lang_code(path.name.split(".")[1])
                    if want(lang):
                        units += units_of_html(source, doc, lang, path.read_text("utf-8"))
            by_version: dict[str, dict[str, Path]] = defaultdict(dict)
            for path in sorted((base / "dedication").glob("dedication-*.txt")):
                m = re.match(r"dedication-(\d+\.\d+)(?:\.([A-Za-z_]+))?\.txt$", path.name)
                if not m:
                    continue
                code = m.group(2) or "en"
                lang = _lang_code(code)
                # pt and pt_BR: one Portuguese text per dedication, European when both exist
                if lang in by_version[m.group(1)] and code != lang:
                    continue
                by_version[m.group(1)][lang] = path
            for version, files in sorted(by_version.items()):
                for lang, path in sorted(files.items()):
                    if want(lang):
                        text, _ = decode_bytes(path.read_bytes())
                        units.append(
                            unit_of_text(source, "dedication", f"release-{version}", lang, text)
                        )
        elif source == "faq":
            base = root / "usr/share/doc/debian/FAQ"
            pages = [(p, "en") for p in sorted(base.glob("*.en.html"))]
            for code in FAQ_LANGS:
                pages += [(p, _lang_code(code)) for p in sorted((base / code).glob("*.html"))]
            for path, lang in pages:
                doc = path.name.split(".")[0]
                if doc != "index" and want(lang):
                    units += units_of_html(source, doc, lang, path.read_text("utf-8"))
        else:
            raise ValueError(f"unknown source {source!r}")
    return units


_LETTERS = re.compile(r"[^\W\d_]+")
#: English function words no other language of the packages writes as words of its own
_ENGLISH = frozenset(
    ["the", "and", "with", "that", "which", "this", "from", "are", "for", "to", "by"]
)


def english_paragraph(paragraph: str, english: set[str]) -> bool:
    """A paragraph left in English in a translation: the English unit's own paragraph (4
    words or more), or prose in which English function words make an eighth of the words."""
    words = [w.lower() for w in _LETTERS.findall(paragraph)]
    if paragraph in english and len(words) >= 4:
        return True
    return len(words) >= 8 and sum(w in _ENGLISH for w in words) >= len(words) / 8


def strip_untranslated(units: list[Unit]) -> None:
    """Cut out of each translation the paragraphs its translators left in English (po4a
    keeps an untranslated paragraph in the original language): news translations carry none.
    The share of characters removed is kept in ``Unit.untranslated``."""
    english = {u.uid: set(u.paragraphs) for u in units if u.lang == "en"}
    for u in units:
        if u.lang == "en":
            continue
        total = len(u.text)
        keep = [p for p in u.paragraphs if not english_paragraph(p, english.get(u.uid, set()))]
        if len(keep) < len(u.paragraphs):
            u.paragraphs = keep
            u.untranslated = round(1 - len(u.text) / max(total, 1), 4)


# --------------------------------------------------------------------------------------------
# alignment


@dataclass(frozen=True)
class PairCheck:
    a: str  # unit keys, a before b in publication order
    b: str
    uid: str
    langs: str  # "en-fr"
    source: str
    kept: bool
    reason: str  # why it was dropped ("" when kept)


def numbers_of(text: str) -> Counter[str]:
    """Numbers of two digits or more as written with dots ("2.2", "1993", "11")."""
    out: Counter[str] = Counter()
    for m in _NUMBER.finditer(text):
        n = m.group().replace(",", ".").strip(".")
        if len(n.replace(".", "")) >= 2 or "." in n:
            out[n] += 1
    return out


def lang_rank(lang: str) -> int:
    return LANG_ORDER.index(lang) if lang in LANG_ORDER else len(LANG_ORDER)


def pair_order(a: Unit, b: Unit) -> tuple[Unit, Unit]:
    ka, kb = (lang_rank(a.lang), a.lang), (lang_rank(b.lang), b.lang)
    return (a, b) if ka <= kb else (b, a)


def check_pairs(units: list[Unit]) -> list[PairCheck]:
    """Every pair of units with the same id in two languages, kept or dropped (and why)."""
    by_uid: dict[str, list[Unit]] = defaultdict(list)
    for u in units:
        by_uid[u.uid].append(u)
    # each language's typical length relative to English, from the English pairs
    ratios: dict[str, list[float]] = defaultdict(list)
    for group in by_uid.values():
        en = next((u for u in group if u.lang == "en"), None)
        if en is None:
            continue
        for u in group:
            if u is not en and en.text:
                ratios[u.lang].append(len(u.text) / len(en.text))
    factor = {lang: statistics.median(r) for lang, r in ratios.items()}
    factor["en"] = 1.0
    out: list[PairCheck] = []
    for uid, group in by_uid.items():
        for x, y in combinations(sorted(group, key=lambda u: (lang_rank(u.lang), u.lang)), 2):
            a, b = pair_order(x, y)
            reason = _mismatch(a, b, factor)
            out.append(
                PairCheck(a.key, b.key, uid, f"{a.lang}-{b.lang}", a.source, not reason, reason)
            )
    return out


def _mismatch(a: Unit, b: Unit, factor: dict[str, float]) -> str:
    if a.number != b.number:
        return "section number differs"
    if max(a.untranslated, b.untranslated) > 0.1:
        return "partly untranslated"
    pa, pb = len(a.paragraphs), len(b.paragraphs)
    if abs(pa - pb) > max(1, round(max(pa, pb) / 3)):
        return "paragraph count differs"
    la = len(a.text) / factor.get(a.lang, 1.0)
    lb = len(b.text) / factor.get(b.lang, 1.0)
    ratio = lb / max(la, 1.0)
    if not 0.6 <= ratio <= 1.6:
        return "length differs"
    na, nb = numbers_of(a.text), numbers_of(b.text)
    if na and nb:
        shared = sum((na & nb).values())
        if shared < 0.5 * min(sum(na.values()), sum(nb.values())):
            return "numbers differ"
    elif sum(na.values()) + sum(nb.values()) >= 3:
        return "numbers differ"
    return ""


# --------------------------------------------------------------------------------------------
# articles


def publication_ranks(langs: Iterable[str]) -> dict[str, int]:
    """English first, then LANG_ORDER, then the other languages in alphabetical order."""
    present = set(langs)
    ordered = [x for x in LANG_ORDER if x in present] + sorted(present - set(LANG_ORDER))
    return {lang: i for i, lang in enumerate(ordered)}


def schedule(units: list[Unit]) -> dict[str, str]:
    """Publication datetime of each unit: a day per document, ten minutes per section, and
    ``LAG_HOURS`` per language rank (English first: the direction is known)."""
    docs: dict[tuple[str, str], int] = {}
    for u in units:
        docs.setdefault((u.source, u.doc), len(docs))
    rank = publication_ranks(u.lang for u in units)
    out: dict[str, str] = {}
    for u in units:
        t = START + timedelta(
            days=docs[(u.source, u.doc)], minutes=10 * u.position, hours=LAG_HOURS * rank[u.lang]
        )
        out[u.key] = t.isoformat()
    return out


def write_jsonl(units: list[Unit], published: dict[str, str], path: Path, state: bool) -> None:
    """The units as JSONL articles, in publication order."""
    with path.open("w", encoding="utf-8") as fh:
        for u in sorted(units, key=lambda u: (published[u.key], u.key)):
            rec: dict[str, Any] = {
                "url": u.url,
                "outlet": u.outlet,
                "title": u.title,
                "published": published[u.key],
                "text": u.text,
            }
            if state:
                rec["language"] = u.lang
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def vigie_options(pipeline: str, workers: int) -> Any:
    from vigie.config import CORE_STAGES, DEFAULT_STAGES, Options

    opts = Options()
    stages = list(DEFAULT_STAGES) if pipeline == "default" else [*CORE_STAGES, "fingerprints"]
    opts.pipeline.stages = stages
    opts.pipeline.workers = workers
    opts.copies.enabled = True
    return opts


# --------------------------------------------------------------------------------------------
# the run


@dataclass
class Stored:
    """What the store holds after the ingest, keyed by unit key."""

    article_id: dict[str, str]
    language: dict[str, str | None]
    relations: list[dict[str, Any]]  # vigie.queries.copies records


def read_store(db: Path, units: list[Unit]) -> Stored:
    from vigie import queries
    from vigie.storage.sqlite import SQLiteStore

    by_url = {u.url: u.key for u in units}
    aid: dict[str, str] = {}
    lang: dict[str, str | None] = {}
    with SQLiteStore(db, readonly=True) as store:
        for a in store.iter_articles():
            key = by_url.get(a.url or "")
            if key is not None:
                aid[key] = a.article_id
                lang[key] = a.language
        rels = queries.copies(store)
    return Stored(aid, lang, rels)


@dataclass
class Replay:
    docs: dict[str, Any]  # article id -> CopyDoc
    candidates: dict[str, list[str]]  # article id -> the ids its matching looked at
    relations: set[tuple[frozenset[str], str]]  # (pair of ids, kind)
    index: Any  # the CopyIndex at the end


def replay(db: Path, opts: Any) -> Replay:
    """The copy matching of the ingest replayed in memory on the stored articles and
    fingerprints, as ``CopyStep`` does it (same order, same batches): each article's
    candidates, and the relations (which should be the stored ones)."""
    from vigie.copies import CopyIndex, CopyMatcher
    from vigie.runners.copies import CopyStep
    from vigie.storage.sqlite import SQLiteStore

    with SQLiteStore(db, readonly=True) as store:
        ids = store.article_ids()
        docs = CopyStep(store, opts).load_docs(ids)
    index = CopyIndex()
    matcher = CopyMatcher(index, docs.get, window_days=opts.copies.window_days)
    cands: dict[str, list[str]] = {}
    rels: set[tuple[frozenset[str], str]] = set()
    order = [docs[i] for i in ids if i in docs]
    batch = max(1, opts.pipeline.batch_size)
    for i in range(0, len(order), batch):
        for res in matcher.match_batch(order[i : i + batch]):
            cands[res.key] = [c.key for c in res.candidates]
            rels |= {(frozenset((r.a, r.b)), r.kind) for r in res.relations}
    return Replay(docs, cands, rels, index)


def first_failure(a: Any, b: Any, cands: dict[str, list[str]], index: Any, window: float) -> str:
    """The first check a missed gold pair fails: language, length, words, sentences,
    candidate search, numbers, sentence alignment."""
    from vigie.copies.classify import DEFAULT as th
    from vigie.copies.classify import published_order
    from vigie.copies.fingerprint import MIN_WORDS
    from vigie.copies.translation import align_sentences

    if a.language == b.language:
        return f"language: both identified as {a.language}"
    short, long = sorted((len(a.clean_text), len(b.clean_text)))
    if long > th.translated_length_ratio * max(short, 1):
        return "length ratio over 4"
    if min(a.content_words(), b.content_words()) < MIN_WORDS:
        return "too few words"
    n_short, n_long = sorted((len(a.sentences), len(b.sentences)))
    if n_short < th.translated_min_pairs:
        return "one sentence"
    if n_short < th.translated_cov_long * n_long:
        return "sentence counts too far apart"
    if b.key not in cands.get(a.key, ()) and a.key not in cands.get(b.key, ()):
        unlimited = [
            c.key
            for c in index.translation_candidates(
                a.fingerprint,
                published=published_order(a),
                window_days=window,
                exclude=a.key,
                limit=10**6,
            )
        ]
        if b.key in unlimited:
            return "candidates: not among the best kept per language"
        return "candidates: too few shared numbers, dates, names"
    na, nb = set(a.fingerprint.summary.numbers), set(b.fingerprint.summary.numbers)
    if na and nb and len(na & nb) / min(len(na), len(nb)) < 0.25:
        return "numbers disagree"
    al = align_sentences(a.embeddings(), b.embeddings())
    if len(al.pairs) < th.translated_min_pairs:
        return "alignment: fewer than 2 sentence pairs"
    cov_short = al.coverage_a if al.n_a <= al.n_b else al.coverage_b
    cov_long = al.coverage_b if al.n_a <= al.n_b else al.coverage_a
    if cov_short < th.translated_cov_short:
        return "alignment: shorter text covered < 0.6"
    if cov_long < th.translated_cov_long:
        return "alignment: longer text covered < 0.35"
    if al.mean_similarity < th.translated_similarity:
        return "alignment: mean similarity < 0.6"
    return "none (passes every check when classified now)"


def diagnose(
    units: list[Unit],
    checks: list[PairCheck],
    stored: Stored,
    rep: Replay,
    missed: list[tuple[str, str]],
    published: dict[str, str],
    opts: Any,
) -> dict[str, Any]:
    """What the replayed matching tells: whether it gives the stored relations, the gold
    pairs that were candidates, the negatives the classifier compared, and the first check
    each missed gold pair fails (overall, per source, per language pair, with examples)."""
    aid = stored.article_id
    gold_pairs = [(c.a, c.b) for c in checks if c.kept and c.a in aid and c.b in aid]
    cand_pairs = {frozenset((k, c)) for k, cs in rep.candidates.items() for c in cs}
    # the negatives the classifier saw: pairs of other units in two languages it compared
    unit_of = {aid[u.key]: u for u in units if u.key in aid}
    same_id = {frozenset((aid[c.a], aid[c.b])) for c in checks if c.a in aid and c.b in aid}
    negatives_seen: Counter[str] = Counter()
    for pair in cand_pairs - same_id:
        ua, ub = (unit_of.get(k) for k in pair)
        if ua is None or ub is None or ua.lang == ub.lang:
            continue
        same_doc = (ua.source, ua.doc) == (ub.source, ub.doc)
        negatives_seen["same document" if same_doc else "other document"] += 1
    reasons: Counter[str] = Counter()
    by_pair: dict[str, Counter[str]] = defaultdict(Counter)
    by_source: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    for ka, kb in missed:
        why = first_failure(
            rep.docs[aid[ka]], rep.docs[aid[kb]], rep.candidates, rep.index, opts.copies.window_days
        )
        reasons[why] += 1
        if len(examples[why]) < 3:
            examples[why].append(f"{ka} ~ {kb}")
        a, b = sorted((ka, kb), key=lambda k: published[k])
        by_pair[f"{a.rsplit('@', 1)[1]}-{b.rsplit('@', 1)[1]}"][why] += 1
        by_source[a.split("/", 1)[0]][why] += 1
    stored_set = {
        (frozenset((r["original_article_id"], r["copy_article_id"])), r["kind"])
        for r in stored.relations
    }
    return {
        "replay_matches_store": stored_set == rep.relations,
        "candidates": {
            "gold": len(gold_pairs),
            "gold_candidates": sum(
                1 for ka, kb in gold_pairs if frozenset((aid[ka], aid[kb])) in cand_pairs
            ),
            "negatives_classified": dict(negatives_seen),
            "per_article": round(
                sum(len(c) for c in rep.candidates.values()) / max(1, len(rep.candidates)), 2
            ),
        },
        "misses_by_reason": dict(reasons.most_common()),
        "miss_examples": dict(examples),
        "misses_by_source": {k: dict(v.most_common()) for k, v in sorted(by_source.items())},
        "misses_by_pair": {k: dict(v.most_common()) for k, v in sorted(by_pair.items())},
    }


# --------------------------------------------------------------------------------------------
# scores


def _group_of(ua: Unit, ub: Unit, rank: dict[str, int]) -> tuple[str, str]:
    """(language pair in publication order, source) of a pair of units."""
    a, b = (ua, ub) if (rank[ua.lang], ua.lang) <= (rank[ub.lang], ub.lang) else (ub, ua)
    return f"{a.lang}-{b.lang}", a.source if a.source == b.source else "mixed"


def _ratio(n: int, d: int) -> float | None:
    return round(n / d, 4) if d else None


def score(
    units: list[Unit], checks: list[PairCheck], stored: Stored, published: dict[str, str]
) -> dict[str, Any]:
    by_key = {u.key: u for u in units}
    rank = publication_ranks(u.lang for u in units)
    key_of = {v: k for k, v in stored.article_id.items()}
    present = set(stored.article_id)
    gold = {frozenset((c.a, c.b)): c for c in checks if c.kept and {c.a, c.b} <= present}
    dropped = {frozenset((c.a, c.b)): c for c in checks if not c.kept}
    translated: dict[frozenset[str], dict[str, Any]] = {}
    other_on_gold: Counter[str] = Counter()
    other_on_dropped: Counter[str] = Counter()
    for r in stored.relations:
        ka, kb = key_of.get(r["original_article_id"]), key_of.get(r["copy_article_id"])
        if ka is None or kb is None:
            continue
        pair = frozenset((ka, kb))
        if r["kind"] == "translated":
            translated[pair] = r
        elif pair in gold:
            other_on_gold[r["kind"]] += 1
        elif pair in dropped:
            other_on_dropped[r["kind"]] += 1

    groups: dict[str, Counter[str]] = defaultdict(Counter)

    def bump(lp: str, src: str, what: str, n: int = 1) -> None:
        main = lp if lp in MAIN_PAIRS else "others"
        for g in ("all", f"source {src}", f"pair {lp}", f"{src} {main}"):
            groups[g][what] += n
        if main == "others":
            groups["pair others"][what] += n

    for pair, c in gold.items():
        bump(c.langs, c.source, "gold")
        found = translated.get(pair)
        if found is None:
            continue
        bump(c.langs, c.source, "tp")
        if found["direction"] == "known":
            bump(c.langs, c.source, "dir_known")
            src = key_of[found["original_article_id"]]
            earlier = min(pair, key=lambda k: published[k])
            bump(c.langs, c.source, "dir_ok", int(src == earlier))
    fps: list[dict[str, Any]] = []
    on_dropped = Counter[str]()
    for pair, r in translated.items():
        if pair in gold:
            continue
        if pair in dropped:
            on_dropped[dropped[pair].reason] += 1
            continue
        ka, kb = sorted(pair)
        ua, ub = by_key[ka], by_key[kb]
        lp, src = _group_of(ua, ub, rank)
        bump(lp, src, "fp")
        same_doc = (ua.source, ua.doc) == (ub.source, ub.doc)
        if same_doc:
            bump(lp, src, "fp_same_doc")
        fps.append(
            {
                "a": ka,
                "b": kb,
                "same_document": same_doc,
                "same_language_identified": stored.language[ka] == stored.language[kb],
                "score": r["score"],
                "confidence": r["confidence"],
            }
        )
    # same-topic negatives: different units of one document in two languages, both stored
    by_doc: dict[tuple[str, str], list[Unit]] = defaultdict(list)
    for u in units:
        if u.key in present:
            by_doc[(u.source, u.doc)].append(u)
    for members in by_doc.values():
        for ua, ub in combinations(members, 2):
            if ua.lang != ub.lang and ua.uid != ub.uid:
                lp, src = _group_of(ua, ub, rank)
                bump(lp, src, "same_doc_neg")
    table = {}
    for g, n in groups.items():
        table[g] = {
            "gold": n["gold"],
            "found": n["tp"],
            "recall": _ratio(n["tp"], n["gold"]),
            "false_positives": n["fp"],
            "precision": _ratio(n["tp"], n["tp"] + n["fp"]),
            "same_topic_negatives": n["same_doc_neg"],
            "same_topic_called_translated": n["fp_same_doc"],
            "direction_known": n["dir_known"],
            "direction_correct": n["dir_ok"],
        }
    return {
        "table": table,
        "translated_relations": len(translated),
        "translated_on_dropped_pairs": dict(on_dropped),
        "other_kinds_on_gold_pairs": dict(other_on_gold),
        "other_kinds_on_dropped_pairs": dict(other_on_dropped),
        "false_positive_examples": sorted(fps, key=lambda f: -f["score"])[:12],
        "missed": sorted(tuple(sorted(p)) for p in gold if p not in translated),
    }


def language_errors(units: list[Unit], stored: Stored) -> dict[str, int]:
    """Units whose identified language is not theirs, per true language."""
    out: Counter[str] = Counter()
    for u in units:
        got = stored.language.get(u.key)
        if u.key in stored.article_id and got != u.lang:
            out[f"{u.lang}->{got}"] += 1
    return dict(sorted(out.items()))


def relations_digest(stored: Stored) -> str:
    """SHA-1 of the stored relations (pair by unit key, kind, direction, score): two runs
    with the same digest found the same relations."""
    key_of = {v: k for k, v in stored.article_id.items()}
    rows = sorted(
        (
            key_of.get(r["original_article_id"], "?"),
            key_of.get(r["copy_article_id"], "?"),
            r["kind"],
            r["direction"],
            f"{r['score']:.4f}",
        )
        for r in stored.relations
    )
    return hashlib.sha1(json.dumps(rows).encode()).hexdigest()


# --------------------------------------------------------------------------------------------
# main


def select_units(
    units: list[Unit], min_chars: int, limit: int | None
) -> tuple[list[Unit], dict[str, int]]:
    """Units of at least ``min_chars`` characters; with ``limit``, those of the first
    ``limit`` sections of each source (in document order)."""
    dropped: Counter[str] = Counter()
    kept = []
    for u in units:
        if len(u.text) < min_chars:
            dropped["fully untranslated" if u.untranslated > 0.9 else "too short"] += 1
        else:
            kept.append(u)
    if limit is not None:
        docs: dict[tuple[str, str], int] = {}
        for u in kept:
            docs.setdefault((u.source, u.doc), len(docs))
        order: dict[str, list[str]] = defaultdict(list)
        for u in sorted(kept, key=lambda u: (docs[(u.source, u.doc)], u.position)):
            if u.uid not in order[u.source]:
                order[u.source].append(u.uid)
        chosen = {uid for uids in order.values() for uid in uids[:limit]}
        dropped["over --limit"] = sum(1 for u in kept if u.uid not in chosen)
        kept = [u for u in kept if u.uid in chosen]
    return kept, dict(dropped)


def print_report(res: dict[str, Any]) -> None:
    print(
        f"units: {res['units']} in {len(res['languages'])} languages "
        f"({', '.join(res['languages'])}), sources {', '.join(res['sources'])}; dropped: "
        f"{res['units_dropped']}"
    )
    print(
        f"untranslated paragraphs cut out of translations: {res['untranslated_paragraphs']} "
        f"units touched"
    )
    al = res["alignment"]
    print(
        f"same-id pairs: {al['pairs']}, kept as gold {al['kept']}, dropped {al['dropped']} "
        f"({', '.join(f'{k} {v}' for k, v in al['dropped_by_reason'].items()) or 'none'})"
    )
    print(
        f"ingest: pipeline {res['pipeline']} ({', '.join(res['stages'])}), "
        f"{res['ingest']['stored']} stored in {res['ingest']['seconds']} s, "
        f"{res['ingest']['relations']} relations; language "
        f"{'stated' if res['state_language'] else 'identified by vigie'}"
    )
    print(f"identified language differs from the unit's: {res['language_errors'] or 'none'}")
    head = (
        f"\n{'group':<16} {'gold':>5} {'found':>5} {'recall':>7} {'FP':>4} {'precis.':>7} "
        f"{'same-topic':>10} {'called':>6} {'direction':>10}"
    )
    print(head)
    sc = res["scores"]["table"]

    def line(name: str) -> None:
        r = sc[name]
        rec = "—" if r["recall"] is None else f"{r['recall']:.3f}"
        prec = "—" if r["precision"] is None else f"{r['precision']:.3f}"
        print(
            f"{name:<16} {r['gold']:>5} {r['found']:>5} {rec:>7} {r['false_positives']:>4} "
            f"{prec:>7} {r['same_topic_negatives']:>10} "
            f"{r['same_topic_called_translated']:>6} "
            f"{r['direction_correct']:>4}/{r['direction_known']:<5}"
        )

    sources = sorted(k.split()[1] for k in sc if k.startswith("source "))
    mains = [*MAIN_PAIRS, "others"]
    names = [
        "all",
        *(f"source {s}" for s in sources),
        *(f"pair {p}" for p in mains),
        *(f"{s} {p}" for s in sources for p in mains),
    ]
    names = [n for n in names if n in sc]
    for n in names:
        line(n)
    s = res["scores"]
    print(
        f"\ntranslated relations: {s['translated_relations']}; on dropped (outdated or "
        f"untranslated) pairs: {s['translated_on_dropped_pairs'] or 'none'}; other kinds on "
        f"gold pairs: {s['other_kinds_on_gold_pairs'] or 'none'}"
    )
    print(f"replayed matching gives the stored relations: {res['replay_matches_store']}")
    print(
        f"gold pairs that were candidates: {res['candidates']['gold_candidates']}/"
        f"{res['candidates']['gold']}; candidates per article: "
        f"{res['candidates']['per_article']}; pairs of different units in two languages "
        f"compared by the classifier (all rejected unless counted as FP above): "
        f"{res['candidates']['negatives_classified']}"
    )
    print("missed gold pairs by first failing check:")
    for reason, n in res["misses_by_reason"].items():
        print(f"  {n:5d}  {reason}")
    for src, reasons in res["misses_by_source"].items():
        print(f"  {src}: {reasons}")
    for f in s["false_positive_examples"]:
        print(
            f"  false positive: {f['a']} ~ {f['b']} score {f['score']} {f['confidence']}"
            + (" (same document)" if f["same_document"] else "")
        )
    print(f"relations_sha1 {res['relations_sha1']}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", default=str(Path.home() / ".cache/vigie-bench/debian"))
    ap.add_argument("--sources", default="faq,history", help="faq, history or both")
    ap.add_argument(
        "--langs",
        default=",".join(DEFAULT_LANGS),
        help="languages to take (ISO 639-1, comma-separated; 'all': every language found)",
    )
    ap.add_argument("--limit", type=int, default=None, help="sections per source")
    ap.add_argument("--min-chars", type=int, default=300)
    ap.add_argument("--pipeline", choices=("core", "default"), default="core")
    ap.add_argument("--workers", type=int, default=1, help="ingest worker processes")
    ap.add_argument(
        "--state-language", action="store_true", help="give each unit's language in its record"
    )
    ap.add_argument("--keep", default="", help="directory to keep the JSONL and the store in")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)
    sources = [s.strip() for s in args.sources.split(",") if s.strip()]
    langs = None if args.langs == "all" else {x.strip() for x in args.langs.split(",")}
    if langs is not None and "en" not in langs:
        sys.exit("--langs must include en (the source language)")

    root = fetch(Path(args.cache).expanduser(), packages_for(sources, langs))
    units = read_units(root, sources, langs)
    strip_untranslated(units)
    touched = sum(1 for u in units if u.untranslated > 0)
    units, units_dropped = select_units(units, args.min_chars, args.limit)
    checks = check_pairs(units)
    published = schedule(units)

    from vigie.runners.ingest import ingest
    from vigie.storage.sqlite import SQLiteStore

    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="vigie-translations-"))
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        src, db = tmp / "units.jsonl", tmp / "store.db"
        if db.exists():
            sys.exit(f"{db} exists: give --keep a new directory")
        write_jsonl(units, published, src, args.state_language)
        opts = vigie_options(args.pipeline, args.workers)
        t0 = time.perf_counter()
        with SQLiteStore(db) as store:
            report = ingest([str(src)], store, opts)
        ingest_s = time.perf_counter() - t0
        stored = read_store(db, units)
        scores = score(units, checks, stored, published)
        rep = replay(db, opts)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    analysis = diagnose(units, checks, stored, rep, scores.pop("missed"), published, opts)
    al_counts = Counter(c.reason for c in checks if not c.kept)
    res: dict[str, Any] = {
        "sources": sources,
        "languages": sorted({u.lang for u in units}, key=lambda x: (lang_rank(x), x)),
        "units": len(units),
        "units_dropped": units_dropped,
        "untranslated_paragraphs": touched,
        "alignment": {
            "pairs": len(checks),
            "kept": sum(1 for c in checks if c.kept),
            "dropped": sum(1 for c in checks if not c.kept),
            "dropped_by_reason": dict(al_counts.most_common()),
        },
        "pipeline": args.pipeline,
        "stages": opts.pipeline.stages,
        "state_language": args.state_language,
        "ingest": {
            "stored": report.added + report.versions,
            "seconds": round(ingest_s, 1),
            "relations": report.copies,
            "failures": len(report.failures),
        },
        "language_errors": language_errors(units, stored),
        "scores": scores,
        **analysis,
        "relations_sha1": relations_digest(stored),
    }
    if args.json:
        print(json.dumps(res, indent=2, ensure_ascii=False))
    else:
        print_report(res)


if __name__ == "__main__":
    main()
