"""The ``dates`` stage on real articles: results shapes, original-text offsets, events, notes
and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from vigie.article import Article, Removal
from vigie.config import Options
from vigie.pipeline.pipeline import Pipeline, run_stages
from vigie.pipeline.registry import get_stage
from vigie.stages.dates import dates

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "articles"
DEMO = Path(__file__).resolve().parents[2] / "src" / "vigie" / "demo" / "corpus"

DATE_KEYS = {
    "start",
    "end",
    "text",
    "value",
    "start_date",
    "end_date",
    "granularity",
    "relative",
    "confidence",
    "tense",
    "time",
    "utc_offset",
    "language",
    "in_quote",
    "bound",
    "note",
}
EVENT_KEYS = {
    "date",
    "start_date",
    "end_date",
    "granularity",
    "time",
    "utc_offset",
    "relative",
    "confidence",
    "tense",
    "date_span",
    "sentence",
}


def _sample(prefix: str, published: str | None) -> Article:
    paths = sorted(SAMPLES.glob(f"{prefix}_*.txt"))
    assert len(paths) == 1, f"sample {prefix} missing under {SAMPLES}"
    return Article(
        doc=str(paths[0]), text=paths[0].read_text(encoding="utf-8"), published=published
    )


def _run(article: Article, stages: tuple[str, ...] = ("clean", "dates")) -> Article:
    opts = Options()
    opts.pipeline.workers = 1
    return run_stages(list(stages), article, opts)


def _check_offsets(article: Article) -> None:
    text = article.text
    for d in article.results["dates"]:
        assert set(d) == DATE_KEYS
        assert 0 <= d["start"] < d["end"] <= len(text)
        assert text[d["start"] : d["end"]] == d["text"]
    for e in article.results["events"]:
        assert set(e) == EVENT_KEYS
        ds, ss = e["date_span"], e["sentence"]
        assert text[ds["start"] : ds["end"]] == ds["text"]
        assert text[ss["start"] : ss["end"]] == ss["text"]
        assert ss["start"] <= ds["start"] < ds["end"] <= ss["end"]


def test_stage_is_registered_with_its_contract() -> None:
    st = get_stage("dates")
    assert st.fn is dates
    assert st.requires == ("clean_text", "published")
    assert st.assigns == ("results.dates", "results.events")
    Pipeline(["clean", "dates"])  # the order checks


def test_sample_000_dates_the_written_answers_on_26_january() -> None:
    article = _run(_sample("000", "2022-02-02"))
    assert not [e for e in article.errors if e.error != "note"]
    _check_offsets(article)
    events = article.results["events"]
    answer = [e for e in events if e["date"] == "2022-01-26"]
    assert len(answer) == 1
    ev = answer[0]
    assert ev["sentence"]["text"] == (
        "Le 26 janvier, les États-Unis et l’Otan ont remis à la Russie leurs réponses écrites."
    )
    assert ev["date_span"]["text"] == "26 janvier"
    assert ev["tense"] == "past"
    assert ev["granularity"] == "day"
    # the time alone ("À 17h00, heure de Moscou (UTC+3)") is kept with its zone, undated
    times = [d for d in article.results["dates"] if d["granularity"] == "time"]
    assert [(t["text"], t["time"], t["utc_offset"], t["value"]) for t in times] == [
        ("17h00, heure de Moscou (UTC+3)", "17:00", "+03:00", None)
    ]


@pytest.mark.parametrize(
    ("prefix", "published", "expected"),
    [
        ("002", "2022-02-02", {("2022-01-26", "26 janvier"), ("2021-12-17", "17 décembre")}),
        (
            "003",
            "2022-01-12",
            {("2022-01-09", "9 et 10 janvier"), ("2021-12-15", "mi-décembre 2021")},
        ),
        ("004", "2021-12-10", {("2021-12-10", "vendredi"), ("2021-12-07", "7 décembre")}),
    ],
)
def test_samples_events(prefix: str, published: str, expected: set[tuple[str, str]]) -> None:
    article = _run(_sample(prefix, published))
    _check_offsets(article)
    got = {(e["date"], e["date_span"]["text"]) for e in article.results["events"]}
    assert expected <= got


def test_offsets_map_through_removals() -> None:
    text = "Publicité : abonnez-vous !\nLe 26 janvier, les alliés ont remis leur réponse.\nTagged"
    article = Article(doc="t", text=text, published="2022-01-28")
    cut = len("Publicité : abonnez-vous !\n")
    article.set_removed(
        [
            Removal(0, cut, text[:cut], "furniture"),
            Removal(len(text) - 7, len(text), text[-7:], "furniture"),
        ]
    )
    _run(article, ("dates",))
    _check_offsets(article)
    (d,) = article.results["dates"]
    assert (d["start"], d["text"]) == (text.index("26 janvier"), "26 janvier")
    (ev,) = article.results["events"]
    assert ev["sentence"]["start"] == text.index("Le 26 janvier")


def test_demo_corpus_offsets_and_events() -> None:
    paths = sorted(DEMO.glob("2025-0*.txt"))[:12]
    assert paths, f"demo corpus missing under {DEMO}"
    n_events = 0
    for p in paths:
        raw = p.read_bytes().decode("utf-8", errors="replace")
        article = _run(Article(doc=str(p), text=raw, published=p.name[:10]))
        _check_offsets(article)
        n_events += len(article.results["events"])
    assert n_events >= 30


def test_no_publication_date() -> None:
    text = "Le 26 janvier 2022, les alliés ont remis leur réponse. Hier, Moscou a répondu."
    article = _run(Article(doc="t", text=text, published=None))
    by_text = {d["text"]: d for d in article.results["dates"]}
    assert by_text["26 janvier 2022"]["value"] == "2022-01-26"
    assert by_text["Hier"]["value"] is None
    assert by_text["Hier"]["note"]
    assert [e["date"] for e in article.results["events"]] == ["2022-01-26"]
    assert any(e.stage == "dates" and e.error == "note" for e in article.errors)


def test_unreadable_publication_date_is_noted() -> None:
    article = _run(Article(doc="t", text="Hier, Moscou a répondu.", published="hier soir"))
    assert article.results["dates"][0]["value"] is None
    assert any("not ISO 8601" in e.message for e in article.errors)


def test_published_datetime_uses_its_own_day() -> None:
    article = _run(
        Article(doc="t", text="Hier, Moscou a répondu.", published="2022-01-28T23:30:00+01:00")
    )
    assert article.results["dates"][0]["value"] == "2022-01-27"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Aucune date ici, seulement des mots et 848 km parcourus en 18 heures 58 minutes.",
        "le 32 janvier, le 31 février, le 00/00/0000, le 45.13.2022, 99h99",
        "\x00\x01\ufffd\ufffd «»“”\"' ?!… \n\n\t 12 12 12 1er 1er mars mars mars",
        "日本語のテキスト 2022年1月26日",
    ],
)
def test_bad_input_never_raises(text: str) -> None:
    article = _run(Article(doc="t", text=text, published="2022-01-28"))
    assert not [e for e in article.errors if e.error != "note"]
    _check_offsets(article)


def test_impossible_dates_become_notes() -> None:
    article = _run(Article(doc="t", text="Il est né le 31 février.", published="2022-01-28"))
    assert article.results["dates"] == []
    assert any("not a date" in e.message for e in article.errors)


def test_one_megabyte_article() -> None:
    one = _sample("000", None).text
    text = (one + "\n\n") * (1_000_000 // len(one) + 1)
    article = _run(Article(doc="big", text=text, published="2022-01-28"), ("dates",))
    assert len(text) > 1_000_000
    n = text.count("Le 26 janvier")
    assert sum(1 for e in article.results["events"] if e["date"] == "2022-01-26") == n
    assert sum(1 for d in article.results["dates"] if d["text"] == "26 janvier") == n
    last = article.results["dates"][-1]
    assert text[last["start"] : last["end"]] == last["text"]


def test_one_megabyte_line_without_punctuation() -> None:
    text = "mot " * 250_000 + "hier"
    article = _run(Article(doc="big", text=text, published="2022-01-28"), ("dates",))
    (d,) = article.results["dates"]
    assert d["value"] == "2022-01-27"
    (ev,) = article.results["events"]
    assert len(ev["sentence"]["text"]) < 2_000  # sentences are looked for near the date only
