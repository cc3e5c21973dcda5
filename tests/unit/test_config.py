from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from vigie.config import Options, load_options
from vigie.errors import ConfigError


def test_defaults_round_trip_through_toml(tmp_path: Path) -> None:
    text = Options().to_toml()
    p = tmp_path / "vigie.toml"
    p.write_text(text, encoding="utf-8")
    assert load_options(p) == Options()
    assert tomllib.loads(text)["store"]["path"] == "vigie.db"


def test_file_overrides_defaults(tmp_path: Path) -> None:
    p = tmp_path / "c.toml"
    p.write_text('[pipeline]\nworkers = 1\n[clean.furniture]\n"Le Site" = ["Pub"]\n')
    opts = load_options(p)
    assert opts.pipeline.workers == 1
    assert opts.clean.furniture == {"Le Site": ["Pub"]}
    assert opts.store.path == "vigie.db"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[pipline]\nworkers = 1\n", "unknown option 'pipline'"),
        ("[pipeline]\nworkers = 'two'\n", "expected int"),
        ("[pipeline\n", "not valid TOML"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    p = tmp_path / "bad.toml"
    p.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_options(p)


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_options(tmp_path / "absent.toml")
