"""``vigie ingest`` and ``vigie runs``."""

from __future__ import annotations

import sys

import click

from vigie.cli.context import Ctx, emit_json, fail, pass_ctx
from vigie.config import CORE_STAGES
from vigie.errors import VigieError
from vigie.runners.ingest import ingest

__all__ = ["ingest_cmd", "runs_cmd"]


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--outlet", help="Outlet name for every article read (overrides the input's).")
@click.option("--workers", type=int, help="Worker processes (0: one per core, 1: none).")
@click.option(
    "--stages",
    metavar="LIST",
    help="Comma-separated stages to run instead of the configured pipeline; 'core' for "
    "extract,metadata,clean,language (no language model: fastest).",
)
@click.option("--strict", is_flag=True, help="Exit non-zero if any input failed.")
@click.option("--json", "as_json", is_flag=True, help="Print the run report as JSON.")
@pass_ctx
def ingest_cmd(
    ctx: Ctx,
    paths: tuple[str, ...],
    outlet: str | None,
    workers: int | None,
    stages: str | None,
    strict: bool,
    as_json: bool,
) -> None:
    """Read files, directories (recursively) and - (JSONL on stdin) into the store.

    Reads .txt, .html/.htm, .jsonl and .jsonl.gz. Ingesting the same content again adds
    nothing; a changed text at the same URL or path is stored as a new version.
    """
    options = ctx.options
    if workers is not None:
        options.pipeline.workers = workers
    if stages:
        options.pipeline.stages = (
            list(CORE_STAGES) if stages == "core" else [s.strip() for s in stages.split(",")]
        )
    store = ctx.open_store()
    show_bar = sys.stderr.isatty() and not as_json
    try:
        if show_bar:
            from rich.progress import (
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            with Progress(
                SpinnerColumn(),
                TextColumn("ingesting"),
                MofNCompleteColumn(),
                TextColumn("articles"),
                TimeElapsedColumn(),
                transient=True,
            ) as bar:
                task = bar.add_task("ingest", total=None)
                report = ingest(
                    list(paths),
                    store,
                    options,
                    outlet=outlet,
                    progress=lambda n: bar.update(task, completed=n),
                )
        else:
            report = ingest(list(paths), store, options, outlet=outlet)
    except VigieError as exc:
        fail(str(exc))
    finally:
        store.close()
    if as_json:
        emit_json(report.to_dict())
    else:
        click.echo(
            f"run {report.run_id}: {report.seen} read, {report.added} added, "
            f"{report.versions} new versions, {report.unchanged} unchanged, "
            f"{report.failed} failed"
            + (f", {report.stage_errors} stage errors" if report.stage_errors else "")
            + (
                f", {report.recleaned} re-cleaned with learned furniture"
                if report.recleaned
                else ""
            )
            + (f", {report.copies} copy relations" if report.copies else "")
        )
        for f in report.failures:
            click.echo(f"failed: {f.input}: {f.problem}", err=True)
    stored = report.added + report.versions + report.unchanged
    if stored == 0:
        click.echo("vigie: nothing could be read from the inputs given", err=True)
        sys.exit(1)
    if strict and report.failed:
        sys.exit(1)


@click.command("runs")
@click.option("--limit", default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def runs_cmd(ctx: Ctx, limit: int, as_json: bool) -> None:
    """List recent ingest runs with their counts and failures."""
    with ctx.open_store(readonly=True) as store:
        runs = store.runs(limit)
    if as_json:
        emit_json(runs)
        return
    for r in runs:
        click.echo(
            f"run {r['run_id']}  {r['started']}  read {r['seen']}  added {r['added']}  "
            f"versions {r['versions']}  unchanged {r['unchanged']}  failed {r['failed']}"
        )
        for f in r["failures"]:
            click.echo(f"    failed: {f['input']}: {f['problem']}")
