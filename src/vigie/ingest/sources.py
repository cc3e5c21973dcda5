"""Walk the inputs a user names and yield an :class:`Article` per article found, or a
:class:`Failure` naming the input and the problem. Never raises for one bad input."""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any, cast
from urllib.parse import urlsplit

from vigie.article import Article
from vigie.config import IngestOptions
from vigie.ingest.decode import decode_bytes

__all__ = ["Failure", "normalise_date", "read_inputs"]


@dataclass(frozen=True)
class Failure:
    """An input that yielded no article: ``input`` names it (path, ``path:line``, URL)."""

    input: str
    problem: str

    def to_dict(self) -> dict[str, str]:
        return {"input": self.input, "problem": self.problem}


_TXT = (".txt", ".text")
#: metadata saved beside a .txt/.html file: ``article.txt`` + ``article.txt.meta.json``
SIDECAR = ".meta.json"
_HTML = (".html", ".htm", ".xhtml")
_JSONL = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")


def _kind(path: str) -> str | None:
    low = path.lower()
    for kind, exts in (("jsonl", _JSONL), ("html", _HTML), ("txt", _TXT)):
        if low.endswith(exts):
            return kind
    return None


def normalise_date(value: Any) -> str | None:
    """An ISO 8601 string for a date or datetime given in ISO form, else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    v = value.strip()
    try:
        dt = datetime.fromisoformat(v)
    except ValueError:
        return None
    if len(v) <= 10:
        return dt.date().isoformat()
    return dt.isoformat()


def _authors(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [a.strip() for a in value if isinstance(a, str) and a.strip()]


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _open_binary(path: Path) -> IO[bytes]:
    if str(path).lower().endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return open(path, "rb")


class _Reader:
    def __init__(self, options: IngestOptions, outlet: str | None) -> None:
        self.options = options
        self.outlet = outlet
        self.max_bytes = int(options.max_file_mb * 1_000_000)

    def _too_big(self, size: int) -> str | None:
        if size > self.max_bytes:
            return (
                f"too large: {size / 1e6:.1f} MB is over the {self.options.max_file_mb:g} MB "
                "limit for one article (set ingest.max_file_mb to raise it)"
            )
        return None

    # -- single-article files ---------------------------------------------------------------
    def read_file(self, shown: str, path: Path, kind: str) -> Iterator[Article | Failure]:
        try:
            size = path.stat().st_size
        except OSError as exc:
            yield Failure(shown, f"cannot read: {exc.strerror or exc}")
            return
        if kind == "jsonl":
            yield from self.read_jsonl(shown, path)
            return
        problem = self._too_big(size)
        if problem:
            yield Failure(shown, problem)
            return
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield Failure(shown, f"cannot read: {exc.strerror or exc}")
            return
        if not data.strip():
            yield Failure(shown, "empty file")
            return
        try:
            text, encoding = decode_bytes(data)
        except ValueError as exc:
            yield Failure(shown, str(exc))
            return
        if not text.strip():
            yield Failure(shown, "empty file (only whitespace)")
            return
        source_key = str(path.resolve())
        article = Article(
            doc=shown,
            text="" if kind == "html" else text,
            html=text if kind == "html" else None,
            source_key=source_key,
            input_format=kind,
            encoding=encoding,
            outlet=self.outlet,
        )
        problem = self._apply_sidecar(article, path)
        if problem:
            yield Failure(shown + SIDECAR, problem)
        yield article

    def _apply_sidecar(self, article: Article, path: Path) -> str | None:
        """Metadata from ``<file>.meta.json`` beside the file (url, outlet, title, published,
        authors, language), as scrapers often save it. Returns a problem, or None."""
        side = path.with_name(path.name + SIDECAR)
        if not side.is_file():
            return None
        try:
            meta = json.loads(side.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            return f"metadata file ignored: {exc}"
        if not isinstance(meta, dict):
            return "metadata file ignored: expected a JSON object"

        def text_field(key: str) -> str | None:
            value = meta.get(key)
            return value.strip() if isinstance(value, str) and value.strip() else None

        url = text_field("url")
        if url:
            article.url = url
        article.title = text_field("title") or article.title
        if not self.outlet:
            article.outlet = text_field("outlet") or _domain(url) or article.outlet
        published = normalise_date(meta.get("published"))
        if published:
            article.published = published
        elif meta.get("published"):
            article.meta["published_raw"] = str(meta["published"])
        article.authors = _authors(meta.get("authors") or meta.get("author")) or article.authors
        language = text_field("language")
        if language:
            article.language = language.lower()
        return None

    # -- JSONL ------------------------------------------------------------------------------
    def read_jsonl(
        self, shown: str, path: Path | None, stream: IO[bytes] | None = None
    ) -> Iterator[Article | Failure]:
        source = str(path.resolve()) if path else "stdin"
        try:
            if stream is None:
                assert path is not None
                raw: IO[bytes] = _open_binary(path)
            else:
                raw = stream
        except OSError as exc:
            yield Failure(shown, f"cannot read: {exc.strerror or exc}")
            return
        n_records = 0
        try:
            with raw:
                for lineno, line in enumerate(raw, 1):
                    if not line.strip():
                        continue
                    n_records += 1
                    yield self._record(shown, source, lineno, line)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            yield Failure(shown, f"cannot read past record {n_records}: {exc}")
            return
        if n_records == 0:
            yield Failure(shown, "empty file: no JSON lines")

    def _record(self, shown: str, source: str, lineno: int, line: bytes) -> Article | Failure:
        where = f"{shown}:{lineno}"
        problem = self._too_big(len(line))
        if problem:
            return Failure(where, problem)
        try:
            rec = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            if isinstance(exc, UnicodeDecodeError):
                return Failure(where, f"not UTF-8 ({exc.reason} at byte {exc.start})")
            return Failure(where, f"invalid JSON: {exc.msg} at column {exc.colno}")
        if not isinstance(rec, dict):
            return Failure(where, f"expected a JSON object, got {type(rec).__name__}")
        text, html = rec.get("text"), rec.get("html")
        if not isinstance(text, str) or not text.strip():
            text = None
        if not isinstance(html, str) or not html.strip():
            html = None
        if text is None and html is None:
            return Failure(where, "record has no 'text' or 'html' (or they are empty)")
        url = rec.get("url") if isinstance(rec.get("url"), str) and rec.get("url") else None
        published_raw = rec.get("published") or rec.get("date")
        published = normalise_date(published_raw)
        meta: dict[str, Any] = {}
        if published_raw and not published:
            meta["published_raw"] = str(published_raw)
        language = rec.get("language") if isinstance(rec.get("language"), str) else None
        title = rec.get("title") if isinstance(rec.get("title"), str) else None
        outlet = (
            self.outlet
            or (rec.get("outlet") if isinstance(rec.get("outlet"), str) else None)
            or _domain(url)
        )
        return Article(
            doc=url or where,
            text=text.replace("\r\n", "\n").replace("\r", "\n") if text else "",
            html=None if text else html,
            source_key=url or f"{source}:{lineno}",
            url=url,
            title=title.strip() if title else None,
            outlet=outlet,
            published=published,
            authors=_authors(rec.get("authors") or rec.get("author")),
            language=language.lower() if language else None,
            input_format="jsonl" if text else "jsonl-html",
            encoding="utf-8",
            meta=meta,
        )

    # -- walking ----------------------------------------------------------------------------
    def read(self, given: str, stdin: IO[bytes] | None) -> Iterator[Article | Failure]:
        if given == "-":
            yield from self.read_jsonl("stdin", None, stdin or sys.stdin.buffer)
            return
        path = Path(given)
        if path.is_dir():
            yield from self.walk(given, path)
        elif path.is_file():
            kind = _kind(given)
            if kind is None:
                yield Failure(given, self._unknown(given))
            else:
                yield from self.read_file(given, path, kind)
        elif path.exists():
            yield Failure(given, "not a regular file or directory")
        else:
            yield Failure(given, "no such file or directory")

    def _unknown(self, name: str) -> str:
        ext = "".join(Path(name).suffixes[-2:]) or "(none)"
        return f"unknown extension {ext}: vigie reads .txt, .html/.htm, .jsonl and .jsonl.gz"

    def walk(self, given: str, root: Path) -> Iterator[Article | Failure]:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith(".") or name.endswith(SIDECAR):
                    continue
                shown = os.path.join(given, os.path.relpath(os.path.join(dirpath, name), root))
                kind = _kind(name)
                if kind is None or not any(
                    name.lower().endswith(e.lower()) for e in self.options.extensions
                ):
                    yield Failure(shown, self._unknown(name))
                    continue
                yield from self.read_file(shown, Path(dirpath) / name, kind)


def read_inputs(
    paths: Sequence[str],
    options: IngestOptions | None = None,
    *,
    outlet: str | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[Article | Failure]:
    """Articles and failures from files, directories (recursively) and ``-`` (JSONL on stdin),
    in a stable order, streaming: one article in memory at a time."""
    reader = _Reader(options or IngestOptions(), outlet)
    for given in paths:
        yield from reader.read(given, stdin)


def read_bytes_jsonl(
    data: bytes, name: str = "upload", options: IngestOptions | None = None
) -> Iterable[Article | Failure]:
    """Articles from JSONL held in memory (uploads to the web API)."""
    reader = _Reader(options or IngestOptions(), None)
    return reader.read_jsonl(name, None, io.BytesIO(data))
