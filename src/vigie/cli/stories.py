"""``vigie stories`` and the exports of stories and quote groups."""

from __future__ import annotations

import click

from vigie import queries
from vigie.cli.articles import emit_records, export_group, export_options
from vigie.cli.context import Ctx, emit_json, pass_ctx

__all__ = ["stories_cmd"]


@click.command("stories")
@click.option(
    "--min-articles",
    default=2,
    show_default=True,
    type=click.IntRange(1),
    help="Only stories told by at least this many articles.",
)
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10**6))
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def stories_cmd(ctx: Ctx, min_articles: int, limit: int, as_json: bool) -> None:
    """What spreads where: articles about the same event, across outlets and languages, with
    a label and the first article that told it."""
    with ctx.open_store(readonly=True) as store:
        data = queries.stories(store, min_articles=min_articles, limit=limit)
    if as_json:
        emit_json(data)
        return
    for s in data:
        click.echo(
            f"{s['story_id']}  {s['label']}  — {s['n_articles']} articles, "
            f"{', '.join(s['languages'])}, {s['first_seen'] or '?'} → "
            f"{s['last_seen'] or '?'}"
        )
        for a in s["articles"]:
            click.echo(
                f"    {a['published'] or '—'}  {a['outlet'] or '—'}  {a['title'] or a['doc']}"
            )


@export_group.command("stories")
@export_options
@click.option("--min-articles", default=1, show_default=True, type=click.IntRange(1))
@pass_ctx
def export_stories_cmd(ctx: Ctx, fmt: str, output: str | None, min_articles: int) -> None:
    """One line per story: story_id, label, docs (as ingested), first article and dates."""
    with ctx.open_store(readonly=True) as store:
        emit_records(
            queries.stories(store, min_articles=min_articles),
            queries.STORY_EXPORT_FIELDS,
            fmt,
            output,
            "stories",
        )


@export_group.command("quote-groups")
@export_options
@click.option("--min-articles", default=1, show_default=True, type=click.IntRange(1))
@pass_ctx
def export_quote_groups_cmd(ctx: Ctx, fmt: str, output: str | None, min_articles: int) -> None:
    """One line per statement reported by several articles: first appearance, fullest
    version, outlets with their delay, and each variant's difference (truncated, altered…)."""
    with ctx.open_store(readonly=True) as store:
        emit_records(
            queries.quote_groups(store, min_articles=min_articles),
            queries.QUOTE_GROUP_EXPORT_FIELDS,
            fmt,
            output,
            "quote groups",
        )
