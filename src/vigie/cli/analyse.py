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
@click.option(
    "--corpus/--no-corpus",
    default=True,
    show_default=True,
    help="Afterwards, build again the copies (after fingerprints) and the stories and quote "
    "groups (after entities or quotes) over the whole store.",
)
@click.option(
    "--corpus-only",
    is_flag=True,
    help="Run no stage: only build the copies, stories and quote groups again.",
)
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
    corpus: bool,
    corpus_only: bool,
    as_json: bool,
) -> None:
    """Run the per-article stages again on stored articles and keep the new results: after
    `vigie ingest --stages core`, after an upgrade, or after editing the actor registry.
    Then the corpus steps that read those stages' results are built again over the whole
    store (see --corpus)."""
    options = ctx.options
    if workers is not None:
        options.pipeline.workers = workers
    names = [s.strip() for s in stages.split(",")] if stages else None
    if corpus_only and (stages or not corpus):
        fail("--corpus-only runs no stage: it cannot be given with --stages or --no-corpus")
    store = ctx.open_store()
    try:
        if sys.stderr.isatty() and not as_json:
            from rich.progress import MofNCompleteColumn, Progress, TextColumn

            filters = None if corpus_only else _filters(outlet, language, since, until)
            total = len(store.article_ids(filters))
            label = "rebuilding copies and stories" if corpus_only else "analysing"
            with Progress(TextColumn(label), MofNCompleteColumn(), transient=True) as bar:
                task = bar.add_task("analyse", total=total)
                report = analyse(
                    store,
                    options,
                    names,
                    _filters(outlet, language, since, until),
                    progress=lambda d: bar.update(task, completed=d),
                    corpus=corpus,
                    corpus_only=corpus_only,
                )
        else:
            report = analyse(
                store,
                options,
                names,
                _filters(outlet, language, since, until),
                corpus=corpus,
                corpus_only=corpus_only,
            )
    except VigieError as exc:
        fail(str(exc))
    finally:
        store.close()
    if as_json:
        emit_json(report.to_dict())
        return
    if not corpus_only:
        click.echo(f"analysed {report.analysed} articles")
    if report.corpus is not None:
        built = report.corpus.to_dict()
        parts = [
            f"{v} {k.replace('_', ' ')}"
            for k, v in built.items()
            if k != "articles" and v is not None
        ]
        click.echo(f"rebuilt from {report.corpus.articles} articles: " + ", ".join(parts))
