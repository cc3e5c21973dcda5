"""The state media list (vigie.outlets.state_media) and its ``[outlets]`` option."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from vigie.cli.main import cli
from vigie.config import Options, load_options
from vigie.errors import ConfigError
from vigie.outlets.state_media import (
    DEFAULT_STATE_MEDIA,
    StateMediaList,
    media_key,
    state_media,
)

MANIFEST = Path(__file__).resolve().parents[2] / "src" / "vigie" / "demo" / "manifest.json"


def test_media_key_folds_case_accents_and_punctuation() -> None:
    assert media_key("RIA-Novosti") == media_key("ria novosti") == "ria novosti"
    assert media_key("  Rossiïskaïa   Gazeta ") == "rossiiskaia gazeta"
    assert media_key("www.Tass.ru") == "tass ru"
    assert media_key("Экран-К") == "экран к"
    assert media_key(None) == media_key("") == media_key(" - ") == ""


@pytest.mark.parametrize(
    ("name", "medium"),
    [
        ("Tass", "TASS"),
        ("ITAR-TASS", "TASS"),
        ("ТАСС", "TASS"),
        ("tass.ru", "TASS"),
        ("RIA Novosti", "RIA Novosti"),
        ("ria-novosti", "RIA Novosti"),
        ("Russia Today", "RT"),
        ("RT France", "RT"),
        ("Sputnik Afrique", "Sputnik"),
        ("Perviy Kanal", "Channel One Russia"),
        ("Chine nouvelle", "Xinhua"),
        ("新华社", "Xinhua"),
        ("CGTN", "CGTN"),
        ("Irna", "IRNA"),
        ("Press TV", "Press TV"),
        ("Telekar", "Telekar"),
        ("Телекар", "Telekar"),
        ("telekar.kv", "Telekar"),
        ("Экран-К", "Ekran-K"),
        ("Orbita", "Orbita Info"),
    ],
)
def test_names_and_aliases_match_their_medium(name: str, medium: str) -> None:
    m = state_media().match(name)
    assert m is not None and m.name == medium


@pytest.mark.parametrize(
    "name",
    ["AFP", "Reuters", "Le Monde", "Estafette", "Canal Sept", "France 2", "BBC", "RTL", "", None],
)
def test_other_outlets_are_not_state_media(name: str | None) -> None:
    assert state_media().match(name) is None


def test_the_demo_corpus_state_outlets_are_listed() -> None:
    """Every outlet the demo manifest calls state-run (and its native name) is on the list;
    no other demo outlet is."""
    outlets = json.loads(MANIFEST.read_text(encoding="utf-8"))["outlets"]
    states = state_media()
    state_run = {name for name, o in outlets.items() if "state" in o["kind"]}
    assert state_run == {"Telekar", "Ekran-K", "Orbita Info"}
    for name, o in outlets.items():
        m = states.match(name)
        if name in state_run:
            assert m is not None and m.name == name and m.fictional
            if o.get("native_name"):
                assert states.match(o["native_name"]) is m
        else:
            assert m is None, name


def test_default_list_is_well_formed() -> None:
    names = [media_key(m.name) for m in DEFAULT_STATE_MEDIA]
    assert len(names) == len(set(names)) >= 40
    assert all(m.country for m in DEFAULT_STATE_MEDIA)
    # every alias reaches its own medium (none is shadowed by another's)
    states = state_media()
    for m in DEFAULT_STATE_MEDIA:
        for alias in (m.name, *m.aliases):
            assert states.match(alias) is m, alias


def test_extra_names_are_added_to_the_defaults() -> None:
    states = state_media(["Radio Imaginaire", "tass", "  "])
    assert len(states) == len(DEFAULT_STATE_MEDIA) + 1
    extra = states.match("RADIO-imaginaire")
    assert extra is not None and extra.name == "Radio Imaginaire" and extra.country == ""
    assert states.match("TASS") is state_media().match("TASS")
    assert state_media().match("Radio Imaginaire") is None
    assert "Radio-Imaginaire" in states and "Radio Imaginaire" not in state_media()
    assert 42 not in states
    custom = StateMediaList([], ["Une seule"])
    assert len(custom) == 1 and custom.match("une seule") is not None


# -- the [outlets] option --------------------------------------------------------------------


def test_outlets_option_is_read_from_the_config(tmp_path: Path) -> None:
    p = tmp_path / "vigie.toml"
    p.write_text('[outlets]\nstate_media = ["Radio Imaginaire", "Agence X"]\n', encoding="utf-8")
    opts = load_options(p)
    assert opts.outlets.state_media == ["Radio Imaginaire", "Agence X"]
    assert Options().outlets.state_media == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[outlets]\nstate_media = [1, 2]\n", "state_media: expected a list of names"),
        ('[outlets]\nstate_media = "Tass"\n', "expected list"),
        ('[outlets]\nstate_medias = ["Tass"]\n', "unknown option 'state_medias'"),
    ],
)
def test_bad_outlets_option(tmp_path: Path, content: str, message: str) -> None:
    p = tmp_path / "bad.toml"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_options(p)


def test_config_show_prints_the_outlets_section(tmp_path: Path) -> None:
    p = tmp_path / "vigie.toml"
    p.write_text('[outlets]\nstate_media = ["Radio Imaginaire"]\n', encoding="utf-8")
    runner = CliRunner()
    shown = runner.invoke(cli, ["--config", str(p), "config", "show"])
    assert shown.exit_code == 0, shown.output
    data = tomllib.loads(shown.output)
    assert data["outlets"] == {"state_media": ["Radio Imaginaire"]}
    # what it prints loads back as the same options
    again = tmp_path / "again.toml"
    again.write_text(shown.output, encoding="utf-8")
    assert load_options(again) == load_options(p)
    as_json = runner.invoke(cli, ["--config", str(p), "config", "show", "--json"])
    assert as_json.exit_code == 0
    assert json.loads(as_json.output)["outlets"]["state_media"] == ["Radio Imaginaire"]
    default = runner.invoke(cli, ["--config", str(tmp_path / "again.toml"), "config", "show"])
    assert "[outlets]" in default.output
