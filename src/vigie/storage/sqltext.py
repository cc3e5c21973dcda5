"""Small helpers for building SQL text and matching user-typed names, shared by the store's
parts."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

__all__ = ["contains_pattern", "fold", "now"]


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def contains_pattern(text: str | None) -> str:
    """A LIKE pattern matching ``text`` anywhere, its own % and _ taken literally."""
    esc = (text or "").replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{esc}%"


def fold(text: str | None) -> str | None:
    """Lower case without accents, for matching names typed by a user ("serguei" = "Sergueï")."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
