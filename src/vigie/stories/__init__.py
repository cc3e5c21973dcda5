"""What spreads where: stories (articles about one event, across outlets and languages) and
quote groups (one statement as several articles report it, cut, edited or translated).

Pure, incremental and store-agnostic: both indexes take plain dicts, keep a JSON-safe state
(``to_dict()`` / ``from_dict()``), and are deterministic for a given order of additions.

* :class:`StoryIndex` — ``add(record) -> story_id`` / ``add_many(records)`` (publication
  order), ``stories()``, ``pop_changed()``, ``drop_closed()``; a record is ``{article_id,
  published, language, title, clean_text, entities, outlet}``;
* :class:`QuoteGroupIndex` — ``add(quote) -> group_id`` / ``add_many(quotes)``, ``groups()``,
  ``pop_changed() -> (groups, merged)``, ``drop_closed()``; a quote is ``{article_id, index,
  text, speaker, published, outlet, language, type}`` (:func:`quote_records` makes them from
  an article record's ``quotes``); :func:`describe_group` rebuilds a group's view (fullest
  version, first appearance, outlets with delays, word diffs) from its quotes;
* :func:`default_embedder` — the copies package's multilingual sentence encoder, or None.

Integration (store and ingest)::

    # once per ingest run (or kept in a long-running process)
    emb = default_embedder()
    stories = StoryIndex.from_dict(store.load_state("stories"), embedder=emb)  # or StoryIndex()
    quotes = QuoteGroupIndex.from_dict(store.load_state("quote_groups"), embedder=emb)
    # per stored batch: records of the NEW articles (results.entities / results.quotes)
    for article_id, story_id in stories.add_many(records).items():
        store.set_story(article_id, story_id)               # articles.story_id
    for s in stories.pop_changed():
        store.upsert_story(s.to_dict())                     # stories table
    quotes.add_many(q for r in records for q in quote_records(r))
    changed, merged = quotes.pop_changed()
    for old, new in merged.items():
        store.rename_quote_group(old, new)                  # quotes.group_id old -> new
    for g in changed:
        store.upsert_quote_group(g.to_dict())               # quote_groups table (+ group_id)
    stories.drop_closed(); quotes.drop_closed()             # already stored: bounded state
    store.save_state("stories", stories.to_dict())
    store.save_state("quote_groups", quotes.to_dict())

Articles should arrive roughly in publication order (a monitor's feed does); one published
more than ``retention_days`` before the newest article seen starts its own story. To rebuild
from an archive, replay the stored articles in publication order.
"""

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
