"""What spreads where: stories (articles about one event, across outlets and languages) and
quote groups (one statement as several articles report it)."""

from vigie.stories.embedding import Embedder, default_embedder
from vigie.stories.features import ArticleFeatures, extract_features
from vigie.stories.index import Story, StoryIndex, StoryParams
from vigie.stories.quote_groups import (
    OutletSpread,
    QuoteGroup,
    QuoteGroupIndex,
    QuoteParams,
    QuoteVariant,
    describe_group,
    group_quotes,
    quote_records,
    speaker_key,
)
from vigie.stories.worddiff import Edit, WordDiff, diff_words

__all__ = [
    "ArticleFeatures",
    "Edit",
    "Embedder",
    "OutletSpread",
    "QuoteGroup",
    "QuoteGroupIndex",
    "QuoteParams",
    "QuoteVariant",
    "Story",
    "StoryIndex",
    "StoryParams",
    "WordDiff",
    "default_embedder",
    "describe_group",
    "diff_words",
    "extract_features",
    "group_quotes",
    "quote_records",
    "speaker_key",
]
