"""The metadata stage: title, outlet and publication date filled in only where missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from vigie.article import Article
from vigie.config import Options
from vigie.stages.metadata import guess_title, metadata, parse_date, same_outlet

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


BODY = "Le texte de l'article continue ici, avec une deuxième phrase."


def _run(text: str, doc: str = "x", url: str | None = None) -> Article:
    article = Article(doc=doc, text=text, url=url)
    metadata(article, Options())
    return article


def _notes(article: Article) -> list[str]:
    return [e.message for e in article.errors if e.stage == "metadata"]


@pytest.mark.parametrize(
    ("text", "url", "expected"),
    [
        # the agency's own dispatch: its copyright line gives the year
        (
            f"Un titre de dépêche assez long\n\nKORVANSK, 11 février (Telekar) – {BODY}\n\n"
            "Reproduction autorisée avec mention de la source. © Telekar 2025",
            None,
            ("Telekar", "2025-02-11", None),
        ),
        # a dispatch nothing else signs is the agency's
        (
            f"Un titre de dépêche assez long\n\nBRENNISK, 25 fév 2025 (Estafette) - {BODY}\n\n"
            "mh/jv",
            None,
            ("Estafette", "2025-02-25", None),
        ),
        # a copy: the copyright line names the outlet, the agency is the source
        (
            f"Un titre de reprise assez long\n\nPARIS, 12 janv 2022 (AFP) - {BODY}\n\n"
            "© Le Quotidien du Val 2022",
            None,
            ("Le Quotidien du Val", "2022-01-12", "AFP"),
        ),
        # the URL names the outlet and dates the page
        (
            f"A headline of some length here\n\nLONDON, Jan 12 (Reuters) - {BODY}",
            "https://www.dailyexample.co.uk/world/2022/01/13/britain",
            ("dailyexample.co.uk", "2022-01-13", "Reuters"),
        ),
        (
            f"Заголовок статьи о переговорах\n\nМосква, 26 февраля 2022 — РИА Новости. {BODY}\n\n"
            "© РИА Новости",
            None,
            ("РИА Новости", "2022-02-26", None),
        ),
        (
            f"Заголовок статьи о переговорах\n\nМОСКВА, 12 января 2022. /ТАСС/. {BODY}",
            None,
            ("ТАСС", "2022-01-12", None),
        ),
        # a closing slogan, a closing "(avec Agency)" credit
        (
            f"Un titre d'article régional assez long\n\n{BODY}\n\n(avec Estafette)\n\n"
            "La Gazette du Val — l'actualité de la vallée depuis 1921.",
            None,
            ("La Gazette du Val", None, "Estafette"),
        ),
        # header and footer segments
        (
            f"Заголовок статьи о переговорах\nЭкран-К | Новости | 26 февраля 2025, 14:20\n\n{BODY}",
            None,
            ("Экран-К", "2025-02-26T14:20", None),
        ),
        (
            f"Заголовок статьи о переговорах\n\n{BODY}\n\nВальдорский обозреватель | Новости | Мир",
            None,
            ("Вальдорский обозреватель", None, None),
        ),
        (
            f"Un titre d'article assez long ici\n20 février 2025 | 9 h 15\n\n{BODY}",
            None,
            (None, "2025-02-20T09:15", None),
        ),
        # appeals and newsroom bylines that name the outlet
        (
            f"Un titre d'article assez long ici\n\n{BODY}\n\nCet article vous est offert. Pour "
            "soutenir une information indépendante, abonnez-vous au Veilleur dès 4 francs.",
            None,
            ("Le Veilleur", None, None),
        ),
        (
            f"Un titre d'article assez long ici\nPar la rédaction d’Actu-Monde Direct\n\n{BODY}",
            None,
            ("Actu-Monde Direct", None, None),
        ),
    ],
)
def test_outlet_date_and_source_agency_from_signatures(
    text: str, url: str | None, expected: tuple[str | None, str | None, str | None]
) -> None:
    article = _run(text, url=url)
    assert (article.outlet, article.published, article.meta.get("source_agency")) == expected


def test_a_dateline_without_a_year_is_noted() -> None:
    text = f"Заголовок статьи о переговорах\n\nМосква, 26 февраля — РИА Новости. {BODY}"
    article = _run(text)
    assert (article.outlet, article.published) == ("РИА Новости", None)
    assert any("no year" in n for n in _notes(article))
    dated = _run(text, doc="dumps/2022-02-27_ria.txt")  # the file name gives the year
    assert dated.published == "2022-02-26"
    assert "year of the wire dateline taken from the file name" in _notes(dated)


def test_the_file_name_dates_a_text_with_no_date_last() -> None:
    article = _run(f"Un titre d'article assez long ici\n\n{BODY}", doc="in/2024-05-03_a.txt")
    assert article.published == "2024-05-03"
    assert "published date taken from the file name" in _notes(article)
    # a URL, or a date that is not at the start of the name, is not a file-name date
    for doc in ("https://example.org/2024-05-03_a.txt", "in/a_2024-05-03.txt"):
        assert _run(f"Un titre d'article assez long ici\n\n{BODY}", doc=doc).published is None
    # a date in the text wins
    text = f"Un titre d'article assez long ici\nPublié le 02/05/2024\n\n{BODY}"
    assert _run(text, doc="in/2024-05-03_a.txt").published == "2024-05-02"


def test_a_copy_is_dated_by_its_file_name_within_a_week_of_the_dispatch() -> None:
    text = (
        f"Un titre de reprise assez long\n\nBRENNISK, 25 fév 2025 (Estafette) - {BODY}\n\n"
        "Le Relais | Monde"
    )
    assert _run(text, doc="2025-02-26_relais.txt").published == "2025-02-26"
    late = _run(text, doc="2025-04-26_relais.txt")  # not a copy made that week: the dispatch
    assert late.published == "2025-02-25"
    assert "published date taken from the dateline of the source agency" in _notes(late)


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        (f"Un titre d'article assez long ici\nPar Milan Hrubec\n\n{BODY}", ["Milan Hrubec"]),
        (
            "A headline of some length here\nBy Hannah Weir and Luc Tessier in Port-Selve\n\n"
            + BODY,
            ["Hannah Weir", "Luc Tessier"],
        ),
        (
            f"Un titre d'article assez long ici\nPar Léa Marchal, envoyée spéciale à Vrenica\n\n"
            f"{BODY}",
            ["Léa Marchal"],
        ),
        (
            f"Un titre d'article assez long ici\nBillet publié le 27 février 2025 par Gaspard "
            f"Lenoir\n\n{BODY}",
            ["Gaspard Lenoir"],
        ),
        (f"Un titre d'article assez long ici\n\n{BODY}\n\nPar Julien Ferrat", ["Julien Ferrat"]),
        (f"Un titre d'article assez long ici\n\nPar ailleurs, il pleut.\n\n{BODY}", []),
    ],
)
def test_bylines_give_the_authors(text: str, authors: list[str]) -> None:
    assert _run(text).authors == authors


def test_authors_given_by_the_reader_are_kept() -> None:
    article = Article(doc="x", text=f"Titre\nPar Milan Hrubec\n\n{BODY}", authors=["A. B."])
    metadata(article, Options())
    assert article.authors == ["A. B."]


def test_same_outlet() -> None:
    assert same_outlet("Telekar", "www.telekar.kv")
    assert same_outlet("AFP", "afp")
    assert not same_outlet("Estafette", "horizoninfo24.net")
