"""The quotes export format of ``specs/quotes.md`` (``vigie export quotes``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vigie.article import Article

__all__ = ["EXPORT_FIELDS", "quotes_export_records"]

EXPORT_FIELDS = (
    "doc",
    "doc_sha1",
    "article_id",
    "start",
    "end",
    "text",
    "type",
    "speaker",
    "speaker_mention",
    "cue",
    "via",
    "confidence",
)


def _span(d: dict[str, Any] | None) -> dict[str, Any] | None:
    if not d:
        return None
    return {"start": d["start"], "end": d["end"], "text": d["text"]}


def quotes_export_records(article: Article) -> list[dict[str, Any]]:
    """One export record per quotation of ``article`` (its ``results.quotes``), in the field
    order of the spec. An article the ``quotes`` stage has not run on gives no records."""
    out: list[dict[str, Any]] = []
    sha = article.content_sha1
    aid = article.article_id
    for q in article.results.get("quotes") or []:
        out.append(
            {
                "doc": article.doc,
                "doc_sha1": sha,
                "article_id": aid,
                "start": q["start"],
                "end": q["end"],
                "text": q["text"],
                "type": q["type"],
                "speaker": q.get("speaker"),
                "speaker_mention": _span(q.get("speaker_mention")),
                "cue": _span(q.get("cue")),
                "via": q.get("via"),
                "confidence": q.get("confidence"),
            }
        )
    return out
