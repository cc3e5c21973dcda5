"""Run the extractor on one parsed article: records with resolved speakers, vias, citations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vigie.quotes.attribution import Record, build_records
from vigie.quotes.context import Context
from vigie.quotes.cues import Cue, find_cues
from vigie.quotes.lexicon import DOCUMENT_NOUNS
from vigie.quotes.speakers import Resolver
from vigie.quotes.via import Citation, find_citations, via_for

if TYPE_CHECKING:
    from vigie.article import Article, OffsetMap
    from vigie.stages.entities import Parsed

__all__ = ["LONG_QUOTE_CHARS", "Extraction", "extract"]

#: quotes longer than this are kept but noted on the article (characters)
LONG_QUOTE_CHARS = 5_000


class Extraction:
    """Records and citations of an article, in clean-text offsets, plus problems noticed."""

    def __init__(
        self,
        ctx: Context,
        records: list[Record],
        citations: list[Citation],
        cites_of: dict[int, Citation],
        notes: list[str],
    ) -> None:
        self.ctx = ctx
        self.records = records
        self.citations = citations
        self.cites_of = cites_of
        self.notes = notes


def extract(parsed: Parsed) -> Extraction:
    ctx = Context(parsed)
    ents: list[tuple[int, int, str]] = []
    for seg, seg_ents in zip(parsed.segments, parsed.entities(), strict=True):
        for s, e, label in seg_ents:
            ents.append((seg.start + s, seg.start + e, label))
    ctx.entities = ents
    cues = find_cues(ctx)
    records = build_records(ctx, cues)
    _resolve(ctx, cues, records)
    citations = find_citations(ctx, cues)
    cites_of: dict[int, Citation] = {}
    for r in records:
        if (
            r.inside is not None
            or r.rule == "direct-implicit"
            or (r.cue is None and (r.rule not in ("indirect-headline", "selon-headline")))
        ):
            continue
        excl = (r.cue.start, r.cue.end) if r.cue is not None and r.cue.kind == "selon" else None
        c = via_for(ctx, citations, r.attribution_at, r.speaker)
        if (
            c is not None
            and excl is not None
            and c.start >= excl[1]
            and r.speaker
            and (r.mention is not None and r.mention.start == c.start)
        ):
            c = None  # "selon Tass, …": Tass is the speaker
        if c is not None:
            r.via = c.outlet
            cites_of[id(r)] = c
    # "selon les dernières estimations": figures with no one behind them are not quotes
    records = [
        r
        for r in records
        if not (
            r.type == "selon"
            and r.speaker is None
            and r.cue is not None
            and r.cue.kind == "selon"
            and r.mention is not None
            and r.mention.head in DOCUMENT_NOUNS
        )
    ]
    notes = _notes(ctx, records)
    return Extraction(ctx, records, citations, cites_of, notes)


def _outside_quotes(
    ctx: Context, c: Cue, splitters: set[int], contents: list[tuple[int, int, int]]
) -> bool:
    """A cue that speaks in the article's own voice (not inside a quote or inside the content
    of someone else's reported speech)."""
    if id(c) in splitters:
        return True
    q = ctx.outer_quote_at(c.start)
    if q is not None and q.start <= c.start < q.end:
        return False
    return not any(s <= c.start < e and owner != id(c) for s, e, owner in contents)


def _resolve(ctx: Context, cues: list[Cue], records: list[Record]) -> None:
    resolver = Resolver(ctx)
    splitters = {id(r.cue) for r in records if r.rule == "direct-split" and r.cue is not None}
    contents = [(r.start, r.end, id(r.cue)) for r in records if r.cue is not None]
    speaker_of: dict[int, str | None] = {}
    # events in text order: cues outside quotes feed the memory of who spoke last
    events: list[tuple[int, int, Any]] = []
    for c in cues:
        pos = c.subject.start if c.subject is not None else c.start
        if c.subject is not None and c.inverted:
            pos = c.start
        events.append((pos, 0, c))
    for r in records:
        if r.cue is None:
            events.append((r.attribution_at if r.attribution_at is not None else r.start, 1, r))
    events.sort(key=lambda x: (x[0], x[1]))
    for pos, _, obj in events:
        if isinstance(obj, Cue):
            sp = resolver.resolve(obj.subject, pos)
            speaker_of[id(obj)] = sp
            if _outside_quotes(ctx, obj, splitters, contents):
                resolver.note_speaker(pos, sp, obj.subject)
        else:
            r = obj
            if r.mention is not None:
                r.speaker = resolver.resolve(r.mention, pos)
            else:
                r.speaker = resolver.last_speaker(pos, include_subjects=False)
            if r.speaker is None and r.type == "direct":
                later = [c for c in cues if c.start > r.end and c.subject is not None]
                for c in later[:3]:
                    sp = resolver.resolve(c.subject, c.start)
                    if sp:
                        r.speaker = sp
                        break
            if r.speaker and r.mention is not None:
                resolver.note_speaker(pos, r.speaker, r.mention)
    for r in records:
        if r.cue is not None:
            r.speaker = speaker_of.get(id(r.cue))
            if r.speaker is None and r.mention is None and r.type in ("direct", "mixed"):
                r.speaker = resolver.last_speaker(r.start, include_subjects=False)
        if r.speaker is None:
            r.confidence *= 0.7
        elif r.speaker.startswith("anonymous:"):
            r.confidence *= 0.9
        if r.cue is not None and r.cue.conditional and r.cue.stance == "neutral":
            r.cue.stance = "distancing"


def _notes(ctx: Context, records: list[Record]) -> list[str]:
    notes: list[str] = []
    unclosed = [q for q in ctx.quotes if "unclosed" in q.flags]
    if unclosed:
        notes.append(
            f"{len(unclosed)} quotation mark(s) never closed: quote(s) ended at the "
            "end of their paragraph"
        )
    orphans = [q for q in ctx.quotes if "no-opener" in q.flags]
    if orphans:
        notes.append(f"{len(orphans)} closing quotation mark(s) without an opening one")
    for r in records:
        if r.end - r.start > LONG_QUOTE_CHARS:
            notes.append(
                f"very long {r.type} quote ({r.end - r.start} characters) at clean offset {r.start}"
            )
    text = ctx.text
    if len(text) > 2000 and not any(ch in text for ch in ".!?…"):
        notes.append("no sentence punctuation: sentences are whole lines")
    return notes


def map_span(omap: OffsetMap, article: Article, s: int, e: int) -> tuple[int, int]:
    """Original span of a clean span; a span that would cover removed furniture is cut to its
    largest kept piece."""
    os_, oe = omap.span_to_original(s, e)
    inside = [r for r in article.removed if os_ < r.start and r.end < oe + 1 and r.start < oe]
    if not inside:
        return os_, oe
    pieces = []
    pos = os_
    for r in inside:
        pieces.append((pos, r.start))
        pos = r.end
    pieces.append((pos, oe))
    text = article.text
    best = max(pieces, key=lambda p: len(text[p[0] : p[1]].strip()))
    a, b = best
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def to_results(
    article: Article, ex: Extraction
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``results.quotes`` and ``results.citations`` with original-text offsets."""
    omap = article.offset_map()
    text = article.text

    def span(s: int, e: int) -> dict[str, Any]:
        a, b = map_span(omap, article, s, e)
        return {"start": a, "end": b, "text": text[a:b]}

    quotes: list[dict[str, Any]] = []
    index_of: dict[int, int] = {}
    for r in ex.records:
        a, b = map_span(omap, article, r.start, r.end)
        cue = None
        if r.cue is not None:
            cue = span(r.cue.start, r.cue.end)
            cue["lemma"] = r.cue.lemma
            cue["stance"] = r.cue.stance
        q: dict[str, Any] = {
            "start": a,
            "end": b,
            "text": text[a:b],
            "type": r.type,
            "speaker": r.speaker,
            "speaker_mention": span(r.mention.start, r.mention.end) if r.mention else None,
            "cue": cue,
            "stance": r.cue.stance if r.cue is not None else None,
            "via": r.via,
            "confidence": round(r.confidence, 3),
            "rule": r.rule,
        }
        index_of[id(r)] = len(quotes)
        quotes.append(q)
    cited: dict[tuple[int, int], int] = {}
    for r in ex.records:
        c = ex.cites_of.get(id(r))
        if c is not None:
            cited.setdefault(c.key(), index_of[id(r)])
    citations = []
    for c in ex.citations:
        d = span(c.start, c.end)
        d["outlet"] = c.outlet
        d["cue"] = c.cue
        d["quote"] = cited.get(c.key())
        citations.append(d)
    return quotes, citations
