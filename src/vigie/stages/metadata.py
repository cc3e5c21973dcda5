"""The ``metadata`` stage: fill in the title, outlet and publication date an input lacked.

The reader already set what the input carried (JSONL fields, HTML metadata); this stage only
fills what is still missing, from the article's own metadata dict, its text and its URL:

* outlet — a signature line ("237online.com"), a donation appeal naming the outlet ("Faites un
  don au Journal Chrétien"), an image dateline ("… - Sputnik France, 1920, 12.01.2022"), else the
  URL's domain without ``www.``;
* published — an explicit dateline ("Publié le 12/01/2022"), the image dateline that follows the
  title (a news page dates its main picture with the article's date; a dateline above the title
  belongs to a story banner), else a date in the URL path (``/2022/01/12/``, ``/20220112/``);
  stored as an ISO 8601 date or date-time;
* title — the first line of the header that is not furniture and is shaped like a headline (a
  short tag above it, "L'Otan", is skipped).

What cannot be found is noted on the article (``article.note``).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from vigie.pipeline.registry import stage
from vigie.stages.furniture_rules import (
    MONTHS,
    STRONG,
    Verdict,
    classify_line,
    credit_prefix,
    dateline_match,
    domain_signature,
    looks_like_tag,
    looks_like_title,
)

if TYPE_CHECKING:
    from vigie.article import Article
    from vigie.config import Options

__all__ = [
    "guess_outlet",
    "guess_published",
    "guess_title",
    "head_verdicts",
    "metadata",
    "parse_date",
]

#: lines of the text's head searched for a title and datelines
HEAD_LINES = 15
#: lines of the text's tail searched for a signature
TAIL_LINES = 8

_META_TITLE = ("title", "og:title", "headline", "twitter:title")
_META_OUTLET = ("sitename", "site_name", "og:site_name", "publisher", "outlet", "source")
_META_DATE = (
    "published",
    "date",
    "date_published",
    "datePublished",
    "article:published_time",
    "og:article:published_time",
    "pubdate",
    "publish_date",
    "dc.date",
    "DC.date.issued",
    "sailthru.date",
    "parsely-pub-date",
)

_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
    r"(Z|[+-]\d{2}:?\d{2})?)?"
)
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?!\d)")
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_DAY_MONTH = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:er|st|nd|rd|th|\.)? (?:de )?({_MONTH_ALT})\.?,? (?:de )?(\d{{4}})",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(
    rf"\b({_MONTH_ALT})\.? (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})", re.IGNORECASE
)
_TIME_AFTER = re.compile(r"\s*(?:,|à|at|в|um|a las|-)?\s*(\d{1,2})[h:](\d{2})\b")
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=[/-]|$)|/((?:19|20)\d{2})(\d{2})(\d{2})(?=[/-]|$)"
)
#: "© Le Courrier de Brennisk – Tous droits réservés", "Экран-К. Все права защищены."
_COPYRIGHT_OUTLET = re.compile(
    r"(?:(?:©|\(c\)|copyright)\s*)?(?:(?:19|20)\d{2}\s*)?"
    r"([A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’.&-]*(?: [\w'’.&-]+){0,5}?)\s*[.,:;|–—-]\s*"
    r"((?i:tous droits réservés|all rights reserved|все права защищены|alle rechte vorbehalten|"
    r"todos los derechos reservados))",
    re.IGNORECASE,
)
#: a byline or a dateline that says when: "Billet publié le 27 février 2025 par …"
_PUBLISHED_WORD = re.compile(
    r"\b(?:publiée?|mise? en ligne|posted|published|veröffentlicht|publicado|опубликовано)\b",
    re.IGNORECASE,
)
_DONATION_OUTLET = re.compile(
    r"(?i:faites|faire) un don (?i:au|à la|à l'|à l’|à|aux) "
    r"((?:[A-ZÀ-ÖØ-Þ][\w'’.-]*)(?: (?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|de|du|des|la|le|d'|l'))*)",
)


def _iso(y: int, m: int, d: int, hh: int | None = None, mm: int | None = None) -> str | None:
    try:
        if hh is None or mm is None:
            return date(y, m, d).isoformat()
        return datetime(y, m, d, hh, mm).isoformat(timespec="minutes")
    except ValueError:
        return None


def _with_time(s: str, end: int, y: int, m: int, d: int) -> str | None:
    t = _TIME_AFTER.match(s, end)
    if t is not None:
        return _iso(y, m, d, int(t.group(1)), int(t.group(2)))
    return _iso(y, m, d)


def parse_date(s: str) -> str | None:
    """The first date (and time) written in ``s`` as ISO 8601: "2022-01-12T10:30:00+01:00",
    "12.01.2022", "12/01/2022 à 10h30", "12 janvier 2022", "January 12, 2022", "12 января 2022"."""
    m = _ISO.search(s)
    if m is not None:
        if m.group(4) is None:
            return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        try:
            return datetime.fromisoformat(m.group(0).replace("Z", "+00:00")).isoformat()
        except ValueError:
            return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _NUMERIC.search(s)
    if m is not None:
        return _with_time(s, m.end(), int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = _DAY_MONTH.search(s)
    if m is not None:
        month = MONTHS.get(m.group(2).lower())
        if month:
            return _with_time(s, m.end(), int(m.group(3)), month, int(m.group(1)))
    m = _MONTH_DAY.search(s)
    if m is not None:
        month = MONTHS.get(m.group(1).lower())
        if month:
            return _with_time(s, m.end(), int(m.group(3)), month, int(m.group(2)))
    return None


def _meta_str(meta: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for k in keys:
        v = meta.get(k)
        if isinstance(v, str) and v.strip():
            return v.strip()
    return None


def _nonempty_lines(text: str) -> list[str]:
    return [s for s in (raw.strip() for raw in text.split("\n")) if s]


def head_verdicts(lines: list[str]) -> list[Verdict | None]:
    """The furniture verdicts of the first :data:`HEAD_LINES` non-empty lines."""
    return [classify_line(s) for s in lines[:HEAD_LINES]]


def guess_title(lines: list[str], verdicts: list[Verdict | None] | None = None) -> str | None:
    """The headline among the first non-empty ``lines``: not furniture, not a tag above it,
    shaped like a title. Falls back to the first line that is not furniture when it is short.

    On a page whose main picture carries a dated caption ("… - Sputnik France, 1920,
    09.01.2022"), the headline is the title-shaped line just above that picture: what stands
    higher is a story banner (its label and its summary).
    """
    head = lines[:HEAD_LINES]
    if verdicts is None:
        verdicts = head_verdicts(lines)
    plain = [
        verdict is None and credit_prefix(s) is None
        for s, verdict in zip(head, verdicts, strict=True)
    ]
    for i, verdict in enumerate(verdicts):
        if verdict is not None and verdict[0] == "caption":
            for j in range(i - 1, -1, -1):
                if plain[j] and looks_like_title(head[j]):
                    return head[j]
            break
    fallback: str | None = None
    for s, ok in zip(head, plain, strict=True):
        if not ok:
            continue
        if fallback is None:
            fallback = s
        if looks_like_title(s):
            return s
    if fallback is not None and len(fallback) <= 250 and not looks_like_tag(fallback):
        return fallback
    return None


def guess_outlet(lines: list[str], url: str | None) -> str | None:
    """The outlet named by a signature, a donation appeal or a dateline, else the URL's domain."""
    for s in reversed(lines[-TAIL_LINES:]):
        domain = domain_signature(s)
        if domain is not None:
            return domain[4:] if domain.startswith("www.") else domain
    for s in lines:
        if len(s) <= 250 and s[:5].lower() in ("faite", "faire"):
            m = _DONATION_OUTLET.match(s)
            if m is not None:
                return m.group(1).rstrip(".'’ ")
    for s in lines[:HEAD_LINES]:
        d = dateline_match(s)
        if d is not None:
            return d.group("outlet").strip()
    for s in reversed(lines[-TAIL_LINES:]):
        if len(s) <= 200:
            c = _COPYRIGHT_OUTLET.match(s)
            if c is not None:
                return c.group(1).strip()
    if url:
        host = urlsplit(url).hostname
        if host:
            return host[4:] if host.startswith("www.") else host
    return None


def guess_published(
    lines: list[str],
    url: str | None,
    title: str | None,
    verdicts: list[Verdict | None] | None = None,
) -> str | None:
    """The publication date from an explicit dateline, the image dateline after the title, or
    the URL path."""
    head = lines[:HEAD_LINES]
    if verdicts is None:
        verdicts = head_verdicts(lines)
    datelines: list[tuple[int, str]] = []
    for i, (s, verdict) in enumerate(zip(head, verdicts, strict=True)):
        if verdict is None:
            if len(s) <= 160 and _PUBLISHED_WORD.search(s):
                found = parse_date(s)
                if found is not None:
                    return found
            continue
        m = dateline_match(s)
        if m is not None:
            found = _iso(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if found is not None:
                datelines.append((i, found))
            continue
        if verdict[0] == "dateline":
            found = parse_date(s)
            if found is not None:
                if verdict[1] == STRONG:  # "Publié le …", "Mis à jour le …"
                    return found
                datelines.append((i, found))  # a bare date line
    if datelines:
        t = head.index(title.strip()) if title and title.strip() in head else None
        if t is not None:
            after = [d for i, d in datelines if i > t]
            if after:
                return after[0]
        return datelines[-1][1]
    if url:
        m = _URL_DATE.search(urlsplit(url).path)
        if m is not None:
            y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(1) else m.group(4, 5, 6)
            return _iso(int(y), int(mo), int(d))
    return None


@stage("metadata", requires=("text",), assigns=("title", "outlet", "published"))
def metadata(article: Article, options: Options) -> None:
    """Fill in a missing title, outlet and publication date from the article's metadata, its
    text (title line, signatures, datelines) and its URL."""
    if article.title and article.outlet and article.published:
        return
    meta = article.meta or {}
    lines = _nonempty_lines(article.text)
    verdicts = head_verdicts(lines)
    if not article.title:
        article.title = _meta_str(meta, _META_TITLE) or guess_title(lines, verdicts)
        if not article.title:
            article.note("metadata", "no title: no line of the header looks like a headline")
    if not article.outlet:
        article.outlet = _meta_str(meta, _META_OUTLET) or guess_outlet(lines, article.url)
        if not article.outlet:
            article.note("metadata", "no outlet: no signature in the text and no URL")
    if not article.published:
        raw = _meta_str(meta, _META_DATE)
        found = parse_date(raw) if raw else None
        article.published = found or guess_published(lines, article.url, article.title, verdicts)
        if not article.published:
            article.note("metadata", "no publication date: no dateline, metadata or URL date")
