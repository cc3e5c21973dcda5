"""``vigie quotes`` and the exports of quotations, cited sources and dated events.

Each takes the article filters of ``vigie export articles``: ``--outlet``, ``--lang``, the
dates, and the facet filters ``--actor``, ``--story``, ``--has-quotes/--no-quotes`` and
``--is-copy/--not-copy`` (a quotation, cited source or dated statement is kept when its
article matches them)."""

from __future__ import annotations

import click

from vigie import queries
from vigie.cli.articles import (
    _filters,
    _with_facets,
    emit_records,
    export_group,
    export_options,
    facet_options,
    filter_options,
)
from vigie.cli.context import Ctx, emit_json, pass_ctx
from vigie.storage.sqlite import ArticleFilters, QuoteFilters

__all__ = ["quotes_cmd"]

QUOTE_TYPES = ["direct", "indirect", "mixed", "selon"]


def _article_filters(
    outlet: str | None,
    language: str | None,
    since: str | None,
    until: str | None,
    facets: tuple[str | None, str | None, bool | None, bool | None],
) -> ArticleFilters:
    """The article filters of the flags: outlet, language, dates and the facet filters
    (actor, story, has_quotes, is_copy)."""
    return _with_facets(_filters(outlet, language, since, until), *facets)


@click.command("quotes")
@click.option("--speaker", help="Speaker name contains this (accents and case ignored).")
@click.option("--via", help="Relayed through this outlet or agency (part of the name).")
@click.option("--type", "qtype", type=click.Choice(QUOTE_TYPES), help="Kind of quotation.")
@filter_options
@facet_options
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100000))
@click.option("--offset", default=0, type=click.IntRange(0))
@click.option("--json", "as_json", is_flag=True, help="Print quotations as JSON.")
@pass_ctx
def quotes_cmd(
    ctx: Ctx,
    speaker: str | None,
    via: str | None,
    qtype: str | None,
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
    """Who said what: quotations with speaker, cue, stance and relaying source, newest first."""
    articles = _article_filters(outlet, language, since, until, (actor, story, has_quotes, is_copy))
    filters = QuoteFilters(speaker=speaker, via=via, type=qtype, articles=articles)
    with ctx.open_store(readonly=True) as store:
        result = queries.quotes(store, filters, limit=limit, offset=offset)
    shown = {"speaker": speaker, "via": via, "type": qtype}
    result["filters"] = {k: v for k, v in shown.items() if v} | articles.shown()
    if as_json:
        emit_json(result)
        return
    click.echo(f"{result['total']} quotations")
    for q in result["quotes"]:
        who = q["speaker"] or "(unattributed)"
        extra = " · ".join(
            x
            for x in (q["cue"] and q["cue"]["text"], q["stance"], q["via"] and f"via {q['via']}")
            if x
        )
        click.echo(
            f"\n{q['published'] or '—'}  {q['outlet'] or '—'}  [{q['type']}]  {who}"
            + (f"  ({extra})" if extra else "")
        )
        click.echo(f"  « {q['text']} »")
        click.echo(f"  {q['article_id']} [{q['start']}:{q['end']}]")


@export_group.command("quotes")
@export_options
@click.option("--speaker", help="Speaker name contains this (accents and case ignored).")
@click.option("--via", help="Relayed through this outlet or agency (part of the name).")
@click.option("--type", "qtype", type=click.Choice(QUOTE_TYPES), help="Kind of quotation.")
@filter_options
@facet_options
@pass_ctx
def export_quotes_cmd(
    ctx: Ctx,
    fmt: str,
    output: str | None,
    speaker: str | None,
    via: str | None,
    qtype: str | None,
    outlet: str | None,
    language: str | None,
    since: str | None,
    until: str | None,
    actor: str | None,
    story: str | None,
    has_quotes: bool | None,
    is_copy: bool | None,
) -> None:
    """One line per quotation, in the format of specs/quotes.md (doc, doc_sha1, article_id,
    start, end, text, type, speaker, speaker_mention, cue, via, confidence)."""
    articles = _article_filters(outlet, language, since, until, (actor, story, has_quotes, is_copy))
    filters = QuoteFilters(speaker=speaker, via=via, type=qtype, articles=articles)
    with ctx.open_store(readonly=True) as store:
        emit_records(
            queries.export_quotes(store, filters),
            queries.QUOTE_EXPORT_FIELDS,
            fmt,
            output,
            "quotations",
        )


@export_group.command("citations")
@export_options
@click.option("--source", help="Cited outlet or agency (part of the name).")
@filter_options
@facet_options
@pass_ctx
def export_citations_cmd(
    ctx: Ctx,
    fmt: str,
    output: str | None,
    source: str | None,
    outlet: str | None,
    language: str | None,
    since: str | None,
    until: str | None,
    actor: str | None,
    story: str | None,
    has_quotes: bool | None,
    is_copy: bool | None,
) -> None:
    """One line per mention of a media outlet or agency used as a source ("selon Tass")."""
    filters = _article_filters(outlet, language, since, until, (actor, story, has_quotes, is_copy))
    with ctx.open_store(readonly=True) as store:
        emit_records(
            queries.export_citations(store, source, filters),
            queries.CITATION_EXPORT_FIELDS,
            fmt,
            output,
            "citations",
        )


@export_group.command("events")
@export_options
@filter_options
@facet_options
@pass_ctx
def export_events_cmd(
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
    """One line per dated statement ("Le 26 janvier, … ont remis …"), by date.

    Here --since and --until are the dates the statements are about, not publication dates.
    """
    filters = _article_filters(outlet, language, None, None, (actor, story, has_quotes, is_copy))
    with ctx.open_store(readonly=True) as store:
        emit_records(
            queries.export_events(store, filters, since=since, until=until),
            queries.EVENT_EXPORT_FIELDS,
            fmt,
            output,
            "events",
        )
