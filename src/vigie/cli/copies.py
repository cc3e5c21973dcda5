"""``vigie copies``, ``vigie lineage``, ``vigie outlets`` and ``vigie export copies``."""

from __future__ import annotations

from typing import Any

import click

from vigie import queries
from vigie.cli.articles import emit_records, export_group, export_options
from vigie.cli.context import Ctx, emit_json, fail, pass_ctx
from vigie.errors import VigieError

__all__ = ["copies_cmd", "lineage_cmd", "outlets_cmd"]

KINDS = ["exact", "near", "partial", "translated"]


def _n(count: int, noun: str) -> str:
    """``1 copy``, ``2 copies``, ``3 articles``."""
    if count == 1:
        return f"1 {noun}"
    return f"{count} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"


def _lag(seconds: float | None) -> str:
    if seconds is None:
        return "lag unknown"
    hours = seconds / 3600
    return f"{hours / 24:.1f} days later" if hours >= 48 else f"{hours:.1f} h later"


@click.command("copies")
@click.option("--of", "of", metavar="ARTICLE", help="Only the relations of this article.")
@click.option("--outlet", help="Either side's outlet contains this.")
@click.option("--kind", type=click.Choice(KINDS))
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10**6))
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def copies_cmd(
    ctx: Ctx, of: str | None, outlet: str | None, kind: str | None, limit: int, as_json: bool
) -> None:
    """Who copied whom: verbatim, edited, partial and translated republication, with the
    original (when it can be known), the lag and the aligned evidence."""
    with ctx.open_store(readonly=True) as store:
        rows = queries.copies(store, of=of, outlet=outlet, kind=kind, limit=limit)
    if as_json:
        emit_json(rows)
        return
    for r in rows:
        arrow = "→" if r["direction"] == "known" else "↔"
        click.echo(
            f"{r['kind']:<10} {r['score']:.2f}  {r['original_outlet'] or '—'} {arrow} "
            f"{r['copy_outlet'] or '—'}  "
            + (_lag(r["lag_seconds"]) if r["direction"] == "known" else "direction undetermined")
            + f"  ({r['direction_reason']})"
        )
        click.echo(f"    {r['original']}\n    {r['copy']}")
        if r["mt_signs"]:
            click.echo(f"    machine-translation signs: {len(r['mt_signs'])}")


@click.command("lineage")
@click.argument("article_id")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def lineage_cmd(ctx: Ctx, article_id: str, as_json: bool) -> None:
    """Where an article comes from (its chain of sources) and where it went (its copies)."""
    with ctx.open_store(readonly=True) as store:
        try:
            data = queries.lineage(store, article_id)
        except VigieError as exc:
            fail(str(exc))
    if as_json:
        emit_json(data)
        return

    def line(a: dict[str, object]) -> str:
        return f"{a['published'] or '—'}  {a['outlet'] or '—'}  {a['title'] or a['doc']}"

    for depth, a in enumerate(reversed(data["ancestors"])):
        click.echo("  " * depth + line(a))
    depth = len(data["ancestors"])
    click.echo("  " * depth + "▶ " + line(data["article"]))

    def tree(nodes: list[dict[str, object]], d: int) -> None:
        for n in nodes:
            click.echo("  " * d + "└ " + line(n))
            tree(n["copies"], d + 1)  # type: ignore[arg-type]

    tree(data["copies"], depth + 1)


@click.command("outlets")
@click.option("--graph", is_flag=True, help="Outlet → outlet copy edges.")
@click.option(
    "--from",
    "sources",
    multiple=True,
    metavar="SOURCE",
    help="Outlets whose content derives from this source (an outlet or agency name; "
    "repeat for several), by copies and by citations.",
)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def outlets_cmd(ctx: Ctx, graph: bool, sources: tuple[str, ...], as_json: bool) -> None:
    """Outlets with their article counts; with --graph, who copies whom: copies, median lag
    and the share of copies that hide their source; with --from, the outlets that relay those
    sources: their articles that copy one, that cite one, and the share that does either."""
    if graph and sources:
        raise click.UsageError("give --graph or --from, not both")
    with ctx.open_store(readonly=True) as store:
        if sources:
            try:
                data = queries.derived_outlets(store, sources)
            except VigieError as exc:
                fail(str(exc))
        elif graph:
            data = queries.outlet_graph(store)
        else:
            data = {"outlets": [{"outlet": o, "articles": n} for o, n in store.outlets()]}
    if as_json:
        emit_json(data)
        return
    if sources:
        names = ", ".join(m["name"] for m in data["sources"])
        if not data["outlets"]:
            click.echo(f"no outlet copies or cites {names}")
        for o in data["outlets"]:
            share = "" if o["share"] is None else f" ({o['share']:.0%} of {o['articles']})"
            click.echo(
                f"{o['outlet']}: {_n(o['derived'], 'article')} from {names}{share}: "
                f"{_n(o['copies'], 'copy')} ({o['copies_hiding_source']} hiding the source), "
                f"{o['citing']} citing"
            )
        return
    if not graph:
        for o in data["outlets"]:
            click.echo(f"{o['articles']:>7}  {o['outlet']}")
        return
    edges: list[dict[str, Any]] = data["edges"]
    for e in edges:
        click.echo(
            f"{e['source']} → {e['copier']}: {e['copies']} copies, median "
            f"{_lag(e['median_lag_seconds'])}, {e['hidden_source_share']:.0%} hide "
            "the source"
        )


@export_group.command("copies")
@export_options
@click.option("--outlet", help="Either side's outlet contains this.")
@click.option("--kind", type=click.Choice(KINDS))
@pass_ctx
def export_copies_cmd(
    ctx: Ctx, fmt: str, output: str | None, outlet: str | None, kind: str | None
) -> None:
    """One line per copy relation: original, copy (docs), kind, score, direction
    (known|undetermined), lag_seconds and the aligned evidence (offsets on both sides)."""
    with ctx.open_store(readonly=True) as store:
        records = queries.copies(store, outlet=outlet, kind=kind)
    emit_records(records, queries.COPY_EXPORT_FIELDS, fmt, output, "copy relations")
