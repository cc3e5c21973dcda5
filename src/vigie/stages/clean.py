"""The ``clean`` stage: find page furniture in the original text and record it as removals.

The original text is never edited. Furniture is recorded as :class:`~vigie.article.Removal`
spans: a whole line with its line break (and the blank lines that would be left dangling
around a block of furniture), or a precise part of a line (a photo credit glued to its caption,
a learned sentence glued to the end of a one-line text). ``clean_text`` is the original with
those spans cut out, and ``offset_map()`` maps it back.

Two sources of verdicts:

* the built-in rules of :mod:`vigie.stages.furniture_rules` (``options.clean.rules``);
* furniture learned per outlet, ``options.clean.furniture`` (outlet → exact stripped lines),
  from the corpus (:mod:`vigie.corpus.furniture`) or the config; reason ``learned:<outlet>``.

A line equal to the article's title is never removed.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

from vigie.article import Removal
from vigie.corpus.furniture import sentence_bounds
from vigie.pipeline.registry import stage
from vigie.stages.furniture_rules import (
    HEADER,
    STRONG,
    WEAK,
    classify_line,
    credit_prefix,
    foreign_script,
    looks_like_tag,
    looks_like_title,
    main_script,
    scripts_in,
)

if TYPE_CHECKING:
    from vigie.article import Article
    from vigie.config import Options

__all__ = ["HEADER_LINES", "clean", "find_furniture", "learned_for"]

#: section labels and bare dates are furniture among this many first non-empty lines
HEADER_LINES = 6
#: sentences glued to a line are checked against learned furniture at most this many times
_MAX_GLUED = 3
_EMPTY: frozenset[str] = frozenset()


def learned_for(
    furniture: Mapping[str, Collection[str]] | None, outlet: str | None
) -> Collection[str]:
    """The learned furniture lines of ``outlet`` as a set-like collection."""
    if not furniture or not outlet:
        return _EMPTY
    lines = furniture.get(outlet)
    if not lines:
        return _EMPTY
    if isinstance(lines, (set, frozenset)):
        return lines
    return _as_set(lines)


# a derived, read-only memo: the same options object is reused for every article of a batch
_SET_CACHE: dict[int, tuple[Collection[str], int, frozenset[str]]] = {}


def _as_set(lines: Collection[str]) -> frozenset[str]:
    hit = _SET_CACHE.get(id(lines))
    if hit is not None and hit[0] is lines and hit[1] == len(lines):
        return hit[2]
    if len(_SET_CACHE) >= 256:
        _SET_CACHE.clear()
    found = frozenset(s.strip() for s in lines)
    _SET_CACHE[id(lines)] = (lines, len(lines), found)
    return found


def _glued(
    text: str, start: int, stripped: str, lead: int, learned: Collection[str], reason: str
) -> list[Removal]:
    """Learned sentences glued to the start or the end of a kept line."""
    gaps = sentence_bounds(stripped)
    if not gaps:
        return []
    out: list[Removal] = []
    base = start + lead
    lo, hi = 0, len(stripped)
    # from the end: "… à l'identique. (Sujets de société).  TF1 INFO"
    for gap_start, gap_end in reversed(gaps[-_MAX_GLUED:]):
        if stripped[gap_end:hi].strip() not in learned:
            break
        out.append(Removal(base + gap_start, base + hi, text[base + gap_start : base + hi], reason))
        hi = gap_start
    # from the start: the first sentence, with the spaces after it
    gap_start, gap_end = gaps[0]
    if gap_end <= hi and stripped[lo:gap_start].strip() in learned:
        out.append(Removal(base, base + gap_end, text[base : base + gap_end], reason))
    return out


def find_furniture(
    text: str,
    *,
    rules: bool = True,
    learned: Collection[str] = _EMPTY,
    outlet: str | None = None,
    title: str | None = None,
) -> list[Removal]:
    """The furniture of ``text`` as removals sorted by start, never overlapping."""
    learned_reason = f"learned:{outlet}" if outlet else "learned"
    title_s = title.strip() if title else ""
    script = None
    if rules:
        counts = scripts_in(text)
        if counts is not None and len(counts) > 1:
            script = main_script(counts)

    # non-empty lines: (start, end without the line break, stripped, leading spaces)
    lines: list[tuple[int, int, str, int]] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip()) if raw[0].isspace() else 0
            lines.append((pos, pos + len(raw), stripped, lead))
        pos += len(raw) + 1
    n = len(text)

    count = len(lines)
    verdicts: list[tuple[str, int] | None] = [None] * count
    partial: list[Removal] = []
    for i, (start, _end, stripped, lead) in enumerate(lines):
        if stripped == title_s:
            continue
        if learned and stripped in learned:
            verdicts[i] = (learned_reason, STRONG)
            continue
        if not rules:
            continue
        verdict = classify_line(stripped)
        if verdict is None:
            cut = credit_prefix(stripped)
            if cut is not None:
                if stripped[cut:].strip():
                    a = start + lead
                    partial.append(Removal(a, a + cut, text[a : a + cut], "photo-credit"))
                else:
                    verdicts[i] = ("photo-credit", STRONG)
            elif script is not None and foreign_script(stripped, script):
                verdicts[i] = ("foreign-script-ui", WEAK)
        elif verdict[1] == HEADER and i < HEADER_LINES:
            verdict = (verdict[0], STRONG)
        if verdict is not None:
            verdicts[i] = verdict

    removed = [v is not None and v[1] == STRONG for v in verdicts]
    # weak furniture goes with its neighbours: "0", "Chat", a UI string in another script
    if count >= 3:
        changed = True
        while changed:
            changed = False
            for i, v in enumerate(verdicts):
                if v is None or removed[i]:
                    continue
                edge = i == 0 or i == count - 1
                if edge or (i > 0 and removed[i - 1]) or (i + 1 < count and removed[i + 1]):
                    removed[i] = True
                    changed = True
        # a tag above the title at the very top: "L'Otan" / "L'Otan ne pourra pas esquiver…"
        if rules and not removed[0] and not removed[1] and lines[0][2] != title_s:
            top, below = lines[0][2], lines[1][2]
            if looks_like_tag(top) and (
                below == title_s or (looks_like_title(below) and below[-1] not in "?!…")
            ):
                verdicts[0] = ("section-label", STRONG)
                removed[0] = True

    if learned:
        # sentences glued to the first or last line of a text without line breaks
        cut_lines = {r.start for r in partial}
        for i in {0, count - 1} if count else ():
            if not removed[i] and lines[i][0] + lines[i][3] not in cut_lines:
                start, _end, stripped, lead = lines[i]
                partial.extend(_glued(text, start, stripped, lead, learned, learned_reason))

    # the block of furniture that ends the text starts at line ``tail``
    tail = count
    while tail > 0 and removed[tail - 1]:
        tail -= 1
    out: list[Removal] = []
    last_end = 0  # end of the last removal
    kept_before = False
    for i, (start, end, _stripped, _lead) in enumerate(lines):
        if not removed[i]:
            kept_before = True
            continue
        verdict = verdicts[i]
        assert verdict is not None
        nxt = i + 1
        span_start = start
        if i == tail and kept_before:
            # take the blank lines above the last block too: the text ends with its last kept line
            span_start = lines[i - 1][1] + 1
        if nxt >= count:
            span_end = n
        elif removed[nxt] or not kept_before or "\n" in text[lines[i - 1][1] + 1 : start]:
            # with the blank lines up to the next line: after other furniture, at the top, or
            # when blank lines stand above it too (one blank line is left between paragraphs)
            span_end = lines[nxt][0]
        else:
            span_end = min(end + 1, n)
        span_start = max(span_start, last_end)
        out.append(Removal(span_start, span_end, text[span_start:span_end], verdict[0]))
        last_end = span_end
    if partial:
        out.extend(partial)
        out.sort(key=lambda r: r.start)
    return out


@stage("clean", requires=("text",), assigns=("removed", "clean_text"))
def clean(article: Article, options: Options) -> None:
    """Record page furniture (comment forms, subscription and donation appeals, share buttons,
    widgets, credits, captions, datelines, section labels, learned lines) as removals."""
    copts: Any = options.clean
    learned = learned_for(getattr(copts, "furniture", None), article.outlet)
    article.set_removed(
        find_furniture(
            article.text,
            rules=bool(copts.rules),
            learned=learned,
            outlet=article.outlet,
            title=article.title,
        )
    )
