"""The whole state of a :class:`~vigie.copies.index.CopyIndex` as plain arrays, and back.

Rebuilding the index from the stored fingerprints costs about 12 s at 236,000 articles (every
fingerprint decoded, every key hashed and sorted again); reading the same index back from its
arrays costs well under a second. :func:`index_state` gives a JSON-safe header and a dict of
numpy arrays (no pickled objects), :func:`index_from_state` the same index again: it returns
the same candidates, and goes on growing as the original would.

The header records the parameters the index was built with (which anchors are boilerplate
depends on them) and ``STATE_VERSION``; :func:`index_from_state` refuses a state made with
other parameters or by another version (:class:`StateMismatch`), and the caller rebuilds.
No I/O here: the store decides where the arrays are kept and when they are still valid.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from vigie.copies.fingerprint import FINGERPRINT_VERSION
from vigie.copies.index import CopyIndex
from vigie.copies.lead import LeadVectors
from vigie.copies.postings import Postings

__all__ = ["STATE_VERSION", "StateMismatch", "index_from_state", "index_state"]

#: bump when the arrays or their meaning change (older saved states are then rebuilt)
STATE_VERSION = 2

_PARAMS = (
    "max_band_df",
    "max_anchor_df",
    "max_xl_df",
    "min_jaccard",
    "min_anchors",
    "min_outlet_df",
    "always_df",
    "max_length_ratio",
)
_POSTINGS = ("bands", "anchors", "texts", "xl", "anchor_outlet")


class StateMismatch(ValueError):
    """A saved index state that cannot be used as it is (other version or parameters, or
    arrays that do not fit together): rebuild the index instead."""


def _params(index: CopyIndex) -> dict[str, float]:
    return {name: getattr(index, name) for name in _PARAMS}


def _codes(values: list[str | None]) -> tuple[list[str | None], NDArray[np.int32]]:
    """Distinct values (first-seen order) and the code of each value."""
    table: dict[str | None, int] = {}
    codes = np.fromiter(
        (table.setdefault(v, len(table)) for v in values), dtype=np.int32, count=len(values)
    )
    return list(table), codes


def _postings(index: CopyIndex, name: str) -> Postings:
    postings: Postings = getattr(index, f"_{name}")
    return postings


def index_state(index: CopyIndex) -> tuple[dict[str, Any], dict[str, NDArray[Any]]]:
    """``(header, arrays)``: the header is JSON-safe, the arrays are plain numpy arrays."""
    n = len(index)
    languages, language_codes = _codes(index._language)
    outlets, outlet_values = _codes(index._outlet)
    arrays: dict[str, NDArray[Any]] = {
        "sigs": index._sigs[:n],
        "n_anchors": index._n_anchors[:n],
        "published": index._published[:n],
        "outlet_code": index._outlet_code[:n],
        "chars": index._chars[:n],
        "language_codes": language_codes,
        "outlet_values": outlet_values,
        "boilerplate": np.array(sorted(index._boilerplate), dtype=np.int64),
        "lang_idx": index._lang_idx[:n],
    }
    arrays["lead_ids"], arrays["lead_vecs"] = index.lead.arrays()
    runs: dict[str, int] = {}
    for name in _POSTINGS:
        saved = _postings(index, name).runs()
        runs[name] = len(saved)
        for j, (keys, ids) in enumerate(saved):
            arrays[f"{name}.{j}.keys"] = keys
            if ids is not None:
                arrays[f"{name}.{j}.ids"] = ids
    header: dict[str, Any] = {
        "state_version": STATE_VERSION,
        "fingerprint_version": FINGERPRINT_VERSION,
        "params": _params(index),
        "count": n,
        "keys": list(index._keys),
        "languages": languages,
        "outlets": outlets,
        "outlet_ids": index._outlet_ids,
        "lang_codes": index._lang_codes,
        "xl_count": list(index._xl_count),
        "xl_langs": sorted(index._xl_langs),
        "runs": runs,
    }
    return header, arrays


def _array(arrays: dict[str, NDArray[Any]], name: str, n: int | None = None) -> NDArray[Any]:
    if name not in arrays:
        raise StateMismatch(f"saved copy index has no array {name!r}")
    arr = arrays[name]
    if n is not None and len(arr) != n:
        raise StateMismatch(f"saved copy index array {name!r} has {len(arr)} rows, not {n}")
    return arr


def _grown(arr: NDArray[Any], n: int, fill: Any) -> NDArray[Any]:
    """A writable copy of ``arr`` with room for ``n`` rows (at least 1,024)."""
    cap = max(1024, n)
    out = np.full((cap, *arr.shape[1:]), fill, dtype=arr.dtype)
    out[: len(arr)] = arr
    return out


def index_from_state(
    header: dict[str, Any], arrays: dict[str, NDArray[Any]], **params: float
) -> CopyIndex:
    """The index saved by :func:`index_state`. ``params``: those the caller wants (the
    defaults of :class:`CopyIndex` otherwise); a state built with others is refused."""
    if header.get("state_version") != STATE_VERSION:
        raise StateMismatch(f"saved copy index is version {header.get('state_version')}")
    if header.get("fingerprint_version") != FINGERPRINT_VERSION:
        raise StateMismatch("saved copy index holds fingerprints of another version")
    index = CopyIndex(**params)  # type: ignore[arg-type]
    if header.get("params") != _params(index):
        raise StateMismatch("saved copy index was built with other parameters")
    n = int(header["count"])
    keys = [str(k) for k in header["keys"]]
    if len(keys) != n or len(set(keys)) != n:
        raise StateMismatch("saved copy index keys do not match its count")
    languages = header["languages"]
    outlets = header["outlets"]
    language_codes = _array(arrays, "language_codes", n)
    outlet_values = _array(arrays, "outlet_values", n)
    if n and (
        int(language_codes.max()) >= len(languages) or int(outlet_values.max()) >= len(outlets)
    ):
        raise StateMismatch("saved copy index codes are out of range")
    sigs = _array(arrays, "sigs", n)
    if sigs.ndim != 2 or sigs.shape[1] != index._sigs.shape[1]:
        raise StateMismatch("saved copy index signatures have another width")
    index._keys = keys
    index._ids = {k: i for i, k in enumerate(keys)}
    index._sigs = _grown(sigs.astype(np.uint32, copy=False), n, 0)
    index._n_anchors = _grown(_array(arrays, "n_anchors", n).astype(np.int32), n, 0)
    index._published = _grown(_array(arrays, "published", n).astype(np.float64), n, np.nan)
    index._outlet_code = _grown(_array(arrays, "outlet_code", n).astype(np.int32), n, -1)
    index._chars = _grown(_array(arrays, "chars", n).astype(np.int64), n, 0)
    index._language = [languages[c] for c in language_codes.tolist()]
    index._outlet = [outlets[c] for c in outlet_values.tolist()]
    index._outlet_ids = {str(k): int(v) for k, v in header["outlet_ids"].items()}
    index._lang_codes = {str(k): int(v) for k, v in header["lang_codes"].items()}
    index._xl_count = [int(c) for c in header["xl_count"]]
    index._xl_langs = {int(c) for c in header["xl_langs"]}
    index._boilerplate = set(_array(arrays, "boilerplate").tolist())
    lang_idx = _array(arrays, "lang_idx", n).astype(np.int16)
    if n and int(lang_idx.max()) >= len(index._lang_codes):
        raise StateMismatch("saved copy index language codes are out of range")
    index._lang_idx = _grown(lang_idx, n, -1)
    lead_ids = _array(arrays, "lead_ids").astype(np.int64)
    if len(lead_ids) and (int(lead_ids.max()) >= n or int(lead_ids.min()) < 0):
        raise StateMismatch("saved copy index lead vectors name unknown articles")
    try:
        index.lead = LeadVectors.from_arrays(lead_ids, _array(arrays, "lead_vecs"))
    except ValueError as exc:
        raise StateMismatch(f"saved copy index: {exc}") from None
    for name in _POSTINGS:
        with_ids = name != "anchor_outlet"
        runs = []
        for j in range(int(header["runs"][name])):
            run_keys = _array(arrays, f"{name}.{j}.keys")
            run_ids = _array(arrays, f"{name}.{j}.ids", len(run_keys)) if with_ids else None
            if run_ids is not None and len(run_ids) and int(run_ids.max()) >= n:
                raise StateMismatch(f"saved copy index postings {name!r} name unknown articles")
            runs.append((run_keys, run_ids))
        try:
            setattr(index, f"_{name}", Postings.from_runs(runs, with_ids=with_ids))
        except ValueError as exc:
            raise StateMismatch(f"saved copy index postings {name!r}: {exc}") from None
    return index
