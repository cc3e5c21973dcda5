"""The clean stage on the five real samples, its multilingual rules and learned furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

from vigie.article import Article
from vigie.config import Options
from vigie.pipeline.pipeline import Pipeline
from vigie.stages.clean import clean, find_furniture

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "articles"

CREDIT = "© Sputnik . Ilya Pitalev\u00a0/\u00a0Aller dans la banque de photos"
CAPTION = "Vice-ministre russe des Affaires étrangères Sergueï Riabkov"
COMMENT_NOTICE = (
    "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *"
)

#: furniture of each sample: stripped line -> reason
FURNITURE: dict[str, dict[str, str]] = {
    "000": {
        "L'Otan": "section-label",
        "International": "section-label",
        "237online.com": "signature",
        "Tagged": "share-tags",
        "Laisser un commentaire": "comment-form",
        COMMENT_NOTICE: "comment-form",
    },
    "001": {
        "Faites un don au Journal Chrétien pour nous permettre de produire plus de vidéos "
        "comme celle-ci.": "donation",
    },
    "002": {},
    "003": {
        "Votre inscription a été enregistrée avec succès!": "subscription",
        "Merci de cliquer sur le lien envoyé par courriel sur": "subscription",
        "- Sputnik France, 1920, 12.01.2022": "dateline",
        f"{CAPTION} - Sputnik France, 1920, 09.01.2022": "caption",
        "S'abonner": "subscription",
        "Fil d’actu": "widget",
        "0": "widget",
        "Les plus récents d'abordLes plus anciens d'abord": "comment-form",
        "loader": "widget",
        "Pour participer aux discussions, identifiez-vous ou créez-vous un compte": "comment-form",
        "Chat": "widget",
        "Заголовок открываемого материала": "foreign-script-ui",
    },
    "004": {
        "237online.com": "signature",
        "Laisser un commentaire": "comment-form",
        COMMENT_NOTICE: "comment-form",
    },
}

SUBHEADINGS = {
    "002": ["La Russie prépare une réponse aux propositions de Washington"],
    "003": [
        "Garanties de sécurité",
        "Moscou exclut toute concession en faveur des États-Unis lors des pourparlers sur la "
        "sécurité",
        "Des spéculations qui ne serviront à rien",
        "Pourparlers à Genève",
    ],
    "004": ["Dmitri Peskov"],
}


def _sample(prefix: str) -> Article:
    paths = sorted(SAMPLES.glob(f"{prefix}_*.txt"))
    assert len(paths) == 1, f"sample {prefix} missing under {SAMPLES}"
    return Article(doc=str(paths[0]), text=paths[0].read_text(encoding="utf-8"))


def _cleaned(prefix: str) -> Article:
    article = _sample(prefix)
    clean(article, Options())
    return article


def _lines(text: str) -> list[str]:
    return [s.strip() for s in text.split("\n") if s.strip()]


@pytest.mark.parametrize("prefix", sorted(FURNITURE))
def test_sample_furniture_is_removed_with_its_reason(prefix: str) -> None:
    article = _cleaned(prefix)
    kept = set(_lines(article.clean_text))
    for line, reason in FURNITURE[prefix].items():
        assert line not in kept, f"{prefix}: furniture kept: {line!r}"
        reasons = {r.reason for r in article.removed if r.text.strip() == line}
        assert reasons == {reason}, f"{prefix}: {line!r} removed as {reasons}, not {reason}"


@pytest.mark.parametrize("prefix", sorted(FURNITURE))
def test_every_other_line_of_the_sample_survives(prefix: str) -> None:
    article = _cleaned(prefix)
    kept = _lines(article.clean_text)
    expected = []
    for line in _lines(article.text):
        if line in FURNITURE[prefix]:
            continue
        expected.append(line[len(CREDIT) :] if line.startswith(CREDIT) else line)
    assert kept == expected
    for heading in SUBHEADINGS.get(prefix, []):
        assert heading in kept


def test_photo_credit_glued_to_its_caption_is_cut_exactly() -> None:
    article = _cleaned("003")
    credits = [r for r in article.removed if r.reason == "photo-credit"]
    assert [r.text for r in credits] == [CREDIT]
    start = article.text.index(CREDIT)
    assert (credits[0].start, credits[0].end) == (start, start + len(CREDIT))
    assert CAPTION + "\n" in article.clean_text
    assert "banque de photos" not in article.clean_text


def test_clean_text_starts_with_the_title_and_ends_with_the_body() -> None:
    a0 = _cleaned("000")
    assert a0.clean_text.startswith("L’Otan ne pourra pas esquiver la conversation")
    assert a0.clean_text.endswith("à Moscou, John Sullivan.\n")
    a3 = _cleaned("003")
    assert a3.clean_text.startswith("Garanties de sécurité\n")
    assert a3.clean_text.rstrip().endswith("sur l’espace post-soviétique.")
    for prefix in FURNITURE:
        article = _cleaned(prefix)
        # removals leave no pile of blank lines behind
        assert "\n\n\n" not in article.clean_text


def test_removals_point_into_the_original() -> None:
    for prefix in FURNITURE:
        article = _cleaned(prefix)
        omap = article.offset_map()
        for i, ch in enumerate(article.clean_text):
            assert article.text[omap.to_original(i)] == ch
        for r in article.removed:
            assert article.text[r.start : r.end] == r.text


def _body(*middle: str) -> str:
    para1 = (
        "Le ministre a rencontré ses homologues européens mardi à Bruxelles pour discuter "
        "de la sécurité du continent et des prochaines étapes du dialogue."
    )
    para2 = (
        "Les discussions doivent reprendre la semaine prochaine, a précisé son porte-parole, "
        "sans donner davantage de détails sur le calendrier."
    )
    para3 = "Aucun accord n'a été trouvé à ce stade, selon plusieurs sources diplomatiques."
    return "\n\n".join([para1, para2, *middle, para3])


POSITIVE = [
    # French
    ("Laisser un commentaire", "comment-form"),
    ("Votre adresse de messagerie ne sera pas publiée.", "comment-form"),
    ("12 commentaires", "comment-form"),
    ("S’abonner", "subscription"),
    ("Abonnez-vous à notre newsletter", "subscription"),
    ("Inscrivez-vous à la newsletter pour recevoir l'essentiel de l'actualité", "subscription"),
    ("Cet article est réservé aux abonnés.", "subscription"),
    ("Abonnez-vous à notre chaîne YouTube", "subscription"),
    ("Faites un don pour soutenir une presse indépendante !", "donation"),
    ("Partager cet article", "share-tags"),
    ("Partager sur Facebook", "share-tags"),
    ("Facebook Twitter WhatsApp E-mail", "share-tags"),
    ("Mots-clés : Otan, Russie, sécurité", "share-tags"),
    ("Lire aussi : Lavrov accuse l'Otan de vouloir esquiver le dialogue", "read-more"),
    ("À lire aussi >> Les négociations de Genève", "read-more"),
    ("Tous droits réservés", "copyright"),
    ("© 2022 Le Monde. Tous droits réservés.", "copyright"),
    (
        "Nous utilisons des cookies pour vous garantir la meilleure expérience sur notre site.",
        "cookie",
    ),
    ("Publié le 12/01/2022 à 10h30", "dateline"),
    ("Mis à jour le 13 janvier 2022 à 08:15", "dateline"),
    ("Temps de lecture : 4 min", "widget"),
    ("Publicité", "widget"),
    ("Les plus lus", "widget"),
    ("Photo : AFP", "photo-credit"),
    ("© Reuters", "photo-credit"),
    ("lemonde.fr", "signature"),
    # English
    ("Leave a comment", "comment-form"),
    ("Your email address will not be published. Required fields are marked *", "comment-form"),
    ("Subscribe", "subscription"),
    ("Sign up for our free newsletter", "subscription"),
    ("Share this:", "share-tags"),
    ("Read more: Russia and Nato fail to agree", "read-more"),
    ("We use cookies to improve your experience on our website.", "cookie"),
    ("All rights reserved", "copyright"),
    ("Support independent journalism", "donation"),
    ("5 min read", "widget"),
    ("Reproduction autorisée avec mention de la source. © Telekar 2025", "copyright"),
    ("© Le Courrier de Brennisk – Tous droits réservés", "copyright"),
    ("Partager ce billet : Courriel · Imprimer · Copier le lien", "share-tags"),
    ("Billet publié le 27 février 2025 par Gaspard Lenoir", "dateline"),
    (
        "Cet article vous est offert. Pour soutenir une information indépendante, abonnez-vous "
        "au Veilleur à partir de 4,90 francs par mois.",
        "subscription",
    ),
    ("Vous aimez L’Écho Solidaire ? Abonnez-vous à notre lettre du samedi.", "subscription"),
    ("14 février 2025 | Mis à jour à 16 h 20", "dateline"),
    ("Copyright © 2022 The Daily Example. All rights reserved.", "copyright"),
    # Russian
    ("Экран-К | Новости | 26 февраля 2025, 14:20", "dateline"),
    ("Вальдорский обозреватель | Новости | Мир", "signature"),
    ("Поделиться", "share-tags"),
    ("Подписаться", "subscription"),
    ("Подпишитесь на наш канал в Telegram", "subscription"),
    ("Читайте также: Лавров заявил о провале переговоров", "read-more"),
    ("Оставить комментарий", "comment-form"),
    ("Все права защищены", "copyright"),
    ("Мы используем файлы cookie, чтобы улучшить работу сайта", "cookie"),
    # German
    ("Teilen", "share-tags"),
    ("Jetzt abonnieren", "subscription"),
    ("Lesen Sie auch: Die Nato und Russland", "read-more"),
    ("Wir verwenden Cookies, um Ihnen ein besseres Erlebnis zu bieten.", "cookie"),
    ("Alle Rechte vorbehalten", "copyright"),
    # Spanish
    ("Compartir", "share-tags"),
    ("Suscríbete", "subscription"),
    ("Lee también: La OTAN y Rusia no llegan a un acuerdo", "read-more"),
    ("Deja un comentario", "comment-form"),
    ("Todos los derechos reservados", "copyright"),
]


@pytest.mark.parametrize(("line", "reason"), POSITIVE)
def test_furniture_line_is_removed(line: str, reason: str) -> None:
    text = _body(line)
    removed = find_furniture(text)
    assert [(r.text.strip(), r.reason) for r in removed] == [(line, reason)]


@pytest.mark.parametrize(
    "line",
    [
        "International",
        "Politique",
        "Мир",
        "12 janvier 2022",
        "Wednesday 12 January 2022",
    ],
)
def test_section_labels_and_bare_dates_go_in_the_header(line: str) -> None:
    text = "Le titre de l'article sur les négociations\n" + line + "\n" + _body()
    removed = find_furniture(text)
    assert [r.text.strip() for r in removed] == [line]


NEGATIVE = [
    # a call to action inside someone's words, or followed by more content
    "Abonnez-vous à notre chaîne, a lancé le youtubeur à ses fans avant de couper le direct.",
    "Abonnez-vous à notre chaîne YouTube pour ne rien rater, répétait-il. Le tribunal a jugé "
    "que ce message constituait une publicité déguisée.",
    "Le vidéaste a conclu par un classique « abonnez-vous à notre chaîne ». Ses fans l'ont pris "
    "au mot : il a gagné 10 000 abonnés en une nuit.",
    "« Faites un don, même modeste », a insisté la présidente de l'association.",
    "Lire aussi ce qu'il a écrit en 2019 : la même idée y figurait déjà.",
    "Tous droits réservés, a répété l'éditeur, qui refuse toute reprise sans accord.",
    "Nous utilisons des cookies, explique le développeur, mais seulement pour l'audience.",
    "Les cookies de la grand-mère ont remporté le concours de pâtisserie.",
    "Publié le jour même, le rapport a fait grand bruit à Moscou.",
    "Il a partagé la vidéo sur Facebook, où elle a été vue des milliers de fois.",
    "Selon lui, il faut s'abonner à plusieurs journaux pour se faire une idée juste.",
    "M. Lavrov a qualifié les propositions de « constructives ».",
    # real lines of fr-tv-news that early rules took for furniture
    "Les plus anciens datent du XVIe siècle.",
    "Publié en 1988, son livre a été considéré comme blasphématoire par de nombreux musulmans.",
    "Publié le lundi 6 juillet, il vise les contrôleurs aériens français.",
    "Photo : Leica a 100 ans",
    "Crédits : le gouvernement souhaite revenir sur une mesure contre le surendettement",
    "Tags : la bataille des communes",
    "Faire un don, tout en faisant ses courses.",
    "Colinm.fedmouli",
    # short subheadings and labels that are content
    "Pourparlers à Genève",
    "Des spéculations qui ne serviront à rien",
    "Garanties de sécurité",
    "La Russie prépare une réponse aux propositions de Washington",
    "Dmitri Peskov",
    # a wire dateline opens the first sentence: the paragraph is content
    "KORVANSK, 11 février (Telekar) – Les manœuvres prévues à partir de la mi-février "
    "constituent « une provocation », a déclaré mardi la porte-parole du ministère.",
    "Москва, 26 февраля — РИА Новости. Переговоры продолжатся в пятницу, сообщил источник.",
    "LONDON, Jan 12 (Reuters) - Britain's economy grew faster than expected in November.",
    # lines shaped a little like bylines, slogans, credits or datelines
    "Par ailleurs, le ministre a démenti toute négociation secrète.",
    "Par Toutatis, ils reviennent !",
    "By then, the talks had already collapsed.",
    "PRATIQUE - Chaque soir, le JT se penche sur les questions des téléspectateurs.",
    "Abbeville (Somme) - La préfecture a levé l'alerte aux crues mardi soir.",
    "Le Monde — quotidien du soir — a publié l'enquête le lendemain.",
    "Vidéos - Police, justice et faits divers sur TF1 INFO.",
    # weak furniture on its own, between paragraphs, is content
    "(Telekar)",
    "mh/jv/lp",
    "Méridie Soir — l’actualité de Port-Selve et de toute la Méridie, chaque soir depuis 1952.",
    "Chat",
    "0",
    "Vidéo",
]


@pytest.mark.parametrize("line", NEGATIVE)
def test_content_line_stays(line: str) -> None:
    text = _body(line)
    assert find_furniture(text) == []


@pytest.mark.parametrize("line", ["Reportage.", "Politique ?", "Le 8 octobre 2016."])
def test_said_lines_in_the_header_stay(line: str) -> None:
    text = "Le titre de l'article sur les négociations\n" + line + "\n" + _body()
    assert find_furniture(text) == []


def test_section_name_deep_in_the_body_stays() -> None:
    paragraphs = [
        f"Paragraphe numéro {i} du corps de l'article, avec une phrase." for i in range(8)
    ]
    text = "\n\n".join([*paragraphs[:6], "Politique", *paragraphs[6:]])
    assert find_furniture(text) == []


def test_byline_deep_in_the_body_stays() -> None:
    paragraphs = [
        f"Paragraphe numéro {i} du corps de l'article, avec une phrase." for i in range(8)
    ]
    text = "\n\n".join([*paragraphs[:6], "Par Julien Ferrat", *paragraphs[6:]])
    assert find_furniture(text) == []


def test_weak_furniture_goes_with_its_neighbours() -> None:
    text = _body("Fil d'actu\n0\nChat\nloader")
    removed = find_furniture(text)
    assert [r.text.strip() for r in removed] == ["Fil d'actu", "0", "Chat", "loader"]


SLOGAN = "Méridie Soir — l’actualité de Port-Selve et de toute la Méridie, chaque soir depuis 1952."


@pytest.mark.parametrize(
    ("closing", "reasons"),
    [
        (["Par Julien Ferrat", SLOGAN], ["byline", "signature"]),
        (["(avec Estafette)", SLOGAN], ["signature", "signature"]),
        (
            ["(Telekar)", "Lire aussi : Bouclier d’ambre, ce que l’on sait"],
            ["signature", "read-more"],
        ),
        (["mh/jv/lp"], ["signature"]),
        (["By Hannah Weir and Luc Tessier in Port-Selve"], ["byline"]),
        (["© РИА Новости"], ["photo-credit"]),
    ],
)
def test_signatures_that_close_the_text_are_removed(closing: list[str], reasons: list[str]) -> None:
    text = _body() + "\n\n" + "\n\n".join(closing) + "\n"
    removed = find_furniture(text)
    assert [(r.text.strip(), r.reason) for r in removed] == list(zip(closing, reasons, strict=True))
    # the text ends with its last paragraph and a line break
    assert removed[0].start == len(_body()) + 1


@pytest.mark.parametrize(
    "line",
    [
        "Par Milan Hrubec",
        "Par Léa Marchal, envoyée spéciale à Vrenica",
        "By Hannah Weir in Vrenica",
        "Par la rédaction d’Actu-Monde Direct",
        "Автор: Иван Петров",
        "KORVANSK, 11 février (Telekar)",
    ],
)
def test_bylines_and_lone_datelines_go_in_the_header(line: str) -> None:
    text = "Le titre de l'article sur les négociations\n" + line + "\n" + _body()
    assert [r.text.strip() for r in find_furniture(text)] == [line]


def test_foreign_script_only_for_short_ui_strings() -> None:
    russian_quote = "Мы не пойдём ни на какие уступки под давлением, заявил замминистра."
    text = _body(russian_quote)
    assert find_furniture(text) == []
    text = _body("Заголовок открываемого материала")  # alone between paragraphs: kept
    assert find_furniture(text) == []
    text = _body() + "\nloader\nЗаголовок открываемого материала"
    assert [r.reason for r in find_furniture(text)] == ["widget", "foreign-script-ui"]


def test_tag_above_the_title_is_removed_only_at_the_very_top() -> None:
    title = "L'Otan ne pourra pas esquiver la conversation avec la Russie"
    text = "Otan\n\n" + title + "\n\n" + _body()
    assert [(r.text, r.reason) for r in find_furniture(text)] == [("Otan\n\n", "section-label")]
    # when the tag is the known title, it stays
    assert find_furniture(text, title="Otan") == []
    # a short first line followed by a sentence is no tag
    assert find_furniture("Otan\n" + _body()) == []


def test_title_line_is_never_removed() -> None:
    text = "Partager\n\n" + _body()
    assert [r.text.strip() for r in find_furniture(text)] == ["Partager"]
    assert find_furniture(text, title="Partager") == []


def _options(**furniture: list[str]) -> Options:
    opts = Options()
    # the ``furniture`` option (outlet -> lines) is read with getattr by the stage
    vars(opts.clean)["furniture"] = dict(furniture)
    return opts


def test_learned_furniture_of_the_outlet_is_removed() -> None:
    text = _body("Le fil info de Radio Exemple", "Radio Exemple, la radio qui informe")
    learned = ["Le fil info de Radio Exemple", "Radio Exemple, la radio qui informe"]
    article = Article(doc="x", text=text, outlet="Radio Exemple")
    clean(article, _options(**{"Radio Exemple": learned}))
    assert [(r.text.strip(), r.reason) for r in article.removed] == [
        (line, "learned:Radio Exemple") for line in learned
    ]
    other = Article(doc="y", text=text, outlet="Autre Radio")
    clean(other, _options(**{"Radio Exemple": learned}))
    assert other.removed == []


def test_rules_off_keeps_learned_furniture_only() -> None:
    text = _body("Partager cet article", "Radio Exemple, la radio qui informe")
    opts = _options(**{"Radio Exemple": ["Radio Exemple, la radio qui informe"]})
    opts.clean.rules = False
    article = Article(doc="x", text=text, outlet="Radio Exemple")
    clean(article, opts)
    assert [r.reason for r in article.removed] == ["learned:Radio Exemple"]
    assert "Partager cet article" in article.clean_text


def test_learned_sentences_glued_to_a_one_line_text() -> None:
    text = (
        "Bienvenue à tous. Le port a battu son record de trafic en 2024. "
        "Les syndicats demandent des hausses de salaire. (Économie).  TF1 INFO"
    )
    opts = _options(TF1=["TF1 INFO", "(Économie).", "Bienvenue à tous."])
    article = Article(doc="x", text=text, outlet="TF1")
    clean(article, opts)
    assert article.clean_text == (
        "Le port a battu son record de trafic en 2024. "
        "Les syndicats demandent des hausses de salaire."
    )
    assert {r.reason for r in article.removed} == {"learned:TF1"}


def test_stage_is_registered_and_checked_in_a_pipeline() -> None:
    pipeline = Pipeline(["metadata", "clean"], Options())
    article = pipeline(_sample("000"))
    assert [e.error for e in article.errors] == ["note"]  # 000 carries no date
    assert article.done == ["metadata", "clean"]
    assert "Tagged" not in article.clean_text
