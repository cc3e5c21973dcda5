"""The corpus step on hand-written records: merges across articles, organisations and states,
surnames, stable ids, incremental updates, resolving stored results."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from vigie.actors import ActorIndex, build_actors, resolve_article
from vigie.actors.model import Actor

Record = dict[str, Any]


@pytest.fixture
def lavrov_corpus(make_record: Any) -> list[Record]:
    return [
        make_record(
            "a1",
            "Le ministre russe des Affaires étrangères Sergueï Lavrov a estimé que l'Otan "
            "menaçait la Russie. M. Lavrov a ajouté que Washington devait répondre.",
            [
                ("Sergueï Lavrov", "PER"),
                ("Otan", "ORG"),
                ("Russie", "LOC"),
                ("M. Lavrov", "PER"),
                ("Washington", "LOC"),
            ],
            [
                ("Sergueï Lavrov", "Le ministre russe des Affaires étrangères Sergueï Lavrov"),
                ("Sergueï Lavrov", "M. Lavrov"),
            ],
            published="2022-01-10",
        ),
        make_record(
            "a2",
            "Sergei Lavrov, chef de la diplomatie russe, a rencontré Antony Blinken à Genève. "
            "Selon le Kremlin, l'OTAN doit reculer.",
            [
                ("Sergei Lavrov", "PER"),
                ("Antony Blinken", "PER"),
                ("Genève", "LOC"),
                ("Kremlin", "ORG"),
                ("OTAN", "ORG"),
            ],
            [("Kremlin", "le Kremlin")],
            published="2022-01-12",
        ),
        make_record(
            "a3",
            "Lavrov a dénoncé l'Organisation du traité de l'Atlantique Nord. Les États-Unis et "
            "l'UE ont répondu, a dit le gouvernement des États-Unis.",
            [
                ("Lavrov", "PER"),
                ("Organisation du traité de l'Atlantique Nord", "ORG"),
                ("États-Unis", "LOC"),
                ("UE", "ORG"),
            ],
            [("Sergueï Lavrov", "Lavrov"), ("gouvernement des États-Unis", None)],
            published="2022-01-05",
        ),
        make_record(
            "a4",
            "Сергей Лавров заявил, что НАТО должно уйти.",
            [("Сергей Лавров", "PER"), ("НАТО", "ORG")],
            published="2022-02-01",
        ),
        make_record(
            "a5",
            "Le président américain Joe Biden a écrit à l'Union européenne ; l'EU a répondu.",
            [("Joe Biden", "PER"), ("Union européenne", "ORG"), ("EU", "ORG")],
            [("Joe Biden", "Le président américain Joe Biden")],
            published="2022-01-20",
        ),
    ]


def by_id(actors: list[Actor]) -> dict[str, Actor]:
    return {a.id: a for a in actors}


def test_one_person_across_spellings_scripts_and_surnames(lavrov_corpus: list[Record]) -> None:
    actors = by_id(build_actors(lavrov_corpus))
    lavrovs = [a for a in actors.values() if "lavrov" in a.id]
    assert [a.id for a in lavrovs] == ["per:serguei-lavrov"]
    lav = lavrovs[0]
    assert lav.name == "Sergueï Lavrov"
    assert lav.kind == "person"
    assert lav.n_articles == 4
    assert lav.n_quotes == 3
    assert lav.n_mentions == 5  # five entity mentions; the speakers are those entities
    assert lav.first_seen == "2022-01-05"
    assert lav.last_seen == "2022-02-01"
    assert set(lav.aliases) == {"Sergueï Lavrov", "Sergei Lavrov", "M. Lavrov", "Lavrov",
                                "Сергей Лавров"}  # fmt: skip
    assert lav.aliases["Sergueï Lavrov"] == 1
    assert "ministre russe des Affaires étrangères" in lav.roles
    assert "chef de la diplomatie russe" in lav.roles
    assert not lav.ambiguous


def test_organisations_and_states(lavrov_corpus: list[Record]) -> None:
    actors = by_id(build_actors(lavrov_corpus))
    otan = actors["org:otan"]
    assert otan.kind == "organisation"
    assert otan.name == "Otan"
    assert set(otan.aliases) == {
        "Otan",
        "OTAN",
        "НАТО",
        "Organisation du traité de l'Atlantique Nord",
    }
    assert otan.n_articles == 4
    ue = actors["org:ue"]
    assert set(ue.aliases) == {"UE", "Union européenne", "EU"}
    us = actors["state:etats-unis"]
    assert us.kind == "state"
    assert {"Washington", "États-Unis", "gouvernement des États-Unis"} <= set(us.aliases)
    assert us.n_quotes == 1
    russia = actors["state:russie"]
    assert {"Russie", "Kremlin"} <= set(russia.aliases)
    assert russia.n_quotes == 1
    assert actors["loc:geneve"].kind == "place"
    assert actors["per:joe-biden"].roles == {"président américain": 2}


def test_same_ids_whatever_the_order(lavrov_corpus: list[Record]) -> None:
    first = [a.to_dict() for a in build_actors(lavrov_corpus)]
    for seed in range(3):
        shuffled = list(lavrov_corpus)
        random.Random(seed).shuffle(shuffled)
        assert [a.to_dict() for a in build_actors(shuffled)] == first


def test_incremental_equals_bulk_and_ids_stick(lavrov_corpus: list[Record]) -> None:
    index = ActorIndex()
    index.add(lavrov_corpus[3:])  # Cyrillic first: "Сергей Лавров" → per:sergei-lavrov
    assert index.actor("per:sergei-lavrov") is not None
    report = index.add(lavrov_corpus[:3])
    assert report.added == 3
    ids = {a.id for a in index.actors()}
    assert "per:sergei-lavrov" in ids and "per:serguei-lavrov" not in ids  # the id sticks
    assert "per:sergei-lavrov" in report.changed
    # a rebuild told the issued ids gives the same actors
    bulk = build_actors(lavrov_corpus, previous_ids=ids)
    assert [a.to_dict() for a in bulk] == [a.to_dict() for a in index.actors()]
    # the same records again are skipped
    again = index.add(lavrov_corpus[:1])
    assert again.added == 0 and again.skipped == ["a1"]
    assert not again.changed and not again.remapped


def test_state_round_trip(lavrov_corpus: list[Record]) -> None:
    index = ActorIndex()
    index.add(lavrov_corpus[:3])
    state = json.loads(json.dumps(index.state()))
    again = ActorIndex.from_state(state)
    assert [a.to_dict() for a in again.actors()] == [a.to_dict() for a in index.actors()]
    again.add(lavrov_corpus[3:])
    index.add(lavrov_corpus[3:])
    assert [a.to_dict() for a in again.actors()] == [a.to_dict() for a in index.actors()]
    with pytest.raises(ValueError, match="version"):
        ActorIndex.from_state({**state, "version": 99})


def test_surname_alone_attaches_only_when_unique(make_record: Any) -> None:
    recs = [
        make_record("b1", "Marine Le Pen a parlé.", [("Marine Le Pen", "PER")]),
        make_record("b2", "Jean-Marie Le Pen a parlé.", [("Jean-Marie Le Pen", "PER")]),
        make_record("b3", "Le Pen a répondu.", [("Le Pen", "PER")]),
        make_record(
            "b4",
            "Marine Le Pen a parlé, puis Mme Le Pen a répondu.",
            [("Marine Le Pen", "PER"), ("Mme Le Pen", "PER")],
        ),
        make_record("b5", "Emmanuel Macron a parlé.", [("Emmanuel Macron", "PER")]),
        make_record("b6", "Macron a répondu.", [("Macron", "PER")]),
        make_record("b7", "J. Biden et Joe Biden.", [("J. Biden", "PER"), ("Joe Biden", "PER")]),
        make_record("b8", "J. Biden a écrit.", [("J. Biden", "PER")]),
        make_record("b9", "Lavrov a parlé.", [("Lavrov", "PER")]),
    ]
    index = ActorIndex()
    index.add(recs)
    actors = by_id(index.actors())
    le_pen = actors["per:le-pen"]
    assert le_pen.ambiguous
    assert le_pen.candidates == ["per:jean-marie-le-pen", "per:marine-le-pen"]
    assert le_pen.n_articles == 1  # b3 only: in b4 "Mme Le Pen" is Marine
    assert actors["per:marine-le-pen"].aliases == {"Marine Le Pen": 2, "Mme Le Pen": 1}
    assert actors["per:emmanuel-macron"].n_articles == 2
    assert actors["per:joe-biden"].n_articles == 2
    assert "J. Biden" in actors["per:joe-biden"].aliases
    lavrov = actors["per:lavrov"]  # no full name in the corpus: its own actor, not ambiguous
    assert not lavrov.ambiguous and lavrov.name == "Lavrov"
    # a second Lavrov makes "Lavrov" alone ambiguous; the report says which units moved
    index2 = ActorIndex()
    index2.add([*recs, make_record("c1", "Sergueï Lavrov.", [("Sergueï Lavrov", "PER")])])
    assert "Lavrov" in index2.actor("per:serguei-lavrov").aliases  # type: ignore[union-attr]
    report = index2.add([make_record("c2", "Ivan Lavrov.", [("Ivan Lavrov", "PER")])])
    assert report.remapped == {"n:lavrov": "per:lavrov"}
    assert index2.actor("per:lavrov").candidates == [  # type: ignore[union-attr]
        "per:ivan-lavrov",
        "per:serguei-lavrov",
    ]
    assert "per:serguei-lavrov" in report.changed and "per:lavrov" in report.changed


def test_first_name_variants_and_short_forms(make_record: Any) -> None:
    recs = [
        make_record("k1", "Dmitar Koslevski a parlé.", [("Dmitar Koslevski", "PER")]),
        make_record("k2", "Dmitar Koslevski a parlé.", [("Dmitar Koslevski", "PER")]),
        make_record("k3", "Dimitar Koslevski a parlé.", [("Dimitar Koslevski", "PER")]),
        make_record("k4", "Dmitri Koslevsky said.", [("Dmitri Koslevsky", "PER")]),
        make_record("k5", "Дмитар Кослевский сказал.", [("Дмитар Кослевский", "PER")]),
        make_record("k6", "Кослевский сказал.", [("Кослевский", "PER")]),
        make_record("t1", "Antony Blinken.", [("Antony Blinken", "PER")]),
        make_record("t2", "Tony Blinken.", [("Tony Blinken", "PER")]),
        make_record("j1", "Jean Martin.", [("Jean Martin", "PER")]),
        make_record("j2", "Jeanne Martin.", [("Jeanne Martin", "PER")]),
    ]
    actors = by_id(build_actors(recs))
    kos = actors["per:dmitar-koslevski"]
    assert kos.n_articles == 6
    assert set(kos.aliases) == {
        "Dmitar Koslevski",
        "Dimitar Koslevski",
        "Dmitri Koslevsky",
        "Дмитар Кослевский",
        "Кослевский",
    }
    assert actors["per:antony-blinken"].n_articles == 2
    assert "per:jean-martin" in actors and "per:jeanne-martin" in actors


def test_speakers_anonymous_coordinated_and_institutions(make_record: Any) -> None:
    text = (
        "Antony Blinken et Jens Stoltenberg ont répondu. Un diplomate a confirmé. "
        "Le ministère karsovien des Affaires étrangères a démenti."
    )
    rec = make_record(
        "s1",
        text,
        [("Antony Blinken", "PER"), ("Jens Stoltenberg", "PER")],
        [
            ("Antony Blinken et Jens Stoltenberg", "Antony Blinken et Jens Stoltenberg"),
            ("anonymous:diplomate", "Un diplomate"),
            ("ministère karsovien des Affaires étrangères", "Le ministère karsovien"),
            (None, None),
        ],
    )
    index = ActorIndex()
    index.add([rec])
    actors = by_id(index.actors())
    assert actors["per:antony-blinken"].n_quotes == 1
    assert actors["per:jens-stoltenberg"].n_quotes == 1
    anon = actors["anon:diplomate"]
    assert anon.kind == "anonymous" and anon.n_quotes == 1 and anon.n_mentions == 1
    org = actors["org:ministere-karsovien-des-affaires-etrangeres"]
    assert org.kind == "organisation" and org.n_quotes == 1
    resolved = resolve_article(rec, index.resolver())
    assert resolved.quotes == [
        ["per:antony-blinken", "per:jens-stoltenberg"],
        ["anon:diplomate"],
        ["org:ministere-karsovien-des-affaires-etrangeres"],
        [],
    ]
    assert resolved.quote_units[0] == ["n:antony blinken", "n:jens stoltenberg"]


def test_misc_names_are_no_actors_unless_known(make_record: Any) -> None:
    rec = make_record(
        "m1",
        "Bouclier d'ambre et le G7 ; Internet.",
        [("Bouclier d'ambre", "MISC"), ("G7", "MISC"), ("Internet", "MISC")],
    )
    index = ActorIndex()
    index.add([rec])
    assert {a.id for a in index.actors()} == {"org:g7"}
    assert resolve_article(rec, index.resolver()).entities == [None, "org:g7", None]


def test_resolve_article_aligns_with_results(lavrov_corpus: list[Record]) -> None:
    index = ActorIndex()
    index.add(lavrov_corpus)
    resolver = index.resolver()
    first = resolve_article(lavrov_corpus[0], resolver)
    assert first.entities == [
        "per:serguei-lavrov",
        "org:otan",
        "state:russie",
        "per:serguei-lavrov",
        "state:etats-unis",
    ]
    assert first.entity_units[3] == "n:serguei lavrov"  # "M. Lavrov" took the full name's unit
    assert first.quotes == [["per:serguei-lavrov"], ["per:serguei-lavrov"]]
    third = resolve_article(lavrov_corpus[2], resolver)
    assert third.entities[0] == "per:serguei-lavrov"
    assert third.entity_units[0] == "n:serguei lavrov"  # the quote says who
    assert third.quotes[1] == ["state:etats-unis"]
    assert first.actor_ids() == {
        "per:serguei-lavrov",
        "org:otan",
        "state:russie",
        "state:etats-unis",
    }


def test_resolving_an_article_the_corpus_has_not_seen(
    lavrov_corpus: list[Record], make_record: Any
) -> None:
    index = ActorIndex()
    index.add(lavrov_corpus)
    new = make_record(
        "n1",
        "Serguei Lavrov et M. Lavrov, l'Alliance atlantique, Zorglub Dupont, Karsovie.",
        [
            ("Serguei Lavrov", "PER"),
            ("M. Lavrov", "PER"),
            ("Alliance atlantique", "ORG"),
            ("Zorglub Dupont", "PER"),
            ("Karsovie", "LOC"),
        ],
        [("Zorglub Dupont", "Zorglub Dupont")],
    )
    out = resolve_article(new, index.resolver())
    assert out.entities == [
        "per:serguei-lavrov",
        "per:serguei-lavrov",
        "org:otan",
        "per:zorglub-dupont",
        "loc:karsovie",
    ]
    assert out.quotes == [["per:zorglub-dupont"]]
    alone = make_record("n2", "Lavrov a dit.", [("Lavrov", "PER")])
    assert resolve_article(alone, index.resolver()).entities == ["per:serguei-lavrov"]


def test_kind_by_vote_and_flip_hysteresis(make_record: Any) -> None:
    org = [make_record(f"o{i}", "Karsovie.", [("Karsovie", "ORG")]) for i in range(2)]
    loc = [make_record(f"l{i}", "Karsovie.", [("Karsovie", "LOC")]) for i in range(5)]
    assert {a.id for a in build_actors(org + loc)} == {"loc:karsovie"}
    index = ActorIndex()
    index.add(org)
    assert index.actor("org:karsovie") is not None
    index.add(loc[:3])  # 3 place votes against 2: not enough to rename
    assert [a.id for a in index.actors()] == ["org:karsovie"]
    report = index.add(loc[3:])  # 5 against 2
    assert [a.id for a in index.actors()] == ["loc:karsovie"]
    assert report.remapped == {"n:karsovie": "loc:karsovie"}
    assert report.removed == {"org:karsovie"}


def test_junk_person_names_are_dropped(make_record: Any) -> None:
    rec = make_record(
        "j1",
        "le ministre des Affaires et de la Défense ; de Gaulle",
        [("des Affaires", "PER"), ("de la Défense", "PER"), ("de Gaulle", "PER")],
    )
    assert [a.id for a in build_actors([rec])] == ["per:de-gaulle"]


def test_updates_in_any_batches_equal_a_rebuild(
    lavrov_corpus: list[Record], make_record: Any
) -> None:
    recs = [
        *lavrov_corpus,
        make_record("x1", "Marine Le Pen.", [("Marine Le Pen", "PER")]),
        make_record("x2", "Le Pen.", [("Le Pen", "PER")]),
        make_record("x3", "Jean-Marie Le Pen.", [("Jean-Marie Le Pen", "PER")]),
        make_record("x4", "Ivan Lavrov.", [("Ivan Lavrov", "PER")]),
        make_record("x5", "Karsovie.", [("Karsovie", "ORG")]),
        make_record("x6", "Karsovie, Karsovie.", [("Karsovie", "LOC"), ("Karsovie", "LOC")]),
        make_record("x7", "Tony Blinken.", [("Tony Blinken", "PER")]),
    ]
    for seed in range(6):
        rng = random.Random(seed)
        order = list(recs)
        rng.shuffle(order)
        index = ActorIndex()
        pos = 0
        while pos < len(order):
            n = rng.randint(1, 4)
            index.add(order[pos : pos + n])
            pos += n
        final = [a.to_dict() for a in index.actors()]
        ids = {a["id"] for a in final}
        assert [a.to_dict() for a in build_actors(recs, previous_ids=ids)] == final
        rebuilt = ActorIndex(previous_ids=ids)
        rebuilt.add(recs)
        assert rebuilt.unit_ids() == index.unit_ids()
