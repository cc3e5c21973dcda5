"""Entry point and command group."""

from __future__ import annotations

import click

from vigie import __version__
from vigie.cli.actors import actors_group
from vigie.cli.analyse import analyse_cmd
from vigie.cli.articles import export_group, search_cmd, show_cmd
from vigie.cli.context import Ctx
from vigie.cli.copies import copies_cmd, lineage_cmd, outlets_cmd
from vigie.cli.demo import demo_cmd
from vigie.cli.ingest import ingest_cmd, runs_cmd
from vigie.cli.quotes import quotes_cmd
from vigie.cli.setup import config_group, serve_cmd
from vigie.cli.stories import stories_cmd

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vigie")
@click.option("--db", "db", metavar="PATH", help="SQLite store (default: $VIGIE_DB or vigie.db).")
@click.option(
    "--config",
    "config",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help="TOML config (default: $VIGIE_CONFIG or ./vigie.toml).",
)
@click.pass_context
def cli(ctx: click.Context, db: str | None, config: str | None) -> None:
    """vigie — who said what, who copied whom, what spreads where."""
    ctx.obj = Ctx(config_path=config, db_arg=db)


for command in (
    demo_cmd,
    analyse_cmd,
    quotes_cmd,
    actors_group,
    copies_cmd,
    lineage_cmd,
    outlets_cmd,
    stories_cmd,
    ingest_cmd,
    search_cmd,
    export_group,
    serve_cmd,
    config_group,
    runs_cmd,
    show_cmd,
):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="vigie")
