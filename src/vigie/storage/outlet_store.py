"""Per-outlet reads: volume, languages, copy edges, cited sources, lags.
A part of :class:`~vigie.storage.sqlite.SQLiteStore`."""

from __future__ import annotations

import sqlite3

__all__ = ["OutletStore"]


class OutletStore:
    """Reads about one outlet or all outlets."""

    conn: sqlite3.Connection
