"""``vigie actors``: canonical actors, and edits of the actor registry."""

from __future__ import annotations

import click

from vigie import queries
from vigie.actors import Registry, RegistryError
from vigie.cli.articles import emit_records, export_group, export_options
from vigie.cli.context import Ctx, emit_json, fail, pass_ctx
from vigie.errors import VigieError
from vigie.runners.actors import rebuild_actors, registry_path

__all__ = ["actors_group"]

KINDS = ["person", "organisation", "state", "place", "media", "anonymous"]


@click.group("actors", invoke_without_command=True)
@click.option("--kind", type=click.Choice(KINDS), help="Only actors of this kind.")
@click.option("--name", help="Name or alias contains this (accents ignored).")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100000))
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def actors_group(
    click_ctx: click.Context, kind: str | None, name: str | None, limit: int, as_json: bool
) -> None:
    """Canonical actors (people, organisations, states…), most quoted first.

    Subcommands show one actor or edit the registry (actors.yaml beside the store, or
    actors.registry in the config); every edit re-resolves the stored articles."""
    if click_ctx.invoked_subcommand is not None:
        return
    ctx = click_ctx.find_object(Ctx)
    assert ctx is not None
    with ctx.open_store(readonly=True) as store:
        actors = queries.actors(store, kind=kind, name=name, limit=limit)
    if as_json:
        emit_json(actors)
        return
    for a in actors:
        roles = ", ".join(list(a["roles"])[:2])
        click.echo(
            f"{a['id']:<32} {a['name']}  [{a['kind']}]  {a['n_quotes']} quotes, "
            f"{a['n_mentions']} mentions, {a['n_articles']} articles"
            + (f"  — {roles}" if roles else "")
        )


@actors_group.command("show")
@click.argument("actor_id")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def show_actor(ctx: Ctx, actor_id: str, as_json: bool) -> None:
    """One actor: aliases, roles, and its quotations with who relayed them."""
    with ctx.open_store(readonly=True) as store:
        try:
            data = queries.actor_view(store, actor_id)
        except VigieError as exc:
            fail(str(exc))
    if as_json:
        emit_json(data)
        return
    a = data["actor"]
    click.echo(f"{a['name']} ({a['id']}, {a['kind']})")
    click.echo("aliases: " + ", ".join(f"{k} ×{v}" for k, v in a["aliases"].items()))
    if a["roles"]:
        click.echo("roles: " + ", ".join(a["roles"]))
    click.echo(
        f"relayed by: {', '.join(data['outlets']) or '—'}; via: {', '.join(data['vias']) or '—'}"
    )
    for q in data["quotes"]:
        click.echo(
            f"\n{q['published'] or '—'}  {q['outlet'] or '—'}  [{q['type']}]"
            + (f"  via {q['via']}" if q["via"] else "")
        )
        click.echo(f"  « {q['text']} »")


def _edit(ctx: Ctx, change: str, apply: object) -> None:
    store = ctx.open_store()
    try:
        path = registry_path(store, ctx.options)
        before = path.read_bytes() if path.is_file() else None
        try:
            registry = Registry.load(path) if path.is_file() else Registry()
            apply(registry)  # type: ignore[operator]
            registry.save(path)
            Registry.load(path)  # an edit must leave a registry that loads again
        except (RegistryError, ValueError) as exc:
            if before is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(before)
            fail(f"registry unchanged: {exc}")
        report = rebuild_actors(store, ctx.options)
    finally:
        store.close()
    click.echo(
        f"{change}; registry {path}; {report.actors} actors over {report.articles} "
        "articles re-resolved"
    )


@actors_group.command("alias")
@click.argument("actor_id")
@click.argument("names", nargs=-1, required=True)
@pass_ctx
def alias_cmd(ctx: Ctx, actor_id: str, names: tuple[str, ...]) -> None:
    """Add names that mean ACTOR_ID."""
    _edit(
        ctx, f"added {len(names)} alias(es) to {actor_id}", lambda r: r.add_alias(actor_id, *names)
    )


@actors_group.command("merge")
@click.argument("into")
@click.argument("ids", nargs=-1, required=True)
@pass_ctx
def merge_cmd(ctx: Ctx, into: str, ids: tuple[str, ...]) -> None:
    """Make the actors IDS one actor, INTO."""
    _edit(ctx, f"merged {', '.join(ids)} into {into}", lambda r: r.merge(into, *ids))


@actors_group.command("split")
@click.argument("name")
@click.option("--id", "actor_id", help="Give this name its own actor id.")
@pass_ctx
def split_cmd(ctx: Ctx, name: str, actor_id: str | None) -> None:
    """Never merge NAME with other spellings or with a full name of the same surname."""
    _edit(ctx, f"split {name!r}", lambda r: r.split(name, actor_id))


@actors_group.command("ignore")
@click.argument("name")
@pass_ctx
def ignore_cmd(ctx: Ctx, name: str) -> None:
    """NAME is not an actor (a recogniser slip)."""
    _edit(ctx, f"ignoring {name!r}", lambda r: r.ignore_name(name))


@actors_group.command("rebuild")
@pass_ctx
def rebuild_cmd(ctx: Ctx) -> None:
    """Rebuild all actors from the stored articles (ids are kept)."""
    store = ctx.open_store()
    try:
        report = rebuild_actors(store, ctx.options)
    except VigieError as exc:
        fail(str(exc))
    finally:
        store.close()
    click.echo(f"{report.actors} actors over {report.articles} articles")


@export_group.command("actors")
@export_options
@click.option("--kind", type=click.Choice(KINDS))
@pass_ctx
def export_actors_cmd(ctx: Ctx, fmt: str, output: str | None, kind: str | None) -> None:
    """One line per actor: id, name, kind, aliases, roles, counts, first and last seen."""
    with ctx.open_store(readonly=True) as store:
        records = queries.actors(store, kind=kind, limit=10**9)
    emit_records(records, queries.ACTOR_EXPORT_FIELDS, fmt, output, "actors")
