"""The embedded store: one SQLite file, WAL, migrations, full-text search.

One process writes (the ingest runner, or the server's single writer); any number read.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from vigie.article import Article, Paragraph, Removal, StageError
from vigie.errors import NotFoundError, QueryError, StoreError
from vigie.storage.copy_store import CopyStore
from vigie.storage.corpus_reset import CorpusReset
from vigie.storage.fts import to_fts5
from vigie.storage.migrations import MIGRATIONS
from vigie.storage.outlet_store import OutletStore
from vigie.storage.quote_group_store import QuoteGroupStore, fast_fold
from vigie.storage.sqltext import contains_pattern, fold, now
from vigie.storage.story_store import StoryStore

__all__ = [
    "ArticleFilters",
    "FacetCounts",
    "QuoteFilters",
    "SQLiteStore",
    "SearchHit",
    "SearchPage",
    "WriteOutcome",
    "fold",
]

_SNIP_OPEN = "\x02"
_SNIP_CLOSE = "\x03"


@dataclass(frozen=True)
class ArticleFilters:
    """Filters shared by search, listing and export.

    ``actor``: an actor (id) is quoted or named in the article; ``story``: the article belongs
    to that story (id); ``has_quotes``: the article has (True) or has no (False) quotation;
    ``is_copy``: the article is (True) or is not (False) a copy, that is the copy side of a
    relation whose direction is known, or either side of a verbatim or near-verbatim
    relation whose direction is not (see migration 6)."""

    outlet: str | None = None
    language: str | None = None
    since: str | None = None
    until: str | None = None
    actor: str | None = None
    story: str | None = None
    has_quotes: bool | None = None
    is_copy: bool | None = None

    def sql(self, alias: str = "x", *, probe: bool = False) -> tuple[str, list[Any]]:
        """A WHERE clause over ``article_facets`` (or a table with its columns and rowid).

        ``probe``: the rows come from elsewhere (the full-text index) and each is checked
        for the actor with one index seek, rather than against the list of the actor's
        articles built first (which lets SQLite start from that list, but costs as much as
        the actor is named: a seek per match is cheaper for a search)."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.outlet:
            clauses.append(f"{alias}.outlet LIKE ? ESCAPE '\\'")
            params.append(contains_pattern(self.outlet))
        if self.language:
            clauses.append(f"{alias}.language = ?")
            params.append(self.language.lower())
        if self.since:
            clauses.append(f"{alias}.published >= ?")
            params.append(self.since)
        if self.until:
            # inclusive of the whole day when a bare date is given
            clauses.append(f"substr({alias}.published, 1, ?) <= ?")
            params.extend([len(self.until), self.until])
        if self.actor:
            if probe:
                clauses.append(
                    "EXISTS (SELECT 1 FROM actor_mentions m"
                    f" WHERE m.actor_id = ? AND m.article_rowid = {alias}.rowid)"
                )
            else:
                clauses.append(
                    f"{alias}.rowid IN (SELECT m.article_rowid FROM actor_mentions m"
                    " WHERE m.actor_id = ?)"
                )
            params.append(self.actor)
        if self.story:
            clauses.append(f"{alias}.story_id = ?")
            params.append(self.story)
        if self.has_quotes is not None:
            clauses.append(f"{alias}.has_quotes = {int(self.has_quotes)}")
        if self.is_copy is not None:
            clauses.append(f"{alias}.is_copy = {int(self.is_copy)}")
        return (" AND ".join(clauses) or "1"), params

    @property
    def empty(self) -> bool:
        return not self.shown()

    def shown(self) -> dict[str, str]:
        """The filters in force, by name, as text (``has_quotes``/``is_copy``: yes or no)."""
        out: dict[str, str] = {}
        for name, value in vars(self).items():
            if isinstance(value, bool):
                out[name] = "yes" if value else "no"
            elif value:
                out[name] = value
        return out


@dataclass(frozen=True)
class QuoteFilters:
    """Filters for quotations: speaker and via match part of the name, accents ignored."""

    speaker: str | None = None
    via: str | None = None
    type: str | None = None
    articles: ArticleFilters = field(default_factory=ArticleFilters)

    def sql(self) -> tuple[str, list[Any]]:
        where, params = self.articles.sql("x")
        clauses = [where]
        if self.speaker:
            clauses.append("q.speaker_key LIKE ? ESCAPE '\\'")
            params.append(contains_pattern(fold(self.speaker)))
        if self.via:
            clauses.append("q.via_key LIKE ? ESCAPE '\\'")
            params.append(contains_pattern(fold(self.via)))
        if self.type:
            clauses.append("q.type = ?")
            params.append(self.type)
        return " AND ".join(clauses), params


@dataclass(frozen=True)
class SearchHit:
    article_id: str
    title: str | None
    outlet: str | None
    language: str | None
    published: str | None
    doc: str
    snippet: str
    """Plain text; matched words are wrapped in ``\\x02`` … ``\\x03`` (escape, then mark)."""
    score: float


@dataclass(frozen=True)
class SearchPage:
    query: str
    total: int
    hits: list[SearchHit] = field(default_factory=list)


@dataclass(frozen=True)
class WriteOutcome:
    """What writing one article did: ``added`` (new source), ``version`` (new text for a
    known source) or ``unchanged`` (already stored)."""

    article_id: str
    status: str
    version: int


def _span_cols(d: dict[str, Any] | None) -> tuple[Any, Any, Any]:
    if not d:
        return None, None, None
    return d.get("start"), d.get("end"), d.get("text")


def _derived_rows(a: Article) -> dict[str, list[tuple[Any, ...]]]:
    """Rows of the quotes, citations and events tables from an article's results."""
    quotes = []
    for i, q in enumerate(a.results.get("quotes") or []):
        cue = q.get("cue") or {}
        quotes.append(
            (
                i,
                q["start"],
                q["end"],
                q["text"],
                q["type"],
                q.get("speaker"),
                fold(q.get("speaker")),
                *_span_cols(q.get("speaker_mention")),
                *_span_cols(cue),
                q.get("stance") or cue.get("stance"),
                q.get("via"),
                fold(q.get("via")),
                q.get("confidence"),
            )
        )
    citations = [
        (
            i,
            c["start"],
            c["end"],
            c["text"],
            c["outlet"],
            fold(c["outlet"]),
            c.get("cue"),
            c.get("quote"),
        )
        for i, c in enumerate(a.results.get("citations") or [])
        if c.get("outlet")
    ]
    events = []
    for i, e in enumerate(a.results.get("events") or []):
        span = e.get("date_span") or {}
        sent = e.get("sentence") or {}
        events.append(
            (
                i,
                e.get("date"),
                e.get("start_date") or e.get("date"),
                e.get("end_date") or e.get("date"),
                span.get("text"),
                span.get("start"),
                sent.get("start"),
                sent.get("end"),
                sent.get("text"),
                e.get("tense"),
            )
        )
    return {"quotes": quotes, "citations": citations, "events": events}


_DERIVED_SQL = {
    "quotes": "INSERT INTO quotes(article_rowid, idx, start, end, text, type, speaker,"
    " speaker_key, mention_start, mention_end, mention_text, cue_start, cue_end, cue_text,"
    " stance, via, via_key, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
    " ?, ?, ?)",
    "citations": "INSERT INTO citations(article_rowid, idx, start, end, text, source,"
    " source_key, cue, quote_idx) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "events": "INSERT INTO events(article_rowid, idx, date, date_start, date_end, date_text,"
    " date_offset, sentence_start, sentence_end, sentence_text, tense)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
}


#: results kept in their own table rather than in the article's results JSON
_OWN_TABLE_RESULTS = ("fingerprint",)


def _results_json(a: Article) -> str:
    return json.dumps(
        {k: v for k, v in a.results.items() if k not in _OWN_TABLE_RESULTS}, ensure_ascii=False
    )


def _actor_where(kind: str | None, name: str | None) -> tuple[str, list[Any]]:
    """The WHERE clause of the actor filters: kind, and part of the name or of an alias."""
    clauses, params = ["1"], []
    if kind:
        clauses.append("kind = ?")
        params.append(kind)
    if name:
        clauses.append("(name_key LIKE ? ESCAPE '\\' OR aliases LIKE ? ESCAPE '\\')")
        params.extend([contains_pattern(fold(name)), contains_pattern(name)])
    return " AND ".join(clauses), params


def _actor_row(row: sqlite3.Row) -> dict[str, Any]:
    d = dict(row)
    d.pop("name_key", None)
    for key in ("aliases", "roles", "candidates"):
        d[key] = json.loads(d[key])
    d["ambiguous"] = bool(d["ambiguous"])
    d["id"] = d.pop("actor_id")
    return d


def _article_row(a: Article, version: int, run_id: int | None) -> dict[str, Any]:
    return {
        "article_id": a.article_id,
        "source_key": a.source_key,
        "version": version,
        "input_sha1": a.input_sha1,
        "content_sha1": a.content_sha1,
        "doc": a.doc,
        "url": a.url,
        "title": a.title,
        "outlet": a.outlet,
        "language": a.language,
        "language_score": a.language_score,
        "published": a.published,
        "authors": json.dumps(a.authors, ensure_ascii=False),
        "input_format": a.input_format,
        "encoding": a.encoding,
        "text": a.text,
        "clean_text": a.clean_text,
        "removed": json.dumps([r.to_dict() for r in a.removed], ensure_ascii=False),
        "paragraphs": json.dumps([p.to_dict() for p in a.paragraphs]),
        "meta": json.dumps(
            {k: v for k, v in a.meta.items() if not k.startswith("_")}, ensure_ascii=False
        ),
        "results": _results_json(a),
        "errors": json.dumps([e.to_dict() for e in a.errors], ensure_ascii=False),
        "run_id": run_id,
        "ingested_at": now(),
    }


def _row_article(row: sqlite3.Row) -> Article:
    a = Article(
        doc=row["doc"],
        text=row["text"],
        source_key=row["source_key"],
        url=row["url"],
        title=row["title"],
        outlet=row["outlet"],
        published=row["published"],
        authors=json.loads(row["authors"]),
        language=row["language"],
        language_score=row["language_score"],
        input_format=row["input_format"],
        encoding=row["encoding"],
        meta=json.loads(row["meta"]),
        removed=[Removal(**r) for r in json.loads(row["removed"])],
        paragraphs=[Paragraph(**p) for p in json.loads(row["paragraphs"])],
        results=json.loads(row["results"]),
        errors=[StageError(**e) for e in json.loads(row["errors"])],
        input_sha1=row["input_sha1"],
    )
    a.meta.setdefault("version", row["version"])
    return a


#: grouped counts of the facets of a search over ``hits x`` (the matches with their
#: ``article_facets`` columns) under the other filters (``{where}``): value, count, NULL
_FACET_GROUPS = {
    name: f"SELECT '{name}', x.{column}, count(*) AS n, NULL FROM hits x"
    f" WHERE x.{column} IS NOT NULL AND {{where}}"
    f" GROUP BY x.{column} ORDER BY n DESC, x.{column} LIMIT ?"
    for name, column in (("outlet", "outlet"), ("language", "language"), ("story", "story_id"))
}
#: yes/no marks: the number of matches with the mark and the number in all (one scan, no sort)
_FACET_MARKS = {
    name: f"SELECT '{name}', 'yes', sum(x.{name}), count(*) FROM hits x WHERE {{where}}"
    for name in ("has_quotes", "is_copy")
}
#: actors quoted or named: over a sample of the matches (those first in a fixed shuffle of
#: rowids) when there are more, with the number of matches in all
_FACET_ACTORS = (
    "SELECT 'actor', m.actor_id, count(DISTINCT s.rowid) AS n,"
    " (SELECT count(*) FROM hits x WHERE {where})"
    " FROM (SELECT x.rowid FROM hits x"
    " WHERE EXISTS (SELECT 1 FROM actor_mentions) AND {where}"
    " ORDER BY (x.rowid * 2654435761) % 4294967296 LIMIT ?) s"
    " CROSS JOIN actor_mentions m ON m.article_rowid = s.rowid"
    " WHERE m.actor_id IS NOT NULL GROUP BY m.actor_id ORDER BY n DESC, m.actor_id LIMIT ?"
)
#: the filter each facet sets (its own filter is left out of its counts)
_FACET_FILTER = {"outlet": "outlet", "language": "language", "story": "story", "actor": "actor"}
_FACET_FILTER |= {name: name for name in _FACET_MARKS}


class FacetCounts(dict[str, list[tuple[str, int]]]):
    """Per facet, ``[(value, count)]``, largest first (``yes`` before ``no``). ``sampled``:
    the facets whose counts are estimates, with ``(matches counted, matches in all)``."""

    def __init__(self) -> None:
        super().__init__()
        self.sampled: dict[str, tuple[int, int]] = {}


class SQLiteStore(CopyStore, StoryStore, QuoteGroupStore, OutletStore, CorpusReset):
    """Articles, runs and corpus statistics in one SQLite file."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        try:
            if readonly:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no such store (run `vigie ingest` first)")
                uri = f"file:{self.path.resolve()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(self.path, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA busy_timeout = 10000")
            if not readonly:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self.migrate()
            else:
                self._check_version()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open the store: {exc}") from None

    # -- schema -----------------------------------------------------------------------------
    def _check_version(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version < len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: store schema is version {version}, this vigie needs "
                f"{len(MIGRATIONS)}: open it once for writing (e.g. `vigie ingest`) to migrate"
            )

    def migrate(self) -> int:
        """Apply pending migrations; returns the schema version."""
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: store schema version {version} is newer than this vigie "
                f"({len(MIGRATIONS)}): upgrade vigie"
            )
        # migrations may fold text in SQL (e.g. 7 fills the quote groups' folded columns)
        self.conn.create_function("vigie_fold", 1, fast_fold, deterministic=True)
        for i in range(version, len(MIGRATIONS)):
            with self.conn:
                self.conn.executescript(
                    f"BEGIN; {MIGRATIONS[i]}; PRAGMA user_version = {i + 1}; COMMIT;"
                )
        return len(MIGRATIONS)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- runs -------------------------------------------------------------------------------
    def start_run(self, inputs: Sequence[str]) -> int:
        with self.conn:
            cur = self.conn.execute(
                "INSERT INTO runs(started, inputs) VALUES (?, ?)",
                (now(), json.dumps(list(inputs), ensure_ascii=False)),
            )
        return int(cur.lastrowid or 0)

    def finish_run(
        self, run_id: int, counts: dict[str, int], failures: list[dict[str, str]]
    ) -> None:
        with self.conn:
            self.conn.execute(
                "UPDATE runs SET finished=?, seen=?, added=?, versions=?, unchanged=?, failed=?,"
                " failures=? WHERE run_id=?",
                (
                    now(),
                    counts.get("seen", 0),
                    counts.get("added", 0),
                    counts.get("versions", 0),
                    counts.get("unchanged", 0),
                    counts.get("failed", 0),
                    json.dumps(failures, ensure_ascii=False),
                    run_id,
                ),
            )

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT * FROM runs ORDER BY run_id DESC LIMIT ?", (limit,)
        ).fetchall()
        out = []
        for r in rows:
            d = dict(r)
            d["inputs"] = json.loads(d["inputs"])
            d["failures"] = json.loads(d["failures"])
            out.append(d)
        return out

    # -- writing articles -------------------------------------------------------------------
    def known(self, keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        """Which of the ``(source_key, input_sha1)`` pairs are already stored."""
        found: set[tuple[str, str]] = set()
        batch = list(keys)
        for i in range(0, len(batch), 400):
            chunk = batch[i : i + 400]
            where = " OR ".join(["(source_key=? AND input_sha1=?)"] * len(chunk))
            params = [x for pair in chunk for x in pair]
            for row in self.conn.execute(
                f"SELECT source_key, input_sha1 FROM articles WHERE {where}", params
            ):
                found.add((row[0], row[1]))
        return found

    def write_articles(
        self, articles: Sequence[Article], run_id: int | None = None
    ) -> list[WriteOutcome]:
        """Store articles in one transaction. Idempotent: an article whose source and input
        are already stored is reported ``unchanged``; a new text for a known source is stored
        as the next version."""
        outcomes: list[WriteOutcome] = []
        cols = None
        try:
            with self.conn:
                for a in articles:
                    row = self.conn.execute(
                        "SELECT article_id, version FROM articles WHERE source_key=? "
                        "AND input_sha1=?",
                        (a.source_key, a.input_sha1),
                    ).fetchone()
                    if row:
                        outcomes.append(WriteOutcome(row[0], "unchanged", row[1]))
                        continue
                    last = self.conn.execute(
                        "SELECT max(version) FROM articles WHERE source_key=?", (a.source_key,)
                    ).fetchone()[0]
                    version = (last or 0) + 1
                    data = _article_row(a, version, run_id)
                    if cols is None:
                        cols = list(data)
                    cur = self.conn.execute(
                        f"INSERT INTO articles({', '.join(cols)}) "
                        f"VALUES ({', '.join('?' * len(cols))})",
                        [data[c] for c in cols],
                    )
                    self._write_derived(int(cur.lastrowid or 0), a, fresh=True)
                    self._count_lines(a)
                    outcomes.append(
                        WriteOutcome(a.article_id, "added" if version == 1 else "version", version)
                    )
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot write articles: {exc}") from None
        return outcomes

    def _write_derived(self, rowid: int, a: Article, *, fresh: bool = False) -> None:
        """Rows of the derived tables for an article (``fresh``: just inserted, so it has
        none to replace)."""
        for table, rows in _derived_rows(a).items():
            if not fresh:
                self.conn.execute(f"DELETE FROM {table} WHERE article_rowid = ?", (rowid,))
            if rows:
                self.conn.executemany(_DERIVED_SQL[table], [(rowid, *r) for r in rows])
        fp = a.results.get("fingerprint")
        if fp is not None:
            from vigie.copies import Fingerprint

            if isinstance(fp, dict):
                fp = Fingerprint.from_dict(fp)
            if isinstance(fp, Fingerprint):
                self.conn.execute(
                    "INSERT OR REPLACE INTO fingerprints(article_rowid, fp) VALUES (?, ?)",
                    (rowid, fp.to_bytes()),
                )

    def _count_lines(self, a: Article) -> None:
        lines = a.meta.get("_candidate_lines")
        if not a.outlet:
            return
        self.conn.execute(
            "INSERT INTO outlet_articles(outlet, n_articles) VALUES (?, 1) "
            "ON CONFLICT(outlet) DO UPDATE SET n_articles = n_articles + 1",
            (a.outlet,),
        )
        if lines:
            self.conn.executemany(
                "INSERT INTO outlet_lines(outlet, line, n_articles) VALUES (?, ?, 1) "
                "ON CONFLICT(outlet, line) DO UPDATE SET n_articles = n_articles + 1",
                [(a.outlet, line) for line in lines],
            )

    def update_analysis(self, articles: Sequence[Article]) -> None:
        """Rewrite the derived fields of stored articles (after re-cleaning or re-analysis)."""
        with self.conn:
            for a in articles:
                self.conn.execute(
                    "UPDATE articles SET title=?, outlet=?, language=?, language_score=?,"
                    " published=?, clean_text=?, removed=?, paragraphs=?, results=?, errors=?"
                    " WHERE article_id=?",
                    (
                        a.title,
                        a.outlet,
                        a.language,
                        a.language_score,
                        a.published,
                        a.clean_text,
                        json.dumps([r.to_dict() for r in a.removed], ensure_ascii=False),
                        json.dumps([p.to_dict() for p in a.paragraphs]),
                        _results_json(a),
                        json.dumps([e.to_dict() for e in a.errors], ensure_ascii=False),
                        a.article_id,
                    ),
                )
                row = self.conn.execute(
                    "SELECT rowid FROM articles WHERE article_id = ?", (a.article_id,)
                ).fetchone()
                if row:
                    self._write_derived(row[0], a)

    # -- furniture statistics ---------------------------------------------------------------
    def outlet_line_counts(self, min_articles: int) -> dict[str, tuple[int, dict[str, int]]]:
        """Per outlet: its article count and the lines seen in at least ``min_articles``."""
        out: dict[str, tuple[int, dict[str, int]]] = {}
        totals = dict(self.conn.execute("SELECT outlet, n_articles FROM outlet_articles"))
        for outlet, line, n in self.conn.execute(
            "SELECT outlet, line, n_articles FROM outlet_lines WHERE n_articles >= ?",
            (min_articles,),
        ):
            out.setdefault(outlet, (totals.get(outlet, 0), {}))[1][line] = n
        return out

    def furniture(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for outlet, line in self.conn.execute(
            "SELECT outlet, line FROM furniture ORDER BY outlet, line"
        ):
            out.setdefault(outlet, []).append(line)
        return out

    def add_furniture(self, outlet: str, lines: Iterable[str]) -> list[str]:
        """Record learned furniture lines; returns those that were new."""
        new: list[str] = []
        with self.conn:
            for line in lines:
                cur = self.conn.execute(
                    "INSERT OR IGNORE INTO furniture(outlet, line, learned_at) VALUES (?, ?, ?)",
                    (outlet, line, now()),
                )
                if cur.rowcount:
                    new.append(line)
        return new

    def articles_with_lines(self, outlet: str, lines: Sequence[str]) -> Iterator[Article]:
        """Stored articles of ``outlet`` whose clean text still holds one of ``lines``."""
        wanted = set(lines)
        hits = [
            rowid
            for rowid, clean in self.conn.execute(
                "SELECT rowid, clean_text FROM articles WHERE outlet = ?", (outlet,)
            )
            if any(line.strip() in wanted for line in clean.split("\n"))
        ]
        for rowid in hits:
            row = self.conn.execute("SELECT * FROM articles WHERE rowid = ?", (rowid,)).fetchone()
            yield _row_article(row)

    # -- reading ----------------------------------------------------------------------------
    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def get_article(self, article_id: str) -> Article:
        row = self.conn.execute(
            "SELECT * FROM articles WHERE article_id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no article with id {article_id!r}")
        return _row_article(row)

    def article_ids(self, filters: ArticleFilters | None = None) -> list[str]:
        where, params = (filters or ArticleFilters()).sql("x")
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT a.article_id FROM articles a JOIN article_facets x ON x.rowid = a.rowid"
                f" WHERE {where} ORDER BY a.rowid",
                params,
            )
        ]

    def get_articles(self, article_ids: Sequence[str]) -> list[Article]:
        """Articles by id, in the order given (unknown ids are left out)."""
        found: dict[str, Article] = {}
        for i in range(0, len(article_ids), 500):
            chunk = list(article_ids[i : i + 500])
            marks = ", ".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT * FROM articles WHERE article_id IN ({marks})", chunk
            ).fetchall():
                found[row["article_id"]] = _row_article(row)
        return [found[i] for i in article_ids if i in found]

    def article_versions(self, source_key: str) -> list[dict[str, Any]]:
        return [
            dict(r)
            for r in self.conn.execute(
                "SELECT article_id, version, ingested_at, content_sha1 FROM articles "
                "WHERE source_key=? ORDER BY version",
                (source_key,),
            )
        ]

    def iter_articles(self, filters: ArticleFilters | None = None) -> Iterator[Article]:
        where, params = (filters or ArticleFilters()).sql("x")
        cur = self.conn.execute(
            "SELECT a.* FROM articles a JOIN article_facets x ON x.rowid = a.rowid"
            f" WHERE {where} ORDER BY a.rowid",
            params,
        )
        for row in cur:
            yield _row_article(row)

    def outlets(self) -> list[tuple[str, int]]:
        return [
            (r[0], r[1])
            for r in self.conn.execute(
                "SELECT outlet, count(*) FROM article_facets WHERE outlet IS NOT NULL "
                "GROUP BY outlet ORDER BY count(*) DESC, outlet"
            )
        ]

    def languages(self) -> list[tuple[str, int]]:
        return [
            (r[0], r[1])
            for r in self.conn.execute(
                "SELECT language, count(*) FROM article_facets WHERE language IS NOT NULL "
                "GROUP BY language ORDER BY count(*) DESC"
            )
        ]

    def recent_articles(self, limit: int = 10) -> list[dict[str, Any]]:
        """The most recently published articles; undated ones fill up when too few are dated."""
        cols = "SELECT a.article_id, a.title, x.outlet, x.language, x.published"
        rows = [
            dict(r)
            for r in self.conn.execute(
                f"{cols} FROM article_facets x JOIN articles a ON a.rowid = x.rowid"
                " WHERE x.published IS NOT NULL ORDER BY x.published DESC, x.rowid DESC LIMIT ?",
                (limit,),
            )
        ]
        if len(rows) < limit:
            rows += [
                dict(r)
                for r in self.conn.execute(
                    f"{cols} FROM article_facets x JOIN articles a ON a.rowid = x.rowid"
                    " WHERE x.published IS NULL ORDER BY x.rowid DESC LIMIT ?",
                    (limit - len(rows),),
                )
            ]
        return rows

    def search_facets(
        self,
        query: str,
        filters: ArticleFilters | None = None,
        *,
        top: int = 12,
        actor_sample: int = 1000,
    ) -> FacetCounts:
        """Counts of matching articles per outlet, language, actor (quoted or named), story,
        ``has_quotes`` and ``is_copy`` (``yes``/``no``). Each facet counts under the other
        filters (its own left out), at most ``top`` values each. Actors are counted in
        ``actor_sample`` matches when there are more (then the counts are scaled up to all
        the matches and the facet is in ``sampled``): an article names many actors.

        One statement: the matches are read once from the full-text index with their narrow
        ``article_facets`` rows (in the date range, and whether they name the actor filtered
        on), then grouped per facet."""
        filters = filters or ArticleFilters()
        # the dates have no facet: every facet counts in the range, read with the matches
        dates = ArticleFilters(since=filters.since, until=filters.until)
        rest = replace(filters, since=None, until=None)
        in_range, range_params = dates.sql("x")
        flag, flag_params = "", []
        if rest.actor:
            # the actor filter, checked once per match for every facet but its own
            flag = (
                ", EXISTS (SELECT 1 FROM actor_mentions m"
                " WHERE m.actor_id = ? AND m.article_rowid = x.rowid) AS in_actor"
            )
            flag_params = [rest.actor]
        params: list[Any] = [*flag_params, to_fts5(query), *range_params]
        parts: list[str] = []
        for facet, select in (*_FACET_GROUPS.items(), *_FACET_MARKS.items(), ("actor", "")):
            others = replace(rest, **{"actor": None, _FACET_FILTER[facet]: None})
            where, values = others.sql("x")
            if flag and facet != "actor":
                where += " AND x.in_actor"
            if facet == "actor":
                parts.append(f"SELECT * FROM ({_FACET_ACTORS.format(where=where)})")
                params.extend([*values, *values, actor_sample, top])
            else:
                parts.append(f"SELECT * FROM ({select.format(where=where)})")
                params.extend([*values, top] if select in _FACET_GROUPS.values() else values)
        rows = self._fts(
            "WITH hits AS MATERIALIZED (SELECT x.rowid, x.outlet, x.language, x.story_id,"
            f" x.has_quotes, x.is_copy{flag} FROM articles_fts f"
            " JOIN article_facets x ON x.rowid = f.rowid"
            f" WHERE articles_fts MATCH ? AND {in_range}) " + " UNION ALL ".join(parts),
            params,
            query,
        )
        out = FacetCounts()
        for facet in (*_FACET_GROUPS, "actor", *_FACET_MARKS):
            out[facet] = []
        for facet, value, n, total in rows:
            if facet in _FACET_MARKS:
                out[facet] = [(v, c) for v, c in (("yes", n or 0), ("no", total - (n or 0))) if c]
            elif facet == "actor" and total > actor_sample:
                out.sampled["actor"] = (actor_sample, total)
                out[facet].append((value, min(total, round(n * total / actor_sample))))
            else:
                out[facet].append((value, n))
        for facet in (*_FACET_GROUPS, "actor"):
            out[facet].sort(key=lambda v: (-v[1], v[0]))
        return out

    def actor_names(self, actor_ids: Iterable[str]) -> dict[str, str]:
        """The names of these actors (unknown ids are left out)."""
        ids = list(dict.fromkeys(actor_ids))[:500]
        marks = ", ".join("?" * len(ids))
        return {
            r[0]: r[1]
            for r in self.conn.execute(
                f"SELECT actor_id, name FROM actors WHERE actor_id IN ({marks})", ids
            )
        }

    def story_labels(self, story_ids: Iterable[str]) -> dict[str, str]:
        """The labels of these stories (unknown ids are left out)."""
        ids = list(dict.fromkeys(story_ids))[:500]
        marks = ", ".join("?" * len(ids))
        return {
            r[0]: r[1]
            for r in self.conn.execute(
                f"SELECT story_id, label FROM stories WHERE story_id IN ({marks})", ids
            )
        }

    def search_volume(
        self, query: str | None, filters: ArticleFilters | None = None, *, unit: str = "month"
    ) -> list[tuple[str, int]]:
        """Matching articles per ``day``, ``month`` or ``year`` of publication (all articles
        when ``query`` is None), oldest first; undated articles are left out."""
        width = {"day": 10, "month": 7, "year": 4}.get(unit)
        if width is None:
            raise ValueError(f"unit must be day, month or year, not {unit!r}")
        where, params = (filters or ArticleFilters()).sql("x", probe=query is not None)
        if query is None:
            rows = self.conn.execute(
                f"SELECT substr(x.published, 1, {width}) AS k, count(*) FROM article_facets x"
                f" WHERE x.published IS NOT NULL AND {where} GROUP BY k ORDER BY k",
                params,
            ).fetchall()
        else:
            rows = self._fts(
                f"SELECT substr(x.published, 1, {width}) AS k, count(*) FROM articles_fts f"
                " JOIN article_facets x ON x.rowid = f.rowid"
                f" WHERE articles_fts MATCH ? AND x.published IS NOT NULL AND {where}"
                " GROUP BY k ORDER BY k",
                [to_fts5(query), *params],
                query,
            )
        return [(r[0], r[1]) for r in rows]

    def _fts(self, sql: str, params: Sequence[Any], query: str) -> list[sqlite3.Row]:
        """Run a full-text query; FTS5 syntax errors become :class:`QueryError`."""
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            msg = str(exc)
            if "fts5" in msg or "no such column" in msg or "syntax error" in msg:
                raise QueryError(f"cannot search for {query!r}: {msg}") from None
            raise StoreError(f"{self.path}: search failed: {msg}") from None

    def search(
        self,
        query: str,
        filters: ArticleFilters | None = None,
        *,
        limit: int = 20,
        offset: int = 0,
        count: bool = True,
    ) -> SearchPage:
        """Full-text search over title and clean text, best matches first."""
        match = to_fts5(query)
        filters = filters or ArticleFilters()
        where, params = filters.sql("x", probe=True)
        join = "" if filters.empty else " JOIN article_facets x ON x.rowid = f.rowid"
        # rank first over the narrow tables, then build snippets for the page only
        ranked = self._fts(
            f"SELECT f.rowid, bm25(articles_fts, 4.0, 1.0) AS score FROM articles_fts f{join}"
            f" WHERE articles_fts MATCH ? AND {where} ORDER BY score LIMIT ? OFFSET ?",
            [match, *params, limit, offset],
            query,
        )
        scores = {r[0]: r[1] for r in ranked}
        rows = []
        if ranked:
            marks = ", ".join("?" * len(ranked))
            by_id = {
                r["rowid"]: r
                for r in self._fts(
                    "SELECT a.rowid, a.article_id, a.title, a.outlet, a.language,"
                    " a.published, a.doc,"
                    f" snippet(articles_fts, 1, '{_SNIP_OPEN}', '{_SNIP_CLOSE}', '…', 24)"
                    " AS snip FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
                    f" WHERE articles_fts MATCH ? AND articles_fts.rowid IN ({marks})",
                    [match, *scores],
                    query,
                )
            }
            rows = [by_id[r[0]] for r in ranked if r[0] in by_id]
        total = len(rows) + offset
        if count and (len(rows) == limit or offset or limit == 0):
            total = self._fts(
                f"SELECT count(*) FROM articles_fts f{join} WHERE articles_fts MATCH ? AND {where}",
                [match, *params],
                query,
            )[0][0]
        hits = [
            SearchHit(
                article_id=r["article_id"],
                title=r["title"],
                outlet=r["outlet"],
                language=r["language"],
                published=r["published"],
                doc=r["doc"],
                snippet=r["snip"] or "",
                score=-float(scores[r["rowid"]]),
            )
            for r in rows
        ]
        return SearchPage(query=query, total=int(total), hits=hits)

    # -- quotations, cited sources, events ---------------------------------------------------
    _ARTICLE_COLS = "a.article_id, a.doc, a.title, x.outlet, x.language, x.published"

    def quotes(
        self, filters: QuoteFilters | None = None, *, limit: int = 100, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Quotations with their article's id, doc, title, outlet and date, newest first."""
        where, params = (filters or QuoteFilters()).sql()
        rows = self.conn.execute(
            f"SELECT q.*, {self._ARTICLE_COLS} FROM quotes q"
            " JOIN article_facets x ON x.rowid = q.article_rowid"
            " JOIN articles a ON a.rowid = q.article_rowid"
            f" WHERE {where} ORDER BY x.published DESC, q.article_rowid, q.idx"
            " LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return [dict(r) for r in rows]

    def quote_export_rows(self, filters: QuoteFilters | None = None) -> Iterator[sqlite3.Row]:
        """Quotations with their article's doc, content SHA-1 and id, article by article."""
        where, params = (filters or QuoteFilters()).sql()
        yield from self.conn.execute(
            "SELECT q.*, a.doc, a.content_sha1, a.article_id FROM quotes q"
            " JOIN article_facets x ON x.rowid = q.article_rowid"
            " JOIN articles a ON a.rowid = q.article_rowid"
            f" WHERE {where} ORDER BY q.article_rowid, q.idx",
            params,
        )

    def count_quotes(self, filters: QuoteFilters | None = None) -> int:
        where, params = (filters or QuoteFilters()).sql()
        return int(
            self.conn.execute(
                "SELECT count(*) FROM quotes q JOIN article_facets x ON x.rowid = q.article_rowid"
                f" WHERE {where}",
                params,
            ).fetchone()[0]
        )

    def speakers(
        self, filters: QuoteFilters | None = None, limit: int = 100
    ) -> list[dict[str, Any]]:
        """Speakers by number of quotations, with outlets and relays."""
        where, params = (filters or QuoteFilters()).sql()
        rows = self.conn.execute(
            "SELECT q.speaker, count(*) AS quotes, count(DISTINCT q.article_rowid) AS articles,"
            " count(DISTINCT x.outlet) AS outlets, min(x.published) AS first,"
            " max(x.published) AS last, group_concat(DISTINCT q.via) AS vias"
            " FROM quotes q JOIN article_facets x ON x.rowid = q.article_rowid"
            f" WHERE q.speaker IS NOT NULL AND {where}"
            " GROUP BY q.speaker ORDER BY quotes DESC, q.speaker LIMIT ?",
            [*params, limit],
        ).fetchall()
        out = []
        for r in rows:
            d = dict(r)
            d["vias"] = sorted(set((d["vias"] or "").split(","))) if d["vias"] else []
            out.append(d)
        return out

    def citations(
        self,
        source: str | None = None,
        articles: ArticleFilters | None = None,
        *,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Article → cited source mentions ("selon Tass"), newest first."""
        where, params = (articles or ArticleFilters()).sql("x")
        if source:
            where += " AND c.source_key LIKE ? ESCAPE '\\'"
            params.append(contains_pattern(fold(source)))
        sql = (
            f"SELECT c.*, {self._ARTICLE_COLS} FROM citations c"
            " JOIN article_facets x ON x.rowid = c.article_rowid"
            " JOIN articles a ON a.rowid = c.article_rowid"
            f" WHERE {where} ORDER BY x.published DESC, c.article_rowid, c.idx"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [dict(r) for r in self.conn.execute(sql, params)]

    def events(
        self,
        articles: ArticleFilters | None = None,
        *,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Dated statements, by the date they are about."""
        where, params = (articles or ArticleFilters()).sql("x")
        if since:
            where += " AND e.date >= ?"
            params.append(since)
        if until:
            where += " AND substr(e.date, 1, ?) <= ?"
            params.extend([len(until), until])
        sql = (
            f"SELECT e.*, {self._ARTICLE_COLS} FROM events e"
            " JOIN article_facets x ON x.rowid = e.article_rowid"
            " JOIN articles a ON a.rowid = e.article_rowid"
            f" WHERE {where} ORDER BY e.date, e.article_rowid, e.idx"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [dict(r) for r in self.conn.execute(sql, params)]

    # -- actors -----------------------------------------------------------------------------
    def actor_state(self) -> tuple[dict[str, Any], str] | None:
        row = self.conn.execute("SELECT state, registry FROM actor_state WHERE id = 1").fetchone()
        return None if row is None else (json.loads(row[0]), row[1])

    def latest_article_ids(self) -> list[str]:
        """The id of the latest version of every source."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT article_id FROM articles a WHERE version = (SELECT max(version)"
                " FROM articles b WHERE b.source_key = a.source_key) ORDER BY rowid"
            )
        ]

    def actor_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT actor_id FROM actors ORDER BY actor_id")]

    def write_actors(
        self,
        *,
        state: dict[str, Any],
        registry: str,
        mentions: Sequence[tuple[str, str, int, int, str, str | None]],
        upsert: Sequence[dict[str, Any]],
        remove: Iterable[str] = (),
        remap: dict[str, str | None] | None = None,
        replace_all: bool = False,
    ) -> None:
        """Write one actors update in one transaction: mention rows ``(article_id, source,
        idx, part, unit, actor_id)`` replace those of their articles; ``remap`` moves every
        mention of a unit to a new actor; ``upsert``/``remove`` actor rows; ``replace_all``
        first empties both tables (a rebuild)."""
        with self.conn:
            if replace_all:
                self.conn.execute("DELETE FROM actor_mentions")
                self.conn.execute("DELETE FROM actors")
            rowids: dict[str, int] = {}
            for aid in {m[0] for m in mentions}:
                row = self.conn.execute(
                    "SELECT rowid FROM articles WHERE article_id = ?", (aid,)
                ).fetchone()
                if row:
                    rowids[aid] = row[0]
                    self.conn.execute(
                        "DELETE FROM actor_mentions WHERE article_rowid = ?", (row[0],)
                    )
            self.conn.executemany(
                "INSERT OR REPLACE INTO actor_mentions(article_rowid, source, idx, part, unit,"
                " actor_id) VALUES (?, ?, ?, ?, ?, ?)",
                [(rowids[m[0]], *m[1:]) for m in mentions if m[0] in rowids],
            )
            for unit, actor in (remap or {}).items():
                self.conn.execute(
                    "UPDATE actor_mentions SET actor_id = ? WHERE unit = ?", (actor, unit)
                )
            for actor_id in remove:
                self.conn.execute("DELETE FROM actors WHERE actor_id = ?", (actor_id,))
            self.conn.executemany(
                "INSERT OR REPLACE INTO actors(actor_id, name, name_key, kind, aliases, roles,"
                " n_mentions, n_quotes, n_articles, first_seen, last_seen, ambiguous,"
                " candidates) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        a["id"],
                        a["name"],
                        fold(a["name"]),
                        a["kind"],
                        json.dumps(a["aliases"], ensure_ascii=False),
                        json.dumps(a["roles"], ensure_ascii=False),
                        a["n_mentions"],
                        a["n_quotes"],
                        a["n_articles"],
                        a["first_seen"],
                        a["last_seen"],
                        int(a["ambiguous"]),
                        json.dumps(a["candidates"], ensure_ascii=False),
                    )
                    for a in upsert
                ],
            )
            self.conn.execute(
                "INSERT OR REPLACE INTO actor_state(id, state, registry) VALUES (1, ?, ?)",
                (json.dumps(state, ensure_ascii=False), registry),
            )

    def actors(
        self,
        *,
        kind: str | None = None,
        name: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Actors, most quoted then most mentioned first; ``name`` matches part of the name
        or of an alias, accents ignored."""
        where, params = _actor_where(kind, name)
        rows = self.conn.execute(
            f"SELECT * FROM actors WHERE {where}"
            " ORDER BY n_quotes DESC, n_mentions DESC, actor_id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return [_actor_row(r) for r in rows]

    def count_actors(self, *, kind: str | None = None, name: str | None = None) -> int:
        """How many actors :meth:`actors` lists with these filters, all pages together."""
        where, params = _actor_where(kind, name)
        return int(
            self.conn.execute(f"SELECT count(*) FROM actors WHERE {where}", params).fetchone()[0]
        )

    def actor(self, actor_id: str) -> dict[str, Any]:
        row = self.conn.execute("SELECT * FROM actors WHERE actor_id = ?", (actor_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no actor with id {actor_id!r}")
        return _actor_row(row)

    def actor_quotes(self, actor_id: str, *, limit: int = 200) -> list[dict[str, Any]]:
        """Quotations attributed to an actor, newest first (same shape as :meth:`quotes`)."""
        rows = self.conn.execute(
            f"SELECT DISTINCT q.*, {self._ARTICLE_COLS} FROM actor_mentions m"
            " JOIN quotes q ON q.article_rowid = m.article_rowid AND q.idx = m.idx"
            " JOIN article_facets x ON x.rowid = q.article_rowid"
            " JOIN articles a ON a.rowid = q.article_rowid"
            " WHERE m.actor_id = ? AND m.source = 'quote'"
            " ORDER BY x.published DESC, q.article_rowid, q.idx LIMIT ?",
            (actor_id, limit),
        ).fetchall()
        return [dict(r) for r in rows]

    def article_actor_ids(self, article_id: str) -> dict[str, dict[int, list[str]]]:
        """``{"entity": {idx: [actor ids]}, "quote": {idx: [actor ids]}}`` of one article."""
        out: dict[str, dict[int, list[str]]] = {"entity": {}, "quote": {}}
        for source, idx, actor_id in self.conn.execute(
            "SELECT m.source, m.idx, m.actor_id FROM actor_mentions m"
            " JOIN articles a ON a.rowid = m.article_rowid"
            " WHERE a.article_id = ? AND m.actor_id IS NOT NULL ORDER BY m.source, m.idx, m.part",
            (article_id,),
        ):
            out.setdefault(source, {}).setdefault(idx, []).append(actor_id)
        return out
