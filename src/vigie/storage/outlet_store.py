"""Per-outlet reads: volume, languages, copy edges, cited sources, lags.
A part of :class:`~vigie.storage.sqlite.SQLiteStore`.

An outlet is named exactly as its articles name it (``article_facets.outlet``, compared with
``=``: its index answers, and "Le Monde" is not "Le Monde diplomatique"). Copy edges are the
copies whose direction is known, between two different outlets, as
:meth:`~vigie.storage.copy_store.CopyStore.outlet_copy_edges` counts them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from vigie.storage.sqltext import fold

__all__ = ["OutletStore", "cites_outlet"]

#: the columns of a copy edge (a copy relation seen from its two outlets)
_EDGE_COLS = (
    "SELECT xs.outlet AS source_outlet, xc.outlet AS copy_outlet, c.kind, c.lag_seconds,"
    " c.source_id, c.copy_id, ac.rowid AS copy_rowid"
    " FROM copies c JOIN articles asrc ON asrc.article_id = c.source_id"
    " JOIN articles ac ON ac.article_id = c.copy_id"
    " JOIN article_facets xs ON xs.rowid = asrc.rowid"
    " JOIN article_facets xc ON xc.rowid = ac.rowid"
    " WHERE c.direction = 'known' AND xs.outlet IS NOT NULL AND xc.outlet IS NOT NULL"
    " AND xs.outlet != xc.outlet"
)


def cites_outlet(outlet: str | None, source_keys: Iterable[str]) -> bool:
    """Whether an article citing these sources (``citations.source_key``) names ``outlet``:
    a key contains the folded outlet name or is contained in it ("Orbita" for "Orbita Info")."""
    return _cites(_folded(outlet), source_keys)


@lru_cache(maxsize=4096)
def _folded(name: str | None) -> str:
    return fold(name) or ""


def _cites(name: str, source_keys: Iterable[str]) -> bool:
    return bool(name) and any(k in name or name in k for k in source_keys if k)


class OutletStore:
    """Reads about one outlet or all outlets."""

    conn: sqlite3.Connection

    # -- all outlets ------------------------------------------------------------------------
    def outlet_summaries(self) -> dict[str, dict[str, Any]]:
        """``outlet → {articles, first, last, languages: {code: count}}`` for every outlet
        (``first``/``last``: earliest and latest publication dates; undated articles count in
        ``articles`` only)."""
        out: dict[str, dict[str, Any]] = {}
        for outlet, language, n, first, last in self.conn.execute(
            "SELECT outlet, language, count(*), min(published), max(published)"
            " FROM article_facets WHERE outlet IS NOT NULL GROUP BY outlet, language"
        ):
            o = out.setdefault(
                outlet, {"articles": 0, "first": None, "last": None, "languages": {}}
            )
            o["articles"] += n
            if language:
                o["languages"][language] = n
            if first and (o["first"] is None or first < o["first"]):
                o["first"] = first
            if last and (o["last"] is None or last > o["last"]):
                o["last"] = last
        return out

    def copy_edge_counts(self) -> dict[str, dict[str, int]]:
        """``outlet → {made, copied, hidden, undetermined}``: copies its articles are
        (``made``), copies of its articles (``copied``), copies it made that do not cite their
        source (``hidden``), over every copy edge; and copy relations with another outlet
        whose direction is unknown (``undetermined``)."""
        rows = self.conn.execute(
            "SELECT source_outlet, copy_outlet, copy_rowid FROM (" + _EDGE_COLS + ")"
        ).fetchall()
        keys = self._citation_keys(r[2] for r in rows)
        out: dict[str, dict[str, int]] = {}
        zero = {"made": 0, "copied": 0, "hidden": 0, "undetermined": 0}
        for src, dst, rowid in rows:
            made = out.setdefault(dst, dict(zero))
            made["made"] += 1
            if not cites_outlet(src, keys.get(rowid, ())):
                made["hidden"] += 1
            out.setdefault(src, dict(zero))["copied"] += 1
        for a, b in self.conn.execute(
            "SELECT xa.outlet, xb.outlet FROM copies c"
            " CROSS JOIN articles aa ON aa.article_id = c.a_id"
            " CROSS JOIN article_facets xa ON xa.rowid = aa.rowid"
            " CROSS JOIN articles ab ON ab.article_id = c.b_id"
            " CROSS JOIN article_facets xb ON xb.rowid = ab.rowid"
            " WHERE c.direction != 'known' AND xa.outlet IS NOT NULL AND xb.outlet IS NOT NULL"
            " AND xa.outlet != xb.outlet"
        ):
            out.setdefault(a, dict(zero))["undetermined"] += 1
            out.setdefault(b, dict(zero))["undetermined"] += 1
        return out

    def citation_rows(self) -> list[tuple[str, str, int]]:
        """``(outlet, cited source, article row number)`` of every cited source of every
        article that has an outlet."""
        return [
            (r[0], r[1], int(r[2]))
            for r in self.conn.execute(
                "SELECT x.outlet, c.source, c.article_rowid FROM citations c"
                " JOIN article_facets x ON x.rowid = c.article_rowid"
                " WHERE x.outlet IS NOT NULL AND c.source IS NOT NULL"
            )
        ]

    # -- one outlet -------------------------------------------------------------------------
    def outlet_summary(self, outlet: str) -> dict[str, Any] | None:
        """``{articles, first, last, languages: [(code, count)]}`` of one outlet, most
        frequent language first (None for no language), or None when no article has it."""
        rows = self.conn.execute(
            "SELECT language, count(*), min(published), max(published) FROM article_facets"
            " WHERE outlet = ? GROUP BY language ORDER BY count(*) DESC, language",
            (outlet,),
        ).fetchall()
        if not rows:
            return None
        firsts = [r[2] for r in rows if r[2]]
        lasts = [r[3] for r in rows if r[3]]
        return {
            "articles": sum(r[1] for r in rows),
            "first": min(firsts) if firsts else None,
            "last": max(lasts) if lasts else None,
            "languages": [(r[0], r[1]) for r in rows],
        }

    def outlet_days(self, outlet: str) -> list[tuple[str, int]]:
        """``(YYYY-MM-DD, articles)`` of one outlet per day of publication, oldest first
        (undated articles left out)."""
        return [
            (r[0], r[1])
            for r in self.conn.execute(
                "SELECT substr(published, 1, 10) AS d, count(*) FROM article_facets"
                " WHERE outlet = ? AND published IS NOT NULL GROUP BY d ORDER BY d",
                (outlet,),
            )
        ]

    def outlet_recent(self, outlet: str, limit: int = 10) -> list[dict[str, Any]]:
        """The outlet's latest articles (``article_id, title, doc, language, published``),
        newest first, undated ones last."""
        # the articles' (outlet, published) index answers in order, whatever the outlet's size
        return [
            dict(r)
            for r in self.conn.execute(
                "SELECT a.article_id, a.title, a.doc, a.language, a.published, a.outlet"
                " FROM articles a WHERE a.outlet = ? COLLATE NOCASE AND a.outlet = ?"
                " ORDER BY a.published DESC, a.rowid DESC LIMIT ?",
                (outlet, outlet, int(limit)),
            )
        ]

    def outlet_edges(self, outlet: str, *, scan_copies: bool = False) -> list[dict[str, Any]]:
        """The copy edges of one outlet, either way: ``source_outlet, copy_outlet, kind,
        lag_seconds, source_id, copy_id, copy_rowid, cites_source`` (whether the copy cites
        the source outlet).

        Found from the outlet's articles, or with ``scan_copies`` by reading every copy
        relation once: cheaper for an outlet with many articles (each of its articles costs a
        read of its wide row; a copy relation, two index look-ups)."""
        if scan_copies:
            sql = (
                "SELECT xs.outlet AS source_outlet, xc.outlet AS copy_outlet, c.kind,"
                " c.lag_seconds, c.source_id, c.copy_id, ac.rowid AS copy_rowid FROM copies c"
                " CROSS JOIN articles ac ON ac.article_id = c.copy_id"
                " CROSS JOIN article_facets xc ON xc.rowid = ac.rowid"
                " CROSS JOIN articles asrc ON asrc.article_id = c.source_id"
                " CROSS JOIN article_facets xs ON xs.rowid = asrc.rowid"
                " WHERE c.direction = 'known' AND (xc.outlet = ? OR xs.outlet = ?)"
                " AND xs.outlet IS NOT NULL AND xc.outlet IS NOT NULL AND xs.outlet != xc.outlet"
            )
            rows = [dict(r) for r in self.conn.execute(sql, (outlet, outlet))]
        else:
            rows = [
                dict(r)
                # the copies it made, then the copies of its articles
                for sql in (_EDGE_COLS + " AND xc.outlet = ?", _EDGE_COLS + " AND xs.outlet = ?")
                for r in self.conn.execute(sql, (outlet,))
            ]
        keys = self._citation_keys(r["copy_rowid"] for r in rows)
        for r in rows:
            r["cites_source"] = cites_outlet(r["source_outlet"], keys.get(r["copy_rowid"], ()))
        return rows

    def outlet_undetermined(self, outlet: str) -> int:
        """Copy relations between one of its articles and another outlet's whose direction
        is not known (which was first cannot be told)."""
        sides = (
            "SELECT c.relation_id FROM article_facets x JOIN articles a ON a.rowid = x.rowid"
            " JOIN copies c ON c.{mine} = a.article_id"
            " JOIN articles o ON o.article_id = c.{other}"
            " JOIN article_facets xo ON xo.rowid = o.rowid"
            " WHERE x.outlet = ? AND c.direction != 'known'"
            " AND xo.outlet IS NOT NULL AND xo.outlet != ?"
        )
        row = self.conn.execute(
            "SELECT count(*) FROM ("
            + sides.format(mine="a_id", other="b_id")
            + " UNION "
            + sides.format(mine="b_id", other="a_id")
            + ")",
            (outlet, outlet, outlet, outlet),
        ).fetchone()
        return int(row[0])

    def outlet_citations(self, outlet: str) -> list[tuple[int, str, str]]:
        """``(article rowid, source as written, source key)`` of every source its articles
        cite ("selon Tass")."""
        return [
            (r[0], r[1], r[2])
            for r in self.conn.execute(
                "SELECT c.article_rowid, c.source, c.source_key FROM article_facets x"
                " JOIN citations c ON c.article_rowid = x.rowid WHERE x.outlet = ?",
                (outlet,),
            )
        ]

    def actors_named(self, keys: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
        """``folded name → [(actor id, kind)]`` of the actors whose name is one of ``keys``
        (folded names, as ``citations.source_key``)."""
        wanted = sorted({k for k in keys if k})
        out: dict[str, list[tuple[str, str]]] = {}
        for i in range(0, len(wanted), 500):
            part = wanted[i : i + 500]
            marks = ", ".join("?" * len(part))
            for actor_id, key, kind in self.conn.execute(
                f"SELECT actor_id, name_key, kind FROM actors WHERE name_key IN ({marks})"
                " ORDER BY n_mentions DESC, actor_id",
                part,
            ):
                out.setdefault(key, []).append((actor_id, kind))
        return out

    # -- helpers ----------------------------------------------------------------------------
    def _citation_keys(self, rowids: Iterable[int]) -> dict[int, set[str]]:
        """``article rowid → the keys of the sources it cites`` for these articles."""
        ids = sorted(set(rowids))
        out: dict[int, set[str]] = {}
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            marks = ", ".join("?" * len(part))
            for rowid, key in self.conn.execute(
                f"SELECT article_rowid, source_key FROM citations WHERE article_rowid IN ({marks})",
                part,
            ):
                out.setdefault(rowid, set()).add(key)
        return out
