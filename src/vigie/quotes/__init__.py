"""Who said what: French quotation extraction and attribution.

The extractor is rule-based and explainable. Its parts, in the order they run:

- :mod:`~vigie.quotes.marks` pairs quotation marks (matched, mismatched, nested, unclosed,
  multi-paragraph) into candidate direct quotes;
- :mod:`~vigie.quotes.sentences` cuts paragraphs into sentences without cutting inside quotes;
- :mod:`~vigie.quotes.lexicon` holds the speech-verb lexicon (with stance and complement
  frames), ``selon``-type markers, connectors and role nouns;
- :mod:`~vigie.quotes.cues` finds speech cues (verb groups, participles, ``selon`` markers) and
  their complements in spaCy's parse;
- :mod:`~vigie.quotes.mentions` reads speaker noun phrases;
- :mod:`~vigie.quotes.attribution` turns cues and marks into direct / indirect / mixed /
  ``selon`` records;
- :mod:`~vigie.quotes.speakers` resolves mentions ("il", "le ministre russe", "M. Lavrov",
  "Moscou") to canonical speakers;
- :mod:`~vigie.quotes.via` finds the outlet a quote was relayed through, and every cited source;
- :mod:`~vigie.quotes.export` writes the export records of ``specs/quotes.md``.
"""

from __future__ import annotations

__all__ = ["quotes_export_records"]


def __getattr__(name: str) -> object:
    if name == "quotes_export_records":
        from vigie.quotes.export import quotes_export_records

        return quotes_export_records
    raise AttributeError(name)
