"""Actors from the real pipeline (spaCy fr_core_news_md, the quote extractor) on the five real
samples and the demo corpus's French articles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from vigie.actors import ActorIndex, record_from_article, resolve_article
from vigie.actors.keys import phonetic_key, plain_key
from vigie.actors.model import Actor
from vigie.article import Article
from vigie.config import Options
from vigie.pipeline import run_stages

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO.parent / "shared" / "samples" / "articles"
DEMO = REPO / "src" / "vigie" / "demo"
STAGES = ["extract", "metadata", "clean", "language", "entities", "quotes"]


def _articles() -> list[Article]:
    if not SAMPLES.is_dir():
        pytest.fail(f"{SAMPLES} is missing: ../shared must sit beside the checkout")
    out = [
        Article(doc=str(p), text=p.read_text(encoding="utf-8"))
        for p in sorted(SAMPLES.glob("*.txt"))
    ]
    manifest = json.loads((DEMO / "manifest.json").read_text(encoding="utf-8"))
    for art in manifest["articles"]:
        if art["format"] != "txt" or art["language"] != "fr":
            continue
        path = DEMO / art["file"]
        enc = "utf-8-sig" if art["encoding"] == "utf-8" else art["encoding"]
        with open(path, encoding=enc) as f:
            text = f.read()
        out.append(Article(doc=str(path), text=text, published=art["published"]))
    return out


@pytest.fixture(scope="module")
def analysed() -> list[Article]:
    opts = Options()
    opts.pipeline.workers = 1
    arts = _articles()
    for a in arts:
        run_stages(STAGES, a, opts)
        assert "quotes" in a.done, (a.doc, a.errors)
    return arts


@pytest.fixture(scope="module")
def index(analysed: list[Article]) -> ActorIndex:
    idx = ActorIndex()
    idx.add(record_from_article(a) for a in analysed)
    return idx


def people_named(index: ActorIndex, surname: str) -> list[Actor]:
    key = phonetic_key(surname)
    return [
        a
        for a in index.actors()
        if a.kind == "person" and any(phonetic_key(f).endswith(key) for f in a.aliases)
    ]


def test_corpus_size(analysed: list[Article]) -> None:
    assert len(analysed) == 31


def test_lavrov_is_one_actor_across_articles(index: ActorIndex) -> None:
    [lavrov] = people_named(index, "Lavrov")
    assert lavrov.id == "per:serguei-lavrov"
    assert lavrov.name == "Sergueï Lavrov"
    assert lavrov.n_quotes >= 25
    assert lavrov.n_articles >= 3
    assert {"Sergueï Lavrov", "Lavrov", "M. Lavrov"} <= set(lavrov.aliases)
    assert "ministre russe des Affaires étrangères" in lavrov.roles
    assert "chef de la diplomatie russe" in lavrov.roles


def test_organisations_and_states(index: ActorIndex) -> None:
    otan = index.actor("org:otan")
    assert otan is not None and otan.kind == "organisation"
    assert {"Otan", "OTAN", "Organisation du traité de l’Atlantique Nord"} <= set(otan.aliases)
    assert otan.n_articles >= 4
    assert not [a for a in index.actors() if a.id != "org:otan" and "Otan" in a.aliases]
    ue = index.actor("org:ue")
    assert ue is not None and {"UE", "Union européenne"} <= set(ue.aliases)
    us = index.actor("state:etats-unis")
    assert us is not None and us.kind == "state"
    assert {"États-Unis", "Washington", "gouvernement des États-Unis"} <= set(us.aliases)
    assert us.n_quotes >= 2
    russia = index.actor("state:russie")
    assert russia is not None and {"Russie", "Moscou", "Kremlin"} <= set(russia.aliases)


def test_demo_transliteration_variants_are_one_actor(index: ActorIndex) -> None:
    [kos] = people_named(index, "Koslevski")
    assert kos.id == "per:dmitar-koslevski"
    assert kos.name == "Dmitar Koslevski"
    assert {"Dmitar Koslevski", "Dimitar Koslevski"} <= set(kos.aliases)
    assert kos.n_articles >= 8 and kos.n_quotes >= 50
    [iar] = people_named(index, "Iarovaïa")
    assert {"Milena Iarovaïa", "Milena Yarovaïa"} <= set(iar.aliases)
    # spellings from the English and Russian articles (no French analysis of those) go to
    # the same actors
    resolver = index.resolver()
    for spelling, actor in [
        ("Dmitri Koslevsky", kos.id),
        ("Дмитар Кослевский", kos.id),
        ("Кослевский", kos.id),
        ("Яровая", iar.id),
        ("Gleb Ostrovoy", "per:gleb-ostrovoi"),
        ("Глеб Островой", "per:gleb-ostrovoi"),
        ("Аркадий Чудин", "per:arkadi-tchoudine"),
        ("Хенрике Масланд", "per:henrike-maasland"),
    ]:
        assert resolver.actor_of("n:" + plain_key(spelling), "PER") == actor, spelling


def test_other_people(index: ActorIndex) -> None:
    [peskov] = people_named(index, "Peskov")
    assert peskov.id == "per:dmitri-peskov" and peskov.n_quotes >= 4
    [riabkov] = people_named(index, "Riabkov")
    assert "M.Riabkov" in riabkov.aliases
    [putin] = people_named(index, "Poutine")
    assert putin.id == "per:vladimir-poutine" and putin.n_articles == 2


def test_stored_results_resolve_without_the_model(
    analysed: list[Article], index: ActorIndex
) -> None:
    resolver = index.resolver()
    n_quotes = 0
    for a in analysed:
        stored: dict[str, Any] = json.loads(json.dumps(a.results))  # as the store keeps them
        out = resolve_article(stored, resolver)
        assert len(out.entities) == len(stored["entities"])
        assert len(out.quotes) == len(stored["quotes"])
        for q, ids in zip(stored["quotes"], out.quotes, strict=True):
            if q["speaker"] == "Sergueï Lavrov":
                assert ids == ["per:serguei-lavrov"]
                n_quotes += 1
            if q["speaker"] in ("Dmitar Koslevski", "Dimitar Koslevski"):
                assert ids == ["per:dmitar-koslevski"]
            if q["speaker"]:
                assert ids, q["speaker"]
    assert n_quotes >= 25
