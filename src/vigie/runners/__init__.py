"""Executors (where per-article stages run) and the ingest run that drives them."""

from vigie.runners.ingest import IngestReport, ingest
from vigie.runners.local import LocalExecutor, process_batch

__all__ = ["IngestReport", "LocalExecutor", "ingest", "process_batch"]
