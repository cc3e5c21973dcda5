"""vigie: monitor online news — who said what, who copied whom, what spreads where."""

from vigie.article import Article, OffsetMap, Paragraph, Removal, StageError
from vigie.config import Options, load_options
from vigie.errors import (
    ConfigError,
    InputError,
    NotFoundError,
    PipelineError,
    QueryError,
    StoreError,
    VigieError,
)
from vigie.pipeline import Pipeline, stage

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ConfigError",
    "InputError",
    "NotFoundError",
    "OffsetMap",
    "Options",
    "Paragraph",
    "Pipeline",
    "PipelineError",
    "QueryError",
    "Removal",
    "StageError",
    "StoreError",
    "VigieError",
    "__version__",
    "load_options",
    "stage",
]
