"""The metadata stage: title, outlet and publication date filled in only where missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from vigie.article import Article
from vigie.config import Options
from vigie.stages.metadata import guess_title, metadata, parse_date

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "articles"


def _sample(prefix: str) -> Article:
    paths = sorted(SAMPLES.glob(f"{prefix}_*.txt"))
    assert len(paths) == 1, f"sample {prefix} missing under {SAMPLES}"
    return Article(doc=str(paths[0]), text=paths[0].read_text(encoding="utf-8"))


EXPECTED = {
    # prefix: (title, outlet, published)
    "000": (
        "L’Otan ne pourra pas esquiver la conversation avec la Russie sur la sécurité",
        "237online.com",
        None,
    ),
    "001": (
        "La Russie et l’OTAN n’arrivent pas à trouver de terrain d’entente sur l’élargissement "
        "de l’alliance, selon le ministre russe des AE",
        "Journal Chrétien",
        None,
    ),
    "002": (
        "SVLavrov : Les États-Unis doivent expliquer pourquoi ils ne veulent pas d’un accord de "
        "sécurité responsable",
        None,
        None,
    ),
    # the dateline of the picture under the headline dates the article; the 12.01 dateline
    # above belongs to the "Garanties de sécurité" story banner (the article speaks of the
    # Geneva talks of 9-10 January as still to come)
    "003": (
        "Moscou exclut toute concession en faveur des États-Unis lors des pourparlers sur la "
        "sécurité",
        "Sputnik France",
        "2022-01-09",
    ),
    "004": (
        "La Russie présentera un document sur les garanties de sécurité en Europe (Kremlin)",
        "237online.com",
        None,
    ),
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_sample_metadata(prefix: str) -> None:
    article = _sample(prefix)
    metadata(article, Options())
    assert (article.title, article.outlet, article.published) == EXPECTED[prefix]
    notes = [e.message for e in article.errors]
    assert all(e.error == "note" and e.stage == "metadata" for e in article.errors)
    assert any("outlet" in n for n in notes) == (EXPECTED[prefix][1] is None)
    assert any("publication date" in n for n in notes) == (EXPECTED[prefix][2] is None)


def test_only_missing_fields_are_filled() -> None:
    article = _sample("003")
    article.title = "Titre donné par le lecteur"
    article.published = "2022-01-10T08:00:00+00:00"
    metadata(article, Options())
    assert article.title == "Titre donné par le lecteur"
    assert article.published == "2022-01-10T08:00:00+00:00"
    assert article.outlet == "Sputnik France"
    full = Article(doc="x", text="Texte.", title="T", outlet="O", published="2020-01-01")
    metadata(full, Options())
    assert (full.title, full.outlet, full.published, full.errors) == ("T", "O", "2020-01-01", [])


def test_outlet_and_date_from_the_url() -> None:
    text = "Un premier paragraphe sans signature.\n\nUn second paragraphe."
    a = Article(doc="u", text=text, url="https://www.lemonde.fr/international/2022/01/12/x.html")
    metadata(a, Options())
    assert (a.outlet, a.published) == ("lemonde.fr", "2022-01-12")
    b = Article(doc="u", text=text, url="https://fr.sputniknews.com/20220109/moscou-1054.html")
    metadata(b, Options())
    assert (b.outlet, b.published) == ("fr.sputniknews.com", "2022-01-09")
    c = Article(doc="u", text=text, url="https://example.org/article-1999999.html")
    metadata(c, Options())
    assert (c.outlet, c.published) == ("example.org", None)


def test_signature_in_the_text_wins_over_the_url() -> None:
    text = "Titre de l'article sur la sécurité européenne\n\nCorps du texte.\n\n237online.com"
    a = Article(doc="u", text=text, url="https://www.example.com/a")
    metadata(a, Options())
    assert a.outlet == "237online.com"


def test_metadata_dict_is_used_first() -> None:
    a = Article(
        doc="u",
        text="Publié le 12/01/2022\nUn texte.",
        meta={"sitename": "Le Site", "date": "2022-01-11T09:30:00Z", "title": "Le vrai titre"},
    )
    metadata(a, Options())
    assert (a.title, a.outlet, a.published) == (
        "Le vrai titre",
        "Le Site",
        "2022-01-11T09:30:00+00:00",
    )


TITLE = "Un titre qui ressemble à un titre"


@pytest.mark.parametrize(
    ("text", "published"),
    [
        (f"Politique\n{TITLE}\nPublié le 12/01/2022 à 10h30\nCorps.", "2022-01-12T10:30"),
        (f"{TITLE}\nMis à jour le 3 février 2022\nCorps.", "2022-02-03"),
        (f"{TITLE}\nBillet publié le 27 février 2025 par X\nCorps.", "2025-02-27"),
        ("Vrenica drone: what we know so far\nThursday 27 February 2025\nBody.", "2025-02-27"),
        ("Заголовок статьи о переговорах\nОпубликовано 12 января 2022\nТекст.", "2022-01-12"),
    ],
)
def test_published_from_datelines(text: str, published: str) -> None:
    a = Article(doc="x", text=text)
    metadata(a, Options())
    assert a.published == published


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-01-12T10:30:00Z", "2022-01-12T10:30:00+00:00"),
        ("2022-01-12", "2022-01-12"),
        ("12.01.2022", "2022-01-12"),
        ("Publié le 12/01/2022 à 10h30", "2022-01-12T10:30"),
        ("le 1er janvier 2022", "2022-01-01"),
        ("January 12, 2022", "2022-01-12"),
        ("12 января 2022 г.", "2022-01-12"),
        ("12. Dezember 2021", "2021-12-12"),
        ("3 de marzo de 2022", "2022-03-03"),
        ("31.02.2022", None),
        ("mi-décembre 2021", None),
        ("rien de daté", None),
    ],
)
def test_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


def test_title_skips_tags_furniture_and_banners() -> None:
    assert guess_title(["L'Otan", "L’Otan ne pourra pas esquiver la conversation", "Corps."]) == (
        "L’Otan ne pourra pas esquiver la conversation"
    )
    assert guess_title(["S'abonner", "Partager", "Un titre de quatre mots"]) == (
        "Un titre de quatre mots"
    )
    assert guess_title(["x" * 400]) is None
    article = Article(doc="x", text="x" * 400)
    metadata(article, Options())
    assert article.title is None
    assert any("no title" in e.message for e in article.errors)
