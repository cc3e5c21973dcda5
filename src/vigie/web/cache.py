"""Answers that only change when the store does, kept until it does.

The search form's outlet and language lists and the home page's summary are counted over the
whole store (grouped scans: tens of milliseconds on 50,000 articles, more on the full corpus).
They are kept per *store state*: the size and modification time of the SQLite file and of its
write-ahead log. Any commit — ``vigie ingest``, ``vigie analyse``, a web write — changes the
log, so the next request counts again. Only the latest state's answers are kept.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["StoreCache", "store_state"]

T = TypeVar("T")


def _stat(path: Path) -> tuple[int, int]:
    try:
        st = os.stat(path)
    except OSError:
        return (-1, -1)
    return (st.st_size, st.st_mtime_ns)


def store_state(db_path: str) -> tuple[tuple[int, int], ...]:
    """What identifies the store's contents cheaply: stat of the file and its WAL."""
    db = Path(db_path)
    return (_stat(db), _stat(db.with_name(db.name + "-wal")))


class StoreCache:
    """Values computed from one store, dropped when the store changes."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self._state: tuple[tuple[int, int], ...] | None = None
        self._values: dict[str, Any] = {}
        self._lock = threading.Lock()

    def get(self, name: str, compute: Callable[[], T]) -> T:
        """The value named ``name`` for the store as it is now, computed if need be."""
        state = store_state(self.db_path)
        with self._lock:
            if state != self._state:
                self._state = state
                self._values = {}
            if name in self._values:
                value: T = self._values[name]
                return value
        value = compute()
        with self._lock:
            if state == self._state:
                self._values[name] = value
        return value
