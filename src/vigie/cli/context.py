"""What every command shares: options, the store path, output helpers."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from typing import Any, NoReturn

import click

from vigie.config import Options, load_options
from vigie.errors import VigieError
from vigie.storage.sqlite import SQLiteStore

__all__ = ["Ctx", "emit_json", "fail", "pass_ctx"]


@dataclass
class Ctx:
    config_path: str | None
    db_arg: str | None
    _options: Options | None = None

    @property
    def options(self) -> Options:
        if self._options is None:
            try:
                self._options = load_options(self.config_path)
            except VigieError as exc:
                fail(str(exc))
        assert self._options is not None
        return self._options

    @property
    def db_path(self) -> str:
        return self.db_arg or os.environ.get("VIGIE_DB") or self.options.store.path

    def open_store(self, readonly: bool = False) -> SQLiteStore:
        try:
            return SQLiteStore(self.db_path, readonly=readonly)
        except VigieError as exc:
            fail(str(exc))
            raise


pass_ctx = click.make_pass_decorator(Ctx)


def fail(message: str, code: int = 2) -> NoReturn:
    click.echo(f"vigie: error: {message}", err=True)
    sys.exit(code)


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=None))
