"""Translate what a user types into an FTS5 query, or say clearly why it cannot be read.

Accepted syntax: words (``sécurité indivisible`` finds articles with both), ``"exact phrases"``,
``OR``, ``NOT``, ``AND``, parentheses, and a trailing ``*`` for prefixes (``otan*``). Words with
hyphens or apostrophes (``États-Unis``, ``l'Otan``) are searched as phrases, so they need no
quoting. Diacritics and case are ignored by the index.
"""

from __future__ import annotations

import re

from vigie.errors import QueryError

__all__ = ["to_fts5"]

_OPERATORS = {"AND", "OR", "NOT"}
_TOKEN = re.compile(r'"[^"]*"?|\(|\)|[^\s()"]+')
_WORDCHARS = re.compile(r"\w+")


def _word(token: str) -> str:
    prefix = token.endswith("*")
    core = token.rstrip("*")
    parts = _WORDCHARS.findall(core)
    if not parts:
        return ""
    phrase = '"' + " ".join(parts) + '"'
    if prefix:
        if len(parts) > 1:
            return phrase + " *"
        return phrase + "*"
    return phrase


def to_fts5(query: str) -> str:
    """The FTS5 MATCH expression for ``query``; raises :class:`QueryError` when malformed."""
    q = query.strip()
    if not q:
        raise QueryError("empty search query: type at least one word")
    if q.count('"') % 2:
        raise QueryError(f'unbalanced double quote in query {query!r}: close the phrase with "')
    depth = 0
    out: list[str] = []
    expect_operand = True
    for tok in _TOKEN.findall(q):
        if tok == "(":
            depth += 1
            out.append(tok)
            expect_operand = True
        elif tok == ")":
            depth -= 1
            if depth < 0:
                raise QueryError(f"unbalanced parenthesis in query {query!r}: ')' without '('")
            if expect_operand:
                raise QueryError(f"nothing before ')' in query {query!r}")
            out.append(tok)
            expect_operand = False
        elif tok in _OPERATORS:
            if expect_operand and tok != "NOT":
                raise QueryError(f"{tok} needs a word on each side in query {query!r}")
            if tok == "NOT" and expect_operand:
                raise QueryError(
                    f"NOT needs a word before it in query {query!r} (e.g. 'otan NOT russie')"
                )
            out.append(tok)
            expect_operand = True
        elif tok.startswith('"'):
            words = _WORDCHARS.findall(tok)
            if not words:
                continue
            out.append('"' + " ".join(words) + '"')
            expect_operand = False
        else:
            w = _word(tok)
            if not w:
                continue
            out.append(w)
            expect_operand = False
    if depth:
        raise QueryError(f"unbalanced parenthesis in query {query!r}: '(' is never closed")
    if not out or (expect_operand and out and out[-1] in _OPERATORS):
        raise QueryError(f"query {query!r} ends with an operator or has no words to search")
    return " ".join(out)
