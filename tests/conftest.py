"""Shared fixtures: paths to ../shared, small options, a fresh store; and the helper modules
of tests/helpers importable from any test (``from store_records import actor_record``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from vigie.config import Options
from vigie.storage.sqlite import SQLiteStore

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLES = SHARED / "samples" / "articles"

_HELPERS = str(REPO / "tests" / "helpers")
if _HELPERS not in sys.path:
    sys.path.insert(0, _HELPERS)


@pytest.fixture
def samples_dir() -> Path:
    if not SAMPLES.is_dir():
        pytest.fail(f"{SAMPLES} is missing: ../shared must sit beside the checkout")
    return SAMPLES


@pytest.fixture
def options() -> Options:
    opts = Options()
    opts.pipeline.workers = 1
    return opts


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    s = SQLiteStore(tmp_path / "test.db")
    yield s
    s.close()
