"""``vigie config show`` and ``vigie serve``."""

from __future__ import annotations

import click

from vigie.cli.context import Ctx, emit_json, pass_ctx

__all__ = ["config_group", "serve_cmd"]


@click.group("config")
def config_group() -> None:
    """Inspect the configuration."""


@config_group.command("show")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def config_show(ctx: Ctx, as_json: bool) -> None:
    """Print the options in force (defaults merged with the config file) as TOML."""
    if as_json:
        emit_json(ctx.options.to_dict())
    else:
        click.echo(ctx.options.to_toml(), nl=False)


@click.command("serve")
@click.option("--host", help="Address to listen on (default 127.0.0.1).")
@click.option("--port", type=int, help="Port (default 8000).")
@pass_ctx
def serve_cmd(ctx: Ctx, host: str | None, port: int | None) -> None:
    """Serve the web UI and its JSON API."""
    import uvicorn

    from vigie.web.app import create_app

    opts = ctx.options
    host = opts.serve.host = host or opts.serve.host
    port = opts.serve.port = port or opts.serve.port
    store = ctx.open_store()  # creates and migrates the store if needed
    store.close()
    app = create_app(ctx.db_path, opts)
    click.echo(f"vigie: serving {ctx.db_path} at http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
