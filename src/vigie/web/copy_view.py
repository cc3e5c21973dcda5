"""Copy relations as the web pages show them.

:func:`article_copies` is the "Copies and translations" section of an article's page: every copy
relation of the article seen from it (the other article, kind, score, who copied whom and why,
the lag in words, what changed, signs of machine translation), its story and its lineage.

:func:`compare_view` is the compare page of one relation: the source on the left and the copy on
the right (the page's article on the left when the direction is undetermined), the aligned
passages of the relation's evidence as numbered rows, each cell cut into parts that mark the
words that differ (same-language copies) or the signs of machine translation (translations),
and the text outside the passages attached to the row it comes before. Every offset is into the
ORIGINAL text of its article, as the copy detector stored it, and is checked against that text.
"""

from __future__ import annotations

import difflib
import re
from typing import Any
from urllib.parse import quote

from vigie import queries
from vigie.copies.tokens import fold
from vigie.errors import NotFoundError
from vigie.storage.sqlite import SQLiteStore
from vigie.web.durations import duration_text

__all__ = ["article_copies", "compare_href", "compare_view", "lag_words", "word_marks"]

_WORD = re.compile(r"\d+(?:[.,]\d+)*|\w+", re.UNICODE)
#: passages longer than this many words on a side are shown without word marks
_DIFF_MAX_WORDS = 6000
#: the order relations are listed in on an article's page, by this article's role
_RELATION_ORDER = {"copied from": 0, "undetermined": 1, "copied by": 2}


def compare_href(article_id: str, other_id: str) -> str:
    """The path of the compare page of two articles."""
    return f"/articles/{quote(article_id, safe='')}/copies/{quote(other_id, safe='')}"


def lag_words(seconds: float | None) -> str | None:
    """A lag as a person says it: ``1 day 7 hours``, ``5 hours 20 minutes``, ``none``."""
    return duration_text(seconds, "long")


# -- the article page's section --------------------------------------------------------------


def _other_side(rec: dict[str, Any], this_is_original: bool) -> dict[str, Any]:
    p = "copy" if this_is_original else "original"
    return {
        "article_id": rec[f"{p}_article_id"],
        "doc": rec[p],
        "title": rec[f"{p}_title"],
        "outlet": rec[f"{p}_outlet"],
        "published": rec[f"{p}_published"],
        "language": rec["languages"][1 if this_is_original else 0],
    }


def _changes(edits: list[dict[str, Any]]) -> dict[str, int]:
    """Counts and characters of edits oriented from a "first" to a "second" article."""
    out = {"added": 0, "removed": 0, "changed": 0, "added_chars": 0, "removed_chars": 0}
    for e in edits:
        op = e["op"]
        out[op] += 1
        if op in ("added", "changed"):
            out["added_chars"] += e["copy"]["end"] - e["copy"]["start"]
        if op in ("removed", "changed"):
            out["removed_chars"] += e["original"]["end"] - e["original"]["start"]
    return out


def _swap_edits(edits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Edits of a relation read the other way round (what one added, the other lacks)."""
    flip = {"added": "removed", "removed": "added"}
    return [
        {**e, "op": flip.get(e["op"], e["op"]), "original": e["copy"], "copy": e["original"]}
        for e in edits
    ]


def _relation_line(row: dict[str, Any], article_id: str) -> dict[str, Any]:
    rec = queries.copy_record(row)
    data = row["data"]
    this_is_original = rec["original_article_id"] == article_id
    other = _other_side(rec, this_is_original)
    if rec["direction"] == "known":
        relation = "copied by" if this_is_original else "copied from"
    else:
        relation = "undetermined"
    # edits from the source to the copy; undetermined: from this article to the other
    edits = rec["edits"]
    if rec["direction"] != "known" and not this_is_original:
        edits = _swap_edits(edits)
    this_key = "a" if data.get("a") == article_id else "b"
    other_key = "b" if this_key == "a" else "a"
    this_title = rec["original_title"] if this_is_original else rec["copy_title"]
    return {
        "other": other,
        "kind": rec["kind"],
        "score": rec["score"],
        "confidence": rec["confidence"],
        "direction": rec["direction"],
        "relation": relation,
        "direction_reason": rec["direction_reason"],
        "lag_seconds": rec["lag_seconds"],
        "lag": lag_words(rec["lag_seconds"]),
        "coverage": data.get(f"coverage_{this_key}"),
        "other_coverage": data.get(f"coverage_{other_key}"),
        "passages": len(rec["evidence"]),
        "edit_ratio": rec["edit_ratio"],
        "title_changed": rec["title_changed"],
        "titles": [this_title, other["title"]] if rec["title_changed"] else [],
        "changes": _changes(edits) if edits else None,
        "mt_signs": [
            {
                "found_in": "this" if s.get("article") == article_id else "other",
                "kind": s.get("kind", ""),
                "start": s.get("start", 0),
                "end": s.get("end", 0),
                "text": s.get("text", ""),
                "note": s.get("note", ""),
            }
            for s in rec["mt_signs"]
        ],
        "compare": compare_href(article_id, other["article_id"]),
    }


def _has_lineage(lineage: dict[str, Any]) -> bool:
    return bool(lineage["ancestors"] or lineage["copies"])


def article_copies(store: SQLiteStore, article_id: str) -> dict[str, Any]:
    """The copy relations of an article seen from it (sources first, then undetermined ones,
    then its copies; earliest first within each), its story and its lineage."""
    lines = [_relation_line(r, article_id) for r in store.copies(of=article_id)]
    lines.sort(
        key=lambda x: (
            _RELATION_ORDER[x["relation"]],
            x["other"]["published"] is None,
            x["other"]["published"] or "",
            x["other"]["article_id"],
        )
    )
    lineage = None
    if any(x["direction"] == "known" for x in lines):
        found = queries.lineage(store, article_id)
        lineage = found if _has_lineage(found) else None
    story = store.article_story(article_id)
    if story is not None:
        story["link"] = "/stories/" + quote(story["story_id"], safe="")
    return {"relations": lines, "story": story, "lineage": lineage}


# -- the compare page ------------------------------------------------------------------------


def word_marks(left: str, right: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Spans (offsets into each string) of the words of ``left`` missing from ``right`` and of
    those of ``right`` missing from ``left``, compared folded (case and accents aside);
    punctuation is not compared. A run of differing words is one span."""
    lt = [(m.start(), m.end(), fold(m.group())) for m in _WORD.finditer(left)]
    rt = [(m.start(), m.end(), fold(m.group())) for m in _WORD.finditer(right)]
    if [w for *_, w in lt] == [w for *_, w in rt]:
        return [], []
    if len(lt) > _DIFF_MAX_WORDS or len(rt) > _DIFF_MAX_WORDS:
        return [], []
    sm = difflib.SequenceMatcher(None, [w for *_, w in lt], [w for *_, w in rt], autojunk=False)
    out_l: list[tuple[int, int]] = []
    out_r: list[tuple[int, int]] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        if i2 > i1:
            out_l.append((lt[i1][0], lt[i2 - 1][1]))
        if j2 > j1:
            out_r.append((rt[j1][0], rt[j2 - 1][1]))
    return out_l, out_r


def _parts(
    text: str, base: int, marks: list[tuple[int, int, str, int | None]]
) -> list[dict[str, Any]]:
    """``text`` (which starts at ``base`` in its article) cut into plain and marked parts;
    ``marks`` are ``(start, end, mark, sign number)`` in article offsets; a mark that overlaps
    an earlier one or falls outside the text is left out."""
    parts: list[dict[str, Any]] = []
    pos = 0
    for start, end, mark, sign in sorted(marks, key=lambda m: (m[0], m[1])):
        s, e = start - base, end - base
        if s < pos or e <= s or e > len(text):
            continue
        if s > pos:
            parts.append(_part(text, base, pos, s, None, None))
        parts.append(_part(text, base, s, e, mark, sign))
        pos = e
    if pos < len(text) or not parts:
        parts.append(_part(text, base, pos, len(text), None, None))
    return parts


def _part(
    text: str, base: int, s: int, e: int, mark: str | None, sign: int | None
) -> dict[str, Any]:
    return {"start": base + s, "end": base + e, "text": text[s:e], "mark": mark, "sign": sign}


def _cell(text: str, span: dict[str, Any]) -> dict[str, Any]:
    start, end, stored = int(span["start"]), int(span["end"]), span.get("text") or ""
    checked = 0 <= start <= end <= len(text) and text[start:end] == stored
    return {"start": start, "end": end, "text": stored, "checked": checked, "parts": []}


def _uncovered(text: str, cells: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Stretches of ``text`` outside every cell that hold a word (not only white space or
    punctuation)."""
    spans = sorted((max(0, c["start"]), min(len(text), c["end"])) for c in cells if c["checked"])
    out: list[tuple[int, int]] = []
    pos = 0
    for s, e in [*spans, (len(text), len(text))]:
        if s > pos and _WORD.search(text, pos, s):
            out.append((pos, s))
        pos = max(pos, e)
    return out


def _gap(text: str, s: int, e: int) -> dict[str, Any]:
    return {"start": s, "end": e, "chars": e - s, "text": text[s:e]}


def _kept_order(values: list[int]) -> set[int]:
    """Indexes of a longest increasing run of ``values`` (the passages in the same order on
    both sides; the others were moved)."""
    n = len(values)
    best = [1] * n
    prev = [-1] * n
    for i in range(n):
        for j in range(i):
            if values[j] < values[i] and best[j] + 1 > best[i]:
                best[i], prev[i] = best[j] + 1, j
    i = max(range(n), key=lambda k: (best[k], -k)) if n else -1
    out: set[int] = set()
    while i >= 0:
        out.add(i)
        i = prev[i]
    return out


def _side(article: Any, role: str, shared: int) -> dict[str, Any]:
    return {
        "role": role,
        "article_id": article.article_id,
        "doc": article.doc,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published,
        "language": article.language,
        "chars": len(article.text),
        "shared_chars": shared,
        "link": "/articles/" + quote(article.article_id, safe=""),
    }


def _shared(cells: list[dict[str, Any]]) -> int:
    total, reach = 0, 0
    for s, e in sorted((c["start"], c["end"]) for c in cells if c["checked"]):
        if e > reach:
            total += e - max(s, reach)
            reach = e
    return total


def compare_view(store: SQLiteStore, article_id: str, other_id: str) -> dict[str, Any]:
    """The compare page of the copy relation between two articles (NotFoundError when either
    article is unknown or no relation between them is stored)."""
    store.get_article(article_id)
    if other_id == article_id:
        raise NotFoundError("an article is not compared with itself")
    row = store.copy_pair(article_id, other_id)
    if row is None:
        store.get_article(other_id)
        raise NotFoundError(f"no copy relation between {article_id!r} and {other_id!r}")
    rec = queries.copy_record(row)
    known = rec["direction"] == "known"
    left_id = rec["original_article_id"] if known else article_id
    swap = rec["original_article_id"] != left_id
    right_id = rec["original_article_id"] if swap else rec["copy_article_id"]
    left_a, right_a = store.get_article(left_id), store.get_article(right_id)
    lo, ro = ("copy", "original") if swap else ("original", "copy")

    rows = []
    for ev in rec["evidence"]:
        rows.append(
            {
                "similarity": ev.get("similarity"),
                "left": _cell(left_a.text, ev[lo]),
                "right": _cell(right_a.text, ev[ro]),
            }
        )
    rows.sort(key=lambda r: (r["left"]["start"], r["right"]["start"]))
    problems = [
        f"passage {i} ({side}): the stored offsets {r[side]['start']}–{r[side]['end']} do not "
        "give the stored text; the stored text is shown"
        for i, r in enumerate(rows, start=1)
        for side in ("left", "right")
        if not r[side]["checked"]
    ]

    # machine-translation signs, numbered left side first, each in the row that holds it
    signs = []
    for s in rec["mt_signs"]:
        side = "left" if s.get("article") == left_id else "right"
        signs.append(
            {
                "side": side,
                "kind": s.get("kind", ""),
                "start": int(s.get("start", 0)),
                "end": int(s.get("end", 0)),
                "text": s.get("text", ""),
                "note": s.get("note", ""),
                "row": None,
            }
        )
    signs.sort(key=lambda s: (s["side"] != "left", s["start"], s["end"]))
    marks: dict[tuple[int, str], list[tuple[int, int, str, int | None]]] = {}
    for n, s in enumerate(signs, start=1):
        s["number"] = n
        for i, r in enumerate(rows):
            c = r[s["side"]]
            if c["checked"] and c["start"] <= s["start"] and s["end"] <= c["end"]:
                s["row"] = i + 1
                marks.setdefault((i, s["side"]), []).append((s["start"], s["end"], "mt", n))
                break

    word_level = rec["kind"] != "translated"
    del_mark, ins_mark = ("del", "ins") if known else ("only", "only")
    kept = _kept_order([r["right"]["start"] for r in rows])
    right_rank = {id(r): k for k, r in enumerate(sorted(rows, key=lambda r: r["right"]["start"]))}
    for i, r in enumerate(rows):
        lc, rc = r["left"], r["right"]
        if word_level:
            dl, dr = word_marks(lc["text"], rc["text"])
            marks.setdefault((i, "left"), []).extend(
                (lc["start"] + s, lc["start"] + e, del_mark, None) for s, e in dl
            )
            marks.setdefault((i, "right"), []).extend(
                (rc["start"] + s, rc["start"] + e, ins_mark, None) for s, e in dr
            )
        lc["parts"] = _parts(lc["text"], lc["start"], marks.get((i, "left"), []))
        rc["parts"] = _parts(rc["text"], rc["start"], marks.get((i, "right"), []))
        r["number"] = i + 1
        r["right_number"] = right_rank[id(r)] + 1
        r["moved"] = i not in kept
        r["signs"] = [s["number"] for s in signs if s["row"] == i + 1]
        r["before_left"] = r["before_right"] = None

    # text outside the passages goes before the passage that follows it on its side
    after: dict[str, Any] = {"left": None, "right": None}
    for side, art in (("left", left_a), ("right", right_a)):
        for s, e in _uncovered(art.text, [r[side] for r in rows]):
            nxt = [r for r in rows if r[side]["checked"] and r[side]["start"] >= e]
            if nxt:
                target = min(nxt, key=lambda r: r[side]["start"])
                key = f"before_{side}"
                if target[key] is None:
                    target[key] = _gap(art.text, s, e)
                else:  # two stretches before one passage (an unchecked cell between them)
                    target[key] = _gap(art.text, target[key]["start"], e)
            else:
                after[side] = (
                    _gap(art.text, s, e)
                    if after[side] is None
                    else _gap(art.text, after[side]["start"], e)
                )

    edits = _swap_edits(rec["edits"]) if swap else rec["edits"]
    roles = ("source", "copy") if known else ("article", "article")
    return {
        "article_id": article_id,
        "other_id": other_id,
        "relation": {
            "kind": rec["kind"],
            "score": rec["score"],
            "confidence": rec["confidence"],
            "direction": rec["direction"],
            "direction_reason": rec["direction_reason"],
            "lag_seconds": rec["lag_seconds"],
            "lag": lag_words(rec["lag_seconds"]),
            "title_changed": rec["title_changed"],
            "edit_ratio": rec["edit_ratio"],
            "details": row["data"].get("details") or {},
        },
        "left": _side(left_a, roles[0], _shared([r["left"] for r in rows])),
        "right": _side(right_a, roles[1], _shared([r["right"] for r in rows])),
        "word_marks": word_level,
        "rows": rows,
        "after_left": after["left"],
        "after_right": after["right"],
        "signs": signs,
        "edits": [{"op": e["op"], "left": e["original"], "right": e["copy"]} for e in edits],
        "problems": problems,
    }
