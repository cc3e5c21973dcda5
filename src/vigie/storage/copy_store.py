"""Copy relations between stored articles: writing them and reading them by article, outlet
and kind. A part of :class:`~vigie.storage.sqlite.SQLiteStore`."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from vigie.storage.sqltext import contains_pattern, fold

__all__ = ["CopyStore"]

#: a copy relation with the doc, title, outlet, date and language of both its articles
_COPY_ROWS = (
    "SELECT c.*, aa.doc AS a_doc, ab.doc AS b_doc, aa.title AS a_title,"
    " ab.title AS b_title, xa.outlet AS a_outlet, xb.outlet AS b_outlet,"
    " xa.published AS a_published, xb.published AS b_published,"
    " xa.language AS a_language, xb.language AS b_language"
    " FROM copies c JOIN articles aa ON aa.article_id = c.a_id"
    " JOIN articles ab ON ab.article_id = c.b_id"
    " JOIN article_facets xa ON xa.rowid = aa.rowid"
    " JOIN article_facets xb ON xb.rowid = ab.rowid"
)


def _copy_row(row: sqlite3.Row) -> dict[str, Any]:
    """A row of :data:`_COPY_ROWS` as a dict, its relation JSON decoded."""
    d = dict(row)
    d["data"] = json.loads(d["data"])
    return d


class CopyStore:
    """Copy relations (table ``copies``)."""

    conn: sqlite3.Connection

    # -- copies -----------------------------------------------------------------------------
    def fingerprint_rows(
        self, after: int = 0
    ) -> Iterator[tuple[str, bytes, str | None, str | None, str | None]]:
        """``(article_id, fingerprint bytes, published, language, outlet)`` of every article
        that has a fingerprint, in the order they were stored (``after``: only those stored
        after the article of that row number; see :meth:`fingerprint_extent`)."""
        for r in self.conn.execute(
            "SELECT a.article_id, f.fp, x.published, x.language, x.outlet FROM fingerprints f"
            " JOIN articles a ON a.rowid = f.article_rowid"
            " JOIN article_facets x ON x.rowid = f.article_rowid"
            " WHERE f.article_rowid > ? ORDER BY f.article_rowid",
            (after,),
        ):
            yield r[0], bytes(r[1]), r[2], r[3], r[4]

    def fingerprint_extent(self) -> tuple[int, int]:
        """``(how many, row number of the last)`` of the rows :meth:`fingerprint_rows` gives."""
        n, last = self.conn.execute(
            "SELECT count(*), coalesce(max(f.article_rowid), 0) FROM fingerprints f"
            " JOIN articles a ON a.rowid = f.article_rowid"
            " JOIN article_facets x ON x.rowid = f.article_rowid"
        ).fetchone()
        return int(n), int(last)

    def copy_index_stamp(self) -> tuple[str, int]:
        """``(store id, generation)``: the generation grows whenever a stored fingerprint, or
        the date, language or outlet it is indexed with, is removed or changed (migration 8),
        so a copy index saved at one generation holds the first rows of
        :meth:`fingerprint_rows` as long as the stamp is the same."""
        store_id, generation = self.conn.execute(
            "SELECT store_id, generation FROM copy_index_state WHERE id = 1"
        ).fetchone()
        return str(store_id), int(generation)

    def save_copies(self, relations: Iterable[dict[str, Any]]) -> int:
        """Store copy relations (``CopyRelation.to_dict()``), one row per pair (replacing
        an earlier verdict on the same pair). Returns the number written."""
        rows = [
            (
                *sorted((r["a"], r["b"])),
                r["kind"],
                r["score"],
                r.get("confidence"),
                r["direction"],
                r.get("source"),
                r.get("copy"),
                r.get("lag_seconds"),
                json.dumps(r, ensure_ascii=False),
            )
            for r in relations
        ]
        if rows:
            with self.conn:
                self.conn.executemany(
                    "INSERT OR REPLACE INTO copies(a_id, b_id, kind, score, confidence,"
                    " direction, source_id, copy_id, lag_seconds, data)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
        return len(rows)

    def copies(
        self,
        *,
        of: str | None = None,
        outlet: str | None = None,
        kind: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Copy relations with both articles' doc, outlet, title and date; ``of``: those of
        one article; ``outlet``: either side's outlet contains this."""
        clauses, params = ["1"], []
        if of:
            clauses.append("(c.a_id = ? OR c.b_id = ?)")
            params.extend([of, of])
        if kind:
            clauses.append("c.kind = ?")
            params.append(kind)
        if outlet:
            clauses.append("(xa.outlet LIKE ? ESCAPE '\\' OR xb.outlet LIKE ? ESCAPE '\\')")
            params.extend([contains_pattern(outlet)] * 2)
        sql = (
            _COPY_ROWS + f" WHERE {' AND '.join(clauses)}"
            " ORDER BY coalesce(xa.published, xb.published) DESC, c.relation_id"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return [_copy_row(r) for r in self.conn.execute(sql, params)]

    def copy_sources(self, article_id: str) -> list[tuple[str, float, str | None]]:
        """``(source id, score, source published)`` of the articles ``article_id`` copies."""
        return [
            (r[0], r[1], r[2])
            for r in self.conn.execute(
                "SELECT c.source_id, c.score, x.published FROM copies c"
                " JOIN articles a ON a.article_id = c.source_id"
                " JOIN article_facets x ON x.rowid = a.rowid"
                " WHERE c.copy_id = ? AND c.direction = 'known'",
                (article_id,),
            )
        ]

    def copy_children(self, article_id: str) -> list[str]:
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT copy_id FROM copies WHERE source_id = ? AND direction = 'known'"
                " ORDER BY copy_id",
                (article_id,),
            )
        ]

    def outlet_copy_edges(self, *, with_article: bool = False) -> list[dict[str, Any]]:
        """Source outlet → copying outlet for each known-direction copy between two outlets,
        with its kind, lag and whether the copy cites the source outlet (``with_article``:
        and the row number of the copy, ``copy_rowid``)."""
        rows = [
            dict(r)
            for r in self.conn.execute(
                "SELECT xs.outlet AS source_outlet, xc.outlet AS copy_outlet, c.kind,"
                " c.lag_seconds, ac.rowid AS copy_rowid"
                " FROM copies c JOIN articles asrc ON asrc.article_id = c.source_id"
                " JOIN articles ac ON ac.article_id = c.copy_id"
                " JOIN article_facets xs ON xs.rowid = asrc.rowid"
                " JOIN article_facets xc ON xc.rowid = ac.rowid"
                " WHERE c.direction = 'known' AND xs.outlet IS NOT NULL"
                " AND xc.outlet IS NOT NULL AND xs.outlet != xc.outlet"
            )
        ]
        cited: dict[int, set[str]] = {}
        for rowid, key in self.conn.execute(
            "SELECT article_rowid, source_key FROM citations WHERE article_rowid IN"
            " (SELECT ac.rowid FROM copies c JOIN articles ac ON ac.article_id = c.copy_id"
            "  WHERE c.direction = 'known')"
        ):
            cited.setdefault(rowid, set()).add(key)
        for r in rows:
            src = fold(r["source_outlet"]) or ""
            rowid = r["copy_rowid"] if with_article else r.pop("copy_rowid")
            keys = cited.get(rowid, set())
            r["cites_source"] = any(k in src or src in k for k in keys if k)
        return rows

    # -- reads of the web pages (article page, compare page) ---------------------------------
    def copy_pair(self, x: str, y: str) -> dict[str, Any] | None:
        """The stored copy relation between articles ``x`` and ``y`` (either order), shaped as
        a row of :meth:`copies`, or None when there is none."""
        a_id, b_id = sorted((x, y))
        row = self.conn.execute(
            _COPY_ROWS + " WHERE c.a_id = ? AND c.b_id = ?", (a_id, b_id)
        ).fetchone()
        return None if row is None else _copy_row(row)

    def article_story(self, article_id: str) -> dict[str, Any] | None:
        """``{story_id, label, n_articles}`` of the story the article belongs to, or None."""
        row = self.conn.execute(
            "SELECT s.story_id, s.label, s.n_articles FROM story_articles sa"
            " JOIN stories s ON s.story_id = sa.story_id WHERE sa.article_id = ?",
            (article_id,),
        ).fetchone()
        return None if row is None else dict(row)
