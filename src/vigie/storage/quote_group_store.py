"""Quote groups: the same statement reported by several articles. Written with the stories
(:meth:`~vigie.storage.story_store.StoryStore.write_stories`); read here. A part of
:class:`~vigie.storage.sqlite.SQLiteStore`.

A group row holds ``n_articles`` (indexed), ``first_seen``, ``speaker`` and the group itself as
JSON (``QuoteGroup.to_dict()``). The filters that look inside the JSON (a variant's text or
speaker, an outlet, a language) run in SQLite (``json_each``) on the rows the indexed
``n_articles`` bound leaves, so a page never loads more than the groups it shows. Text and
speaker filters ignore case and accents: the connection gets a ``vigie_fold`` SQL function.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from vigie.errors import NotFoundError
from vigie.storage.sqltext import contains_pattern, fold

__all__ = ["MERGED_GROUPS_STATE", "QuoteGroupFilters", "QuoteGroupStore", "fast_fold"]

#: the corpus state that maps a group merged away to the group it now lives in
MERGED_GROUPS_STATE = "quote_groups_merged"
_FOLD_SQL = "vigie_fold"
#: groups read at once by id
_CHUNK = 200
_ORDER = "n_articles DESC, first_seen IS NULL, first_seen DESC, group_id"
_ORDER_Q = "q.n_articles DESC, q.first_seen IS NULL, q.first_seen DESC, q.group_id"
#: the end of a group's JSON from its ``outlets`` key, as an object (``QuoteGroup.to_dict()``
#: writes outlets and languages last): parsing it is much cheaper than the whole group; the
#: whole JSON when the text is laid out otherwise
_OUTLETS_KEY = "'\"outlets\": ['"
_TAIL = (
    f"(CASE WHEN instr(data, {_OUTLETS_KEY}) > 0"
    f" AND json_valid('{{' || substr(data, instr(data, {_OUTLETS_KEY})))"
    f" THEN '{{' || substr(data, instr(data, {_OUTLETS_KEY})) ELSE data END)"
)


@dataclass(frozen=True, slots=True)
class QuoteGroupFilters:
    """What a list of quote groups is narrowed to. Text filters match a part, case and
    accents ignored; ``outlet`` a part of an outlet's name (case ignored for ASCII);
    ``language`` one of the group's languages exactly."""

    #: groups reported by at least this many articles
    min_articles: int = 2
    #: the group's speaker (its most frequent named form) contains this
    speaker: str | None = None
    #: one of its versions contains this
    text: str | None = None
    #: one of the outlets that reported it contains this
    outlet: str | None = None
    #: one of its languages
    language: str | None = None


#: the combining marks of Latin, Greek and Cyrillic letters: the ones decomposed French,
#: English, German… texts hold
_COMMON_MARKS = re.compile("[\u0300-\u036f]+")
#: past this code point a character may be another combining mark
_OTHER_MARKS_FROM = "\u0483"


@functools.cache
def _marks() -> dict[int, None]:
    """Every combining character (what :func:`~vigie.storage.sqltext.fold` drops), as a
    ``str.translate`` table that deletes them."""
    return dict.fromkeys(c for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c)))


@functools.lru_cache(maxsize=65536)
def _fold_text(text: str) -> str:
    out = _COMMON_MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))
    if out and max(out) >= _OTHER_MARKS_FROM:
        out = out.translate(_marks())
    return out


def fast_fold(value: object) -> str | None:
    """:func:`~vigie.storage.sqltext.fold` as an SQL function: the same result, faster (a
    regular expression drops the combining marks; repeated texts are remembered)."""
    return _fold_text(value) if isinstance(value, str) else None


def _raw_in_json(text: str) -> bool:
    """Whether ``text`` is in a JSON text (``ensure_ascii=False``) exactly as written: ASCII
    without the characters JSON escapes."""
    return (
        text.isascii() and not any(c in text for c in '"\\') and all(ord(c) >= 0x20 for c in text)
    )


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

    # -- filtered reads ----------------------------------------------------------------------

    def _quote_group_where(self, f: QuoteGroupFilters) -> tuple[str, list[Any]]:
        """The WHERE clause of the filters. Cheap necessary conditions on the stored JSON text
        come before the exact tests that parse it, so most rows are never parsed."""
        clauses = ["n_articles >= ?"]
        params: list[Any] = [max(1, int(f.min_articles))]
        if f.speaker or f.text:
            self.conn.create_function(_FOLD_SQL, 1, fast_fold, deterministic=True)
        if f.speaker:
            clauses.append(f"{_FOLD_SQL}(speaker) LIKE ? ESCAPE '\\'")
            params.append(contains_pattern(fold(f.speaker)))
        if f.language:
            # the code as a JSON string is in the text; then exactly one of the languages
            clauses.append("instr(data, ?) > 0")
            params.append(json.dumps(f.language, ensure_ascii=False))
            clauses.append(
                f"EXISTS (SELECT 1 FROM json_each({_TAIL}, '$.languages') l WHERE l.value = ?)"
            )
            params.append(f.language)
        if f.outlet:
            pattern = contains_pattern(f.outlet)
            if _raw_in_json(f.outlet):
                # an outlet's name is in the JSON text as written
                clauses.append("data LIKE ? ESCAPE '\\'")
                params.append(pattern)
            clauses.append(
                f"EXISTS (SELECT 1 FROM json_each({_TAIL}, '$.outlets') o"
                " WHERE json_extract(o.value, '$.outlet') LIKE ? ESCAPE '\\')"
            )
            params.append(pattern)
        if f.text:
            clauses.append(
                "EXISTS (SELECT 1 FROM json_each(data, '$.variants') v"
                f" WHERE {_FOLD_SQL}(json_extract(v.value, '$.text')) LIKE ? ESCAPE '\\')"
            )
            params.append(contains_pattern(fold(f.text)))
        return " AND ".join(clauses), params

    def count_quote_groups(self, filters: QuoteGroupFilters) -> int:
        """How many groups match the filters."""
        where, params = self._quote_group_where(filters)
        row = self.conn.execute(f"SELECT COUNT(*) FROM quote_groups WHERE {where}", params)
        return int(row.fetchone()[0])

    def quote_group_page(
        self, filters: QuoteGroupFilters, *, limit: int, offset: int = 0
    ) -> tuple[int, list[dict[str, Any]]]:
        """``(how many groups match, the page of them)``, in the order of
        :meth:`iter_quote_groups`. With filters that look inside the groups, the matches are
        counted in the same pass that picks the page (one scan, not two)."""
        if filters == QuoteGroupFilters(min_articles=filters.min_articles):
            # the count comes from the index on n_articles alone
            total = self.count_quote_groups(filters)
            return total, list(self.iter_quote_groups(filters, limit=limit, offset=offset))
        where, params = self._quote_group_where(filters)
        page = (
            f"SELECT group_id, COUNT(*) OVER () AS total FROM quote_groups WHERE {where}"
            f" ORDER BY {_ORDER} LIMIT ? OFFSET ?"
        )
        sql = (
            "SELECT p.total, q.n_articles, q.first_seen, q.data"
            f" FROM ({page}) p JOIN quote_groups q USING (group_id) ORDER BY {_ORDER_Q}"
        )
        rows = self.conn.execute(sql, [*params, int(limit), int(offset)]).fetchall()
        if not rows:
            return (self.count_quote_groups(filters) if offset else 0), []
        return int(rows[0][0]), [
            {**json.loads(data), "n_articles": n, "first_seen": first_seen}
            for _, n, first_seen, data in rows
        ]

    def iter_quote_groups(
        self, filters: QuoteGroupFilters, *, limit: int | None = None, offset: int = 0
    ) -> Iterator[dict[str, Any]]:
        """The groups matching the filters, most reported first, then newest first (by first
        appearance): each ``QuoteGroup.to_dict()`` plus ``n_articles`` and ``first_seen``.
        The ids are put in order first, so the sort never carries the JSON."""
        where, params = self._quote_group_where(filters)
        page = f"SELECT group_id FROM quote_groups WHERE {where} ORDER BY {_ORDER}"
        if limit is not None:
            page += " LIMIT ? OFFSET ?"
            params += [int(limit), int(offset)]
        ids = [r[0] for r in self.conn.execute(page, params)]
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = {
                gid: (n, first_seen, data)
                for gid, n, first_seen, data in self.conn.execute(
                    "SELECT group_id, n_articles, first_seen, data FROM quote_groups"
                    f" WHERE group_id IN ({marks})",
                    chunk,
                )
            }
            for gid in chunk:
                if gid in rows:
                    n, first_seen, data = rows[gid]
                    yield {**json.loads(data), "n_articles": n, "first_seen": first_seen}

    def quote_group(self, group_id: str) -> dict[str, Any]:
        """One group (as :meth:`iter_quote_groups` gives it); :class:`NotFoundError` when no
        group has this id."""
        row = self.conn.execute(
            "SELECT n_articles, first_seen, data FROM quote_groups WHERE group_id = ?",
            (group_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no quote group {group_id!r}")
        return {**json.loads(row[2]), "n_articles": row[0], "first_seen": row[1]}

    def quote_group_alias(self, group_id: str) -> str | None:
        """The group a group merged away now lives in (its old id stays an alias), or None."""
        row = self.conn.execute(
            "SELECT j.value FROM corpus_state s, json_each(s.state) j"
            " WHERE s.name = ? AND j.key = ?",
            (MERGED_GROUPS_STATE, group_id),
        ).fetchone()
        return row[0] if row is not None and isinstance(row[0], str) else None

    def group_article_titles(self, article_ids: Sequence[str]) -> dict[str, str | None]:
        """``article_id → title`` of the stored articles among ``article_ids``."""
        out: dict[str, str | None] = {}
        ids = list(dict.fromkeys(article_ids))
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for aid, title in self.conn.execute(
                f"SELECT article_id, title FROM articles WHERE article_id IN ({marks})", chunk
            ):
                out[aid] = title
        return out
