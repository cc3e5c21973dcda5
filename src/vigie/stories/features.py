"""What story grouping reads from one article: time, language, and counted keys.

Keys carry a prefix for their kind:

* ``p:`` a name skeleton (:func:`~vigie.stories.keys.name_key`): words the text always
  capitalises (a sentence-initial word that also appears in lower case is no name) and the words
  of the ``entities`` stage's spans. Names read the same across languages and scripts;
* ``w:`` a word stem (content words that are no names), for articles in the same language;
* ``n:`` a number (≥ 10, written one way: "1 200" = "1,200" = "1200"; "3,5" = "3.5"), and
  ``d:`` a day and month ("25 février", "February 25", "25 февраля" → ``d:25/2``), read with
  :func:`vigie.copies.summary.summarize`; both survive translation.

Title keys count :data:`TITLE_BOOST` times extra: a headline says what the story is.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from vigie.copies.summary import summarize
from vigie.stories.keys import STEM_LETTERS, STOP_WORDS, fold, is_stop, name_key

__all__ = [
    "NEUTRAL_PREFIXES",
    "TITLE_BOOST",
    "ArticleFeatures",
    "extract_features",
    "parse_time",
]

#: title keys count this many times more than body keys
TITLE_BOOST = 2.0
#: key kinds that read the same whatever the language
NEUTRAL_PREFIXES = ("p:", "n:", "d:")
#: characters of the lead (title and first sentences) kept for sentence embeddings
LEAD_CHARS = 600

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
# a word after one of these starts a sentence (or a title, a quotation, a line)
_BREAK = re.compile(r"[.!?…:\n«“\"]")
_JOINERS = frozenset({" ", "-", "\u00a0"})


def parse_time(published: str | None) -> float | None:
    """Days since the Unix epoch (UTC) of an ISO date or date-time; a bare date is read as noon
    UTC (the hour is unknown). None when missing or unreadable."""
    if not published:
        return None
    text = published.strip().replace("Z", "+00:00")
    try:
        if len(text) == 10:
            dt = datetime.fromisoformat(text + "T12:00:00+00:00")
        else:
            dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp() / 86400.0


@dataclass(slots=True)
class ArticleFeatures:
    """One article as story grouping sees it (pure function of the record)."""

    article_id: str
    time: float | None
    published: str | None
    language: str
    outlet: str | None
    counts: dict[str, float]
    #: readable form of name and word keys (most frequent surface form in the article)
    display: dict[str, str] = field(default_factory=dict)
    #: entity label of name keys that the entities stage tagged (PER, ORG, LOC, MISC)
    labels: dict[str, str] = field(default_factory=dict)
    #: title and first sentences, for sentence embeddings across languages
    lead: str = ""
    #: name keys written just before another name (given names: "Dmitar" of "Dmitar
    #: Koslevski"), shown last in labels
    given: frozenset[str] = frozenset()
    #: keys of the title
    title_keys: frozenset[str] = frozenset()


def _language(record: dict[str, Any]) -> str:
    lang = str(record.get("language") or "").lower()
    return lang.split("-")[0].split("_")[0]


def _own_days(published: str | None) -> set[str]:
    """Day/month keys of the (local) publication day and the day before: every article of
    that day has them ("ce vendredi 11 janvier"), so they say nothing about the story."""
    if not published:
        return set()
    try:
        day = date.fromisoformat(published.strip()[:10])
    except ValueError:
        return set()
    before = day - timedelta(days=1)
    return {f"{day.day}/{day.month}", f"{before.day}/{before.month}"}


def _tokens(text: str) -> tuple[list[str], list[str], list[bool], list[bool]]:
    """Words and numbers of ``text``, their folded forms, whether each starts a sentence, and
    whether each follows the previous one across a single space or hyphen ("Jean-Pierre
    Pernaut"). An elided article is a word of its own: "l’Ukraine" → "l", "Ukraine"."""
    toks: list[str] = []
    initial: list[bool] = []
    joined: list[bool] = []
    breaks = [m.start() for m in _BREAK.finditer(text)]
    b = 0
    nb = len(breaks)
    prev_end = -1
    for m in _TOKEN.finditer(text):
        start = m.start()
        is_initial = prev_end < 0
        while b < nb and breaks[b] < start:
            if breaks[b] >= prev_end:
                is_initial = True
            b += 1
        toks.append(m.group(0))
        initial.append(is_initial)
        joined.append(prev_end >= 0 and text[prev_end:start] in _JOINERS)
        prev_end = m.end()
    if not toks:
        return [], [], [], []
    folded = fold("\x00".join(toks)).split("\x00")
    if len(folded) != len(toks):  # a character folded into a separator: rare
        folded = [fold(t) for t in toks]
    return toks, folded, initial, joined


def extract_features(record: dict[str, Any]) -> ArticleFeatures:
    """Features of an article record ``{article_id, published, language, title, clean_text,
    entities, outlet}`` (missing fields are allowed: no title, no entities, no date)."""
    article_id = str(record["article_id"])
    title = str(record.get("title") or "").strip()
    text = str(record.get("clean_text") or "")
    # the clean text often starts with the title: do not count it twice
    body = text[len(title) :] if title and text.startswith(title) else text
    counts: dict[str, float] = {}
    display: dict[str, str] = {}
    labels: dict[str, str] = {}
    given: set[str] = set()
    title_keys: set[str] = set()

    entity_words: dict[str, str] = {}
    for ent in record.get("entities") or []:
        label = str(ent.get("label") or "")
        for part in _TOKEN.findall(str(ent.get("text") or "")):
            if part[0].isupper() and len(part) >= 2 and not is_stop(fold(part)):
                entity_words.setdefault(fold(part), label)

    t_toks, t_fold, t_init, t_join = _tokens(title)
    b_toks, b_fold, b_init, b_join = _tokens(body)

    # a capitalised word is a name unless the text also writes it in lower case; a word
    # capitalised only at sentence starts of the body must also be capitalised inside a
    # sentence (in any inflected form: same skeleton) or start two sentences (a headline's
    # first word is often its topic: "Tarsanie : ...")
    lower_seen: set[str] = set()
    cap_inside: set[str] = set()
    initial_count: Counter[str] = Counter()
    for toks, folds, inits in ((t_toks, t_fold, t_init), (b_toks, b_fold, b_init)):
        for tok, f, ini in zip(toks, folds, inits, strict=True):
            c = tok[0]
            if c.isdigit():
                continue
            if not c.isupper():
                lower_seen.add(f)
            elif ini:
                initial_count[f] += 1
            else:
                cap_inside.add(name_key(tok))

    def add(
        toks: list[str],
        folds: list[str],
        inits: list[bool],
        joins: list[bool],
        weight: float,
        title: bool,
    ) -> None:
        previous_name = ""
        for tok, f, ini, join in zip(toks, folds, inits, joins, strict=True):
            c = tok[0]
            if c.isdigit() or len(f) < 2 or f in STOP_WORDS:
                previous_name = ""
                continue
            is_name = c.isupper() and (
                f in entity_words
                or (
                    len(f) >= 3
                    and f not in lower_seen
                    and (not ini or title or initial_count[f] >= 2 or name_key(tok) in cap_inside)
                )
            )
            if is_name:
                key = name_key(tok)
                if len(key) < 2:
                    previous_name = ""
                    continue
                k = "p:" + key
                if f in entity_words:
                    labels.setdefault(k, entity_words[f])
                if previous_name and join:
                    given.add(previous_name)  # "Dmitar" of "Dmitar Koslevski"
                previous_name = k
            else:
                previous_name = ""
                if len(f) < 3:
                    continue
                k = "w:" + f[:STEM_LETTERS]
            if title:
                title_keys.add(k)
            counts[k] = counts.get(k, 0.0) + weight
            shown = display.get(k)
            if shown is None or (shown.isupper() and not tok.isupper()):
                display[k] = tok

    add(t_toks, t_fold, t_init, t_join, 1.0 + TITLE_BOOST, True)
    add(b_toks, b_fold, b_init, b_join, 1.0, False)

    time = parse_time(record.get("published"))
    summary = summarize(title + "\n" + body, t_fold + b_fold)
    for n in summary.numbers:
        counts["n:" + n] = counts.get("n:" + n, 0.0) + 1.0
    own_days = _own_days(record.get("published"))
    for d in summary.dates:
        if d not in own_days:
            counts["d:" + d] = counts.get("d:" + d, 0.0) + 1.0

    lead = (title + "\n" + body.strip())[:LEAD_CHARS] if title else body.strip()[:LEAD_CHARS]
    return ArticleFeatures(
        article_id=article_id,
        time=time,
        published=record.get("published"),
        language=_language(record),
        outlet=record.get("outlet"),
        counts=counts,
        display=display,
        labels=labels,
        lead=lead,
        given=frozenset(given),
        title_keys=frozenset(title_keys),
    )
