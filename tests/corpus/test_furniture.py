"""Furniture learned from a corpus: candidates, thresholds, what never counts as furniture."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

from vigie.article import Article
from vigie.config import CleanOptions, Options
from vigie.corpus.furniture import (
    MIN_ARTICLES_FACTOR,
    candidate_lines,
    edge_segments,
    learn,
    looks_like_content,
)
from vigie.stages.clean import clean

WORDS = str.split(
    "le la les un une des gouvernement ministre réforme hausse baisse prix marché port ville "
    "habitants syndicats accord négociations région rapport enquête projet budget année mardi "
    "jeudi semaine annonce décision conseil tribunal élus école hôpital route train"
)

TEMPLATE = [
    "Le fil info de Radio Exemple",
    "Radio Exemple, la radio qui informe",
    "Écouter cet article",
]
QUOTE = "« Nous ne céderons pas », a répété le maire devant les habitants réunis."


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 20))]
    return " ".join(words).capitalize() + "."


def _article(rng: random.Random, i: int) -> str:
    paragraphs = [" ".join(_sentence(rng) for _ in range(3)) for _ in range(rng.randint(2, 5))]
    lines = [f"Titre numéro {i} : {_sentence(rng)[:-1]}", *paragraphs]
    if i % 10:  # 90 %
        lines.insert(1, TEMPLATE[0])
    lines.append(TEMPLATE[1])
    if i % 4 == 0:  # 25 %
        lines.insert(2, TEMPLATE[2])
    day = date(2021, 1, 1) + timedelta(days=i)
    lines.append(f"Mis en ligne le {day:%d/%m/%Y}")  # a different line every article
    if i % 8 == 0:  # a reporter's favourite quote, in 12 % of the articles
        lines.insert(2, QUOTE)
    if i < 3:  # a subheading shared by three articles only
        lines.insert(2, "Pourparlers à Genève")
    return "\n\n".join(lines)


def _learn(texts: list[str], options: Options | CleanOptions) -> tuple[list[str], Counter[str]]:
    counts: Counter[str] = Counter()
    for t in texts:
        counts.update(candidate_lines(t, 200))
    return learn(dict(counts), len(texts), options), counts


def test_learns_the_template_and_nothing_else_on_a_synthetic_outlet() -> None:
    rng = random.Random(7)
    texts = [_article(rng, i) for i in range(200)]
    learned, counts = _learn(texts, Options())
    # most frequent first: the slogan is on every page, the news-feed box on 90 %
    assert learned == [TEMPLATE[1], TEMPLATE[0], TEMPLATE[2]]
    # the quote is frequent enough, but it is someone's words
    assert counts[QUOTE] >= 25
    assert QUOTE not in learned
    # a line in three articles only, and dated lines (different each day), are not learned
    assert counts["Pourparlers à Genève"] == 3
    assert not any(line.startswith("Mis en ligne") for line in learned)


def test_thresholds_come_from_the_options() -> None:
    rng = random.Random(7)
    texts = [_article(rng, i) for i in range(200)]
    strict = Options()
    strict.clean.min_share = 0.5
    learned, _ = _learn(texts, strict)
    assert learned == [TEMPLATE[1], TEMPLATE[0]]  # "Écouter cet article" is in 25 % only
    many = CleanOptions(min_repeats=40, min_share=0.0)  # the clean part alone also works
    learned, _ = _learn(texts, many)
    assert set(learned) == set(TEMPLATE)
    short = CleanOptions(max_learned_line=20)
    learned, _ = _learn(texts, short)
    assert learned == ["Écouter cet article"]


def test_too_small_an_outlet_learns_nothing() -> None:
    opts = Options()
    n = MIN_ARTICLES_FACTOR * opts.clean.min_repeats - 1
    texts = [f"Titre {i}\n\nCorps de l'article {i}.\n\nSignature du site" for i in range(n)]
    learned, counts = _learn(texts, opts)
    assert counts["Signature du site"] == n
    assert learned == []
    texts.append("Titre\n\nCorps.\n\nSignature du site")
    learned, _ = _learn(texts, opts)
    assert learned == ["Signature du site"]


def test_candidate_lines_are_stripped_short_and_distinct() -> None:
    long_line = "Un très long paragraphe. " * 20
    text = f"  Titre de l'article  \n\n{long_line}\n\nSignature\nSignature\n"
    got = candidate_lines(text, 200)
    assert "Titre de l'article" in got
    assert "Signature" in got
    assert long_line.strip() not in got
    assert all(c == c.strip() and c for c in got)


def test_edge_segments_of_a_text_without_line_breaks() -> None:
    text = (
        "Bienvenue à tous. M. Dupont a inauguré le pont mardi. Il a salué les ouvriers. "
        "(Régions).  TF1 INFO"
    )
    got = candidate_lines(text, 200)
    assert {"Bienvenue à tous.", "TF1 INFO", "(Régions)."} <= got
    assert "M." not in got  # an initial is no sentence
    assert "M." not in edge_segments("M. Dupont a inauguré le pont. Merci.", 200)


def test_looks_like_content() -> None:
    assert looks_like_content(
        "Le ministre a rencontré ses homologues mardi à Bruxelles pour discuter de la sécurité."
    )
    assert looks_like_content(QUOTE)
    assert not looks_like_content("Fil d’actu")
    assert not looks_like_content("Publié le 12/01/2022 à 10h30")
    assert not looks_like_content("Regardez l'intégralité du reportage dans la vidéo ci-dessus.")


def test_learned_lines_feed_the_clean_stage() -> None:
    rng = random.Random(3)
    texts = [_article(rng, i) for i in range(120)]
    learned, _ = _learn(texts, Options())
    opts = Options()
    vars(opts.clean)["furniture"] = {"Radio Exemple": learned}
    article = Article(doc="x", text=texts[5], outlet="Radio Exemple")
    clean(article, opts)
    for line in TEMPLATE:
        assert line not in article.clean_text
    assert {r.reason for r in article.removed} <= {"learned:Radio Exemple", "dateline"}
    assert article.clean_text.startswith("Titre numéro 5 : ")
