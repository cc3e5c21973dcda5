"""Readers: turn files, directories and JSONL streams into Articles (or clear failures)."""

from vigie.ingest.decode import decode_bytes
from vigie.ingest.sources import Failure, read_inputs

__all__ = ["Failure", "decode_bytes", "read_inputs"]
