"""Date expressions: each form found with its exact offsets, normalised against a fixed
publication date (2022-01-28 and 2022-02-04 are Fridays, 2022-02-02 a Wednesday)."""

from __future__ import annotations

from datetime import date

import pytest

from vigie.dates import DateMention, find_dates

FRI_28 = date(2022, 1, 28)
WED_02 = date(2022, 2, 2)
FRI_04 = date(2022, 2, 4)


def _mention(text: str, published: date | None, wording: str) -> DateMention:
    found = find_dates(text, published)
    matches = [m for m in found.mentions if m.text == wording]
    assert matches, f"{wording!r} not found in {text!r}: {[m.text for m in found.mentions]}"
    m = matches[0]
    assert (m.start, m.end) == (text.index(wording), text.index(wording) + len(wording))
    assert text[m.start : m.end] == wording
    return m


def _d(iso: str | None) -> date | None:
    return None if iso is None else date.fromisoformat(iso)


CASES = [
    # (sentence, publication, expression, value, start_date, end_date, granularity)
    (
        "Le 26 janvier, les États-Unis et l’Otan ont remis à la Russie leurs réponses écrites.",
        FRI_28,
        "26 janvier",
        "2022-01-26",
        "2022-01-26",
        "2022-01-26",
        "day",
    ),
    (
        "Vladimir Poutine et Joe Biden ont eu une vidéoconférence le 7 décembre.",
        FRI_28,
        "7 décembre",
        "2021-12-07",
        "2021-12-07",
        "2021-12-07",
        "day",
    ),
    (
        "À la mi-décembre 2021, la Russie a publié des projets d’accords.",
        FRI_28,
        "mi-décembre 2021",
        "2021-12-15",
        "2021-12-11",
        "2021-12-20",
        "mid-month",
    ),
    (
        "Les premiers contacts ont eu lieu début décembre.",
        FRI_28,
        "début décembre",
        "2021-12-05",
        "2021-12-01",
        "2021-12-10",
        "early-month",
    ),
    (
        "Les réponses écrites sont arrivées fin janvier.",
        FRI_04,
        "fin janvier",
        "2022-01-25",
        "2022-01-21",
        "2022-01-31",
        "late-month",
    ),
    (
        "Les réponses écrites sont attendues fin janvier.",
        date(2022, 1, 10),
        "fin janvier",
        "2022-01-25",
        "2022-01-21",
        "2022-01-31",
        "late-month",
    ),
    (
        "Le porte-parole a déclaré vendredi que le document était prêt.",
        WED_02,
        "vendredi",
        "2022-01-28",
        "2022-01-28",
        "2022-01-28",
        "day",
    ),
    (
        "La réunion se tiendra vendredi à Genève.",
        WED_02,
        "vendredi",
        "2022-02-04",
        "2022-02-04",
        "2022-02-04",
        "day",
    ),
    (
        "Le ministre est arrivé vendredi dernier à Moscou.",
        FRI_04,
        "vendredi dernier",
        "2022-01-28",
        "2022-01-28",
        "2022-01-28",
        "day",
    ),
    (
        "Le ministre se rendra à Moscou vendredi prochain.",
        FRI_28,
        "vendredi prochain",
        "2022-02-04",
        "2022-02-04",
        "2022-02-04",
        "day",
    ),
    (
        "La réponse reçue la semaine dernière a déçu Moscou.",
        FRI_04,
        "la semaine dernière",
        "2022-01-24",
        "2022-01-24",
        "2022-01-30",
        "week",
    ),
    (
        "Les pourparlers reprendront la semaine prochaine.",
        FRI_04,
        "la semaine prochaine",
        "2022-02-07",
        "2022-02-07",
        "2022-02-13",
        "week",
    ),
    (
        "Le ministre a parlé hier avec son homologue.",
        FRI_28,
        "hier",
        "2022-01-27",
        "2022-01-27",
        "2022-01-27",
        "day",
    ),
    (
        "Le ministre parle aujourd'hui avec son homologue.",
        FRI_28,
        "aujourd'hui",
        "2022-01-28",
        "2022-01-28",
        "2022-01-28",
        "day",
    ),
    (
        "Le ministre parlera demain avec son homologue.",
        FRI_28,
        "demain",
        "2022-01-29",
        "2022-01-29",
        "2022-01-29",
        "day",
    ),
    (
        "Les 9 et 10 janvier, la Russie et les États-Unis tiennent à Genève des consultations.",
        FRI_28,
        "9 et 10 janvier",
        "2022-01-09",
        "2022-01-09",
        "2022-01-10",
        "day",
    ),
    (
        "Des consultations se sont déroulées du 28 février au 3 mars 2022 à Genève.",
        FRI_28,
        "du 28 février au 3 mars 2022",
        "2022-02-28",
        "2022-02-28",
        "2022-03-03",
        "day",
    ),
    (
        "Des consultations se sont déroulées en janvier 2022 à Genève et Bruxelles.",
        FRI_04,
        "janvier 2022",
        "2022-01-01",
        "2022-01-01",
        "2022-01-31",
        "month",
    ),
    (
        "Vice-ministre russe des Affaires étrangères - Sputnik France, 12.01.2022",
        None,
        "12.01.2022",
        "2022-01-12",
        "2022-01-12",
        "2022-01-12",
        "day",
    ),
    (
        "Publié le 12/01/2022 à 10h30",
        None,
        "12/01/2022 à 10h30",
        "2022-01-12",
        "2022-01-12",
        "2022-01-12",
        "day",
    ),
    (
        "Mis à jour 2022-01-12T10:30:00Z",
        None,
        "2022-01-12T10:30:00Z",
        "2022-01-12",
        "2022-01-12",
        "2022-01-12",
        "day",
    ),
    (
        "Le 1er mars, les sanctions entreront en vigueur.",
        FRI_04,
        "1er mars",
        "2022-03-01",
        "2022-03-01",
        "2022-03-01",
        "day",
    ),
    (
        "The minister said on Monday that talks would go on.",
        WED_02,
        "Monday",
        "2022-01-31",
        "2022-01-31",
        "2022-01-31",
        "day",
    ),
    (
        "The drone came down last Friday near the school.",
        WED_02,
        "last Friday",
        "2022-01-28",
        "2022-01-28",
        "2022-01-28",
        "day",
    ),
    (
        "The talks will resume on February 26 in Geneva.",
        WED_02,
        "February 26",
        "2022-02-26",
        "2022-02-26",
        "2022-02-26",
        "day",
    ),
    (
        "Учения завершились 26 февраля.",
        date(2022, 3, 1),
        "26 февраля",
        "2022-02-26",
        "2022-02-26",
        "2022-02-26",
        "day",
    ),
    (
        "Министр обороны заявил в понедельник, что аппарат не пересекал границу.",
        WED_02,
        "понедельник",
        "2022-01-31",
        "2022-01-31",
        "2022-01-31",
        "day",
    ),
    (
        "Le bateau a été mis à l'eau il y a deux jours.",
        FRI_28,
        "il y a deux jours",
        "2022-01-26",
        "2022-01-26",
        "2022-01-26",
        "day",
    ),
    (
        "Les victimes d’Amedy Coulibaly, le 9 janvier dernier, ont été honorées.",
        FRI_28,
        "9 janvier dernier",
        "2022-01-09",
        "2022-01-09",
        "2022-01-09",
        "day",
    ),
    (
        "Les exercices, annoncés fin janvier, doivent se dérouler en Valdorie.",
        date(2022, 2, 14),
        "fin janvier",
        "2022-01-25",
        "2022-01-21",
        "2022-01-31",
        "late-month",
    ),
    (
        "L’Alliance s’est élargie vers l’est depuis 1997.",
        FRI_28,
        "1997",
        "1997-01-01",
        "1997-01-01",
        "1997-12-31",
        "year",
    ),
]


@pytest.mark.parametrize(
    ("sentence", "published", "wording", "value", "start", "end", "granularity"), CASES
)
def test_expression(
    sentence: str,
    published: date | None,
    wording: str,
    value: str,
    start: str,
    end: str,
    granularity: str,
) -> None:
    m = _mention(sentence, published, wording)
    assert m.value == _d(value)
    assert (m.start_date, m.end_date) == (_d(start), _d(end))
    assert m.granularity == granularity
    assert 0 < m.confidence <= 1


def test_weekday_on_the_publication_day_is_that_day() -> None:
    # wire copy writes "a déclaré vendredi" on that Friday
    m = _mention("Le porte-parole a déclaré vendredi que le texte était prêt.", FRI_28, "vendredi")
    assert m.value == FRI_28
    m = _mention("Le sommet se tiendra vendredi à Genève.", FRI_28, "vendredi")
    assert m.value == FRI_28


def test_tense_picks_the_side_of_a_day_without_year() -> None:
    past = _mention("La conférence a eu lieu le 15 mai.", FRI_28, "15 mai")
    assert past.value == date(2021, 5, 15)
    assert past.tense == "past"
    future = _mention("La conférence aura lieu le 15 mai.", FRI_28, "15 mai")
    assert future.value == date(2022, 5, 15)
    assert future.tense == "future"
    present = _mention("La conférence a lieu le 15 mai.", FRI_28, "15 mai")
    assert present.tense == "present"
    assert present.value == date(2022, 5, 15)  # nearest either way


def test_a_far_reading_loses_to_a_near_one() -> None:
    # the past tense points to 2021-02-03 (359 days back); 2022-02-03 is 6 days ahead
    m = _mention("La conférence a eu lieu le 3 février.", FRI_28, "3 février")
    assert m.value == date(2022, 2, 3)
    # "dernier" says which side: no flip
    m = _mention("La conférence du 3 février dernier a déçu.", FRI_28, "3 février dernier")
    assert m.value == date(2021, 2, 3)


def test_relative_flags() -> None:
    assert _mention("Le 26 janvier, ils ont signé.", FRI_28, "26 janvier").relative
    assert not _mention("Le 26 janvier 2022, ils ont signé.", FRI_28, "26 janvier 2022").relative
    assert _mention("Ils ont signé hier.", FRI_28, "hier").relative


def test_time_and_zone_stay_on_the_date() -> None:
    text = "Le 26 janvier à 17h00, heure de Moscou (UTC+3), la diplomatie russe a publié le texte."
    m = _mention(text, FRI_28, "26 janvier à 17h00, heure de Moscou (UTC+3)")
    assert (m.value, m.time, m.utc_offset) == (date(2022, 1, 26), "17:00", "+03:00")


def test_a_time_alone_takes_the_day_of_its_sentence() -> None:
    text = "Vendredi, la diplomatie russe a publié à 17h00 le texte intégral."
    m = _mention(text, FRI_04, "17h00")
    assert (m.granularity, m.time, m.value) == ("time", "17:00", FRI_04)


def test_a_time_without_a_day_keeps_no_value() -> None:
    text = "À 17h00, heure de Moscou (UTC+3), la diplomatie russe a publié sur son site le texte."
    m = _mention(text, FRI_28, "17h00, heure de Moscou (UTC+3)")
    assert (m.granularity, m.time, m.utc_offset) == ("time", "17:00", "+03:00")
    assert m.value is None
    assert m.note


def test_bounds_are_read_from_the_words_before() -> None:
    assert _mention(
        "Le salon est ouvert jusqu’à dimanche soir.", FRI_28, "dimanche soir"
    ).bound == ("until")
    assert _mention("Le salon est ouvert depuis lundi.", FRI_28, "lundi").bound == "since"
    # in the present, "jusqu'à dimanche" looks ahead
    assert _mention(
        "Le salon est ouvert jusqu’à dimanche soir.", FRI_28, "dimanche soir"
    ).value == (date(2022, 1, 30))


@pytest.mark.parametrize(
    "text",
    [
        "Il a vu Mars dans le ciel.",  # the planet
        "Il a gagné 2000 euros en 2000 parties.",
        "La taxe touche en 2000 communes le budget.",
        "Le trimaran a parcouru 848 km en moins de 19 heures.",
        "Le lundi, le marché se tient sur la place.",  # habitual
        "Abonnez-vous à notre lettre du samedi.",
        "You may 5 times ask.",
        "Comme le disait la réclame dans les années 1930.",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text, FRI_28).mentions == []


def test_no_publication_date_places_only_absolute_dates() -> None:
    text = "Le 26 janvier 2022, ils ont signé. Hier, ils ont parlé. Le 7 décembre, ils se sont vus."
    found = find_dates(text, None)
    by_text = {m.text: m for m in found.mentions}
    assert by_text["26 janvier 2022"].value == date(2022, 1, 26)
    assert by_text["Hier"].value is None
    assert by_text["7 décembre"].value is None
    assert by_text["7 décembre"].note
    assert any("no publication date" in n for n in found.notes)


@pytest.mark.parametrize("text", ["Il est arrivé le 32 janvier.", "Rendez-vous le 31 février."])
def test_impossible_days_are_noted_not_dated(text: str) -> None:
    found = find_dates(text, FRI_28)
    assert found.mentions == []
    assert len(found.notes) == 1
    assert found.notes[0].startswith("not a date")


def test_leap_day_needs_a_leap_year() -> None:
    assert _mention("Le 29 février 2024, ils ont signé.", FRI_28, "29 février 2024").value == (
        date(2024, 2, 29)
    )
    found = find_dates("Le 29 février 2022, ils ont signé.", FRI_28)
    assert found.mentions == []
    assert found.notes
