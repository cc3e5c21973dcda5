"""The exception tree. Every error vigie raises on purpose derives from :class:`VigieError`.

::

    VigieError
    ├── ConfigError          bad config file or option value
    ├── PipelineError        unknown stage, unmet requirement, bad stage order
    ├── InputError           an input that cannot be read (names the input and the problem)
    ├── StoreError           the store cannot be opened, migrated or written
    │   └── QueryError       a search query whose syntax cannot be understood
    └── NotFoundError        an article, actor, story… that does not exist
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "InputError",
    "NotFoundError",
    "PipelineError",
    "QueryError",
    "StoreError",
    "VigieError",
]


class VigieError(Exception):
    """Base of all errors raised by vigie on purpose."""


class ConfigError(VigieError):
    """A config file or option that cannot be used."""


class PipelineError(VigieError):
    """A pipeline that cannot be built: unknown stage, unmet requirement, wrong order."""


class InputError(VigieError):
    """An input that cannot be read. ``source`` names the input."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class StoreError(VigieError):
    """The store cannot be opened, migrated or written."""


class QueryError(StoreError):
    """A search query that cannot be understood."""


class NotFoundError(VigieError):
    """Something asked for by id that does not exist."""
