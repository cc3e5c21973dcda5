"""Clearing what the corpus steps built (copy relations, stories, quote groups and their
saved states) so that ``vigie analyse`` can build them again from the stored articles.
A part of :class:`~vigie.storage.sqlite.SQLiteStore`."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

__all__ = ["CorpusReset"]


class CorpusReset:
    """Deletes the rows of the corpus steps; the articles are not touched."""

    conn: sqlite3.Connection

    def clear_copies(self) -> int:
        """Delete every copy relation; returns how many there were."""
        with self.conn:
            return self.conn.execute("DELETE FROM copies").rowcount

    def clear_stories(self, states: Iterable[str]) -> int:
        """Delete every story, membership and quote group, and the named corpus-step states;
        returns the number of stories there were."""
        with self.conn:
            n = self.conn.execute("DELETE FROM stories").rowcount
            self.conn.execute("DELETE FROM story_articles")
            self.conn.execute("DELETE FROM quote_groups")
            for name in states:
                self.conn.execute("DELETE FROM corpus_state WHERE name = ?", (name,))
            return n

    def article_ids_by_date(self) -> list[str]:
        """The id of the latest version of every stored source, earliest published first
        (undated last): the order in which the corpus steps see articles arrive."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT a.article_id FROM articles a JOIN article_facets x ON x.rowid = a.rowid"
                " WHERE a.version = (SELECT max(version) FROM articles b"
                " WHERE b.source_key = a.source_key)"
                " ORDER BY x.published IS NULL, x.published, a.rowid"
            )
        ]

    def corpus_counts(self) -> dict[str, int]:
        """How many copy relations, stories and quote groups are stored."""
        return {
            table: int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("copies", "stories", "quote_groups")
        }

    def fingerprints_of(self, article_ids: Sequence[str]) -> dict[str, bytes]:
        """The stored fingerprint bytes of those articles that have one."""
        out: dict[str, bytes] = {}
        for i in range(0, len(article_ids), 500):
            chunk = list(article_ids[i : i + 500])
            marks = ",".join("?" * len(chunk))
            for aid, fp in self.conn.execute(
                "SELECT a.article_id, f.fp FROM fingerprints f"
                f" JOIN articles a ON a.rowid = f.article_rowid WHERE a.article_id IN ({marks})",
                chunk,
            ):
                out[aid] = bytes(fp)
        return out
