"""Stage ``language``: the language of the article and of each paragraph, with py3langid.

Paragraphs are the non-empty lines of the clean text (news sites put one paragraph a line);
their spans are offsets in the original text. Short paragraphs inherit the article's language.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from vigie.article import Article, Paragraph
from vigie.config import Options
from vigie.pipeline.registry import stage

__all__ = ["identify", "language", "paragraph_spans"]

_LINE = re.compile(r"[^\n]+")
#: characters looked at: enough for a confident decision, bounded for speed
_ARTICLE_SAMPLE = 1000
_PARAGRAPH_SAMPLE = 600


@lru_cache(maxsize=8)
def _identifier(candidates: tuple[str, ...]) -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if candidates:
        ident.set_languages(list(candidates))
    return ident


def identify(
    text: str, candidates: tuple[str, ...] = (), sample: int = _ARTICLE_SAMPLE
) -> tuple[str, float]:
    """``(iso 639-1 code, probability)`` of a text (its first ``sample`` characters)."""
    lang, prob = _identifier(candidates).classify(text[:sample])
    return str(lang), float(prob)


def paragraph_spans(clean: str) -> list[tuple[int, int]]:
    """Clean-text spans of the non-blank lines, stripped of surrounding spaces."""
    spans = []
    for m in _LINE.finditer(clean):
        s, e = m.span()
        seg = m.group()
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if e - trail > s + lead:
            spans.append((s + lead, e - trail))
    return spans


@stage("language", requires=("clean_text",), assigns=("language", "paragraphs"))
def language(article: Article, options: Options) -> None:
    """Article language (kept when the input stated it) and per-paragraph languages."""
    opts = options.language
    cands = tuple(opts.candidates)
    clean = article.clean_text
    if not clean.strip():
        article.note("language", "no text left after cleaning: language unknown")
        article.paragraphs = []
        return
    if not article.language:
        article.language, article.language_score = identify(clean, cands)
    omap = article.offset_map()
    spans = paragraph_spans(clean)
    paragraphs: list[Paragraph] = []
    for s, e in spans:
        lang: str | None = article.language
        score: float | None = None
        if len(spans) == 1 and article.language_score is not None:
            score = round(article.language_score, 3)  # the article is this one paragraph
        elif opts.paragraphs and e - s >= opts.min_paragraph_chars:
            lang, score = identify(clean[s:e], cands, _PARAGRAPH_SAMPLE)
            score = round(score, 3)
        os_, oe = omap.span_to_original(s, e)
        paragraphs.append(Paragraph(os_, oe, lang, score))
    article.paragraphs = paragraphs
