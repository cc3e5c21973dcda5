"""Properties: whatever the text and whatever cleaning cut out of it, every date and event
points at characters of the original text that read exactly as recorded."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vigie.article import Article, Removal
from vigie.config import Options
from vigie.dates import find_dates
from vigie.stages.dates import dates

FRAGMENTS = [
    "Le 26 janvier, ",
    "les États-Unis ont remis leur réponse. ",
    "mi-décembre 2021",
    "début décembre ",
    "fin janvier",
    "vendredi dernier",
    "vendredi prochain ",
    "la semaine dernière",
    "hier",
    "aujourd’hui",
    "demain ",
    "Les 9 et 10 janvier",
    "en janvier 2022",
    "À 17h00, heure de Moscou (UTC+3), ",
    "12.01.2022",
    "12/01/2022 ",
    "2022-01-12T10:30:00Z",
    "1er mars",
    "on Monday, ",
    "last Friday",
    "February 26, 2022",
    "26 февраля",
    "в понедельник",
    "le 32 janvier",
    "31 février",
    "du 28 février au 3 mars 2022",
    "il y a deux jours",
    "depuis 1997",
    "« Aujourd’hui, ",
    "»",
    '"',
    "\n",
    ". ",
    " ",
    "M. ",
    "a déclaré ",
    "se tiendra ",
]

texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=25).map(
    "".join
)
published = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))


@settings(max_examples=200, deadline=None)
@given(texts, published)
def test_mentions_point_at_their_text(text: str, pub: str | None) -> None:
    from vigie.dates import parse_published

    found = find_dates(text, parse_published(pub))
    last_end = 0
    for m in found.mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.start >= last_end  # in order, never overlapping
        last_end = m.end
        assert m.sentence[0] <= m.start and m.end <= m.sentence[1]
        if m.value is not None and m.start_date is not None and m.end_date is not None:
            assert m.start_date <= m.value <= m.end_date


@settings(max_examples=150, deadline=None)
@given(texts, published, st.lists(st.tuples(st.integers(0, 400), st.integers(1, 30)), max_size=4))
def test_stage_offsets_survive_removals(
    text: str, pub: str | None, cuts: list[tuple[int, int]]
) -> None:
    article = Article(doc="prop", text=text, published=pub)
    removals: list[Removal] = []
    pos = 0
    for offset, length in sorted(cuts):
        start = max(pos, offset)
        end = min(len(text), start + length)
        if start >= end:
            continue
        removals.append(Removal(start, end, text[start:end], "furniture"))
        pos = end
    article.set_removed(removals)
    dates(article, Options())
    removed = [(r.start, r.end) for r in removals]
    for d in article.results["dates"]:
        assert 0 <= d["start"] < d["end"] <= len(text)
        assert text[d["start"] : d["end"]] == d["text"]
        # the date's first and last characters survived cleaning
        assert not any(s <= d["start"] < e for s, e in removed)
        assert not any(s <= d["end"] - 1 < e for s, e in removed)
    for ev in article.results["events"]:
        for span in (ev["date_span"], ev["sentence"]):
            assert 0 <= span["start"] <= span["end"] <= len(text)
            assert text[span["start"] : span["end"]] == span["text"]
