"""The saved copy index: a file beside the store holding the arrays of
:func:`vigie.copies.index_state.index_state` (numpy's ``.npz`` format, no pickled objects).

It is a cache, never the only copy of anything: the fingerprints table holds all it is made
of, and a missing, unreadable or outdated file only means the index is built again from
there. It is written to a temporary name and renamed, so a reader never sees half a file.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["IndexFileError", "index_file_for", "read_index_file", "write_index_file"]

_HEADER = "__header__"
SUFFIX = ".copy-index"


class IndexFileError(ValueError):
    """A saved copy index that cannot be read (the caller builds the index again)."""


def index_file_for(store_path: Path) -> Path | None:
    """Where the copy index of the store at ``store_path`` is saved (None for a store that
    lives in memory)."""
    name = str(store_path)
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    return store_path.with_name(store_path.name + SUFFIX)


def write_index_file(path: Path, header: dict[str, Any], arrays: dict[str, NDArray[Any]]) -> int:
    """Save ``header`` (JSON-safe) and ``arrays``; returns the size of the file in bytes."""
    if _HEADER in arrays:
        raise ValueError(f"an array may not be named {_HEADER!r}")
    blob = np.frombuffer(json.dumps(header, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as fh:
            np.savez(fh, allow_pickle=False, **{_HEADER: blob}, **arrays)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path.stat().st_size


def read_index_file(path: Path) -> tuple[dict[str, Any], dict[str, NDArray[Any]]] | None:
    """``(header, arrays)`` saved at ``path``; None when there is no such file.

    Raises :class:`IndexFileError` naming the file when it cannot be read."""
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as saved:
            arrays = {name: saved[name] for name in saved.files}
        blob = arrays.pop(_HEADER)
        header = json.loads(blob.tobytes().decode("utf-8"))
    except KeyError:
        raise IndexFileError(f"{path}: saved copy index has no header") from None
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as exc:
        raise IndexFileError(f"{path}: cannot read the saved copy index: {exc}") from None
    if not isinstance(header, dict):
        raise IndexFileError(f"{path}: saved copy index header is not an object")
    return header, arrays
