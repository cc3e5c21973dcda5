"""Who copied whom: direction of a copy relation, and lineage chains.

The original is the article the other one cites ("selon <outlet>", "according to <outlet>",
"сообщает <outlet>"), else the one published first. Publication times are read as intervals:
a bare date, or a time of exactly midnight (how many sources write a date without a time),
covers the whole day; two intervals that overlap say nothing about order. Without a citation
and without two distinct times, the direction is ``undetermined``: vigie never invents a
lineage.

Lineage: among the earlier articles an article was found to copy, its parent is the most
similar one (then the latest, then the smallest key); parents chain into A → B → C.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from vigie.copies.tokens import fold

__all__ = [
    "Direction",
    "TimeSpan",
    "choose_parent",
    "cited_outlet",
    "decide_direction",
    "lineage_chains",
    "time_span",
]


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """When an article was published, as an interval of epoch seconds ``[start, end)``."""

    start: float
    end: float

    @property
    def precise(self) -> bool:
        return self.end - self.start < 3600


def time_span(value: str | None) -> TimeSpan | None:
    """The interval a ``published`` value stands for (None when absent or unreadable)."""
    if not value:
        return None
    raw = value.strip()
    try:
        dt = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    date_only = "T" not in raw and " " not in raw
    if date_only or (dt.hour, dt.minute, dt.second, dt.microsecond) == (0, 0, 0, 0):
        start = dt.replace(hour=0, minute=0, second=0, microsecond=0)
        return TimeSpan(start.timestamp(), (start + timedelta(days=1)).timestamp())
    t = dt.timestamp()
    return TimeSpan(t, t + 1.0)


_CUES = {
    "fr": r"selon|d'apres|d’apres|rapporte|rapportent|indique|cite par|citee par|"
    r"a indique|a rapporte|source|sources|revele|annonce|informations de|"
    r"en croire|repris par|via",
    "en": r"according to|reported by|reports|reported|told|cited by|quoted by|says|said|via",
    "ru": r"сообщает|сообщил|сообщила|сообщили|передает|по данным|по информации|пишет|"
    r"как сообщает|со ссылкой на",
    "de": r"laut|berichtet|berichtete|zufolge|meldet",
}
_CUE_RE = "|".join(_CUES.values())


def cited_outlet(
    text: str, outlet: str | None, extra: Iterable[str] = ()
) -> tuple[int, int] | None:
    """Span of a citation of ``outlet`` in ``text`` ("selon Le Courrier", "according to
    Le Courrier"), or of one of the ``extra`` names; None when it is not cited."""
    names = [n for n in [outlet, *extra] if n and len(n.strip()) >= 2]
    if not names:
        return None
    folded = fold(text)
    if len(folded) != len(text):  # offsets must stay valid: fold per character instead
        folded = "".join(fold(c)[:1] or " " for c in text)
    for name in names:
        pat = re.escape(fold(name.strip())).replace(r"\ ", r"\s+")
        rx = re.compile(
            rf"(?:\b(?:{_CUE_RE})\b[\s:,]*(?:(?:le|la|les|l'|l’|du|de|des|the|au|a)\s*)?{pat}\b"
            rf"|\b{pat}\b[\s,]*(?:\b(?:{_CUE_RE})\b))",
            re.IGNORECASE,
        )
        m = rx.search(folded)
        if m:
            return m.start(), m.end()
    return None


@dataclass(frozen=True, slots=True)
class Direction:
    """``original``: "a", "b" or None; ``status``: "known" or "undetermined"."""

    status: str
    original: str | None
    reason: str
    lag_seconds: float | None


def decide_direction(
    published_a: str | None,
    published_b: str | None,
    *,
    a_cites_b: bool = False,
    b_cites_a: bool = False,
) -> Direction:
    """Which of A and B is the original: citation first, then publication order."""
    sa, sb = time_span(published_a), time_span(published_b)
    lag: float | None = None
    if sa and sb:
        lag = abs(sb.start - sa.start)
    if a_cites_b != b_cites_a:
        original = "b" if a_cites_b else "a"
        # a citation contradicted by clearly distinct dates is not trusted
        if sa and sb and sa.end <= sb.start and original == "b":
            return Direction("undetermined", None, "citation contradicts publication dates", None)
        if sa and sb and sb.end <= sa.start and original == "a":
            return Direction("undetermined", None, "citation contradicts publication dates", None)
        return Direction("known", original, "citation", lag)
    if sa is None or sb is None:
        return Direction("undetermined", None, "publication date missing", None)
    if sa.end <= sb.start:
        return Direction("known", "a", "published first", sb.start - sa.start)
    if sb.end <= sa.start:
        return Direction("known", "b", "published first", sa.start - sb.start)
    return Direction("undetermined", None, "published at the same time", None)


def choose_parent(sources: Iterable[tuple[str, float, float | None]]) -> str | None:
    """The parent among ``(source_key, similarity score, published epoch)`` of the earlier
    articles an article copies: most similar, then latest published, then smallest key."""
    best: tuple[float, float, str] | None = None
    for key, score, published in sources:
        cand = (score, published if published is not None else float("-inf"), key)
        if (
            best is None
            or (cand[0], cand[1]) > (best[0], best[1])
            or ((cand[0], cand[1]) == (best[0], best[1]) and cand[2] < best[2])
        ):
            best = cand
    return best[2] if best else None


def lineage_chains(parents: Mapping[str, str]) -> list[list[str]]:
    """Chains root → … → leaf from a ``child -> parent`` map (each leaf gives one chain)."""
    children = set(parents)
    has_child = set(parents.values())
    chains: list[list[str]] = []
    for leaf in sorted(children - has_child):
        chain = [leaf]
        seen = {leaf}
        node = leaf
        while node in parents and parents[node] not in seen:
            node = parents[node]
            seen.add(node)
            chain.append(node)
        chains.append(chain[::-1])
    return chains
