"""The YAML registry: aliases, merges, splits, ignored names, kinds and names; clear errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from vigie.actors import ActorIndex, Registry, RegistryError, build_actors, resolve_article
from vigie.actors.model import Actor

REGISTRY = """\
# a registry as a user writes it
actors:
  state:valdorie:
    name: Valdorie
    kind: state
    aliases: [Brennisk, gouvernement valdorien]
  per:sergei-lavrov:
    name: Sergueï Lavrov
    aliases: [Lavrov]
    roles: [doyen des diplomates]
  org:otan:
    name: OTAN
merges:
  org:pacte-de-sarvel: [org:alliance-de-sarvel]
splits:
  - name: Poutine
  - name: Dmitri Koslevsky
    id: per:dmitri-koslevsky
ignore: [Bouclier]
"""


def write(tmp_path: Path, text: str, name: str = "actors.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def by_id(actors: list[Actor]) -> dict[str, Actor]:
    return {a.id: a for a in actors}


@pytest.fixture
def registry(tmp_path: Path) -> Registry:
    return Registry.load(write(tmp_path, REGISTRY))


def test_load_and_lookups(registry: Registry) -> None:
    assert set(registry.actors) == {"state:valdorie", "per:sergei-lavrov", "org:otan"}
    assert registry.actors["state:valdorie"].aliases == ["Brennisk", "gouvernement valdorien"]
    assert registry.alias_owner("brennisk") == "state:valdorie"
    assert registry.alias_owner("le brennisk") == "state:valdorie"  # a leading article
    # people's aliases are matched by their phonetic key too
    assert registry.alias_owner("sergey lavrov", "sergei lavrov") == "per:sergei-lavrov"
    assert registry.canonical("org:alliance-de-sarvel") == "org:pacte-de-sarvel"
    assert registry.split_of("poutine") == (True, None)
    assert registry.split_of("dmitri koslevski", "dmitri koslevski") == (
        True,
        "per:dmitri-koslevsky",
    )
    assert registry.is_ignored("bouclier")


def test_save_round_trip(registry: Registry, tmp_path: Path) -> None:
    out = registry.save(tmp_path / "copy.yaml")
    again = Registry.load(out)
    assert again.to_data() == registry.to_data()
    assert out.read_text(encoding="utf-8").startswith("# vigie actor registry")
    assert "Sergueï" in out.read_text(encoding="utf-8")  # written as UTF-8, not escaped
    assert Registry.load(write(tmp_path, "", "empty.yaml")).to_data() == {}


def test_edits_validate_and_save(tmp_path: Path) -> None:
    reg = Registry()
    reg.add_alias("per:emmanuel-macron", "Macron", "Manu")
    reg.set_actor("per:emmanuel-macron", name="Emmanuel Macron", roles=["président"])
    reg.merge("org:otan", "org:alliance-atlantique")
    reg.split("Le Pen")
    reg.ignore_name("JT")
    path = reg.save(tmp_path / "r.yaml")
    again = Registry.load(path)
    assert again.actors["per:emmanuel-macron"].aliases == ["Macron", "Manu"]
    assert again.actors["per:emmanuel-macron"].roles == ["président"]
    assert again.merges == {"org:otan": ["org:alliance-atlantique"]}
    assert [s.name for s in again.splits] == ["Le Pen"]
    assert again.ignore == ["JT"]
    # an edit that breaks the registry is refused and leaves it as it was
    with pytest.raises(RegistryError, match="claimed by two actors"):
        reg.add_alias("per:brigitte-macron", "Macron")
    assert "per:brigitte-macron" not in reg.actors
    with pytest.raises(RegistryError, match="merge cycle"):
        reg.merge("org:alliance-atlantique", "org:otan")
    assert reg.merges == {"org:otan": ["org:alliance-atlantique"]}
    with pytest.raises(RegistryError, match="unknown kind"):
        reg.set_actor("per:x", kind="people")
    assert "per:x" not in reg.actors


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("actors: [unclosed\n", 2, "not valid YAML"),
        ("actors:\n  per:a:\n    name: A\n   bad indent: x\n", None, "not valid YAML"),
        ("aliases:\n  - x\n", 1, "unknown key 'aliases'"),
        ("actors:\n  per:a:\n    alias: [A]\n", 3, "actor per:a: unknown key 'alias'"),
        ("actors:\n  Lavrov:\n    name: Lavrov\n", 2, "bad actor id 'Lavrov'"),
        ("actors:\n  per:a:\n    kind: people\n", 3, "unknown kind 'people'"),
        ("actors:\n  org:a:\n    kind: person\n", 3, "does not match the id prefix 'org'"),
        (
            "actors:\n  per:a:\n    aliases: [Lavrov]\n  per:b:\n    aliases: [LAVROV]\n",
            4,
            "alias 'LAVROV' is claimed by two actors: per:a ('Lavrov') and per:b",
        ),
        ("actors:\n  per:a:\n    aliases: Lavrov\n    aliases: X\n", 4, "duplicate key"),
        ("actors:\n  per:a:\n    aliases: [1, 2]\n", 3, "'aliases' must be a list of names"),
        ("merges:\n  per:a: [per:b]\n  per:b: [per:a]\n", None, "merge cycle"),
        ("merges:\n  per:a: [per:c]\n  per:b: [per:c]\n", 3, "per:c is merged into two"),
        ("merges:\n  per:a: [per:a]\n", 2, "cannot merge into itself"),
        ("merges:\n  per:a: []\n", 2, "expected a list of ids"),
        (
            "actors:\n  per:a:\n    aliases: [Poutine]\nsplits:\n  - name: Poutine\n",
            5,
            "split 'Poutine' is also an alias of per:a",
        ),
        ("splits:\n  - id: per:a\n", 2, "a split needs a 'name'"),
        ("splits:\n  - name: X\n    into: per:a\n", 3, "split: unknown key 'into'"),
        (
            "actors:\n  per:a:\n    aliases: [JT]\nignore: [JT]\n",
            4,
            "ignored name 'JT' is an alias",
        ),
        ("- just\n- a list\n", None, "must be a mapping"),
        ("ignore: JT\n", 1, "'ignore' must be a list of names"),
    ],
)
def test_errors_name_the_file_the_line_and_the_problem(
    tmp_path: Path, text: str, line: int | None, problem: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(RegistryError) as info:
        Registry.load(path)
    err = info.value
    assert err.source == str(path)
    assert problem in err.problem
    if line is not None:
        assert err.line == line
        assert str(err).startswith(f"{path}:{line}: ")
    else:
        assert str(err).startswith(f"{path}")


def test_missing_and_undecodable_files(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="no such file"):
        Registry.load(tmp_path / "nope.yaml")
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("actors:\n  per:a:\n    name: Sergueï\n".encode("latin-1"))
    with pytest.raises(RegistryError, match="not UTF-8"):
        Registry.load(bad)


def test_registry_changes_the_actors(registry: Registry, make_record: Any) -> None:
    recs = [
        make_record(
            "r1",
            "Brennisk accuse Korvansk. Sergey Lavrov et le Pacte de Sarvel.",
            [("Brennisk", "LOC"), ("Sergey Lavrov", "PER"), ("Pacte de Sarvel", "ORG")],
            [("Brennisk", "Brennisk")],
        ),
        make_record(
            "r2",
            "L'Alliance de Sarvel et l'Otan ; Bouclier ; Lavrov.",
            [
                ("Alliance de Sarvel", "ORG"),
                ("Otan", "ORG"),
                ("Bouclier", "PER"),
                ("Lavrov", "PER"),
            ],
        ),
        make_record("r3", "Vladimir Poutine a parlé.", [("Vladimir Poutine", "PER")]),
        make_record(
            "r4",
            "Poutine a répondu à Vladimir Poutine.",
            [("Poutine", "PER"), ("Vladimir Poutine", "PER")],
        ),
        make_record("r5", "Dmitar Koslevski a parlé.", [("Dmitar Koslevski", "PER")]),
        make_record("r6", "Dmitri Koslevsky said.", [("Dmitri Koslevsky", "PER")]),
    ]
    plain = by_id(build_actors(recs))
    # without the registry
    assert plain["org:brennisk"].kind == "organisation"  # one place vote, one speaker vote
    assert "per:bouclier" in plain
    assert plain["per:vladimir-poutine"].n_articles == 2  # "Poutine" attaches
    assert "Dmitri Koslevsky" in plain["per:dmitar-koslevski"].aliases
    assert "org:alliance-de-sarvel" in plain and "org:pacte-de-sarvel" in plain
    # with it
    index = ActorIndex(registry)
    index.add(recs)
    actors = by_id(index.actors())
    valdorie = actors["state:valdorie"]
    assert valdorie.kind == "state" and valdorie.name == "Valdorie"
    assert valdorie.n_quotes == 1 and valdorie.n_mentions == 1
    lavrov = actors["per:sergei-lavrov"]
    assert lavrov.name == "Sergueï Lavrov"
    assert set(lavrov.aliases) == {"Sergey Lavrov", "Lavrov"}
    assert lavrov.roles == {"doyen des diplomates": 0}
    assert actors["org:otan"].name == "OTAN"
    sarvel = actors["org:pacte-de-sarvel"]
    assert set(sarvel.aliases) == {"Pacte de Sarvel", "Alliance de Sarvel"}
    assert "org:alliance-de-sarvel" not in actors
    assert "per:bouclier" not in actors
    poutine = actors["per:poutine"]  # split: alone, it attaches to no one, even in r4
    assert poutine.n_articles == 1 and not poutine.ambiguous
    assert actors["per:vladimir-poutine"].n_articles == 2
    assert actors["per:dmitri-koslevsky"].aliases == {"Dmitri Koslevsky": 1}
    assert actors["per:dmitar-koslevski"].aliases == {"Dmitar Koslevski": 1}
    resolved = resolve_article(recs[1], index.resolver())
    assert resolved.entities == [
        "org:pacte-de-sarvel",
        "org:otan",
        None,
        "per:sergei-lavrov",
    ]


def test_a_registry_person_anchors_surnames(make_record: Any) -> None:
    reg = Registry.loads("actors:\n  per:jens-stoltenberg:\n    name: Jens Stoltenberg\n")
    recs = [make_record("s1", "Stoltenberg a parlé.", [("Stoltenberg", "PER")])]
    assert [a.id for a in build_actors(recs, reg)] == ["per:jens-stoltenberg"]
    assert [a.id for a in build_actors(recs)] == ["per:stoltenberg"]


def test_registry_overrides_the_gazetteer(make_record: Any) -> None:
    reg = Registry.loads("actors:\n  org:kremlin:\n    name: Kremlin\n    aliases: [Kremlin]\n")
    recs = [make_record("k1", "Le Kremlin et Moscou.", [("Kremlin", "ORG"), ("Moscou", "LOC")])]
    assert {a.id for a in build_actors(recs)} == {"state:russie"}
    assert {a.id for a in build_actors(recs, reg)} == {"org:kremlin", "state:russie"}
    merged = Registry.loads("merges:\n  state:russie: [org:otan]\n")  # merges apply to built-ins
    recs2 = [make_record("k2", "Otan et Russie.", [("Otan", "ORG"), ("Russie", "LOC")])]
    assert [a.id for a in build_actors(recs2, merged)] == ["state:russie"]
