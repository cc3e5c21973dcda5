"""What the article page shows over the original text: quotations coloured by speaker, their
speaker mentions and cues, cited sources, dated events, entities and removed furniture.

Everything comes from the article's stored ``results`` (offsets into the ORIGINAL text) and
``removed`` spans. Items whose offsets do not fit the text are left out of the highlighting
(an older or newer stage may write shapes this page does not know: it must never fail).
Ids are page-wide and stable: ``q-3`` is ``results.quotes[3]`` (the ``idx`` of the quotes
table, so ``/articles/{id}#q-3`` points at it), ``c-N`` a cited source, ``ev-N`` an event.

When the store knows the article's actors (``SQLiteStore.article_actor_ids``), quotations,
legend lines and entities carry their actor ids, and a speaker mention that stands for one
actor links to its page.
"""

from __future__ import annotations

import re
import string
from typing import Any

from vigie.article import Article
from vigie.web.actor_links import actor_href
from vigie.web.highlight import Mark, Token, build_tree, flat_segments, tokens

__all__ = ["PALETTE_SIZE", "QUOTE_TYPES", "annotate", "removal_segments", "speaker_keys"]

#: speakers get colours 0…PALETTE_SIZE-1 in order of first quotation (then they repeat: the
#: letter, not the colour, tells speakers apart)
PALETTE_SIZE = 8
QUOTE_TYPES = ("direct", "indirect", "mixed", "selon")
_LABEL = re.compile(r"^[A-Z]{2,10}$")


def _key(n: int) -> str:
    """A, B, … Z, AA, AB, …"""
    letters = string.ascii_uppercase
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = letters[r] + out
    return out


def _int(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def _str(v: Any) -> str | None:
    return v if isinstance(v, str) else None


def _span(d: Any, length: int) -> dict[str, Any] | None:
    """``{start, end, text}`` of a stored span when it fits a text of ``length``."""
    if not isinstance(d, dict):
        return None
    s, e = _int(d.get("start")), _int(d.get("end"))
    if s is None or e is None or not 0 <= s < e <= length:
        return None
    return {"start": s, "end": e, "text": _str(d.get("text")) or ""}


def _indexed(results: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    """The mappings of a results list with their positions in it (the ``idx`` the store's
    tables and actor mentions use)."""
    items = results.get(key)
    if not isinstance(items, list):
        return []
    return [(i, x) for i, x in enumerate(items) if isinstance(x, dict)]


def speaker_keys(quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The legend: one entry per speaker in order of first quotation, with its letter and
    colour; unattributed quotations share the key ``?`` and no colour."""
    legend: dict[str | None, dict[str, Any]] = {}
    for q in quotes:
        speaker = _str(q.get("speaker")) or None
        entry = legend.get(speaker)
        if entry is None:
            n = sum(1 for k in legend if k is not None)
            entry = {
                "key": "?" if speaker is None else _key(n),
                "speaker": speaker,
                "colour": None if speaker is None else n % PALETTE_SIZE,
                "quotes": 0,
                "actor_ids": [],
            }
            legend[speaker] = entry
        entry["quotes"] += 1
        for actor_id in q.get("actor_ids") or []:
            if speaker is not None and actor_id not in entry["actor_ids"]:
                entry["actor_ids"].append(actor_id)
    named = [v for k, v in legend.items() if k is not None]
    return named + ([legend[None]] if None in legend else [])


def _quotes(
    results: dict[str, Any], length: int, actors: dict[int, list[str]]
) -> list[dict[str, Any]]:
    out = []
    for i, q in _indexed(results, "quotes"):
        span = _span(q, length)
        if span is None:
            continue
        cue = _span(q.get("cue"), length)
        raw = q.get("cue")
        raw_cue: dict[str, Any] = raw if isinstance(raw, dict) else {}
        if cue is not None:
            cue["lemma"] = _str(raw_cue.get("lemma"))
            cue["stance"] = _str(raw_cue.get("stance"))
        qtype = _str(q.get("type")) or "unknown"
        confidence = q.get("confidence")
        out.append(
            {
                "index": i,
                "anchor": f"q-{i}",
                **span,
                "type": qtype,
                "type_class": qtype if qtype in QUOTE_TYPES else "other",
                "speaker": _str(q.get("speaker")) or None,
                "speaker_mention": _span(q.get("speaker_mention"), length),
                "cue": cue,
                "stance": _str(q.get("stance")) or (cue or {}).get("stance"),
                "via": _str(q.get("via")) or None,
                "confidence": confidence if isinstance(confidence, int | float) else None,
                "actor_ids": list(dict.fromkeys(actors.get(i, []))),
            }
        )
    return out


def _citations(results: dict[str, Any], length: int) -> list[dict[str, Any]]:
    out = []
    for i, c in _indexed(results, "citations"):
        span = _span(c, length)
        if span is None:
            continue
        out.append(
            {
                "index": i,
                "anchor": f"c-{i}",
                **span,
                "outlet": _str(c.get("outlet")),
                "cue": _str(c.get("cue")),
                "quote": _int(c.get("quote")),
            }
        )
    return out


def _events(results: dict[str, Any], length: int) -> list[dict[str, Any]]:
    out = []
    for i, e in _indexed(results, "events"):
        date_span = _span(e.get("date_span"), length)
        sentence = _span(e.get("sentence"), length)
        if date_span is None and sentence is None:
            continue
        out.append(
            {
                "index": i,
                "anchor": f"ev-{i}",
                "date": _str(e.get("date")),
                "start_date": _str(e.get("start_date")),
                "end_date": _str(e.get("end_date")),
                "granularity": _str(e.get("granularity")),
                "tense": _str(e.get("tense")),
                "date_span": date_span,
                "sentence": sentence,
            }
        )
    return out


def _entities(
    results: dict[str, Any], length: int, actors: dict[int, list[str]]
) -> list[dict[str, Any]]:
    out = []
    for i, e in _indexed(results, "entities"):
        span = _span(e, length)
        if span is None:
            continue
        label = _str(e.get("label")) or "MISC"
        ids = actors.get(i)
        out.append({**span, "label": label, "actor_id": ids[0] if ids else None})
    return out


def _article_actors(
    quotes: list[dict[str, Any]], entities: list[dict[str, Any]]
) -> dict[str, dict[str, int]]:
    """``actor id → {mentions, quotes}`` in this article, most quoted then most named
    first."""
    counts: dict[str, dict[str, int]] = {}
    for e in entities:
        if e["actor_id"]:
            counts.setdefault(e["actor_id"], {"mentions": 0, "quotes": 0})["mentions"] += 1
    for q in quotes:
        for actor_id in q["actor_ids"]:
            counts.setdefault(actor_id, {"mentions": 0, "quotes": 0})["quotes"] += 1
    ranked = sorted(counts, key=lambda k: (-counts[k]["quotes"], -counts[k]["mentions"], k))
    return {k: counts[k] for k in ranked}


def _tip(q: dict[str, Any], key: dict[str, Any]) -> str:
    """What focus or hover shows about a quotation, on one line."""
    who = q["speaker"] or "unattributed"
    parts = [f"{key['key']} · {who}", f"{q['type']} quotation"]
    if q["cue"]:
        cue = f"cue «{q['cue']['text']}»"
        if q["stance"]:
            cue += f" ({q['stance']})"
        parts.append(cue)
    elif q["stance"]:
        parts.append(f"stance {q['stance']}")
    if q["via"]:
        parts.append(f"via {q['via']}")
    return " · ".join(parts)


def removal_segments(article: Article) -> list[dict[str, Any]]:
    """The original text cut into kept and removed segments (``{start, end, removed, reason,
    text}``), whose texts join back into the original."""
    text = article.text
    out: list[dict[str, Any]] = []
    pos = 0
    for r in article.removed:
        if r.start > pos:
            out.append(
                {"start": pos, "end": r.start, "removed": False, "reason": None,
                 "text": text[pos : r.start]}
            )  # fmt: skip
        out.append(
            {"start": r.start, "end": r.end, "removed": True, "reason": r.reason, "text": r.text}
        )
        pos = r.end
    if pos < len(text):
        out.append(
            {"start": pos, "end": len(text), "removed": False, "reason": None, "text": text[pos:]}
        )
    return out


def annotate(
    article: Article, actor_ids: dict[str, dict[int, list[str]]] | None = None
) -> tuple[dict[str, Any], list[Token], dict[str, dict[str, int]]]:
    """``(data, tokens, actors)``: the lists and legend the JSON twin shows (``quotes``,
    ``speakers``, ``citations``, ``events``, ``entities``, ``highlights``), the tokens the
    page draws the highlighted original text from, and the counts of the actors the article
    names or quotes (``actor_ids``: the store's ``article_actor_ids``, when known)."""
    text = article.text
    n = len(text)
    results = article.results if isinstance(article.results, dict) else {}
    ids = actor_ids or {}
    quotes = _quotes(results, n, ids.get("quote", {}))
    legend = speaker_keys(quotes)
    by_speaker = {k["speaker"]: k for k in legend}
    citations = _citations(results, n)
    events = _events(results, n)
    entities = _entities(results, n, ids.get("entity", {}))

    # most important first: quotations stay whole, then what is attached to them
    marks: list[Mark] = []
    # outer quotations before the ones they contain, so a fragment nests inside its quote
    for q in sorted(quotes, key=lambda q: (q["start"], -q["end"])):
        key = by_speaker[q["speaker"]]
        q["speaker_key"] = key["key"]
        q["colour"] = key["colour"]
        marks.append(Mark(q["start"], q["end"], "quote", q["anchor"], {**q, "tip": _tip(q, key)}))
    for r_i, r in enumerate(article.removed):
        # leading line breaks stay outside, so the label sits on the removed line
        lead = len(r.text) - len(r.text.lstrip(" \t\n"))
        marks.append(Mark(r.start + lead, r.end, "removed", f"r-{r_i}", {"reason": r.reason}))
    mentioned: set[tuple[int, int]] = set()
    for q in quotes:
        m = q["speaker_mention"]
        # quotations of one speaker often share their mention: it is marked (and linked) once
        if m and (m["start"], m["end"]) not in mentioned:
            mentioned.add((m["start"], m["end"]))
            one = q["actor_ids"][0] if len(q["actor_ids"]) == 1 else None
            href = actor_href(one) if one else None
            marks.append(
                Mark(m["start"], m["end"], "mention", f"qm-{q['index']}", {**q, "href": href})
            )
        if q["cue"]:
            c = q["cue"]
            marks.append(Mark(c["start"], c["end"], "cue", f"qc-{q['index']}", q))
    for c in citations:
        marks.append(Mark(c["start"], c["end"], "citation", c["anchor"], c))
    for e in events:
        at = e["date_span"] or e["sentence"]
        marks.append(Mark(at["start"], at["end"], "event", e["anchor"], e))
    for i, e in enumerate(entities):
        label = e["label"] if _LABEL.match(e["label"]) else "MISC"
        marks.append(Mark(e["start"], e["end"], "entity", f"e-{i}", {**e, "css": label}))

    root = build_tree(n, marks)
    data = {
        "quotes": sorted(quotes, key=lambda q: q["index"]),
        "speakers": legend,
        "citations": citations,
        "events": events,
        "entities": entities,
        "highlights": flat_segments(text, root),
    }
    return data, tokens(text, root), _article_actors(quotes, entities)
