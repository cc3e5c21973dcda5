"""``vigie search``, ``vigie show`` and ``vigie export``."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from dataclasses import replace
from typing import IO, Any

import click

from vigie import queries
from vigie.cli.context import Ctx, emit_json, fail, pass_ctx
from vigie.errors import VigieError
from vigie.storage.sqlite import ArticleFilters

__all__ = [
    "emit_records",
    "export_group",
    "export_options",
    "facet_options",
    "search_cmd",
    "show_cmd",
    "write_records",
]


def filter_options(f: Any) -> Any:
    for opt in reversed(
        [
            click.option("--outlet", help="Outlet name contains this (case-insensitive)."),
            click.option("--lang", "language", help="Language code, e.g. fr."),
            click.option("--since", metavar="DATE", help="Published on or after (YYYY-MM-DD)."),
            click.option("--until", metavar="DATE", help="Published on or before (YYYY-MM-DD)."),
        ]
    ):
        f = opt(f)
    return f


def facet_options(f: Any) -> Any:
    """``--actor``, ``--story``, ``--has-quotes/--no-quotes`` and ``--is-copy/--not-copy``: the
    filters of the search page's facets (``vigie search`` and ``vigie export articles``)."""
    for opt in reversed(
        [
            click.option("--actor", metavar="ID", help="Articles quoting or naming this actor."),
            click.option("--story", metavar="ID", help="Articles of this story."),
            click.option(
                "--has-quotes/--no-quotes",
                "has_quotes",
                default=None,
                help="Only articles with (without) a quotation.",
            ),
            click.option(
                "--is-copy/--not-copy",
                "is_copy",
                default=None,
                help="Only copies (only the others): the copy side of a relation whose "
                "direction is known, or either side of a verbatim or near-verbatim relation "
                "whose direction is not.",
            ),
        ]
    ):
        f = opt(f)
    return f


def _with_facets(
    filters: ArticleFilters,
    actor: str | None,
    story: str | None,
    has_quotes: bool | None,
    is_copy: bool | None,
) -> ArticleFilters:
    return replace(
        filters,
        actor=(actor or "").strip() or None,
        story=(story or "").strip() or None,
        has_quotes=has_quotes,
        is_copy=is_copy,
    )


def _filters(
    outlet: str | None, language: str | None, since: str | None, until: str | None
) -> ArticleFilters:
    for name, value in (("--since", since), ("--until", until)):
        if value and not _looks_like_date(value):
            fail(f"{name} {value!r}: expected a date like 2022-01-31")
    return ArticleFilters(outlet=outlet, language=language, since=since, until=until)


def _looks_like_date(value: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(value[:10])
    except ValueError:
        return False
    return True


@click.command("search")
@click.argument("query")
@filter_options
@facet_options
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option("--offset", default=0, type=click.IntRange(0))
@click.option("--json", "as_json", is_flag=True, help="Print results as JSON.")
@pass_ctx
def search_cmd(
    ctx: Ctx,
    query: str,
    outlet: str | None,
    language: str | None,
    since: str | None,
    until: str | None,
    actor: str | None,
    story: str | None,
    has_quotes: bool | None,
    is_copy: bool | None,
    limit: int,
    offset: int,
    as_json: bool,
) -> None:
    """Full-text search (accents and case ignored). QUERY takes words, "exact phrases",
    OR, NOT, parentheses and prefix* terms."""
    filters = _with_facets(
        _filters(outlet, language, since, until), actor, story, has_quotes, is_copy
    )
    with ctx.open_store(readonly=True) as store:
        try:
            result = queries.search(store, query, filters, limit=limit, offset=offset)
        except VigieError as exc:
            fail(str(exc))
    result["filters"] = filters.shown()
    if as_json:
        emit_json(result)
        return
    click.echo(f"{result['total']} articles match {query!r}")
    for h in result["hits"]:
        snippet = "".join(
            click.style(p["text"], bold=True) if p["match"] else p["text"] for p in h["snippet"]
        ).replace("\n", " ")
        click.echo(
            f"\n{h['article_id']}  {h['published'] or '—'}  {h['outlet'] or '—'}  "
            f"[{h['language'] or '?'}]"
        )
        click.echo(f"  {h['title'] or '(no title)'}")
        click.echo(f"  {snippet}")


@click.command("show")
@click.argument("article_id")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def show_cmd(ctx: Ctx, article_id: str, as_json: bool) -> None:
    """Show one stored article: metadata, clean text and what cleaning removed."""
    with ctx.open_store(readonly=True) as store:
        try:
            rec = queries.article_view(store, article_id)
        except VigieError as exc:
            fail(str(exc))
    if as_json:
        emit_json(rec)
        return
    click.echo(
        f"{rec['title'] or '(no title)'}\n{rec['outlet'] or '—'} · "
        f"{rec['published'] or 'no date'} · {rec['language'] or '?'} · {rec['doc']}\n"
    )
    click.echo(rec["clean_text"])
    if rec["removed"]:
        click.echo("\nremoved:")
        for r in rec["removed"]:
            click.echo(f"  [{r['start']}:{r['end']}] {r['reason']}: {r['text'].strip()!r}")


@click.group("export")
def export_group() -> None:
    """Export stored data as JSONL or CSV."""


def write_records(
    records: Iterable[dict[str, Any]], fields: list[str], fmt: str, out: IO[str]
) -> int:
    n = 0
    if fmt == "jsonl":
        for rec in records:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    else:
        for i, chunk in enumerate(queries.to_csv_rows(records, fields)):
            out.write(chunk)
            n = i
    return n


def export_options(f: Any) -> Any:
    """``--format jsonl|csv`` and ``-o/--output FILE``, shared by every export command."""
    f = click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, writable=True),
        help="Write here instead of standard output.",
    )(f)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["jsonl", "csv"]),
        default="jsonl",
        show_default=True,
    )(f)


def emit_records(
    records: Iterable[dict[str, Any]], fields: list[str], fmt: str, output: str | None, what: str
) -> None:
    """Write an export to ``output`` (saying how many records) or to standard output."""
    if output:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            n = write_records(records, fields, fmt, fh)
        click.echo(f"wrote {n} {what} to {output}", err=True)
    else:
        write_records(records, fields, fmt, sys.stdout)


@export_group.command("articles")
@export_options
@filter_options
@facet_options
@pass_ctx
def export_articles_cmd(
    ctx: Ctx,
    fmt: str,
    output: str | None,
    outlet: str | None,
    language: str | None,
    since: str | None,
    until: str | None,
    actor: str | None,
    story: str | None,
    has_quotes: bool | None,
    is_copy: bool | None,
) -> None:
    """One record per article: doc, article_id, title, outlet, language, published, text,
    clean_text, removed [{start, end, text, reason}] and more."""
    filters = _with_facets(
        _filters(outlet, language, since, until), actor, story, has_quotes, is_copy
    )
    with ctx.open_store(readonly=True) as store:
        emit_records(
            queries.export_articles(store, filters),
            queries.ARTICLE_EXPORT_FIELDS,
            fmt,
            output,
            "articles",
        )
