"""Stories and quote groups: their rows, memberships and the saved corpus-step states.
A part of :class:`~vigie.storage.sqlite.SQLiteStore`."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["StoryStore"]


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
            for gid in merged_groups:
                self.conn.execute("DELETE FROM quote_groups WHERE group_id = ?", (gid,))
            for g in groups:
                self.conn.execute(
                    "INSERT OR REPLACE INTO quote_groups(group_id, n_articles, first_seen,"
                    " speaker, data) VALUES (?, ?, ?, ?, ?)",
                    (
                        g["id"],
                        len({v["article_id"] for v in g.get("variants") or []}),
                        min(
                            (v["published"] for v in g.get("variants") or [] if v.get("published")),
                            default=None,
                        ),
                        g.get("speaker"),
                        json.dumps(g, ensure_ascii=False),
                    ),
                )
            for name, state in states.items():
                self.conn.execute(
                    "INSERT OR REPLACE INTO corpus_state(name, state) VALUES (?, ?)",
                    (name, json.dumps(state, ensure_ascii=False)),
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
