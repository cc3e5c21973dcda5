"""Read-side queries shared by the CLI, the JSON API and the web pages.

Each returns plain JSON-ready data (dicts, lists, strings, numbers), so a page and its JSON
twin show the same thing. No SQL here: the store answers, this module shapes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from vigie.article import Article
from vigie.errors import QueryError
from vigie.quotes.export import EXPORT_FIELDS as _QUOTE_EXPORT_FIELDS
from vigie.storage.sqlite import ArticleFilters, QuoteFilters, SQLiteStore

__all__ = [
    "ARTICLE_EXPORT_FIELDS",
    "article_record",
    "article_view",
    "export_articles",
    "search",
    "to_csv_rows",
]

#: columns of ``vigie export articles`` (CSV keeps this order; list fields as JSON)
ARTICLE_EXPORT_FIELDS = [
    "doc",
    "article_id",
    "version",
    "url",
    "title",
    "outlet",
    "language",
    "published",
    "authors",
    "source_agency",
    "encoding",
    "input_format",
    "text",
    "clean_text",
    "removed",
    "paragraphs",
    "errors",
]


def article_record(a: Article) -> dict[str, Any]:
    """One article as exported (``vigie export articles``) and as its page's JSON twin."""
    return {
        "doc": a.doc,
        "article_id": a.article_id,
        "version": a.meta.get("version", 1),
        "url": a.url,
        "title": a.title,
        "outlet": a.outlet,
        "language": a.language,
        "published": a.published,
        "authors": a.authors,
        # the agency the text reproduces (a wire dateline or an "(avec …)" credit), if named
        "source_agency": a.meta.get("source_agency"),
        "encoding": a.encoding,
        "input_format": a.input_format,
        "text": a.text,
        "clean_text": a.clean_text,
        "removed": [r.to_dict() for r in a.removed],
        "paragraphs": [p.to_dict() for p in a.paragraphs],
        "errors": [e.to_dict() for e in a.errors],
    }


def export_articles(
    store: SQLiteStore, filters: ArticleFilters | None = None
) -> Iterator[dict[str, Any]]:
    for a in store.iter_articles(filters):
        yield article_record(a)


def _cell(value: Any) -> Any:
    """A CSV cell: lists and dicts as JSON; text a spreadsheet would run as a formula
    (starting with = + - @ or a control character) prefixed with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv_rows(records: Iterable[dict[str, Any]], fields: list[str]) -> Iterator[str]:
    """CSV text, header first, one chunk per record (see :func:`_cell`)."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(fields)
    yield buf.getvalue()
    for rec in records:
        buf.seek(0)
        buf.truncate()
        writer.writerow([_cell(rec.get(f)) for f in fields])
        yield buf.getvalue()


def search(
    store: SQLiteStore,
    query: str,
    filters: ArticleFilters | None = None,
    *,
    limit: int = 20,
    offset: int = 0,
) -> dict[str, Any]:
    """Search results: total, and hits with a snippet split into plain/matched parts."""
    page = store.search(query, filters, limit=limit, offset=offset)
    return {
        "query": query,
        "filters": (filters or ArticleFilters()).shown(),
        "total": page.total,
        "limit": limit,
        "offset": offset,
        "hits": [
            {
                "article_id": h.article_id,
                "title": h.title,
                "outlet": h.outlet,
                "language": h.language,
                "published": h.published,
                "doc": h.doc,
                "score": round(h.score, 3),
                "snippet": _split_snippet(h.snippet),
            }
            for h in page.hits
        ],
    }


def _split_snippet(snippet: str) -> list[dict[str, Any]]:
    """``[{"text": …, "match": bool}, …]`` from a snippet with \\x02…\\x03 marks."""
    parts: list[dict[str, Any]] = []
    for i, chunk in enumerate(snippet.split("\x02")):
        if i == 0:
            if chunk:
                parts.append({"text": chunk, "match": False})
            continue
        matched, _, rest = chunk.partition("\x03")
        parts.append({"text": matched, "match": True})
        if rest:
            parts.append({"text": rest, "match": False})
    return parts


def article_view(store: SQLiteStore, article_id: str) -> dict[str, Any]:
    """An article for its page: the record plus the original text cut into kept and removed
    segments, and its other versions."""
    a = store.get_article(article_id)
    segments: list[dict[str, Any]] = []
    pos = 0
    for r in a.removed:
        if r.start > pos:
            segments.append(
                {
                    "start": pos,
                    "end": r.start,
                    "removed": False,
                    "reason": None,
                    "text": a.text[pos : r.start],
                }
            )
        segments.append(
            {"start": r.start, "end": r.end, "removed": True, "reason": r.reason, "text": r.text}
        )
        pos = r.end
    if pos < len(a.text):
        segments.append(
            {
                "start": pos,
                "end": len(a.text),
                "removed": False,
                "reason": None,
                "text": a.text[pos:],
            }
        )
    rec = article_record(a)
    rec["segments"] = segments
    rec["versions"] = store.article_versions(a.source_key)
    return rec


# -- who said what ----------------------------------------------------------------------------

#: columns of ``vigie export quotes`` (the format of ``specs/quotes.md``)
QUOTE_EXPORT_FIELDS = list(_QUOTE_EXPORT_FIELDS)
CITATION_EXPORT_FIELDS = [
    "doc",
    "article_id",
    "published",
    "outlet",
    "source",
    "start",
    "end",
    "text",
    "cue",
    "quote_index",
]
EVENT_EXPORT_FIELDS = [
    "date",
    "date_start",
    "date_end",
    "date_text",
    "sentence",
    "tense",
    "doc",
    "article_id",
    "published",
    "outlet",
]


def _span(start: Any, end: Any, text: Any) -> dict[str, Any] | None:
    if start is None:
        return None
    return {"start": start, "end": end, "text": text}


def quote_record(row: dict[str, Any]) -> dict[str, Any]:
    """A stored quotation as the API, pages and ``vigie quotes --json`` show it."""
    return {
        "article_id": row["article_id"],
        "doc": row["doc"],
        "title": row["title"],
        "outlet": row["outlet"],
        "language": row["language"],
        "published": row["published"],
        "index": row["idx"],
        "start": row["start"],
        "end": row["end"],
        "text": row["text"],
        "type": row["type"],
        "speaker": row["speaker"],
        "speaker_mention": _span(row["mention_start"], row["mention_end"], row["mention_text"]),
        "cue": _span(row["cue_start"], row["cue_end"], row["cue_text"]),
        "stance": row["stance"],
        "via": row["via"],
        "confidence": row["confidence"],
    }


def quotes(
    store: SQLiteStore,
    filters: QuoteFilters | None = None,
    *,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    rows = store.quotes(filters, limit=limit, offset=offset)
    return {
        "total": store.count_quotes(filters),
        "limit": limit,
        "offset": offset,
        "quotes": [quote_record(r) for r in rows],
    }


def export_quotes(
    store: SQLiteStore, filters: ArticleFilters | QuoteFilters | None = None
) -> Iterator[dict[str, Any]]:
    """Quotations in the export format of ``specs/quotes.md``, article by article."""
    if not isinstance(filters, QuoteFilters):
        filters = QuoteFilters(articles=filters or ArticleFilters())
    for r in store.quote_export_rows(filters):
        yield {
            "doc": r["doc"],
            "doc_sha1": r["content_sha1"],
            "article_id": r["article_id"],
            "start": r["start"],
            "end": r["end"],
            "text": r["text"],
            "type": r["type"],
            "speaker": r["speaker"],
            "speaker_mention": _span(r["mention_start"], r["mention_end"], r["mention_text"]),
            "cue": _span(r["cue_start"], r["cue_end"], r["cue_text"]),
            "via": r["via"],
            "confidence": r["confidence"],
        }


def export_citations(
    store: SQLiteStore, source: str | None = None, filters: ArticleFilters | None = None
) -> Iterator[dict[str, Any]]:
    for c in store.citations(source, filters):
        yield {
            "doc": c["doc"],
            "article_id": c["article_id"],
            "published": c["published"],
            "outlet": c["outlet"],
            "source": c["source"],
            "start": c["start"],
            "end": c["end"],
            "text": c["text"],
            "cue": c["cue"],
            "quote_index": c["quote_idx"],
        }


def export_events(
    store: SQLiteStore,
    filters: ArticleFilters | None = None,
    *,
    since: str | None = None,
    until: str | None = None,
) -> Iterator[dict[str, Any]]:
    for e in store.events(filters, since=since, until=until):
        yield {
            "date": e["date"],
            "date_start": e["date_start"],
            "date_end": e["date_end"],
            "date_text": _span(
                e["date_offset"],
                None if e["date_offset"] is None else e["date_offset"] + len(e["date_text"] or ""),
                e["date_text"],
            ),
            "sentence": _span(e["sentence_start"], e["sentence_end"], e["sentence_text"]),
            "tense": e["tense"],
            "doc": e["doc"],
            "article_id": e["article_id"],
            "published": e["published"],
            "outlet": e["outlet"],
        }


# -- actors -----------------------------------------------------------------------------------

ACTOR_EXPORT_FIELDS = [
    "id",
    "name",
    "kind",
    "aliases",
    "roles",
    "n_mentions",
    "n_quotes",
    "n_articles",
    "first_seen",
    "last_seen",
    "ambiguous",
    "candidates",
]


def actors(
    store: SQLiteStore,
    *,
    kind: str | None = None,
    name: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    return store.actors(kind=kind, name=name, limit=limit, offset=offset)


def actor_view(store: SQLiteStore, actor_id: str) -> dict[str, Any]:
    """An actor with its quotations (newest first) and who relayed them."""
    actor = store.actor(actor_id)
    quotes = [quote_record(r) for r in store.actor_quotes(actor["id"])]
    return {
        "actor": actor,
        "quotes": quotes,
        "outlets": sorted({q["outlet"] for q in quotes if q["outlet"]}),
        "vias": sorted({q["via"] for q in quotes if q["via"]}),
    }


# -- who copied whom ---------------------------------------------------------------------------

COPY_EXPORT_FIELDS = [
    "original",
    "copy",
    "kind",
    "score",
    "confidence",
    "direction",
    "direction_reason",
    "lag_seconds",
    "original_article_id",
    "copy_article_id",
    "original_outlet",
    "copy_outlet",
    "languages",
    "title_changed",
    "edit_ratio",
    "evidence",
    "edits",
    "mt_signs",
]


def copy_record(row: dict[str, Any]) -> dict[str, Any]:
    """A stored copy relation: ``original``/``copy`` are the docs (path or URL) of the two
    articles — the source first when the direction is known, else in stored order."""
    data = row["data"]
    a_is_source = row["source_id"] is None or row["source_id"] == row["a_id"]
    first, second = ("a", "b") if a_is_source else ("b", "a")
    # passages and edits name their sides after the relation's own a and b
    flip = data.get("a") != row[f"{first}_id"]

    def passage(p: dict[str, Any]) -> dict[str, Any]:
        o, c = ("b", "a") if flip else ("a", "b")
        return {
            "original": {"start": p[f"{o}_start"], "end": p[f"{o}_end"], "text": p[f"{o}_text"]},
            "copy": {"start": p[f"{c}_start"], "end": p[f"{c}_end"], "text": p[f"{c}_text"]},
            "similarity": p.get("similarity"),
        }

    swap = {"added": "removed", "removed": "added"} if flip else {}
    edits = [
        {"op": swap.get(op, op), **passage({**e, "similarity": None})}
        for op in ("added", "removed", "changed")
        for e in data.get(op) or []
    ]
    return {
        "original": row[f"{first}_doc"],
        "copy": row[f"{second}_doc"],
        "kind": row["kind"],
        "score": round(row["score"], 4),
        "confidence": row["confidence"],
        "direction": row["direction"],
        "direction_reason": data.get("direction_reason"),
        "lag_seconds": row["lag_seconds"],
        "original_article_id": row[f"{first}_id"],
        "copy_article_id": row[f"{second}_id"],
        "original_outlet": row[f"{first}_outlet"],
        "copy_outlet": row[f"{second}_outlet"],
        "original_published": row[f"{first}_published"],
        "copy_published": row[f"{second}_published"],
        "original_title": row[f"{first}_title"],
        "copy_title": row[f"{second}_title"],
        "languages": [row[f"{first}_language"], row[f"{second}_language"]],
        "title_changed": data.get("title_changed"),
        "edit_ratio": data.get("edit_ratio"),
        "evidence": [passage(p) for p in data.get("passages") or []],
        "edits": edits,
        "mt_signs": data.get("mt_signs") or [],
    }


def copies(
    store: SQLiteStore,
    *,
    of: str | None = None,
    outlet: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    return [
        copy_record(r)
        for r in store.copies(of=of, outlet=outlet, kind=kind, limit=limit, offset=offset)
    ]


def lineage(store: SQLiteStore, article_id: str) -> dict[str, Any]:
    """Where an article comes from and where it went: the chain of parents (each one's closest
    earlier source: most similar, then latest) and the tree of copies below it."""
    store.get_article(article_id)  # NotFoundError for an unknown id

    def brief(aid: str) -> dict[str, Any]:
        a = store.get_article(aid)
        return {
            "article_id": aid,
            "doc": a.doc,
            "outlet": a.outlet,
            "published": a.published,
            "title": a.title,
            "language": a.language,
        }

    def parent(aid: str) -> str | None:
        sources = store.copy_sources(aid)
        if not sources:
            return None
        return max(sources, key=lambda s: (s[1], s[2] or "", s[0]))[0]

    chain: list[dict[str, Any]] = []
    seen = {article_id}
    cur = parent(article_id)
    while cur is not None and cur not in seen:
        seen.add(cur)
        chain.append(brief(cur))
        cur = parent(cur)

    def tree(aid: str, depth: int) -> list[dict[str, Any]]:
        out = []
        for child in store.copy_children(aid):
            if child in seen or parent(child) != aid or depth > 20:
                continue
            seen.add(child)
            out.append({**brief(child), "copies": tree(child, depth + 1)})
        return out

    return {"article": brief(article_id), "ancestors": chain, "copies": tree(article_id, 0)}


def outlet_graph(store: SQLiteStore) -> dict[str, Any]:
    """Outlet → outlet copy edges: copies, median lag, share that hides its source."""
    import statistics

    edges: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for e in store.outlet_copy_edges():
        edges.setdefault((e["source_outlet"], e["copy_outlet"]), []).append(e)
    out = []
    for (src, dst), rows in sorted(edges.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        lags = [r["lag_seconds"] for r in rows if r["lag_seconds"] is not None]
        out.append(
            {
                "source": src,
                "copier": dst,
                "copies": len(rows),
                "kinds": {
                    k: sum(1 for r in rows if r["kind"] == k)
                    for k in sorted({r["kind"] for r in rows})
                },
                "median_lag_seconds": statistics.median(lags) if lags else None,
                "hidden_source_share": round(
                    sum(1 for r in rows if not r["cites_source"]) / len(rows), 3
                ),
            }
        )
    return {"edges": out}


def derived_outlets(store: SQLiteStore, sources: Sequence[str]) -> dict[str, Any]:
    """The outlets whose content derives from ``sources`` (outlet or agency names), by
    copies and by citations (see :mod:`vigie.outlets.derived`).

    Raises :class:`~vigie.errors.QueryError` when no source is named."""
    from vigie.outlets.derived import derived_outlets as derive
    from vigie.outlets.derived import source_list

    try:
        chosen = source_list(sources)
    except ValueError as exc:
        raise QueryError(str(exc)) from None
    rows = derive(
        chosen,
        store.outlet_copy_edges(with_article=True),
        store.citation_rows(),
        dict(store.outlets()),
    )
    return {
        "sources": [{"name": m.name, "aliases": list(m.aliases)} for m in chosen.media],
        "outlets": rows,
    }


# -- stories and quote groups --------------------------------------------------------------------

STORY_EXPORT_FIELDS = [
    "story_id",
    "label",
    "docs",
    "article_ids",
    "first_article",
    "first_seen",
    "last_seen",
    "languages",
    "outlets",
]
QUOTE_GROUP_EXPORT_FIELDS = [
    "id",
    "speaker",
    "first",
    "fullest",
    "n_articles",
    "languages",
    "outlets",
    "variants",
]


def stories(
    store: SQLiteStore, *, min_articles: int = 1, limit: int | None = None
) -> list[dict[str, Any]]:
    """Stories with their articles in publication order (``docs`` as ingested)."""
    out = []
    for s in store.stories(min_articles=min_articles, limit=limit):
        arts = s.pop("articles")
        out.append(
            {
                **s,
                "docs": [a["doc"] for a in arts],
                "article_ids": [a["article_id"] for a in arts],
                "articles": arts,
            }
        )
    return out


def quote_groups(store: SQLiteStore, *, min_articles: int = 1) -> list[dict[str, Any]]:
    return [
        {**g, "n_articles": len({v["article_id"] for v in g.get("variants") or []})}
        for g in store.quote_groups(min_articles=min_articles)
    ]
