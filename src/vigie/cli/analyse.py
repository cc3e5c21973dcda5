"""``vigie analyse``: re-run stages on stored articles."""

from __future__ import annotations

import sys

import click

from vigie.cli.articles import _filters, filter_options
from vigie.cli.context import Ctx, emit_json, fail, pass_ctx
from vigie.errors import VigieError
from vigie.runners.analyse import analyse

__all__ = ["analyse_cmd"]


@click.command("analyse")
@click.option(
    "--stages",
    metavar="LIST",
    help="Comma-separated stages (default: the configured pipeline, without extract).",
)
@click.option("--workers", type=int, help="Worker processes (0: one per core, 1: none).")
@filter_options
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def analyse_cmd(
    ctx: Ctx,
    stages: str | None,
    workers: int | None,
    outlet: str | None,
    language: str | None,
    since: str | None,
    until: str | None,
    as_json: bool,
) -> None:
    """Run the per-article stages again on stored articles and keep the new results: after
    `vigie ingest --stages core`, after an upgrade, or after editing the actor registry."""
    options = ctx.options
    if workers is not None:
        options.pipeline.workers = workers
    names = [s.strip() for s in stages.split(",")] if stages else None
    store = ctx.open_store()
    try:
        if sys.stderr.isatty() and not as_json:
            from rich.progress import MofNCompleteColumn, Progress, TextColumn

            total = len(store.article_ids(_filters(outlet, language, since, until)))
            with Progress(TextColumn("analysing"), MofNCompleteColumn(), transient=True) as bar:
                task = bar.add_task("analyse", total=total)
                n = analyse(
                    store,
                    options,
                    names,
                    _filters(outlet, language, since, until),
                    progress=lambda d: bar.update(task, completed=d),
                )
        else:
            n = analyse(store, options, names, _filters(outlet, language, since, until))
    except VigieError as exc:
        fail(str(exc))
    finally:
        store.close()
    if as_json:
        emit_json({"analysed": n})
    else:
        click.echo(f"analysed {n} articles")
