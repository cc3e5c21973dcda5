"""The command line: ``vigie ingest|search|export|serve|config|runs|show``."""

from vigie.cli.main import cli, main

__all__ = ["cli", "main"]
