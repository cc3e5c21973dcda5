"""The ``metadata`` stage: fill in the title, outlet, publication date and authors an input
lacked, and name the agency a text reproduces.

The reader already set what the input carried (JSONL fields, HTML metadata, a sidecar file);
this stage only fills what is still missing, from the article's own metadata dict, its text, its
URL and, last, its file name:

* outlet — the page's own signature nearest the end of the text: a domain ("237online.com"), a
  copyright notice ("© Le Courrier de Brennisk – Tous droits réservés", "© Telekar 2025"), a
  closing slogan ("Méridie Soir — l'actualité de …, chaque soir depuis 1952."), a footer of
  segments ("Вальдорский обозреватель | Новости | Мир"); else an appeal naming the outlet
  ("Faites un don au Journal Chrétien", "abonnez-vous au Veilleur"), an image dateline
  ("… - Sputnik France, 1920, 12.01.2022"), a header of segments ("Экран-К | Новости | …"), a
  newsroom byline ("Par la rédaction d'Actu-Monde Direct"), a bare "© Name" closing the text,
  the URL's domain without ``www.``; last, the agency of a wire dateline ("KORVANSK, 11 février
  (Telekar) – …"): a dispatch with nothing else naming its outlet is the agency's own;
* source agency — the agency of a wire dateline, or of a closing "(avec Estafette)", when another
  signal names the outlet: stored as ``article.meta["source_agency"]``;
* published — an explicit dateline ("Publié le 12/01/2022"), a header date ("14 février 2025 |
  Mis à jour à 16 h 20"), the image dateline that follows the title (a news page dates its main
  picture with the article's date; a dateline above the title belongs to a story banner), a date
  in the URL path (``/2022/01/12/``, ``/20220112/``), the date of the wire dateline (its year,
  when missing, from a dated reference: the URL, the file name, the copyright line), else a
  leading ISO date in the file name (``2025-02-14_…``, noted); stored as ISO 8601;
* authors — bylines ("Par Milan Hrubec", "By Hannah Weir and Luc Tessier in Port-Selve",
  "Billet publié le … par Gaspard Lenoir") in the header or closing the text;
* title — the first line of the header that is not furniture and is shaped like a headline (a
  short tag above it, "L'Otan", is skipped).

What cannot be found, or is inferred from a weak signal, is noted on the article
(``article.note``).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from vigie.pipeline.registry import stage
from vigie.stages.furniture_rules import (
    MONTHS,
    STRONG,
    Verdict,
    WireDateline,
    agency_credit,
    appeal_outlet,
    byline,
    classify_line,
    copyright_notice,
    credit_prefix,
    dateline_match,
    domain_signature,
    looks_like_tag,
    looks_like_title,
    pipe_line,
    slogan_outlet,
    wire_dateline,
)

if TYPE_CHECKING:
    from vigie.article import Article
    from vigie.config import Options

__all__ = [
    "file_name_date",
    "find_wire_dateline",
    "guess_authors",
    "guess_outlet",
    "guess_published",
    "guess_title",
    "head_verdicts",
    "metadata",
    "parse_date",
    "same_outlet",
]

#: lines of the text's head searched for a title and datelines
HEAD_LINES = 15
#: lines of the text's tail searched for a signature
TAIL_LINES = 8
#: lines at the end of the text searched for a byline
BYLINE_TAIL = 3
#: a copy is published at most this long after the dispatch it reproduces (file-name dates)
MAX_COPY_DELAY = timedelta(days=7)

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
_TIME_AFTER = re.compile(r"\s*(?:,|à|at|в|um|a las|-|\|)?\s*(\d{1,2}) ?[h:] ?(\d{2})\b")
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=[/-]|$)|/((?:19|20)\d{2})(\d{2})(\d{2})(?=[/-]|$)"
)
#: a byline or a dateline that says when: "Billet publié le 27 février 2025 par …"
_PUBLISHED_WORD = re.compile(
    r"\b(?:publiée?|mise? en ligne|posted|published|veröffentlicht|publicado|опубликовано)\b",
    re.IGNORECASE,
)
#: words of an appeal that may name the outlet (see ``appeal_outlet``), on case-folded text
_APPEAL_WORDS = re.compile("un don|abonn|souten|subscri|support|donat|aimez|appréciez")
#: "… par Gaspard Lenoir" closing a dateline
_STAMP_AUTHOR = re.compile(r"\b(?:par|by|von|por) ([^,.;:]{3,60})$")
#: a scraper's file name that starts with the publication date: "2025-02-14_outlet_title.txt"
_FILE_DATE = re.compile(r"((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


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


def _host(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def _tail_signature(lines: list[str]) -> str | None:
    """The page's own signature nearest the end: a domain, a copyright notice, a closing slogan
    (only furniture after it), a footer of segments, a newsroom byline."""
    tail = lines[-TAIL_LINES:]
    for i in range(len(tail) - 1, -1, -1):
        s = tail[i]
        domain = domain_signature(s)
        if domain is not None:
            return domain[4:] if domain.startswith("www.") else domain
        notice = copyright_notice(s)
        if notice is not None and notice.certain and notice.holder:
            return notice.holder
        if "|" in s:
            piped = pipe_line(s)
            if piped is not None and piped.name:
                return piped.name
        signed = byline(s)
        if signed is not None and signed.outlet:
            return signed.outlet
        if len(lines) - len(tail) + i == 0:
            continue  # a slogan closes an article: a text of one line is the article
        slogan = slogan_outlet(s)
        if slogan is not None and all(classify_line(x) is not None for x in tail[i + 1 :]):
            return slogan
    return None


def guess_outlet(lines: list[str], url: str | None) -> str | None:
    """The outlet named by the text (see the module's docstring for the order), else the URL's
    domain. A wire dateline's agency is not looked at here (see :func:`metadata`)."""
    found = _tail_signature(lines)
    if found is not None:
        return found
    for s in lines:
        if len(s) <= 250 and s[:1].isupper() and _appeals(s):
            verdict = classify_line(s)
            if verdict is not None and verdict[0] in ("donation", "subscription"):
                name = appeal_outlet(s)
                if name is not None:
                    return name
    for s in lines[:HEAD_LINES]:
        d = dateline_match(s)
        if d is not None:
            return d.group("outlet").strip()
        if "|" in s:
            piped = pipe_line(s)
            if piped is not None and piped.name:
                return piped.name
        signed = byline(s)
        if signed is not None and signed.outlet:
            return signed.outlet
    if lines:
        notice = copyright_notice(lines[-1])
        if notice is not None and notice.holder:  # a bare "© РИА Новости" closing the text
            return notice.holder
    return _host(url)


def _appeals(s: str) -> bool:
    return _APPEAL_WORDS.search(s.casefold()) is not None


def find_wire_dateline(lines: list[str]) -> WireDateline | None:
    """The wire dateline that opens one of the first paragraphs, if any."""
    for s in lines[:HEAD_LINES]:
        if s[:1].isupper():
            w = wire_dateline(s)
            if w is not None:
                return w
    return None


def _credited_agencies(lines: list[str]) -> list[str]:
    """Agencies a closing "(avec Estafette)" credits."""
    for s in reversed(lines[-TAIL_LINES:]):
        if s[:1] == "(":
            credit = agency_credit(s)
            if credit is not None and credit[1]:
                return credit[0]
    return []


def _outlet_key(name: str) -> str:
    """ "Telekar", "telekar.kv", "www.telekar.kv", "TELEKAR" → "telekar"."""
    key = name.casefold().strip()
    if "." in key and " " not in key:
        labels = key.removeprefix("www.").split(".")
        key = max(labels[:-1] or labels, key=len)
    return "".join(c for c in key if c.isalnum())


def same_outlet(a: str, b: str) -> bool:
    """Whether two outlet names (or domains) name the same outlet, loosely."""
    return _outlet_key(a) == _outlet_key(b)


def guess_authors(lines: list[str]) -> list[str]:
    """People named by bylines in the header or closing the text, in order, once each."""
    found: list[str] = []
    head = lines[:HEAD_LINES]
    tail = lines[max(len(head), len(lines) - BYLINE_TAIL) :]
    for s in (*head, *tail):
        signed = byline(s)
        if signed is not None:
            found.extend(signed.authors)
        elif len(s) <= 160 and (" par " in s or " by " in s):  # "Publié le … par X"
            verdict = classify_line(s)
            m = _STAMP_AUTHOR.search(s) if verdict and verdict[0] == "dateline" else None
            if m is not None:
                found.append(m.group(1).strip())
    return list(dict.fromkeys(found))


def file_name_date(doc: str) -> date | None:
    """The date a file's name starts with ("2025-02-14_…"), for a path (not a URL)."""
    if not doc or "://" in doc:
        return None
    name = doc.replace("\\", "/").rsplit("/", 1)[-1]
    m = _FILE_DATE.match(name)
    if m is None:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _copyright_year(lines: list[str]) -> int | None:
    for s in reversed(lines[-TAIL_LINES:]):
        if "©" in s or "opyright" in s or "(c)" in s:
            notice = copyright_notice(s)
            if notice is not None:
                years = _YEAR.findall(s)
                if years:
                    return int(years[-1])
    return None


def _dated(w: WireDateline, reference: date | None, year: int | None) -> date | None:
    """The dateline's date; a missing year from the reference date (the nearest such day) or
    a known year."""
    if w.day is None or w.month is None:
        return None
    years: list[int] = []
    if w.year is not None:
        years = [w.year]
    elif reference is not None:
        years = [reference.year, reference.year - 1, reference.year + 1]
    elif year is not None:
        years = [year]
    best: date | None = None
    for y in years:
        try:
            d = date(y, w.month, w.day)
        except ValueError:
            continue
        if best is None or (reference is not None and abs(d - reference) < abs(best - reference)):
            best = d
    return best


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


@stage("metadata", requires=("text",), assigns=("title", "outlet", "published", "authors"))
def metadata(article: Article, options: Options) -> None:
    """Fill in a missing title, outlet, publication date and authors from the article's
    metadata, its text (title line, signatures, datelines, bylines), its URL and its file name;
    name the agency a text reproduces (``meta["source_agency"]``)."""
    lines = _nonempty_lines(article.text)
    wire = find_wire_dateline(lines)
    if not (article.title and article.outlet and article.published):
        _fill(article, lines, wire)
    if not article.authors:
        article.authors = guess_authors(lines)
    agencies = [wire.agency] if wire is not None and wire.agency else _credited_agencies(lines)
    outlet = article.outlet
    sources = [a for a in agencies if outlet and not same_outlet(a, outlet)]
    if sources and "source_agency" not in article.meta:
        article.meta["source_agency"] = ", ".join(sources)


def _fill(article: Article, lines: list[str], wire: WireDateline | None) -> None:
    meta = article.meta or {}
    verdicts = head_verdicts(lines)
    if not article.title:
        article.title = _meta_str(meta, _META_TITLE) or guess_title(lines, verdicts)
        if not article.title:
            article.note("metadata", "no title: no line of the header looks like a headline")
    own_dispatch = False
    if not article.outlet:
        article.outlet = _meta_str(meta, _META_OUTLET) or guess_outlet(lines, article.url)
        if not article.outlet and wire is not None and wire.agency:
            article.outlet = wire.agency  # a dispatch nothing else signs is the agency's own
            own_dispatch = True
        if not article.outlet:
            article.note("metadata", "no outlet: no signature in the text and no URL")
    if not article.published:
        raw = _meta_str(meta, _META_DATE)
        found = parse_date(raw) if raw else None
        found = found or guess_published(lines, article.url, article.title, verdicts)
        if found is None:
            found = _dispatch_or_file_date(article, lines, wire, own_dispatch)
        article.published = found
        if not article.published:
            article.note("metadata", "no publication date: no dateline, metadata or URL date")


def _dispatch_or_file_date(
    article: Article, lines: list[str], wire: WireDateline | None, own_dispatch: bool
) -> str | None:
    """The date of the wire dateline, or of the file name: a dispatch is published the day of
    its dateline; a copy of it that day or a few days later, which its file name may tell."""
    on_file = file_name_date(article.doc)
    dispatch = None
    if wire is not None and wire.day is not None:
        known_year = _copyright_year(lines)
        dispatch = _dated(wire, on_file, known_year)
        if dispatch is None:
            article.note("metadata", "the wire dateline gives a day and a month but no year")
        elif wire.year is None and known_year is None:
            article.note("metadata", "year of the wire dateline taken from the file name")
    own = (
        own_dispatch
        or wire is None
        or not wire.agency
        or (article.outlet is not None and same_outlet(wire.agency, article.outlet))
    )
    if dispatch is not None and (own or on_file is None or on_file == dispatch):
        if not own and on_file is None:
            article.note("metadata", "published date taken from the dateline of the source agency")
        return dispatch.isoformat()
    if on_file is not None and (
        dispatch is None or dispatch <= on_file <= dispatch + MAX_COPY_DELAY
    ):
        article.note("metadata", "published date taken from the file name")
        return on_file.isoformat()
    if dispatch is not None:
        article.note("metadata", "published date taken from the dateline of the source agency")
        return dispatch.isoformat()
    return None
