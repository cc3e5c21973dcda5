"""Quote groups: the same statement reported by several articles. Written with the stories
(:meth:`~vigie.storage.story_store.StoryStore.write_stories`, which stores
:func:`group_columns` beside each group); read here. A part of
:class:`~vigie.storage.sqlite.SQLiteStore`.

A group row holds the group itself as JSON (``QuoteGroup.to_dict()``) and, for the list's
order and filters (migration 7): ``n_articles``, ``first_seen``, ``last_seen``, ``speaker``
and ``speaker_key`` (folded), ``languages`` (``",fr,en,"``, after a ``!`` when a code holds
other characters than letters, digits, ``-`` and ``_``), ``outlets``
(``"|Le Monde|Telekar|"``) and ``text_rowid``, the row of ``quote_group_text`` (a trigram
full-text index) that holds its versions' distinct folded texts, one a line. One index
(``quote_groups_list``) holds the order and all these columns, so a filtered page is one walk
of that index (and of the trigram index for a text): the JSON is read for the page's groups
only. Each filter gives exactly what a test of the group's JSON gives (text and speaker: a
part, case and accents ignored; outlet: a part of a name, case ignored for ASCII; language:
one of the codes); in the rare cases where the columns could not tell (a ``|`` in a typed
outlet, a line break in a typed text, odd characters in a language code) the JSON is tested
as well, and it alone for a row written without the columns (no ``text_rowid``).
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

__all__ = [
    "MERGED_GROUPS_STATE",
    "TEXT_SEPARATOR",
    "GroupColumns",
    "QuoteGroupFilters",
    "QuoteGroupStore",
    "fast_fold",
    "group_columns",
]

#: the corpus state that maps a group merged away to the group it now lives in
MERGED_GROUPS_STATE = "quote_groups_merged"
_FOLD_SQL = "vigie_fold"
#: groups read at once by id
_CHUNK = 200
#: most reported first, then newest first (undated last: NULL sorts last in a descending
#: order), as the index ``quote_groups_list`` holds them
_ORDER = "n_articles DESC, first_seen DESC, group_id"
_ORDER_Q = "q.n_articles DESC, q.first_seen DESC, q.group_id"
#: what separates a group's version texts in its ``quote_group_text`` row
TEXT_SEPARATOR = "\n"
#: a plain language code: ``,code,`` is in a ``languages`` column of plain codes only as a
#: whole code
_PLAIN_CODE = re.compile(r"[0-9A-Za-z_-]*")
#: what starts a ``languages`` column holding a code that is not plain (a comma, a space…)
_ODD_CODES = "!"
#: a ``languages`` column of plain codes only
_PLAIN_LANGUAGES = "substr(languages, 1, 1) = ','"
#: the trigram index finds a part of 3 characters or more
_TRIGRAM = 3


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


@dataclass(frozen=True, slots=True)
class GroupColumns:
    """What a group's row stores beside its JSON (see the module documentation)."""

    n_articles: int
    first_seen: str | None
    last_seen: str | None
    speaker: str | None
    speaker_key: str | None
    languages: str
    outlets: str
    #: the row of ``quote_group_text``: its distinct folded texts, one a line (None: none)
    text: str | None


def group_columns(group: dict[str, Any]) -> GroupColumns:
    """The columns of a group (``QuoteGroup.to_dict()``): what migration 7 computes in SQL
    for the groups stored before it."""
    variants = group.get("variants") or []
    dates = [v["published"] for v in variants if v.get("published")]
    speaker = group.get("speaker")
    languages = [c for c in group.get("languages") or [] if isinstance(c, str)]
    outlets = [o.get("outlet") for o in group.get("outlets") or []]
    folded = dict.fromkeys(fast_fold(v.get("text")) for v in variants)
    texts = [t for t in folded if t is not None]
    return GroupColumns(
        n_articles=len({v["article_id"] for v in variants}),
        first_seen=min(dates, default=None),
        last_seen=max(dates, default=None),
        speaker=speaker,
        speaker_key=fast_fold(speaker),
        languages=("" if all(_PLAIN_CODE.fullmatch(c) for c in languages) else _ODD_CODES)
        + f",{','.join(languages)},",
        outlets=f"|{'|'.join(o for o in outlets if isinstance(o, str))}|",
        text=TEXT_SEPARATOR.join(texts) if texts else None,
    )


def _in_json(path: str, test: str) -> str:
    """Whether an element ``e`` of the group's JSON list at ``path`` passes ``test``: the
    group's row is read again here, so that the query around stays on the index's columns
    and reads the JSON only where this runs."""
    return (
        f"EXISTS (SELECT 1 FROM quote_groups j, json_each(j.data, '{path}') e"
        f" WHERE j.group_id = quote_groups.group_id AND {test})"
    )


def _in_row(test: str) -> str:
    """Whether the group's row ``j`` passes ``test`` (read again, as in :func:`_in_json`)."""
    return (
        f"EXISTS (SELECT 1 FROM quote_groups j WHERE j.group_id = quote_groups.group_id AND {test})"
    )


def _phrase(text: str) -> str:
    """An FTS5 query for ``text`` as one string: over trigrams, a part of a text."""
    return '"' + text.replace('"', '""') + '"'


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
        """The WHERE clause of the filters over the columns of the index
        ``quote_groups_list`` (and the trigram index for a text); the JSON is tested only in
        the rare cases where the columns cannot tell, and for rows written without them
        (no ``text_rowid``: not by ``write_stories``)."""
        self.conn.create_function(_FOLD_SQL, 1, fast_fold, deterministic=True)
        clauses = ["n_articles >= ?"]
        params: list[Any] = [max(1, int(f.min_articles))]

        def add(
            columns: str, column_params: list[Any], json_test: str, json_params: list[Any]
        ) -> None:
            # AND and OR in a WHERE clause stop at the first test that decides (not so inside
            # CASE in SQLite 3.40: there every JSON test would run)
            clauses.append(
                f"((text_rowid IS NOT NULL AND {columns}) OR (text_rowid IS NULL AND {json_test}))"
            )
            params.extend([*column_params, *json_params])

        if f.speaker:
            pattern = contains_pattern(fold(f.speaker))
            add(
                "speaker_key LIKE ? ESCAPE '\\'",
                [pattern],
                _in_row(f"{_FOLD_SQL}(j.speaker) LIKE ? ESCAPE '\\'"),
                [pattern],
            )
        if f.language:
            in_json = _in_json("$.languages", "e.value = ?")
            columns = "instr(languages, ?) > 0 AND " + (
                f"({_PLAIN_LANGUAGES} OR {in_json})"
                if _PLAIN_CODE.fullmatch(f.language)
                else in_json
            )
            add(columns, [f",{f.language},", f.language], in_json, [f.language])
        if f.outlet:
            pattern = contains_pattern(f.outlet)
            in_json = _in_json("$.outlets", "json_extract(e.value, '$.outlet') LIKE ? ESCAPE '\\'")
            if "|" in f.outlet:
                # the typed part may span two names of the column: the names themselves
                add(
                    f"outlets LIKE ? ESCAPE '\\' AND {in_json}",
                    [pattern, pattern],
                    in_json,
                    [pattern],
                )
            else:
                add("outlets LIKE ? ESCAPE '\\'", [pattern], in_json, [pattern])
        if f.text:
            key = fold(f.text) or ""
            pattern = contains_pattern(key)
            if len(key) >= _TRIGRAM and "\x00" not in key:
                # the trigram index finds the rows holding the part, case folded: for an ASCII
                # part, exactly those LIKE finds (no folded text holds a character other than
                # A-Z that folds to ASCII); else LIKE keeps those it finds
                texts = "SELECT rowid FROM quote_group_text WHERE quote_group_text MATCH ?"
                text_params = [_phrase(key)]
                if not key.isascii():
                    texts += " AND text LIKE ? ESCAPE '\\'"
                    text_params.append(pattern)
            else:
                texts = "SELECT rowid FROM quote_group_text WHERE text LIKE ? ESCAPE '\\'"
                text_params = [pattern]
            in_json = _in_json(
                "$.variants", f"{_FOLD_SQL}(json_extract(e.value, '$.text')) LIKE ? ESCAPE '\\'"
            )
            if TEXT_SEPARATOR in key:
                # the typed part may span two versions of the row: the versions themselves
                add(
                    f"text_rowid IN ({texts}) AND {in_json}",
                    [*text_params, pattern],
                    in_json,
                    [pattern],
                )
            else:
                add(f"text_rowid IN ({texts})", text_params, in_json, [pattern])
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
        :meth:`iter_quote_groups`. Without a text, the index is walked twice (count, page);
        with one, the matches of the trigram index are counted in the pass that picks the
        page."""
        if not filters.text:
            # two walks of the index (count, then page) beat one that counts and sorts
            total = self.count_quote_groups(filters)
            if total <= offset:
                return total, []
            return total, list(self.iter_quote_groups(filters, limit=limit, offset=offset))
        # a text is searched once: the matches are counted in the pass that picks the page
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
