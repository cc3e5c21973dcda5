"""Quote groups: the same statement reported by several articles. Written with the stories
(:meth:`~vigie.storage.story_store.StoryStore.write_stories`); read here. A part of
:class:`~vigie.storage.sqlite.SQLiteStore`."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

__all__ = ["QuoteGroupStore"]


class QuoteGroupStore:
    """Reads of the ``quote_groups`` table."""

    conn: sqlite3.Connection

    def quote_groups(self, *, min_articles: int = 1) -> list[dict[str, Any]]:
        return [
            json.loads(r[0])
            for r in self.conn.execute(
                "SELECT data FROM quote_groups WHERE n_articles >= ?"
                " ORDER BY n_articles DESC, first_seen, group_id",
                (min_articles,),
            )
        ]
