"""The entities stage: spaCy per paragraph, corrections of the model's slips, original offsets."""

from __future__ import annotations

import pytest

import vigie.stages.entities as ent
from vigie.article import Article, Removal
from vigie.config import Options
from vigie.pipeline import Pipeline, run_stages


def entities(text: str, **kw: object) -> list[dict[str, object]]:
    art = Article(doc="t.txt", text=text, **kw)  # type: ignore[arg-type]
    run_stages(["entities"], art, Options())
    assert "entities" in art.done, art.errors
    result: list[dict[str, object]] = art.results["entities"]
    return result


def labels(ents: list[dict[str, object]]) -> dict[str, str]:
    return {str(e["text"]): str(e["label"]) for e in ents}


def test_stage_is_registered_with_its_contract() -> None:
    import pickle

    from vigie.pipeline.registry import STAGES

    assert pickle.loads(pickle.dumps(ent.run_entities)) is ent.run_entities

    assert STAGES["entities"].requires == ("clean_text",)
    assert STAGES["entities"].assigns == ("results.entities",)
    Pipeline(["clean", "entities", "quotes"], Options())  # checks the requirements


def test_a_role_is_not_an_organisation() -> None:
    found = labels(
        entities(
            "Le ministre russe des Affaires étrangères Sergueï Lavrov a reçu son homologue "
            "à Moscou."
        )
    )
    assert not any(t.startswith("ministre") for t in found)
    assert found.get("Sergueï Lavrov") == "PER"


def test_a_capital_is_a_place_not_a_person() -> None:
    found = labels(entities("Washington a demandé de ne pas publier les réponses."))
    assert found.get("Washington") == "LOC"


def test_time_zones_are_not_places() -> None:
    found = labels(entities("À 17h00, heure de Moscou (UTC+3), le texte a été publié."))
    assert "UTC+3" not in found
    assert found.get("Moscou") == "LOC"


def test_honorifics_stay_with_the_name() -> None:
    ents = entities("M. Durand a parlé à Mme Lefort. D’après M.Riabkov, rien n’a changé.")
    by_text = {str(e["text"]): e for e in ents}
    assert by_text["M. Durand"]["label"] == "PER"
    assert by_text["M. Durand"]["name"] == "Durand"
    assert by_text["Mme Lefort"]["label"] == "PER"
    assert by_text["M.Riabkov"]["label"] == "PER"
    assert "Milena Iarovaïa" not in by_text or by_text["Milena Iarovaïa"].get("name") is None


def test_a_first_name_starting_with_m_keeps_its_first_letter() -> None:
    ents = entities("La porte-parole Milena Iarovaïa a répondu aux journalistes.")
    per = [e for e in ents if e["label"] == "PER"]
    assert per and per[0]["text"] == "Milena Iarovaïa" and "name" not in per[0]


def test_entities_never_cross_paragraphs() -> None:
    text = "Le rapport cite Jean\n\nDupont-Moretti était absent. Marie\nCurie aussi."
    for e in entities(text):
        assert "\n" not in str(e["text"])


def test_offsets_point_into_the_original_text_after_cleaning() -> None:
    text = "Votre inscription a été enregistrée.\nLe maire Paul Verrier a parlé à Lyon.\n"
    art = Article(doc="t.txt", text=text)
    art.set_removed([Removal(0, 37, text[0:37], "furniture")])
    run_stages(["entities"], art, Options())
    for e in art.results["entities"]:
        assert text[e["start"] : e["end"]] == e["text"]
        assert e["start"] >= 37
    assert {e["text"] for e in art.results["entities"]} >= {"Paul Verrier", "Lyon"}


def test_other_languages_are_skipped_with_a_note() -> None:
    art = Article(doc="t.txt", text="Der Bundeskanzler sprach in Berlin.", language="de")
    run_stages(["entities"], art, Options())
    assert art.results["entities"] == []
    assert any(
        e.error == "note" and e.message == "skipped: no model for language de" for e in art.errors
    )


def test_batch_entry_point_gives_the_stage_results() -> None:
    texts = [
        "Le maire Paul Verrier a parlé à Lyon.",
        "Washington et Moscou discutent.\n\nLe président Oleg Dravin est arrivé.",
        "Der Bundeskanzler sprach in Berlin.",
    ]
    langs = [None, None, "de"]
    one = [
        Article(doc=f"{i}.txt", text=t, language=lg)
        for i, (t, lg) in enumerate(zip(texts, langs, strict=True))
    ]
    many = [
        Article(doc=f"{i}.txt", text=t, language=lg)
        for i, (t, lg) in enumerate(zip(texts, langs, strict=True))
    ]
    for a in one:
        run_stages(["entities"], a, Options())
    ent.entities_many(many, Options(), batch_size=2)
    for a, b in zip(one, many, strict=True):
        assert a.results["entities"] == b.results["entities"]
        assert "entities" in b.done


def test_long_lines_are_cut_into_chunks_and_very_long_texts_noted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    segs, truncated = ent.segments("Une phrase assez courte. " * 1000, max_chars=20_000)
    assert truncated and sum(len(s.text) for s in segs) <= 20_000
    assert len(segs) >= 2 and all(len(s.text) <= ent.CHUNK_CHARS for s in segs)
    assert all(s.text.endswith(".") for s in segs[:-1])  # cut at sentence ends
    monkeypatch.setattr(ent, "MAX_CHARS", 3_000)
    text = "Le maire Paul Verrier a parlé à Lyon. " * 300
    art = Article(doc="big.txt", text=text)
    run_stages(["entities"], art, Options())
    assert any(e.error == "note" and "only the start" in e.message for e in art.errors)
    assert art.results["entities"]


@pytest.mark.parametrize("text", ["", "   \n\n  ", "«»«»", "\x00\x01 binaire"])
def test_degenerate_texts_give_empty_or_sane_results(text: str) -> None:
    ents = entities(text)
    for e in ents:
        assert text[int(e["start"]) : int(e["end"])] == e["text"]  # type: ignore[call-overload]
