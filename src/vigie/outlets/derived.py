"""Which outlets' content derives from chosen sources, by copies and by citations.

An analyst names the sources (``Tass``, ``RIA Novosti``, ``Sputnik``, ``RT``, or any outlet)
and asks which outlets relay them: for each outlet, how many of its articles are copies
(exact, edited, partial or translated) of an article of one of those sources, how many cite
one of them ("selon Tass", "à Sputnik"), how many do either, the share of its articles that
is, and how many of its copies hide their source (cite none of it).

A name is matched as :mod:`vigie.outlets.state_media` matches names (case, accents,
punctuation and a leading ``www.`` ignored), and a name that is one of the known state media
brings that medium's other names with it ("Tass" also finds "ТАСС" and "tass.ru"). The
sources themselves are not counted among the outlets that relay them.

Pure: the store's rows go in (copy edges, citations, outlet volumes), a list comes out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from vigie.outlets.state_media import StateMediaList, StateMedium, media_key, state_media

__all__ = ["derived_outlets", "source_list"]


def source_list(names: Sequence[str]) -> StateMediaList:
    """The chosen sources as a list to match names against (each known state medium with its
    other names; any other name as given)."""
    known = state_media()
    media: list[StateMedium] = []
    keys: set[str] = set()
    for name in names:
        key = media_key(name)
        if not key or key in keys:
            continue
        medium = known.match(name) or StateMedium(name.strip(), "")
        keys.update(media_key(n) for n in (medium.name, *medium.aliases))
        if medium not in media:
            media.append(medium)
    if not media:
        raise ValueError("name at least one source (an outlet or agency name)")
    return StateMediaList(media)


def derived_outlets(
    sources: StateMediaList,
    edges: Iterable[dict[str, Any]],
    citations: Iterable[tuple[str, str, int]],
    volumes: dict[str, int],
) -> list[dict[str, Any]]:
    """One record per outlet that copies or cites a source, most derived articles first.

    ``edges``: known-direction copies between outlets (``source_outlet``, ``copy_outlet``,
    ``copy_rowid``, ``cites_source``); ``citations``: ``(outlet, cited source, article row)``;
    ``volumes``: articles per outlet."""
    copied: dict[str, set[int]] = {}
    hidden: dict[str, set[int]] = {}
    by_source: dict[str, dict[str, set[int]]] = {}
    for e in edges:
        medium = sources.match(e["source_outlet"])
        outlet = e["copy_outlet"]
        if medium is None or sources.match(outlet) is not None:
            continue
        rowid = int(e["copy_rowid"])
        copied.setdefault(outlet, set()).add(rowid)
        by_source.setdefault(outlet, {}).setdefault(medium.name, set()).add(rowid)
        if not e["cites_source"]:
            hidden.setdefault(outlet, set()).add(rowid)
    citing: dict[str, set[int]] = {}
    for outlet, source, rowid in citations:
        medium = sources.match(source)
        if medium is None or sources.match(outlet) is not None:
            continue
        citing.setdefault(outlet, set()).add(rowid)
        by_source.setdefault(outlet, {}).setdefault(medium.name, set()).add(rowid)
    out = []
    for outlet in set(copied) | set(citing):
        c, k = copied.get(outlet, set()), citing.get(outlet, set())
        either = len(c | k)
        articles = volumes.get(outlet, 0)
        out.append(
            {
                "outlet": outlet,
                "articles": articles,
                "copies": len(c),
                "copies_hiding_source": len(hidden.get(outlet, ())),
                "citing": len(k),
                "derived": either,
                "share": round(either / articles, 3) if articles else None,
                "sources": {
                    name: len(rows)
                    for name, rows in sorted(
                        by_source.get(outlet, {}).items(), key=lambda kv: (-len(kv[1]), kv[0])
                    )
                },
            }
        )
    out.sort(key=_order)
    return out


def _order(record: dict[str, Any]) -> tuple[int, float, str]:
    return (-int(record["derived"]), -float(record["share"] or 0.0), str(record["outlet"]))
