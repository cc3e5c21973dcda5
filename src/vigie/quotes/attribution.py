"""Turn quoted spans and speech cues into direct / indirect / mixed / ``selon`` records.

Each record says which rule made it (``rule``), so every output can be explained:

==================  =====================================================================
direct-incise       « … », a déclaré X   (also « … » a-t-il ajouté, « … », selon X)
direct-intro        X a déclaré : « … »  /  Selon X, « … »
direct-split        the second part of a quote split by an incise, or a quote cut by an
                    incise written inside the marks (« A, a-t-il dit. B »)
direct-previous     X a ajouté :  (end of the previous sentence) « … »
direct-following    « … » C'est ce qu'a déclaré X.
direct-implicit     a quote with no verb: attributed to the last named speaker
indirect-que        X a déclaré que …  (also de/à + infinitive, bare infinitive, question)
indirect-colon      X insiste : …
indirect-incise     …, a déclaré X.
indirect-headline   Nom : contenu (a heading)
mixed               a quoted fragment in the reporter's sentence, attributed in its sentence
selon               selon X / d'après X / pour X / à son avis / comme le rapporte X
selon-relative      la nouvelle selon laquelle …
selon-headline      contenu (Kremlin)  (a heading)
==================  =====================================================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vigie.quotes.cues import Cue
from vigie.quotes.gazetteer import fold, institution_name, outlet_name
from vigie.quotes.lexicon import CONNECTORS, FIRST_SECOND_PERSON, NAMING_WORDS
from vigie.quotes.marks import ALL_MARKS, QuotedSpan
from vigie.quotes.mentions import Mention, make_mention

if TYPE_CHECKING:
    from vigie.quotes.context import Context

__all__ = ["Record", "build_records"]

_TRAIL = " \t\n\u00a0\u202f.,;:" + ALL_MARKS
_LEAD = " \t\n\u00a0\u202f,;:" + ALL_MARKS
_HEADING_RUBRICS = frozenset(
    fold(w)
    for w in [
        "vidéo",
        "video",
        "direct",
        "exclusif",
        "info",
        "infos",
        "urgent",
        "édito",
        "edito",
        "interview",
        "tribune",
        "analyse",
        "reportage",
        "témoignage",
        "portrait",
        "live",
        "chronique",
        "photos",
        "photo",
        "dossier",
        "enquête",
        "décryptage",
        "opinion",
        "point",
        "de",
        "vue",
        "récit",
        "entretien",
        "replay",
        "podcast",
        "focus",
        "zoom",
        "international",
        "politique",
        "économie",
        "societe",
        "société",
        "culture",
        "sport",
        "sports",
        "monde",
        "france",
        "europe",
    ]
)
_AUXILIARIES = frozenset({"a", "ont", "avait", "avaient", "est", "sont", "etait", "s'est"})
_FOLLOWING_RE = re.compile(
    r"^\s*(?:c['’]est (?:en tout cas )?ce qu['’]|c['’]est ainsi qu['’]|ainsi s['’]exprim|"
    r"voil[aà] ce qu['’]|tels sont les propos)",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Record:
    start: int
    end: int
    type: str  # direct | indirect | mixed | selon
    rule: str
    confidence: float
    cue: Cue | None = None
    mention: Mention | None = None
    quote: QuotedSpan | None = None
    inside: QuotedSpan | None = None  # the direct quote this record was found in
    speaker: str | None = None
    via: str | None = None
    attribution_at: int | None = None  # offset of the sentence that states the attribution


def _trim(text: str, s: int, e: int, keep_final: bool = False) -> tuple[int, int]:
    while s < e and text[s] in _LEAD:
        s += 1
    while e > s and text[e - 1] in _TRAIL:
        if keep_final and text[e - 1] in ".!?…" and not text[e - 2 : e - 1].isspace():
            break
        e -= 1
    return s, e


_DATELINE_RE = re.compile(
    r"[A-ZÀ-Þ][A-ZÀ-Þ'’ -]{2,}(?:\s*\([^)]{1,40}\))?\s*,?\s*(?:le\s+)?"
    r"(?:\d{1,2}(?:er)?\s+[a-zéû]+(?:\s+\d{4})?)?\s*(?:\([^)]{1,40}\))?\s*[–—-]\s+"
)


def _strip_connector(text: str, s: int, e: int) -> int:
    """Start of a content span without a dateline ("KORVANSK, 11 février (Telekar) – ") or an
    opening connector ("Dans le même temps, ")."""
    m = _DATELINE_RE.match(text, s, e)
    if m is not None:
        s = m.end()
    f = fold(text[s:e])
    for c in CONNECTORS:
        if f.startswith(c) and len(f) > len(c) and f[len(c)] in " ,":
            k = s + len(c)
            while k < e and text[k] in " ,\u00a0":
                k += 1
            return k
    return s


_INDEFINITE_SUBJECTS = frozenset(
    fold(w)
    for w in (
        "quelqu'un",
        "personne",
        "chacun",
        "chacune",
        "tout le monde",
        "n'importe qui",
        "certains",
        "d'aucuns",
        "nul",
        "aucun",
        "aucune",
    )
)


def _first_second_person(m: Mention | None) -> bool:
    """A subject that is not a third-party speaker: "je", "nous", "on", "quelqu'un"…"""
    if m is None:
        return False
    f = fold(m.text).lstrip("-")
    return f in FIRST_SECOND_PERSON or f in _INDEFINITE_SUBJECTS


def build_records(ctx: Context, cues: list[Cue]) -> list[Record]:
    text = ctx.text
    ctx.cues = cues
    ctx.cue_by_start = {}
    for c in cues:
        ctx.cue_by_start.setdefault(c.start, c)
    records: list[Record] = []
    verb_cues = [c for c in cues if c.kind in ("verb", "participle")]
    # participles and coordinated verbs ("… et a appelé") take the subject of the clause
    # they hang on
    for c in cues:
        if c.kind in ("participle", "verb") and c.subject is None:
            prev = [
                p
                for p in verb_cues
                if p.end <= c.start
                and p.subject is not None
                and ctx.sentence(p.start) == ctx.sentence(c.start)
            ]
            if prev:
                c.subject = prev[-1].subject
    used_cues: set[int] = set()
    # 1. direct quotes, split by incises written inside the marks
    segments = _split_quotes(ctx, verb_cues)
    direct: list[Record] = []
    fragments: list[tuple[QuotedSpan, int, int]] = []
    for q, s, e, split_cue in segments:
        kind, cue, rule = _classify_quote(ctx, q, s, e, cues, split_cue)
        if kind == "direct":
            conf = {
                "direct-incise": 0.95,
                "direct-intro": 0.93,
                "direct-split": 0.93,
                "direct-previous": 0.85,
                "direct-following": 0.85,
            }.get(rule, 0.7)
            if "unclosed" in q.flags or "no-opener" in q.flags:
                conf *= 0.85
            rec = Record(s, e, "direct", rule, conf, cue, cue.subject if cue else None, q)
            if cue is not None:
                used_cues.add(id(cue))
                rec.attribution_at = cue.start
            direct.append(rec)
        elif kind == "fragment":
            fragments.append((q, s, e))
    records.extend(direct)
    # 2. indirect and selon records from cues
    for c in cues:
        from_cue = _record_from_cue(ctx, c, direct)
        if from_cue is not None:
            records.append(from_cue)
            used_cues.add(id(c))
    # 3. postposed incises with no quote: "X, a déclaré Y."
    for c in verb_cues:
        if (
            id(c) in used_cues
            or not (c.inverted and c.comma_before)
            or c.comp in ("que", "de", "inf", "wh")
        ):
            continue
        incise = _incise_record(ctx, c, direct)
        if incise is not None:
            records.append(incise)
            used_cues.add(id(c))
    # 4. headings: "Nom : contenu", "contenu (Kremlin)"
    records.extend(_heading_records(ctx, records))
    # 5. mixed fragments, attributed by the record that contains them or a cue in their
    #    sentence
    for q, s, e in fragments:
        mixed = _mixed_record(
            ctx, q, s, e, records, verb_cues + [c for c in cues if c.kind != "verb"]
        )
        if mixed is not None:
            records.append(mixed)
    records = _dedupe(text, records)
    records.sort(key=lambda r: (r.start, -r.end))
    return records


# --- direct quotes ------------------------------------------------------------------------


def _split_quotes(
    ctx: Context, verb_cues: list[Cue]
) -> list[tuple[QuotedSpan, int, int, Cue | None]]:
    """Outer quotes, cut where an incise is written inside the marks."""
    out: list[tuple[QuotedSpan, int, int, Cue | None]] = []
    for q in ctx.outer_quotes:
        inside = [
            c
            for c in verb_cues
            if q.start < c.start
            and c.end < q.end
            and c.inverted
            and c.comma_before
            and c.comp not in ("que", "de", "inf", "wh", "colon")
            and not _first_second_person(c.subject)
            and c.subject is not None
        ]
        pieces: list[tuple[int, int, Cue | None]] = []
        pos = q.start
        pending: Cue | None = None
        for c in inside:
            if not _incise_closes(ctx, c, q):
                continue
            comma = ctx.text.rfind(",", pos, c.start)
            if comma < 0:
                continue
            s, e = _trim(ctx.text, pos, comma)
            if e > s:
                pieces.append((s, e, c))
            pos = _incise_end(ctx, c, q)
            pending = c
        if not pieces:
            out.append((q, q.start, q.end, None))
            continue
        s, e = _trim(ctx.text, pos, q.end, keep_final=True)
        if e > s:
            pieces.append((s, e, pending))
        for s, e, piece_cue in pieces:
            out.append((q, s, e, piece_cue))
    return out


def _incise_closes(ctx: Context, c: Cue, q: QuotedSpan) -> bool:
    end = max(c.end, c.subject.end if c.subject else c.end)
    rest = ctx.text[end : q.end + 1].lstrip(" \u00a0")
    return not rest or rest[0] in ",.;!?" or rest[0] in ALL_MARKS


def _incise_end(ctx: Context, c: Cue, q: QuotedSpan) -> int:
    end = max(c.end, c.subject.end if c.subject else c.end)
    while end < q.end and ctx.text[end] in " \u00a0,.;":
        end += 1
    return end


def _classify_quote(
    ctx: Context, q: QuotedSpan, s: int, e: int, cues: list[Cue], split_cue: Cue | None
) -> tuple[str, Cue | None, str]:
    """ "direct" with its cue and rule, "fragment" (mixed candidate), or "skip"."""
    text = ctx.text
    if split_cue is not None:
        return "direct", split_cue, "direct-split"
    ss, se = ctx.sentence(q.outer_start)
    prefix = text[ss : q.outer_start]
    suffix = text[q.outer_end : se]
    in_sentence = [c for c in cues if ss <= c.start < se]
    after = [c for c in in_sentence if c.start >= q.outer_end]
    before = [c for c in in_sentence if c.end <= q.outer_start]
    incise = _suffix_incise(text, q, after)
    intro = _prefix_intro(ctx, q, before)
    prefix_ok = intro is not None or _prefix_is_free(ctx, prefix, ss, q)
    suffix_ok = incise is not None or _suffix_is_free(suffix)
    if prefix_ok and not suffix_ok and _sentence_like(ctx, q) and _looks_like_incise(suffix):
        suffix_ok = True  # "« … », se remémore X": an incise the lexicon does not know
    if prefix_ok and suffix_ok:
        if incise is not None:
            return "direct", incise, "direct-incise"
        if intro is not None:
            return "direct", intro, "direct-intro"
        # a quote alone in its sentence
        if _looks_like_name(ctx, q, prefix):
            return "skip", None, ""
        words = len(text[s:e].split())
        if words < 4 and not re.search(r"[.!?…]$", text[s:e]):
            return "fragment", None, ""
        partner = _split_partner_cue(ctx, q, ss, before)
        if partner is not None:
            return "direct", partner, "direct-split"
        prev = _previous_colon_cue(ctx, ss, cues)
        if prev is not None:
            return "direct", prev, "direct-previous"
        nxt = _following_cue(ctx, se, cues)
        if nxt is not None:
            return "direct", nxt, "direct-following"
        return "direct", None, "direct-implicit"
    if _looks_like_name(ctx, q, prefix):
        return "skip", None, ""
    return "fragment", None, ""


def _suffix_incise(text: str, q: QuotedSpan, after: list[Cue]) -> Cue | None:
    for c in after:
        gap = text[q.outer_end : c.start]
        if len(gap) > 4 or gap.strip(" ,\u00a0"):
            return None
        if c.kind in ("verb", "participle") and (
            c.inverted or (c.comma_before and c.comp in (None, "colon", "quote"))
        ):
            return c
        if c.kind in ("selon", "comme") and c.comp in ("before", "whole"):
            inner = text[q.start : q.end]
            if len(inner.split()) < 6 and not re.search(r"[.!?…]$", inner) and inner[:1].isupper():
                return None  # «La Nuit des fanaux», d'après X: a title, not a quote
            return c
        return None
    return None


def _prefix_intro(ctx: Context, q: QuotedSpan, before: list[Cue]) -> Cue | None:
    """The cue that introduces the quote: "X a déclaré : « … »", "Selon X, « … »", or
    "X a déclaré « … »" (a sentence-like quote right after the verb)."""
    text = ctx.text
    for c in reversed(before):
        gap = text[c.comp_start : q.outer_start] if c.comp_start is not None else "x"
        if c.kind in ("verb", "participle") and c.comp == "colon" and not gap.strip():
            return c
        if c.kind in ("verb", "participle") and c.comp == "quote" and not gap.strip():
            inner = text[q.start : q.end]
            if re.search(r"[.!?…]$", inner) or (len(inner.split()) >= 4 and _has_clause(ctx, q)):
                return c
            return None
        if (
            c.kind in ("selon", "pour", "avis", "comme")
            and c.comp == "after"
            and not gap.strip(" ,\u00a0")
        ):
            return c
    return None


def _prefix_is_free(ctx: Context, prefix: str, ss: int, q: QuotedSpan) -> bool:
    p = prefix.strip(" \u00a0")
    if not p or p.endswith(":"):
        return True
    f = fold(p).rstrip(" ,")
    if f in CONNECTORS or f in ("et", "mais", "puis"):
        return True
    # "« A », a-t-il dit, « B »": only a previous quote and its incise before
    prev = [o for o in ctx.outer_quotes if ss <= o.outer_start and o.outer_end <= q.outer_start]
    return bool(prev) and p.endswith(",") and q.outer_start - prev[-1].outer_end < 80


def _suffix_is_free(suffix: str) -> bool:
    s = suffix.strip(" \u00a0")
    return not s or all(ch in '.!?…;:,»”"″)' for ch in s) or s.startswith(("«", "“"))


def _looks_like_name(ctx: Context, q: QuotedSpan, prefix: str) -> bool:
    """«Neom», «club climat», the title of a book: a name in marks, not a quote."""
    text = ctx.text
    inner = text[q.start : q.end]
    words = inner.split()
    if not words or len(words) > 8:
        return False
    prev_words = fold(prefix).split()
    prev_word = prev_words[-1] if prev_words else ""
    before_prev = prev_words[-2] if len(prev_words) > 1 else ""
    if prev_word in NAMING_WORDS and before_prev not in _AUXILIARIES and inner[:1].isupper():
        return True
    if re.search(r"[.!?…]$", inner):
        return False
    if inner[:1].isupper() and len(words) <= 5 and q.open_at is not None:
        # "les exercices « Bouclier d'ambre 2025 »": a capitalised name right after a noun
        before = ctx.token_at(max(0, q.open_at - 2))
        toks = list(ctx.tokens(q.start, q.end))
        if (
            before is not None
            and before.end <= q.open_at
            and before.tok.pos_ in ("NOUN", "PROPN", "DET")
            and not any(t.tok.pos_ in ("VERB", "AUX") for t in toks)
        ):
            return True
    caps = [w for w in words if w[0].isupper()]
    small = {"de", "du", "des", "la", "le", "les", "et", "à", "en", "d'", "l'", "of", "the"}
    return (
        len(words) <= 5
        and all(w[0].isupper() or fold(w) in small for w in words)
        and (len(caps) >= 1 and len(words) > 1)
    )


def _sentence_like(ctx: Context, q: QuotedSpan) -> bool:
    inner = ctx.text[q.start : q.end]
    return len(inner.split()) >= 6 and _has_clause(ctx, q)


_INCISE_SUFFIX_RE = re.compile(
    r"^[\s\u00a0]*,?[\s\u00a0]*(?:[\w’'-]+[\s\u00a0]+){0,2}?[\w’'-]+"
    r"(?:-t-(?:il|elle|on|ils|elles)|-(?:il|elle|on|ils|elles)|[\s\u00a0]+(?:l[ea]|l['’]|les|"
    r"cet|cette|ce|un|une|son|sa|[A-ZÀ-Þ]))",
)


def _looks_like_incise(suffix: str) -> bool:
    """ ", se remémore-t-il", ", soupire Jeanne", ", sourit la maire": a verb and a subject."""
    return bool(_INCISE_SUFFIX_RE.match(suffix))


def _has_clause(ctx: Context, q: QuotedSpan) -> bool:
    """The quote holds a finite verb (a sentence, not a noun phrase like «un plan déguisé»)."""
    return any(
        t.tok.pos_ in ("VERB", "AUX") and "Fin" in t.tok.morph.get("VerbForm", [])
        for t in ctx.tokens(q.start, q.end)
    )


def _split_partner_cue(ctx: Context, q: QuotedSpan, ss: int, before: list[Cue]) -> Cue | None:
    """ "« A », a-t-il dit, « B »": B takes the incise written between the two parts."""
    prev = [o for o in ctx.outer_quotes if ss <= o.outer_start and o.outer_end <= q.outer_start]
    if not prev:
        return None
    lo = prev[-1].outer_end
    for c in before:
        if lo <= c.start and c.kind in ("verb", "participle") and (c.inverted or c.comma_before):
            return c
    return None


def _previous_colon_cue(ctx: Context, ss: int, cues: list[Cue]) -> Cue | None:
    prev = ctx.sentences.index(ss)
    if prev is None or prev == 0:
        return None
    ps, pe = ctx.sentences.bounds[prev - 1]
    if not ctx.text[ps:pe].rstrip().endswith(":"):
        return None
    for c in reversed(cues):
        if ps <= c.start < pe and c.kind in ("verb", "participle"):
            return c
    return None


def _following_cue(ctx: Context, se: int, cues: list[Cue]) -> Cue | None:
    k = ctx.sentences.index(se) if se < len(ctx.text) else None
    if k is None:
        k = ctx.sentences.index(min(len(ctx.text) - 1, se + 1))
    if k is None:
        return None
    ns, ne = ctx.sentences.bounds[k]
    if ns < se:
        if k + 1 >= len(ctx.sentences.bounds):
            return None
        ns, ne = ctx.sentences.bounds[k + 1]
    if not _FOLLOWING_RE.match(ctx.text[ns:ne]):
        return None
    for c in cues:
        if ns <= c.start < ne and c.kind == "verb" and c.subject is not None:
            return c
    return None


# --- indirect and selon -------------------------------------------------------------------


def _content_end(ctx: Context, start: int, cue: Cue, limit: int | None = None) -> int:
    text = ctx.text
    q = ctx.outer_quote_at(start)
    if q is not None and q.start <= start < q.end and cue.start > q.start:
        _, se = ctx.inner_sentence(start)
        se = min(se, q.end)
    else:
        _, se = ctx.sentence(start)
    if limit is not None:
        se = min(se, limit)
    region = text[start:se]
    cut = len(region)
    # a postposed incise or selon phrase ends the content
    for m in re.finditer(r",\s*", region):
        pos = start + m.end()
        c = ctx.cue_by_start.get(pos)
        if (
            c is not None
            and c is not cue
            and (
                (c.kind in ("verb", "participle") and (c.inverted or c.kind == "participle"))
                or (c.kind in ("selon", "comme") and c.comp == "before")
            )
        ):
            inner_q = ctx.outer_quote_at(pos)
            if inner_q is None or inner_q is q:
                cut = min(cut, m.start())
                break
    colon_quote = re.search(r":\s*[«“\"„]", region[:cut])
    if colon_quote is not None and not _inside_any_quote(ctx, start + colon_quote.start(), q):
        cut = colon_quote.start()
    m3 = re.search(
        r",\s+(?:tout en|avant de|avant d['’]|après avoir|après être|sans pour autant)\s",
        region[:cut],
    )
    if m3 is not None and not _inside_any_quote(ctx, start + m3.start(), q):
        cut = m3.start()
    infinitival = cue.comp in ("de", "inf")
    for m4 in re.finditer(r"\s+et\s+", region[:cut]):
        pos = start + m4.end()
        if _inside_any_quote(ctx, start + m4.start(), q):
            continue
        nxt = ctx.cue_by_start.get(pos)
        t = ctx.token_at(pos)
        form = t.tok.morph.get("VerbForm", []) if t is not None else []
        finite = t is not None and (
            t.tok.pos_ == "AUX"
            or "Fin" in form
            or ("Part" in form and "Past" in t.tok.morph.get("Tense", []))
        )
        if (nxt is not None and nxt.kind == "verb" and nxt is not cue) or (infinitival and finite):
            cut = m4.start()
            break
    for m2 in re.finditer(r";|,?\s+mais\s+", region[:cut]):
        if _inside_any_quote(ctx, start + m2.start(), q):
            continue
        if m2.group(0) == ";" or _new_clause_after(ctx, start + m2.end()):
            cut = min(cut, m2.start())
            break
    return start + cut


def _new_clause_after(ctx: Context, pos: int) -> bool:
    """After "mais": a new subject starts a new clause (the reporter's); a verb continues the
    reported one ("…, mais a indiqué …", "…, mais que …")."""
    t = ctx.token_at(pos)
    if t is None:
        return False
    w = fold(t.text)
    if w in ("que", "qu'", "ne", "n'", "pas", "aussi", "surtout", "egalement"):
        return False
    if t.tok.pos_ in ("AUX", "VERB", "ADV", "ADJ"):
        return False
    return not (
        w in ("le", "la", "les", "l'", "lui", "se", "s'", "y", "en")
        and t.i + 1 < len(ctx.docs[t.seg])
        and ctx.docs[t.seg][t.i + 1].pos_ in ("AUX", "VERB")
    )


def _inside_any_quote(ctx: Context, pos: int, exclude: QuotedSpan | None) -> bool:
    q = ctx.outer_quote_at(pos)
    return q is not None and q is not exclude


def _record_from_cue(ctx: Context, c: Cue, direct: list[Record]) -> Record | None:
    text = ctx.text
    if c.comp_start is None or c.comp is None:
        return None
    inside = ctx.outer_quote_at(c.start)
    if inside is not None and not (inside.start <= c.start < inside.end):
        inside = None
    if inside is not None and (
        _first_second_person(c.subject) or c.subject is None or c.kind == "participle"
    ):
        return None
    if c.kind in ("verb", "participle"):
        if c.comp not in ("que", "de", "inf", "wh", "colon"):
            return None
        if c.comp == "colon":
            nxt = text[c.comp_start :].lstrip(" \u00a0")
            if nxt[:1] in ALL_MARKS:
                return None  # the quote after the colon is a direct quote
        if c.subject is not None and c.subject.kind == "generic":
            return None
        start = c.comp_start
        end = _content_end(ctx, start, c)
        s, e = _trim(text, start, end)
        if e - s < 3:
            return None
        rule = "indirect-colon" if c.comp == "colon" else "indirect-que"
        conf = {"que": 0.88, "de": 0.85, "inf": 0.8, "wh": 0.8, "colon": 0.8}[c.comp]
        if inside is not None:
            conf *= 0.95
        rec = Record(s, e, "indirect", rule, conf, c, c.subject, inside=inside)
        rec.attribution_at = c.start
        return rec
    # selon family
    if c.subject is not None and c.subject.kind == "generic":
        return None
    if c.kind == "relselon":
        start = c.comp_start
        end = _relative_end(ctx, c)
        s, e = _trim(text, start, end)
        if e - s < 3:
            return None
        rec = Record(s, e, "selon", "selon-relative", 0.75, c, c.subject, inside=inside)
        rec.attribution_at = c.start
        return rec
    ss, se = ctx.sentence(c.start)
    if inside is not None:
        ss, se = ctx.inner_sentence(c.start)
        ss, se = max(ss, inside.start), min(se, inside.end)
    if c.comp == "after":
        s, e = c.comp_start, _content_end(ctx, c.comp_start, c)
    elif c.comp == "before":
        s = _strip_connector(text, ss, c.start)
        e = text.rfind(",", ss, c.start)
        if e < 0 or e < s:
            e = c.start
    else:
        s, e = _strip_connector(text, ss, se), se
    s, e = _trim(text, s, e)
    if e - s < 3:
        return None
    # the content is one direct quote: that quote is attributed by this cue instead
    for d in direct:
        if d.start <= s + 2 and e - 2 <= d.end:
            if d.cue is None:
                d.cue, d.mention, d.rule, d.confidence = c, c.subject, "direct-intro", 0.9
                d.attribution_at = c.start
            return None
    # an outlet after a speech verb of the same sentence is the via, not the speaker
    if c.subject is not None and outlet_name(c.subject.text):
        others = [
            d
            for d in direct
            if d.cue is not None and d.cue.kind == "verb" and ss <= d.cue.start < se
        ]
        if others or _sentence_has_verb_cue(ctx, c, ss, se):
            return None
    rule = "selon"
    rec = Record(
        s, e, "selon", rule, 0.85 if c.kind == "selon" else 0.8, c, c.subject, inside=inside
    )
    rec.attribution_at = c.start
    return rec


def _sentence_has_verb_cue(ctx: Context, c: Cue, ss: int, se: int) -> bool:
    for v in ctx.cues:
        if (
            v.kind in ("verb", "participle")
            and ss <= v.start < se
            and v is not c
            and (v.subject is not None and v.subject.kind != "generic")
        ):
            return True
    return False


def _relative_end(ctx: Context, c: Cue) -> int:
    """End of "selon lequel …": the relative clause's verb subtree, within the sentence."""
    doc = ctx.docs[c.seg]
    base = ctx.segments[c.seg].start
    rel = doc[c.last]
    verb = rel.head
    _, se = ctx.inner_sentence(c.start)
    q = ctx.outer_quote_at(c.start)
    if q is not None and q.start <= c.start < q.end:
        se = min(se, q.end)
    if verb.i > rel.i:
        right = verb.right_edge
        end = base + right.idx + len(right.text)
        if end > c.end:
            # the main verb of the sentence may hang below the relative verb: stop before it
            for t in doc[verb.i + 1 : right.i + 1]:
                if t.dep_ in ("ROOT",) or (
                    t.head.i < rel.i and t.pos_ in ("VERB", "AUX") and t.dep_ != "conj"
                ):
                    end = base + t.idx
                    break
            return min(end, se)
    return se


def _incise_record(ctx: Context, c: Cue, direct: list[Record]) -> Record | None:
    """ "Content, a déclaré X." — the content is the sentence before the incise."""
    text = ctx.text
    inside = ctx.outer_quote_at(c.start)
    if inside is not None and inside.start <= c.start < inside.end:
        return None  # incises inside marks split the quote (see _split_quotes)
    ss, _ = ctx.sentence(c.start)
    comma = text.rfind(",", ss, c.start)
    if comma < 0:
        return None
    between = text[comma + 1 : c.start].strip()
    if between and between[0] not in ALL_MARKS:
        return None
    s = _strip_connector(text, ss, comma)
    s, e = _trim(text, s, comma)
    if e - s < 3:
        return None
    # the content is a direct quote: that quote already carries this incise
    for d in direct:
        if d.start <= s + 2 and e - 2 <= d.end:
            return None
    seg = ctx.token_at(s)
    if seg is None:
        return None
    toks = list(ctx.tokens(s, e))
    if not any(t.tok.pos_ in ("VERB", "AUX") for t in toks):
        return None
    rec = Record(s, e, "indirect", "indirect-incise", 0.82, c, c.subject)
    rec.attribution_at = c.start
    return rec


# --- headings -----------------------------------------------------------------------------


def _is_heading(ctx: Context, k: int) -> bool:
    seg = ctx.segments[k]
    t = seg.text.strip()
    if len(t) > 220:
        return False
    if seg.para == ctx.segments[0].para:
        return True
    return not re.search(r"[.!?…»”\"]$", t)


def _heading_records(ctx: Context, records: list[Record]) -> list[Record]:
    out: list[Record] = []
    text = ctx.text
    for k, seg in enumerate(ctx.segments):
        if k > 0 and seg.para == ctx.segments[k - 1].para:
            continue
        if not _is_heading(ctx, k):
            continue
        if any(seg.start <= r.start < seg.end for r in records):
            continue
        t = seg.text
        m = re.match(r"^\s*([^:«»\"“”]{1,60}?)\s*:\s+(\S.*)$", t)
        if m:
            name = m.group(1)
            words = name.split()
            if (
                1 <= len(words) <= 4
                and name[:1].isupper()
                and fold(name) not in _HEADING_RUBRICS
                and fold(words[0]) not in _HEADING_RUBRICS
            ):
                ns = seg.start + m.start(1)
                ne = ns + len(name)
                per = [
                    e
                    for e in ctx.entities
                    if ns <= e[0] <= e[1] <= ne
                    and e[2] == "PER"
                    and 4 * (e[1] - e[0]) >= 3 * (ne - ns)
                ]
                if per or institution_name(name) or _registry_surname(ctx, name):
                    cs = seg.start + m.start(2)
                    s, e = _trim(text, cs, seg.end)
                    mention = _mention_for(ctx, ns, ne)
                    if e - s >= 10 and mention is not None:
                        q = ctx.outer_quote_at(s)
                        typ = (
                            "direct"
                            if q is not None and q.start <= s + 1 and (q.end >= e - 1)
                            else "indirect"
                        )
                        rec = Record(s, e, typ, "indirect-headline", 0.7, None, mention)
                        rec.attribution_at = ns
                        out.append(rec)
                        continue
        m2 = re.search(r"\(\s*([^()]{2,40}?)\s*\)\s*$", t)
        if m2:
            src = m2.group(1)
            ns = seg.start + m2.start(1)
            ne = ns + len(src)
            ents = [e for e in ctx.entities if ns <= e[0] and e[1] <= ne]
            if (institution_name(src) or any(e[2] in ("PER", "ORG") for e in ents)) and not (
                outlet_name(src)
            ):
                s, e = _trim(text, seg.start, seg.start + m2.start())
                mention = _mention_for(ctx, ns, ne)
                if e - s >= 10 and mention is not None:
                    rec = Record(s, e, "selon", "selon-headline", 0.7, None, mention)
                    rec.attribution_at = ns
                    out.append(rec)
    return out


def _registry_surname(ctx: Context, name: str) -> bool:
    """A single word ending with the surname of a person the article names ("SVLavrov")."""
    f = fold(name)
    if " " in f or len(f) < 4:
        return False
    for s, e, label in ctx.entities:
        if label == "PER":
            last = fold(ctx.text[s:e]).split()[-1]
            if len(last) >= 4 and f.endswith(last):
                return True
    return False


def _mention_for(ctx: Context, s: int, e: int) -> Mention | None:
    first = ctx.token_at(s)
    last = ctx.token_at(e - 1)
    if first is None or last is None or first.seg != last.seg:
        return None
    m = make_mention(ctx, first.seg, first.i, last.i + 1)
    if m is not None and m.kind not in ("name", "org", "description"):
        return None
    if m is not None and m.kind == "description":
        m.kind = "org"
    return m


# --- mixed fragments ----------------------------------------------------------------------


def _mixed_record(
    ctx: Context, q: QuotedSpan, s: int, e: int, records: list[Record], cues: list[Cue]
) -> Record | None:
    # the innermost record containing the fragment gives its attribution
    holders = [
        r
        for r in records
        if (
            r.type in ("indirect", "selon")
            and r.start <= s
            and e <= r.end + 1
            and r.cue is not None
        )
        or (
            r.type in ("indirect", "selon")
            and r.start <= s
            and e <= r.end + 1
            and r.mention is not None
        )
    ]
    if holders:
        h = min(holders, key=lambda r: r.end - r.start)
        rec = Record(s, e, "mixed", "mixed", 0.8, h.cue, h.mention, q)
        rec.attribution_at = h.attribution_at
        return rec
    ss, se = ctx.sentence(q.outer_start)
    cands = [
        c
        for c in cues
        if ss <= c.start < se
        and c.subject is not None
        and c.subject.kind != "generic"
        and not _first_second_person(c.subject)
        and not (c.start >= q.outer_start and c.end <= q.outer_end)
    ]
    if not cands:
        return None
    before = [c for c in cands if c.end <= q.outer_start]
    c = before[-1] if before else cands[0]
    conf = 0.8 if len(ctx.text[s:e].split()) > 2 else 0.7
    rec = Record(s, e, "mixed", "mixed", conf, c, c.subject, q)
    rec.attribution_at = c.start
    return rec


def _dedupe(text: str, records: list[Record]) -> list[Record]:
    out: list[Record] = []
    seen: dict[tuple[int, int, str], Record] = {}
    mixed_spans = {(r.start, r.end) for r in records if r.type == "mixed"}
    for r in records:
        key = (r.start, r.end, r.type)
        if key in seen:
            continue
        # an indirect clause that is entirely inside the marks is only the mixed record
        if r.type == "indirect" and any(
            abs(ms - r.start) <= 2 and abs(me - r.end) <= 2 for ms, me in mixed_spans
        ):
            continue
        seen[key] = r
        out.append(r)
    return out
