"""Lead vectors: translations that share too few numbers, dates and names to be found by the
summary keys are found by the closest lead in the other language, where languages mix, and
nothing is embedded in a store of one language."""

from __future__ import annotations

import numpy as np

from vigie.copies import CopyDoc, CopyIndex, CopyMatcher, IndexMeta
from vigie.copies.index import parse_published
from vigie.copies.index_state import index_from_state, index_state
from vigie.copies.lead import MIN_PRESENT, lead_text

DAY = "2026-03-02T08:00:00Z"

FR_EXPLAINER = (
    "Pourquoi les prix du pain augmentent-ils dans les petites villes ? "
    "Les boulangers expliquent que la farine coûte plus cher depuis la dernière récolte. "
    "Le transport des sacs de farine jusqu'aux villages demande aussi davantage de carburant. "
    "Beaucoup d'artisans préfèrent réduire leurs marges plutôt que de perdre leurs clients. "
    "Certains proposent désormais des pains plus petits vendus au même prix qu'avant."
)
EN_EXPLAINER = (
    "Why is the price of bread rising in small towns? "
    "Bakers explain that flour has cost more since the last harvest. "
    "Carrying the sacks of flour to the villages also takes more fuel. "
    "Many craftsmen prefer to cut their margins rather than lose their customers. "
    "Some now offer smaller loaves sold at the same price as before."
)
FR_OTHER = [
    "La bibliothèque du quartier ouvre une salle de lecture pour les enfants. Des bénévoles "
    "y liront des contes chaque mercredi après-midi, et les parents pourront emprunter des "
    "livres sans carte d'abonnement.",
    "Le club de football local cherche des entraîneurs pour ses équipes de jeunes. Les "
    "candidats doivent aimer le sport et savoir encourager les débutants pendant les séances.",
    "Les pluies de la semaine ont inondé plusieurs caves du centre. Les pompiers ont pompé "
    "l'eau pendant toute la nuit et conseillent de surélever les objets fragiles.",
    "Un nouveau marché de producteurs s'installe sur la place le samedi matin. On y trouvera "
    "des légumes de saison, du fromage et du miel des environs.",
    "La piscine municipale ferme pour des travaux de rénovation. Les nageurs devront se rendre "
    "dans la commune voisine jusqu'à la fin de l'été.",
]
EN_OTHER = [
    "The neighbourhood library is opening a reading room for children. Volunteers will read "
    "stories there every Wednesday afternoon, and parents may borrow books without a card.",
    "The local football club is looking for coaches for its youth teams. Candidates must love "
    "the sport and know how to encourage beginners during training.",
    "This week's rain flooded several cellars in the centre. Firefighters pumped water all "
    "night and advise raising fragile objects off the floor.",
    "A new farmers' market is setting up on the square on Saturday mornings. It will offer "
    "seasonal vegetables, cheese and honey from the area.",
    "The municipal swimming pool is closing for renovation work. Swimmers will have to go to "
    "the neighbouring town until the end of the summer.",
]


def _doc(key: str, text: str, lang: str, title: str | None = None) -> CopyDoc:
    return CopyDoc.from_text(key, text, language=lang, published=DAY, title=title)


def _matcher(stored: list[CopyDoc]) -> CopyMatcher:
    by_key = {d.key: d for d in stored}
    index = CopyIndex()
    index.add_many(
        (d.key, d.fingerprint, IndexMeta(parse_published(DAY), d.language, None)) for d in stored
    )
    return CopyMatcher(
        index,
        by_key.get,
        load_many=lambda keys: {k: by_key[k] for k in keys if k in by_key},
    )


def test_lead_text_is_the_title_and_first_sentences() -> None:
    assert lead_text("Titre", ["a.", "b.", "c."]) == ["Titre", "a.", "b."]
    assert lead_text(None, ["a.", "b.", "c.", "d."]) == ["a.", "b.", "c."]
    assert lead_text("  ", []) == []


def test_a_translation_sharing_no_name_is_found_by_its_lead() -> None:
    fr = [_doc("fr-explainer", FR_EXPLAINER, "fr")] + [
        _doc(f"fr{i}", t, "fr") for i, t in enumerate(FR_OTHER)
    ]
    en_others = [_doc(f"en{i}", t, "en") for i, t in enumerate(EN_OTHER)]
    query = _doc("en-explainer", EN_EXPLAINER, "en")
    # the summary keys alone never make them candidates
    keys = CopyIndex()
    for d in fr:
        keys.add(d.key, d.fingerprint, IndexMeta(parse_published(DAY), "fr"))
    assert not keys.translation_candidates(
        query.fingerprint, published=parse_published(DAY), limit=10
    )
    matcher = _matcher([*fr, *en_others])
    res = matcher.match_batch([query])[0]
    leads = [c for c in res.candidates if c.via == "lead"]
    assert [c.key for c in leads] == ["fr-explainer"] and leads[0].score > 0.5
    kinds = {(r.a, r.b, r.kind) for r in res.relations}
    assert ("fr-explainer", "en-explainer", "translated") in kinds
    assert len(res.relations) == 1  # the same-day articles of other subjects are not


def test_no_lead_vector_in_a_store_of_one_language_nor_for_a_stray_item() -> None:
    fr = [_doc(f"fr{i}", t, "fr") for i, t in enumerate(FR_OTHER * 2)]
    matcher = _matcher(fr)
    matcher.match_batch([_doc("fr-explainer", FR_EXPLAINER, "fr")])
    assert len(matcher.index.lead) == 0
    # one English item among French ones: a stray, not a language of the store
    matcher.match_batch([_doc("en-explainer", EN_EXPLAINER, "en")])
    assert len(matcher.index.lead) == 0
    assert MIN_PRESENT > 1


def test_lead_vectors_go_with_the_saved_index() -> None:
    stored = [_doc(f"fr{i}", t, "fr") for i, t in enumerate(FR_OTHER)]
    stored += [_doc(f"en{i}", t, "en") for i, t in enumerate(EN_OTHER)]
    matcher = _matcher(stored)
    matcher.match_batch([_doc("en-explainer", EN_EXPLAINER, "en")])
    index = matcher.index
    assert len(index.lead) >= len(FR_OTHER) + 1
    header, arrays = index_state(index)
    back = index_from_state(header, {k: np.array(v) for k, v in arrays.items()})
    assert len(back.lead) == len(index.lead)
    for i in range(len(index)):
        if i in index.lead:
            assert np.array_equal(back.lead.vector(i), index.lead.vector(i))
    assert np.array_equal(back._lang_idx[: len(back)], index._lang_idx[: len(index)])
