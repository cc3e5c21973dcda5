"""Stage ``entities``: named entities of the clean text, with offsets into the original.

spaCy ``fr_core_news_md`` runs paragraph by paragraph (a paragraph is a line of the clean
text; a very long line is cut at sentence ends into chunks), so an entity never runs across a
paragraph break. The model's known slips on news text are corrected (see :func:`fix_entities`):
a role tagged as an organisation ("ministre russe des Affaires"), a capital tagged as a person
("Washington"), a time zone tagged as a place ("UTC+3"), an honorific left out of or glued to
a name ("M. Lavrov", "M.Riabkov").

The full pipeline (tagger, parser, lemmatizer, NER) runs once per article: the ``quotes``
stage reuses the parse. Within one process the parse of the last few articles is kept
(:func:`parse_article` is a memoised pure function of the clean text), so running
``entities`` then ``quotes`` on an article parses it once. For throughput over many articles
use :func:`entities_many` or :func:`vigie.quotes.batch.analyse_many`, which feed
``nlp.pipe`` in batches.

Only French is analysed (and English if an ``en_core_web_*`` model is installed); an article
in another language gets an empty list and a note.
"""

from __future__ import annotations

import functools
import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vigie.pipeline.registry import stage
from vigie.quotes.gazetteer import (
    DEMONYMS,
    INSTITUTIONS,
    ORG_ACRONYMS,
    OUTLETS,
    PLACES,
    fold,
)
from vigie.quotes.lexicon import HONORIFICS, ROLE_NOUNS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from vigie.article import Article
    from vigie.config import Options

__all__ = [
    "MODELS",
    "Parsed",
    "Segment",
    "article_language",
    "entities_from_parsed",
    "entities_many",
    "fix_entities",
    "load_model",
    "parse_article",
    "run_entities",
    "segments",
]

#: spaCy model per language, first installed one wins
MODELS: dict[str, tuple[str, ...]] = {
    "fr": ("fr_core_news_md", "fr_core_news_sm"),
    "en": ("en_core_web_md", "en_core_web_sm"),
}
#: a line longer than this is parsed in chunks cut at sentence ends (characters)
CHUNK_CHARS = 10_000
#: only the first this many characters of the clean text are parsed (a note says so)
MAX_CHARS = 300_000
#: articles whose parse is kept in the process for the stages that follow: at least a
#: pipeline batch (``pipeline.batch_size``), since batches run stage by stage and the quotes
#: stage must find every article's parse (about 0.1 MB each)
MEMO_SIZE = 512


@dataclass(frozen=True, slots=True)
class Segment:
    """A paragraph of the clean text (or a chunk of a very long one)."""

    start: int  # clean-text offset
    text: str
    para: int  # index of the paragraph (non-blank line) it belongs to

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(slots=True)
class Parsed:
    """The parse of an article's clean text: segments and their spaCy docs."""

    clean: str
    language: str
    segments: list[Segment]
    docs: list[Doc]
    truncated: bool = False
    fixed: list[list[tuple[int, int, str]]] | None = None

    def entities(self) -> list[list[tuple[int, int, str]]]:
        """:func:`fix_entities` of each segment's doc (computed once)."""
        if self.fixed is None:
            self.fixed = [
                fix_entities(d, s.text) for s, d in zip(self.segments, self.docs, strict=True)
            ]
        return self.fixed


def _setting(options: Options | None, name: str, default: Any) -> Any:
    section = getattr(options, "entities", None) if options is not None else None
    return getattr(section, name, default) if section is not None else default


@functools.cache
def load_model(language: str = "fr") -> Language | None:
    """The spaCy pipeline for ``language`` (loaded once per process), or None if none is
    installed."""
    import spacy

    for name in MODELS.get(language, ()):
        try:
            return spacy.load(name)
        except OSError:
            continue
    return None


def article_language(article: Article) -> str:
    """The language to analyse the article in: its detected language, French by default."""
    lang = (article.language or "fr").lower()
    return lang.split("-")[0].split("_")[0]


def segments(clean: str, max_chars: int = MAX_CHARS) -> tuple[list[Segment], bool]:
    """Non-blank lines of ``clean`` as segments; lines over :data:`CHUNK_CHARS` are cut at
    sentence ends (else at a space). Returns the segments and whether text was left out."""
    out: list[Segment] = []
    pos = 0
    truncated = False
    for para, line in enumerate(clean.split("\n")):
        start = pos
        pos += len(line) + 1
        if start >= max_chars:
            truncated = truncated or bool(line.strip())
            continue
        if start + len(line) > max_chars:
            line = line[: max_chars - start]
            truncated = True
        lead = len(line) - len(line.lstrip())
        body = line.strip()
        if not body:
            continue
        s = start + lead
        while len(body) > CHUNK_CHARS:
            cut = _chunk_cut(body, CHUNK_CHARS)
            out.append(Segment(s, body[:cut].rstrip(), para))
            rest = body[cut:]
            lead = len(rest) - len(rest.lstrip())
            s += cut + lead
            body = rest.strip()
        if body:
            out.append(Segment(s, body, para))
    return out, truncated


def _chunk_cut(text: str, limit: int) -> int:
    window = text[limit // 2 : limit]
    for pat in (r"[.!?…][»”\"]?\s", r"[;:]\s", r"\s"):
        last = None
        for m in re.finditer(pat, window):
            last = m
        if last is not None:
            return limit // 2 + last.end()
    return limit


_MEMO: OrderedDict[tuple[int, str], Parsed] = OrderedDict()


def parse_article(article: Article, options: Options | None = None) -> Parsed | None:
    """The parse of the article's clean text (None when no model fits its language)."""
    language = article_language(article)
    clean = article.clean_text
    key = (hash(clean), language)
    hit = _MEMO.get(key)
    if hit is not None and hit.clean == clean:
        _MEMO.move_to_end(key)
        return hit
    nlp = load_model(language)
    if nlp is None:
        return None
    max_chars = int(_setting(options, "max_chars", MAX_CHARS))
    segs, truncated = segments(clean, max_chars)
    docs = list(nlp.pipe([s.text for s in segs], batch_size=64))
    parsed = Parsed(clean, language, segs, docs, truncated)
    remember(parsed)
    return parsed


def remember(parsed: Parsed) -> None:
    """Keep a parse for the stages that follow (bounded; oldest dropped first)."""
    _MEMO[(hash(parsed.clean), parsed.language)] = parsed
    while len(_MEMO) > MEMO_SIZE:
        _MEMO.popitem(last=False)


# --- corrections --------------------------------------------------------------------------

_TIME_RE = re.compile(
    r"^(?:UTC|GMT|CET|CEST|HNE|EST|PST|MSK)?\s*[+\-−–]?\s*\d[\d:h.,]*$|"
    r"^(?:UTC|GMT|CET|CEST|MSK)(?:\s*[+\-−–]\s*\d+)?$",
    re.IGNORECASE,
)
_CALENDAR = frozenset(
    fold(w)
    for w in [
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ]
)
_HONORIFIC_RE = re.compile(r"^(M|Mme|Mlle|Mr|Mrs|Ms|Dr|Me|Pr)(?:\.\s*|\s+)(?=[A-ZÀ-Þ])")
_PARTICLES = frozenset(
    {
        "de",
        "du",
        "des",
        "d'",
        "d’",
        "la",
        "le",
        "van",
        "von",
        "der",
        "di",
        "da",
        "ben",
        "bin",
        "al",
        "el",
        "y",
        "del",
        "dos",
        "das",
        "ibn",
    }
)
_HONORIFIC_INITIALS = frozenset("MDmPS")
_TITLE_PREP = frozenset({"d'", "d’", "de"})
_NOT_NAME_POS = frozenset({"VERB", "AUX", "ADV", "ADP", "SCONJ", "CCONJ", "PRON", "DET"})
_LATIN_RE = re.compile(r"[A-Za-zÀ-ÿ]")
_GENERIC = frozenset({"etat", "etats", "etat membre", "gouvernement", "president"})


def _is_cap(tok_text: str) -> bool:
    return bool(tok_text) and tok_text[0].isupper()


def fix_entities(doc: Doc, text: str | None = None) -> list[tuple[int, int, str]]:
    """Entities of ``doc`` as ``(start_char, end_char, label)``, with the model's slips fixed
    (``text``: ``doc.text`` when the caller has it)."""
    out: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    if text is None:
        text = doc.text
    for ent in doc.ents:
        fixed = _fix_one(doc, ent, text)
        if fixed is None:
            continue
        s, e, _ = fixed
        out.append(fixed)
        taken.update(range(s, e))
    # names after an honorific the model missed: "M. Dupont", "Mme Durand"
    for tok in doc:
        if tok.text[:1] not in _HONORIFIC_INITIALS:
            continue
        if fold(tok.text).rstrip(".") in HONORIFICS and tok.i + 1 < len(doc):
            if tok.idx in taken:
                continue
            j = tok.i + 1
            while j < len(doc) and (_is_cap(doc[j].text) or doc[j].lower_ in _PARTICLES):
                j += 1
            while j > tok.i + 1 and not _is_cap(doc[j - 1].text):
                j -= 1
            if j > tok.i + 1 and doc[tok.i + 1].idx not in taken:
                s, e = tok.idx, doc[j - 1].idx + len(doc[j - 1])
                out.append((s, e, "PER"))
                taken.update(range(s, e))
    out.sort()
    return out


def _fix_one(doc: Doc, ent: Span, doc_text: str) -> tuple[int, int, str] | None:
    label = ent.label_
    toks = [t for t in ent if not (t.is_punct or t.is_space)]
    if not toks:
        return None
    # a quote mark inside the span: keep the part before it
    for k, t in enumerate(toks):
        if t.text in '«»“”"″':
            toks = toks[:k]
            break
    if not toks:
        return None
    first = toks[0]
    text = doc_text[first.idx : toks[-1].idx + len(toks[-1])]
    f = fold(text)
    # glued honorific "M.Riabkov" (one token) or "M. Lavrov": a person
    if _HONORIFIC_RE.match(text) and label != "PER":
        label = "PER"
    if label == "PER":
        # leading title words inside a person span: "Vice-ministre russe … Sergueï Riabkov"
        while len(toks) > 1 and (
            fold(toks[0].text) in ROLE_NOUNS
            or (not _is_cap(toks[0].text) and toks[0].lower_ not in _PARTICLES)
        ):
            toks = toks[1:]
        while len(toks) > 1 and not _is_cap(toks[-1].text):
            toks = toks[:-1]
        while len(toks) > 1 and toks[0].lower_ in _PARTICLES:
            toks = toks[1:]
        if len(toks) == 1 and toks[0].i > 0 and doc[toks[0].i - 1].lower_ in _PARTICLES:
            return None  # "(ministère) de la Défense": part of a longer name, not a person
        # an honorific just before the span belongs to the name
        prev = doc[toks[0].i - 1] if toks[0].i > 0 else None
        start = toks[0].idx
        if prev is not None and fold(prev.text).rstrip(".") in HONORIFICS:
            start = prev.idx
        text = doc_text[start : toks[-1].idx + len(toks[-1])]
        f = fold(text)
        if f in PLACES:
            label = "LOC"
        elif f in INSTITUTIONS or f in OUTLETS or f in ORG_ACRONYMS:
            label = "ORG"
        if not any(_is_cap(t.text) for t in toks):
            return None
        if all(t.pos_ in _NOT_NAME_POS for t in toks):
            return None  # "Laisser (un commentaire)": a capitalised verb
        if len(toks) == 1 and not toks[0].text.isascii() and not _LATIN_RE.search(toks[0].text):
            return None  # a word in another script (page furniture)
        return start, toks[-1].idx + len(toks[-1]), label
    # a role, not an organisation: "ministre russe des Affaires" (lower-case head)
    if not _is_cap(first.text) and first.lower_ not in _PARTICLES:
        return None
    if fold(first.text) in ROLE_NOUNS:
        return None
    # "secrétaire d'État américain": "État …" is part of a title
    if (
        first.i >= 2
        and doc[first.i - 1].lower_ in _TITLE_PREP
        and fold(doc[first.i - 2].text) in ROLE_NOUNS
        and f.split()[0] in {"etat", "etat-major"}
    ):
        return None
    if _TIME_RE.match(text) or f in _CALENDAR or f in _GENERIC:
        return None
    # "Organisation pour la sécurité et la coopération en" + "Europe": the model stopped early
    end_tok = toks[-1]
    while (
        end_tok.lower_ in _PARTICLES | {"en", "pour", "et", "l'", "l’"}
        and end_tok.i + 1 < len(doc)
        and _is_cap(doc[end_tok.i + 1].text)
    ):
        end_tok = doc[end_tok.i + 1]
    toks = [*toks, *[doc[k] for k in range(toks[-1].i + 1, end_tok.i + 1)]]
    if f in DEMONYMS or f.rstrip("s") in DEMONYMS:
        return None  # "les Américains": a people, not a named entity
    if f in PLACES:
        label = "LOC"
    elif f in ORG_ACRONYMS or f in INSTITUTIONS or f in OUTLETS:
        label = "ORG"
    return first.idx, toks[-1].idx + len(toks[-1]), label


# --- results ------------------------------------------------------------------------------


def entities_from_parsed(article: Article, parsed: Parsed) -> list[dict[str, Any]]:
    """Entity records with offsets into the original text."""
    omap = article.offset_map()
    text = article.text
    out: list[dict[str, Any]] = []
    for seg, ents in zip(parsed.segments, parsed.entities(), strict=True):
        for s, e, label in ents:
            os_, oe = omap.span_to_original(seg.start + s, seg.start + e)
            rec: dict[str, Any] = {"start": os_, "end": oe, "text": text[os_:oe], "label": label}
            if label == "PER":
                name = _HONORIFIC_RE.sub("", seg.text[s:e]).strip()
                if name != rec["text"]:
                    rec["name"] = name
            out.append(rec)
    return out


def _skip_note(article: Article, language: str) -> None:
    article.note("entities", f"skipped: no model for language {language}")


def _entities_batch(articles: Sequence[Article], options: Options) -> None:
    """The batched form of the ``entities`` stage: one ``nlp.pipe`` over the paragraphs of
    many articles; a failure on one article is recorded on that article."""
    for a, parsed in zip(articles, parse_many(articles, options), strict=True):
        try:
            if parsed is None:
                _skip_note(a, article_language(a))
                a.results["entities"] = []
            else:
                a.results["entities"] = entities_from_parsed(a, parsed)
        except Exception as exc:  # one article's failure must not stop the batch
            a.add_error("entities", exc)


@stage(
    "entities",
    requires=("clean_text",),
    assigns=("results.entities",),
    batch=_entities_batch,
)
def run_entities(article: Article, options: Options) -> None:
    """Named entities (PER, ORG, LOC, MISC) per paragraph, with original-text offsets."""
    parsed = parse_article(article, options)
    if parsed is None:
        _skip_note(article, article_language(article))
        article.results["entities"] = []
        return
    if parsed.truncated:
        article.note(
            "entities", f"text longer than {MAX_CHARS} characters: only the start was analysed"
        )
    article.results["entities"] = entities_from_parsed(article, parsed)


def parse_many(
    articles: Sequence[Article],
    options: Options | None = None,
    *,
    batch_size: int | None = None,
    n_process: int | None = None,
) -> list[Parsed | None]:
    """Parse many articles with ``nlp.pipe`` in batches (one entry per article, None when no
    model fits its language). Every parse is also remembered for the stages that follow."""
    bs = int(batch_size or _setting(options, "batch_size", 64))
    nproc = int(n_process or _setting(options, "n_process", 1))
    max_chars = int(_setting(options, "max_chars", MAX_CHARS))
    results: list[Parsed | None] = [None] * len(articles)
    by_lang: dict[str, list[int]] = {}
    for i, a in enumerate(articles):
        by_lang.setdefault(article_language(a), []).append(i)
    for lang, idxs in by_lang.items():
        nlp = load_model(lang)
        if nlp is None:
            continue
        plans = []
        for i in idxs:
            segs, truncated = segments(articles[i].clean_text, max_chars)
            plans.append((i, segs, truncated))
            results[i] = Parsed(articles[i].clean_text, lang, segs, [], truncated)

        texts = ((s.text, i) for i, segs, _ in plans for s in segs)
        for doc, i in nlp.pipe(texts, as_tuples=True, batch_size=bs, n_process=nproc):
            p = results[i]
            assert p is not None
            p.docs.append(doc)
    for p in results:
        if p is not None:
            remember(p)
    return results


def entities_many(
    articles: Sequence[Article], options: Options | None = None, **pipe_args: Any
) -> None:
    """The ``entities`` stage over many articles at once (batched ``nlp.pipe``)."""
    for a, parsed in zip(articles, parse_many(articles, options, **pipe_args), strict=True):
        if parsed is None:
            _skip_note(a, article_language(a))
            a.results["entities"] = []
        else:
            a.results["entities"] = entities_from_parsed(a, parsed)
        a.done.append("entities")
