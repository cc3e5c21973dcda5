"""Bad input: no crash, sensible output, problems noted on the article."""

from __future__ import annotations

import pytest

import vigie.stages.entities as ent
import vigie.stages.quotes  # noqa: F401
from vigie.article import Article
from vigie.config import Options
from vigie.pipeline import run_stages


def run(text: str, language: str | None = None) -> Article:
    art = Article(doc="bad.txt", text=text, language=language)
    run_stages(["entities", "quotes"], art, Options())
    assert [e for e in art.errors if e.error != "note"] == []
    assert art.done == ["entities", "quotes"]
    for q in art.results["quotes"]:
        assert text[q["start"] : q["end"]] == q["text"]
    return art


def notes(art: Article) -> list[str]:
    return [e.message for e in art.errors if e.error == "note"]


def test_unmatched_and_nested_marks() -> None:
    art = run(
        "« Nous partirons “demain”, a dit Paul Verrier. « Et nous reviendrons.\n"
        "Il a ajouté » sans raison. « Encore ″ et « encore »."
    )
    assert art.results["quotes"]
    assert any("never closed" in n for n in notes(art))


def test_a_20000_character_quote() -> None:
    body = " ".join(["Nous avancerons ensemble vers un avenir meilleur pour la région."] * 320)
    text = f"Le maire Paul Verrier a pris la parole. « {body} », a-t-il conclu."
    art = run(text)
    (q,) = [q for q in art.results["quotes"] if q["type"] == "direct"]
    assert len(q["text"]) > 20_000
    assert q["speaker"] == "Paul Verrier" and q["cue"]["text"] == "a-t-il conclu"
    assert any("very long direct quote" in n for n in notes(art))


def test_text_without_sentence_punctuation() -> None:
    words = "le maire a déclaré que la ville allait bien et que tout continuerait "
    art = run(words * 40)
    assert any("no sentence punctuation" in n for n in notes(art))


def test_unsupported_language_is_skipped_with_a_note() -> None:
    art = run("« We will leave », the mayor said on Tuesday.", language="en")
    assert art.results["quotes"] == [] and art.results["citations"] == []
    assert "skipped: no quote extractor for language en" in notes(art)


def test_a_one_megabyte_article(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ent, "MAX_CHARS", 20_000)  # parse the start only (default 300,000)
    para = (
        "« Le chantier avance », a déclaré la maire Hélène Marchetti. Selon elle, la "
        "ligne ouvrira en juin.\n"
    )
    text = para * (1_000_000 // len(para) + 1)
    art = run(text)
    assert len(text) > 1_000_000
    assert any("only the start" in n for n in notes(art))
    assert art.results["quotes"] and all(q["end"] <= 20_000 for q in art.results["quotes"])


def test_junk_and_empty_texts() -> None:
    for text in ["", "\n\n", '«»«»“”""', "\x00\x01\x02", "a" * 5000]:
        run(text)
