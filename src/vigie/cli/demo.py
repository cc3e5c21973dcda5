"""``vigie demo``: load the bundled demo corpus, then serve it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

from vigie.cli.context import Ctx, fail
from vigie.errors import VigieError
from vigie.runners.ingest import ingest

__all__ = ["demo_cmd", "demo_corpus_path"]


def demo_corpus_path() -> Path:
    """Folder of the demo corpus shipped inside the package."""
    return Path(str(resources.files("vigie") / "demo" / "corpus"))


@click.command("demo")
@click.option("--host", help="Address to listen on (default 127.0.0.1).")
@click.option("--port", type=int, help="Port (default 8000).")
@click.option("--no-serve", is_flag=True, help="Only load the corpus.")
@click.pass_context
def demo_cmd(click_ctx: click.Context, host: str | None, port: int | None, no_serve: bool) -> None:
    """Load the bundled demo corpus (fictional countries, people and outlets) into the store
    and start the web UI. Loading twice adds nothing."""
    ctx = click_ctx.find_object(Ctx)
    assert ctx is not None
    corpus = demo_corpus_path()
    if not corpus.is_dir():
        fail(f"demo corpus not found at {corpus}")
    store = ctx.open_store()
    try:
        report = ingest([str(corpus)], store, ctx.options)
    except VigieError as exc:
        fail(str(exc))
    finally:
        store.close()
    click.echo(
        f"demo corpus: {report.added} articles added, {report.unchanged} already stored, "
        f"{report.failed} failed — store {ctx.db_path}",
        err=True,
    )
    if not no_serve:
        from vigie.cli.setup import serve_cmd

        click_ctx.invoke(serve_cmd, host=host, port=port)
