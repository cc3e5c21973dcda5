"""Read-side queries shared by the CLI, the JSON API and the web pages.

Each returns plain JSON-ready data (dicts, lists, strings, numbers), so a page and its JSON
twin show the same thing. No SQL here: the store answers, this module shapes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from vigie.article import Article
from vigie.storage.sqlite import ArticleFilters, SQLiteStore

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


def to_csv_rows(records: Iterable[dict[str, Any]], fields: list[str]) -> Iterator[str]:
    """CSV text, header first, one chunk per record; lists and dicts as JSON."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(fields)
    yield buf.getvalue()
    for rec in records:
        buf.seek(0)
        buf.truncate()
        writer.writerow(
            [
                json.dumps(rec.get(f), ensure_ascii=False)
                if isinstance(rec.get(f), list | dict)
                else ("" if rec.get(f) is None else rec.get(f))
                for f in fields
            ]
        )
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
        "filters": {k: v for k, v in vars(filters or ArticleFilters()).items() if v},
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
