"""Clearing what the corpus steps built (copy relations, stories, quote groups and their
saved states) so that ``vigie analyse`` can build them again from the stored articles.
A part of :class:`~vigie.storage.sqlite.SQLiteStore`."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

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
