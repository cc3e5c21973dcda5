"""The export format of specs/quotes.md and the stage's results."""

from __future__ import annotations

import json

import vigie.stages.entities
import vigie.stages.quotes  # noqa: F401
from vigie.article import Article, Removal
from vigie.config import Options
from vigie.pipeline import run_stages
from vigie.quotes import quotes_export_records
from vigie.quotes.export import EXPORT_FIELDS

TEXT = (
    "Votre inscription a été enregistrée avec succès !\n"
    "La maire de Brévanne, Hélène Marchetti, a reçu les syndicats. « Le dialogue reste "
    "ouvert », a-t-elle déclaré à l’AFP.\n"
    "Laisser un commentaire\n"
)


def analysed() -> Article:
    art = Article(doc="/data/samples/brevanne.txt", text=TEXT)
    furniture = [TEXT.index("Votre"), TEXT.index("Laisser")]
    art.set_removed(
        [
            Removal(furniture[0], furniture[0] + 50, TEXT[furniture[0] : furniture[0] + 50], "x"),
            Removal(furniture[1], len(TEXT), TEXT[furniture[1] :], "x"),
        ]
    )
    run_stages(["entities", "quotes"], art, Options())
    return art


def test_export_records_follow_the_spec() -> None:
    art = analysed()
    recs = quotes_export_records(art)
    assert len(recs) == 1
    r = recs[0]
    assert tuple(r) == EXPORT_FIELDS
    assert r["doc"] == "/data/samples/brevanne.txt"
    assert r["doc_sha1"] == art.content_sha1 and r["article_id"] == art.article_id
    assert TEXT[r["start"] : r["end"]] == r["text"] == "Le dialogue reste ouvert"
    assert r["type"] == "direct" and r["speaker"] == "Hélène Marchetti"
    assert set(r["cue"]) == {"start", "end", "text"} and r["cue"]["text"] == "a-t-elle déclaré"
    assert TEXT[r["cue"]["start"] : r["cue"]["end"]] == r["cue"]["text"]
    assert r["speaker_mention"]["text"] == "elle"
    assert TEXT[r["speaker_mention"]["start"] : r["speaker_mention"]["end"]] == "elle"
    assert r["via"] == "AFP" and 0 < r["confidence"] <= 1
    json.dumps(r, ensure_ascii=False)  # serialisable as it is


def test_results_carry_stance_rule_and_citations() -> None:
    art = analysed()
    (q,) = art.results["quotes"]
    assert q["stance"] == "neutral" and q["cue"]["stance"] == "neutral"
    assert q["rule"] == "direct-incise"
    (c,) = art.results["citations"]
    assert c["outlet"] == "AFP" and c["quote"] == 0
    assert TEXT[c["start"] : c["end"]] == c["text"]


def test_no_quotes_stage_no_records() -> None:
    assert quotes_export_records(Article(doc="x.txt", text="Rien.")) == []


def test_batch_entry_point_matches_the_stages() -> None:
    from vigie.quotes.batch import analyse_many

    texts = [TEXT, "« Rien n’est décidé », a dit Paul Verrier.", "The mayor said no."]
    langs = [None, "fr", "en"]
    one = [
        Article(doc=f"{i}.txt", text=t, language=lg)
        for i, (t, lg) in enumerate(zip(texts, langs, strict=True))
    ]
    many = [
        Article(doc=f"{i}.txt", text=t, language=lg)
        for i, (t, lg) in enumerate(zip(texts, langs, strict=True))
    ]
    for a in one:
        run_stages(["entities", "quotes"], a, Options())
    analyse_many(many, Options(), batch_size=2)
    for a, b in zip(one, many, strict=True):
        assert a.results["quotes"] == b.results["quotes"]
        assert a.results["citations"] == b.results["citations"]
        assert b.done == ["entities", "quotes"]
