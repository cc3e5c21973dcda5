"""Stories and quote groups: their rows, memberships and the saved corpus-step states.
A part of :class:`~vigie.storage.sqlite.SQLiteStore`."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from vigie.storage.quote_group_store import fast_fold, group_columns
from vigie.storage.sqltext import contains_pattern, fold

__all__ = ["STORY_SORTS", "StoryFilters", "StoryStore", "outlet_keys", "outlet_matches"]

#: orders of a story listing: ``recent`` (last seen first), ``articles`` (largest first)
STORY_SORTS = {
    "recent": "s.last_seen IS NULL, s.last_seen DESC, s.story_id",
    "articles": "s.n_articles DESC, s.last_seen IS NULL, s.last_seen DESC, s.story_id",
}
#: the ``recent`` order as the index ``stories_recent`` holds it (NULL sorts last in a
#: descending order): walked, not sorted, when no filter needs the stories' rows
_RECENT_INDEXED = "s.last_seen DESC, s.story_id"
_LISTED = (
    "SELECT s.*, a.title AS first_title, a.doc AS first_doc, x.outlet AS first_outlet"
    " FROM stories s LEFT JOIN articles a ON a.article_id = s.first_article"
    " LEFT JOIN article_facets x ON x.rowid = a.rowid"
)
_ARTICLES = (
    "SELECT a.article_id, a.doc, a.url, a.title, x.outlet, x.language, x.published"
    " FROM story_articles s JOIN articles a ON a.article_id = s.article_id"
    " JOIN article_facets x ON x.rowid = a.rowid WHERE s.story_id = ?"
    " ORDER BY x.published IS NULL, x.published, a.article_id"
)


#: beyond this many outlet names matching a typed outlet, stories are matched name by name
_MAX_NAMES = 64


@dataclass(frozen=True)
class StoryFilters:
    """Filters of a story listing: size, a language or an outlet among its articles' (part of
    the name, case and accents ignored), and a period it overlaps (``since``/``until`` compared
    with its last and first seen dates)."""

    min_articles: int = 1
    language: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    #: the outlet names ``outlet`` matches, when the caller has resolved them (faster: the
    #: stories' outlet lists are searched for these names, not folded one by one)
    outlet_names: tuple[str, ...] | None = None

    def sql(self) -> tuple[str, list[Any]]:
        """A WHERE clause over ``stories s`` (the outlet without resolved names needs the
        ``vigie_fold`` SQL function: see :meth:`StoryStore._story_where`)."""
        # the size alone reads its index (its entries hold the ids); with filters on the rows,
        # one scan of the table beats a lookup per story of that size
        alone = not (self.language or self.outlet or self.since or self.until)
        clauses = ["s.n_articles >= ?" if alone else "+s.n_articles >= ?"]
        params: list[Any] = [self.min_articles]
        if self.language:
            # the language lists are JSON arrays of codes: a code is found with its quotes
            clauses.append("instr(s.languages, ?) > 0")
            params.append(json.dumps(self.language.lower()))
        if self.outlet:
            names = self.outlet_names
            if names is not None and len(names) <= _MAX_NAMES:
                # a name is found in a JSON list as json.dumps writes it, quotes included
                tests = ["instr(s.outlets, ?) > 0"] * len(names)
                clauses.append(f"({' OR '.join(tests)})" if tests else "0")
                params.extend(json.dumps(n, ensure_ascii=False) for n in names)
            else:
                clauses.append(
                    "EXISTS (SELECT 1 FROM json_each(s.outlets)"
                    " WHERE vigie_fold(value) LIKE ? ESCAPE '\\')"
                )
                params.append(contains_pattern(fold(self.outlet)))
        if self.since:
            clauses.append("s.last_seen >= ?")
            params.append(self.since)
        if self.until:
            # inclusive of the whole day when a bare date is given
            clauses.append("substr(s.first_seen, 1, ?) <= ?")
            params.extend([len(self.until), self.until])
        return " AND ".join(clauses), params


def outlet_keys(names: Iterable[str]) -> list[tuple[str, str]]:
    """``(folded name, name)`` of each outlet name, for :func:`outlet_matches`."""
    return [(fold(n) or "", n) for n in names]


def outlet_matches(keys: Iterable[tuple[str, str]], typed: str) -> tuple[str, ...]:
    """The names (of :func:`outlet_keys`) that contain ``typed``, case and accents ignored."""
    key = fold(typed.strip()) or ""
    return tuple(sorted(n for folded, n in keys if key in folded))


def _story_row(row: sqlite3.Row) -> dict[str, Any]:
    d = dict(row)
    d["languages"] = json.loads(d["languages"])
    d["outlets"] = json.loads(d["outlets"])
    return d


class StoryStore:
    """Stories, story memberships, quote groups and corpus-step states."""

    conn: sqlite3.Connection

    # -- stories and quote groups ------------------------------------------------------------
    def corpus_state(self, name: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT state FROM corpus_state WHERE name = ?", (name,)).fetchone()
        return None if row is None else json.loads(row[0])

    def write_stories(
        self,
        stories: Sequence[dict[str, Any]],
        groups: Sequence[dict[str, Any]],
        merged_groups: Iterable[str],
        states: dict[str, dict[str, Any]] | dict[str, dict[str, object]],
    ) -> None:
        """Upsert changed stories (``Story.to_dict()``) with their memberships and changed
        quote groups (``QuoteGroup.to_dict()``), drop merged-away groups, save the states."""
        with self.conn:
            for st in stories:
                self.conn.execute(
                    "INSERT OR REPLACE INTO stories(story_id, label, first_article, first_seen,"
                    " last_seen, n_articles, languages, outlets) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        st["id"],
                        st["label"],
                        st["first_article"],
                        st["first_seen"],
                        st["last_seen"],
                        len(st["article_ids"]),
                        json.dumps(st["languages"], ensure_ascii=False),
                        json.dumps(st["outlets"], ensure_ascii=False),
                    ),
                )
                self.conn.executemany(
                    "INSERT OR REPLACE INTO story_articles(article_id, story_id) VALUES (?, ?)",
                    [(aid, st["id"]) for aid in st["article_ids"]],
                )
            self.conn.execute(
                "DELETE FROM stories WHERE story_id NOT IN"
                " (SELECT DISTINCT story_id FROM story_articles)"
            )
            # a group's text row goes with its row (trigger quote_groups_text_ad)
            self.conn.executemany(
                "DELETE FROM quote_groups WHERE group_id = ?", [(gid,) for gid in merged_groups]
            )
            for g in groups:
                self._write_quote_group(g)
            for name, state in states.items():
                self.conn.execute(
                    "INSERT OR REPLACE INTO corpus_state(name, state) VALUES (?, ?)",
                    (name, json.dumps(state, ensure_ascii=False)),
                )

    def _write_quote_group(self, g: dict[str, Any]) -> None:
        """Write a group's row with its columns (:func:`group_columns`) and its row of
        ``quote_group_text``, in place when it is stored (a delete, through the trigger that
        drops the text row, would make the full-text index flush at every group)."""
        c = group_columns(g)
        row = self.conn.execute(
            "SELECT text_rowid FROM quote_groups WHERE group_id = ?", (g["id"],)
        ).fetchone()
        text_rowid = row[0] if row is not None else None
        if (
            text_rowid is None
            or not self.conn.execute(
                "UPDATE quote_group_text SET text = ? WHERE rowid = ?", (c.text, text_rowid)
            ).rowcount
        ):
            text_rowid = self.conn.execute(
                "INSERT INTO quote_group_text(rowid, text) VALUES (?, ?)", (text_rowid, c.text)
            ).lastrowid
        values = (
            c.n_articles,
            c.first_seen,
            c.last_seen,
            c.speaker,
            c.speaker_key,
            c.languages,
            c.outlets,
            text_rowid,
            json.dumps(g, ensure_ascii=False),
            g["id"],
        )
        if row is None:
            self.conn.execute(
                "INSERT INTO quote_groups(n_articles, first_seen, last_seen, speaker, speaker_key,"
                " languages, outlets, text_rowid, data, group_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            )
        else:
            self.conn.execute(
                "UPDATE quote_groups SET n_articles = ?, first_seen = ?, last_seen = ?,"
                " speaker = ?, speaker_key = ?, languages = ?, outlets = ?, text_rowid = ?,"
                " data = ? WHERE group_id = ?",
                values,
            )

    def stories(
        self, *, min_articles: int = 1, limit: int | None = None, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Stories, most recent first, with their articles' ids in publication order."""
        sql = (
            "SELECT * FROM stories WHERE n_articles >= ?"
            " ORDER BY last_seen IS NULL, last_seen DESC, story_id"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        out = []
        for r in self.conn.execute(sql, (min_articles,)).fetchall():
            d = dict(r)
            d["languages"] = json.loads(d["languages"])
            d["outlets"] = json.loads(d["outlets"])
            d["articles"] = [
                dict(a)
                for a in self.conn.execute(
                    "SELECT a.article_id, a.doc, a.title, x.outlet, x.language, x.published"
                    " FROM story_articles s JOIN articles a ON a.article_id = s.article_id"
                    " JOIN article_facets x ON x.rowid = a.rowid WHERE s.story_id = ?"
                    " ORDER BY x.published IS NULL, x.published, a.article_id",
                    (d["story_id"],),
                )
            ]
            out.append(d)
        return out

    # -- reads of the story pages -------------------------------------------------------------
    def _story_where(self, filters: StoryFilters) -> tuple[str, list[Any]]:
        # outlet names are matched folded (case and accents ignored): "echo" finds "L’Écho"
        self.conn.create_function("vigie_fold", 1, fast_fold, deterministic=True)
        return filters.sql()

    def story_list(
        self, filters: StoryFilters, *, sort: str = "recent", limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        """A page of stories matching ``filters`` in the ``sort`` order (:data:`STORY_SORTS`),
        each with its first article's title, doc and outlet (not its article list)."""
        where, params = self._story_where(filters)
        order = STORY_SORTS[sort]
        if sort == "recent" and not (filters.language or filters.outlet or filters.until):
            # a deep page walks the index; with filters on the rows, one scan and a sort of
            # the matches beats a look-up of each story in order
            order = _RECENT_INDEXED
        # the page's ids first (read from an index, not the rows), then its rows
        ids = [
            r[0]
            for r in self.conn.execute(
                f"SELECT s.story_id FROM stories s WHERE {where} ORDER BY {order}"
                f" LIMIT {int(limit)} OFFSET {int(offset)}",
                params,
            )
        ]
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        rows = {
            r["story_id"]: _story_row(r)
            for r in self.conn.execute(f"{_LISTED} WHERE s.story_id IN ({marks})", ids)
        }
        return [rows[i] for i in ids if i in rows]

    def count_stories(self, filters: StoryFilters) -> int:
        where, params = self._story_where(filters)
        return int(
            self.conn.execute(f"SELECT count(*) FROM stories s WHERE {where}", params).fetchone()[0]
        )

    def iter_stories(
        self, filters: StoryFilters, *, sort: str = "recent"
    ) -> Iterator[dict[str, Any]]:
        """Every story matching ``filters``, with its articles (id, doc, title, outlet,
        language, published) in publication order, one at a time (for exports)."""
        where, params = self._story_where(filters)
        cursor = self.conn.execute(f"{_LISTED} WHERE {where} ORDER BY {STORY_SORTS[sort]}", params)
        for row in cursor:
            d = _story_row(row)
            d["articles"] = self.story_articles(d["story_id"])
            yield d

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story's row (languages and outlets as lists) with its first article's title,
        doc and outlet, or None."""
        row = self.conn.execute(f"{_LISTED} WHERE s.story_id = ?", (story_id,)).fetchone()
        return None if row is None else _story_row(row)

    def story_articles(self, story_id: str, *, limit: int | None = None) -> list[dict[str, Any]]:
        """A story's articles in publication order (undated last): id, doc, url, title,
        outlet, language, published."""
        sql = _ARTICLES if limit is None else f"{_ARTICLES} LIMIT {int(limit)}"
        return [dict(r) for r in self.conn.execute(sql, (story_id,))]

    def story_copies(self, story_id: str, *, limit: int = 20_000) -> list[dict[str, Any]]:
        """The copy relations between two articles of a story (in stored order): the pair,
        kind, score, confidence, direction (``known``: ``source_id`` → ``copy_id``, else
        ``undetermined``), lag in seconds and why the direction was decided so."""
        sql = (
            "SELECT c.relation_id, c.a_id, c.b_id, c.kind, c.score, c.confidence, c.direction,"
            " c.source_id, c.copy_id, c.lag_seconds,"
            " json_extract(c.data, '$.direction_reason') AS direction_reason"
            " FROM story_articles sa JOIN copies c ON c.a_id = sa.article_id"
            " JOIN story_articles sb ON sb.article_id = c.b_id AND sb.story_id = sa.story_id"
            f" WHERE sa.story_id = ? ORDER BY c.relation_id LIMIT {int(limit)}"
        )
        return [dict(r) for r in self.conn.execute(sql, (story_id,))]

    def outlet_names(self) -> list[str]:
        """Every outlet name of the stored articles (to resolve a typed outlet once)."""
        rows = self.conn.execute(
            "SELECT DISTINCT outlet FROM article_facets WHERE outlet IS NOT NULL"
        )
        return [str(r[0]) for r in rows]

    def article_languages(self) -> list[str]:
        """Every language code of the stored articles, sorted (for a language menu)."""
        rows = self.conn.execute(
            "SELECT DISTINCT language FROM article_facets WHERE language IS NOT NULL ORDER BY 1"
        )
        return [str(r[0]) for r in rows]
