"""Outlet and publication date of every article of the demo corpus, after ingest, against the
manifest (the core stages only: no language model).

Outlets are compared exactly, or by a documented normalisation (:func:`outlet_matches`): the
outlet's native name (the manifest's ``native_name``: "Экран-К" for Ekran-K), or a domain whose
name is the outlet's name without spaces and punctuation, with or without its leading article
("horizoninfo24.net" for Horizon Info 24, "northernledger.news" for The Northern Ledger).
Dates are compared by day, as written (the manifest's local date).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from vigie.article import Article
from vigie.config import Options
from vigie.demo import CORPUS_DIR, MANIFEST_PATH
from vigie.ingest import Failure, read_inputs
from vigie.ingest.sources import SIDECAR
from vigie.runners.ingest import ingest
from vigie.stages.metadata import metadata
from vigie.storage.sqlite import SQLiteStore

#: articles whose text names no outlet at all (no signature, copyright, slogan, appeal or
#: dateline: the outlet is only in the file name, which is not a signal), and no URL. A
#: ``<file>.meta.json`` sidecar with the outlet's URL fixes them; until one is there (the demo
#: test that lists the corpus folder must first learn to skip sidecars), the outlet must be left
#: empty and noted — never wrong.
NO_OUTLET_SIGNAL = {
    "2025-02-27_northernledger_vrenica-who-sent-drone.txt": "only 'told the Ledger' in a quote",
    "2025-02-27_regardlibre_guerre-des-recits.txt": "a blog post with no name in it",
    "2025-03-05_northernledger_lisk-deal-valmeuse.txt": "no name in the text",
}
#: texts with no date of their own: the leading date of the file name dates them (noted)
DATED_BY_FILE_NAME = {
    # an exact copy of a Telekar dispatch without its dateline
    "2025-02-14_horizoninfo24_koslevski-sarvel.txt",
    # an association site's page: a donation appeal, no date
    "2025-02-15_echosolidaire_korvansk-hausse-le-ton.txt",
    # a machine translation of the Estafette dispatch of the 25th, published on the 26th
    "2025-02-26_valdobozrevatel_bespilotnik-vrenica.txt",
}
#: wire copies: the agency of the dateline is the source, another signal names the outlet
SOURCE_AGENCY = {
    "2025-02-15_meridiesoir_koslevski-sarvel.txt": "Telekar",
    "2025-02-25_horizoninfo24_drone-vrenica.txt": "Estafette",
    "2025-02-26_valdobozrevatel_bespilotnik-vrenica.txt": "Estafette",
    "2025-03-04_meridiesoir_lisk-barges-lundi.txt": "Estafette",
}

_ARTICLES = ("le ", "la ", "les ", "l'", "l’", "the ")


def _squash(name: str) -> str:
    return "".join(c for c in name.casefold() if c.isalnum())


def outlet_matches(found: str | None, expected: str, native: str | None) -> bool:
    """The outlet found names the manifest's outlet (see the module's docstring)."""
    if not found:
        return False
    if found in (expected, native):
        return True
    if " " in found or "." not in found:
        return False
    label = _squash(found.casefold().removeprefix("www.").rsplit(".", 1)[0])
    names = {_squash(expected)}
    for article in _ARTICLES:
        if expected.casefold().startswith(article):
            names.add(_squash(expected[len(article) :]))
    return label in names


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
    return data


def _entry_key(doc: str, url: str | None, by_url: dict[str, str]) -> str:
    if url and url in by_url:
        return by_url[url]
    return Path(doc).name


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> list[Article]:
    opts = Options()
    opts.pipeline.workers = 1
    opts.pipeline.stages = ["extract", "metadata", "clean", "language"]
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    with SQLiteStore(db) as store:
        report = ingest([str(CORPUS_DIR)], store, opts)
        assert report.failed == 0 and report.stage_errors == 0
        return list(store.iter_articles())


def test_outlet_and_date_of_every_demo_article(
    manifest: dict[str, Any], ingested: list[Article]
) -> None:
    entries = {a["id"]: a for a in manifest["articles"]}
    by_url = {a["url"]: a["id"] for a in manifest["articles"] if a["url"]}
    seen = set()
    wrong = []
    for article in ingested:
        key = _entry_key(article.doc, article.url, by_url)
        entry = entries[key]
        seen.add(key)
        if article.published is None or article.published[:10] != entry["published"][:10]:
            wrong.append((key, "published", article.published, entry["published"]))
        native = manifest["outlets"][entry["outlet"]].get("native_name")
        if key in NO_OUTLET_SIGNAL and not (CORPUS_DIR / (key + SIDECAR)).is_file():
            if article.outlet is not None:
                wrong.append((key, "outlet (none expected)", article.outlet, None))
        elif not outlet_matches(article.outlet, entry["outlet"], native):
            wrong.append((key, "outlet", article.outlet, entry["outlet"]))
    assert seen == set(entries)
    assert wrong == []


def test_wire_copies_name_their_source_agency(
    manifest: dict[str, Any], ingested: list[Article]
) -> None:
    by_url = {a["url"]: a["id"] for a in manifest["articles"] if a["url"]}
    found = {}
    for article in ingested:
        if "source_agency" in article.meta:
            found[_entry_key(article.doc, article.url, by_url)] = article.meta["source_agency"]
    # the one HTML copy (machine-translated from Estafette) is found too
    assert found == {
        **SOURCE_AGENCY,
        "2025-02-26_globalbrief_drone-crashes-vrenica.html": "Estafette",
    }
    by_name = {Path(a.doc).name: a for a in ingested}
    for name in (
        "2025-02-11_telekar_iarovaia-provocation.txt",
        "2025-02-25_estafette_drone-vrenica.txt",
    ):
        # the agency's own dispatch: the dateline's agency is the outlet
        assert by_name[name].outlet == name.split("_")[1].capitalize()


def test_notes_say_which_dates_come_from_the_file_name() -> None:
    read = [a for a in read_inputs([str(CORPUS_DIR)]) if not isinstance(a, Failure)]
    from_file = set()
    for article in read:
        if article.html is not None:
            continue  # dated by their HTML metadata
        metadata(article, Options())
        notes = [e.message for e in article.errors if e.stage == "metadata"]
        if "published date taken from the file name" in notes:
            from_file.add(Path(article.doc).name)
    assert from_file == DATED_BY_FILE_NAME


def test_bylines_fill_the_authors(ingested: list[Article]) -> None:
    by_name = {Path(a.doc).name: a for a in ingested}
    expected = {
        "2025-02-14_courrierbrennisk_drusik-souverainete.txt": ["Milan Hrubec"],
        "2025-02-26_leveilleur_vrenica-reportage.txt": ["Léa Marchal"],
        "2025-02-19_meridiesoir_port-trafic-record.txt": ["Julien Ferrat"],
        "2025-02-27_regardlibre_guerre-des-recits.txt": ["Gaspard Lenoir"],
        "2025-03-05_northernledger_lisk-deal-valmeuse.txt": ["Hannah Weir", "Luc Tessier"],
        "2025-02-17_actumonde_koslevski-menace-brennisk.txt": [],  # "Par la rédaction d'…"
        "2025-02-11_telekar_iarovaia-provocation.txt": [],
    }
    assert {k: by_name[k].authors for k in expected} == expected
