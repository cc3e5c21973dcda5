"""The quote-group filters read the columns and the trigram index of migration 7 (speaker,
text, outlet, language): they give exactly what the former tests of each group's JSON gave.
Those tests are kept here, in SQL over the JSON, as the reference; the groups are made by the
real grouping (:func:`~vigie.stories.quote_groups.describe_group`, fictional speakers) with
accents, case, compatibility characters, quotes, LIKE's wildcards and the columns' own
separators in their texts, names and language codes, and rows written without the columns
(as version 6 wrote them), which are tested on their JSON."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from vigie.storage.quote_group_store import QuoteGroupFilters, fast_fold, group_columns
from vigie.storage.sqlite import SQLiteStore
from vigie.storage.sqltext import contains_pattern, fold
from vigie.stories.quote_groups import describe_group

SPEAKERS = [
    "Ilse Varnak",
    "Sergueï Ostrov",
    "ÉLODIE Marçal",
    'Orm "le Sage" Tessaly',
    "anonymous:porte-parole du ministère",
    "100% Kaldor_x",
    None,
]
OUTLETS = [
    "Méridie Soir",
    "L’Écho Solidaire",
    "Telekar",
    "Gazette|Nord",
    "Radio 100%",
    "MAJUSCULE INFO",
    "under_score",
    None,
]
TEXTS = [
    "La sécurité du port restera assurée tant que le pacte tiendra",
    "LA SÉCURITÉ DU PORT restera assurée",
    "Appelez le ℡ du ministère",
    "𝚨lpha est prêt, dit-il",
    "Die Straße bleibt offen",
    'Il a dit "jamais" deux fois',
    "Une hausse de 100% en un an",
    "le mot_clé du jour",
    "ligne un\nligne deux",
    "la ﬁn du mandat",
    "Nous ne céderons pas",
    "ok",
]
LANGUAGES = ["fr", "fr", "en", "pt-BR", "de", "x,y"]


def _quote(rng: random.Random, aid: str, idx: int, text: str, speaker: str | None) -> dict:
    day = rng.choice([None, "2025-03-01", "2025-03-02T10:30", "2025-03-05", "2025-04-11"])
    return {
        "article_id": aid,
        "index": idx,
        "text": text,
        "speaker": speaker,
        "published": day,
        "outlet": rng.choice(OUTLETS),
        "language": rng.choice(LANGUAGES),
        "type": "direct",
    }


def made_groups(n: int = 60, seed: int = 3) -> list[dict[str, Any]]:
    """A group in the languages "x" and "y", then ``n`` groups of 1 to 4 quotations: texts,
    speakers, outlets, dates and languages drawn from the lists above."""
    rng = random.Random(seed)
    # two codes side by side that read as the odd code "x,y" in the languages column
    two = [
        {**_quote(rng, f"xy-{k}", 0, "Nous ne céderons pas", "Ilse Varnak"), "language": lang}
        for k, lang in enumerate(["x", "y"])
    ]
    groups = [describe_group(two, "qg-xy").to_dict()]
    for i in range(n):
        speaker = rng.choice(SPEAKERS)
        quotes = [
            _quote(rng, f"art-{i}-{k}", k, rng.choice(TEXTS), speaker)
            for k in range(rng.randint(1, 4))
        ]
        groups.append(describe_group(quotes, f"qg-{i:03d}").to_dict())
    return groups


# -- the reference: the former tests of the JSON --------------------------------------------


def reference_ids(store: SQLiteStore, f: QuoteGroupFilters) -> list[str]:
    """The ids the former filters gave, in the former order."""
    store.conn.create_function("vigie_fold", 1, fast_fold, deterministic=True)
    clauses = ["n_articles >= ?"]
    params: list[Any] = [max(1, f.min_articles)]
    if f.speaker:
        clauses.append("vigie_fold(speaker) LIKE ? ESCAPE '\\'")
        params.append(contains_pattern(fold(f.speaker)))
    if f.language:
        clauses.append("EXISTS (SELECT 1 FROM json_each(data, '$.languages') l WHERE l.value = ?)")
        params.append(f.language)
    if f.outlet:
        clauses.append(
            "EXISTS (SELECT 1 FROM json_each(data, '$.outlets') o"
            " WHERE json_extract(o.value, '$.outlet') LIKE ? ESCAPE '\\')"
        )
        params.append(contains_pattern(f.outlet))
    if f.text:
        clauses.append(
            "EXISTS (SELECT 1 FROM json_each(data, '$.variants') v"
            " WHERE vigie_fold(json_extract(v.value, '$.text')) LIKE ? ESCAPE '\\')"
        )
        params.append(contains_pattern(fold(f.text)))
    sql = (
        f"SELECT group_id FROM quote_groups WHERE {' AND '.join(clauses)}"
        " ORDER BY n_articles DESC, first_seen IS NULL, first_seen DESC, group_id"
    )
    return [r[0] for r in store.conn.execute(sql, params)]


SPEAKER_QUERIES = ["varnak", "VARNAK", "serguei", "É", "e", "le sage", '"le', "100%", "_", "zz"]
TEXT_QUERIES = [
    "securite",
    "SÉCURITÉ",
    "sécurité du port restera",
    "tel",
    "TEL",
    "℡",
    "α",
    "αlpha",
    "ΑLPHA",
    "lpha est",
    "strasse",
    "Straße",
    '"',
    '"jamais"',
    "%",
    "100%",
    "_",
    "mot_cle",
    "un\nligne",
    "ligne",
    "fin",
    "ﬁn",
    "fi",
    "ok",
    "o",
    "e",
    " ",
    "céderons pas",
    "absent de tout",
]
OUTLET_QUERIES = [
    "soir",
    "écho",
    "ECHO",
    "echo",
    "|",
    "e|n",
    "gazette|nord",
    "100%",
    "_",
    "r",
    "majuscule info",
    "\u2019",
]
LANGUAGE_QUERIES = ["fr", "en", "pt-BR", "pt-br", "x,y", "x", "y", "de", "it", "r,", ","]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    db = tmp_path_factory.mktemp("qg-filters") / "g.db"
    s = SQLiteStore(db)
    groups = made_groups(72)
    s.write_stories([], groups[:30], [], {})
    s.write_stories([], groups[30:60], [], {})  # a second write, as a later run adds groups
    # rows written otherwise (without the filter columns), as version 6 wrote them
    for g in groups[60:]:
        c = group_columns(g)
        s.conn.execute(
            "INSERT INTO quote_groups(group_id, n_articles, first_seen, speaker, data)"
            " VALUES (?, ?, ?, ?, ?)",
            (g["id"], c.n_articles, c.first_seen, c.speaker, json.dumps(g, ensure_ascii=False)),
        )
    s.conn.commit()
    yield s
    s.close()


def _filters() -> list[QuoteGroupFilters]:
    q = QuoteGroupFilters
    out = [q(min_articles=m) for m in (1, 2, 3, 5)]
    out += [q(min_articles=1, speaker=s) for s in SPEAKER_QUERIES]
    out += [q(min_articles=1, text=t) for t in TEXT_QUERIES]
    out += [q(min_articles=1, outlet=o) for o in OUTLET_QUERIES]
    out += [q(min_articles=1, language=lang) for lang in LANGUAGE_QUERIES]
    rng = random.Random(5)
    for _ in range(40):
        out.append(
            q(
                min_articles=rng.choice((1, 2)),
                speaker=rng.choice([None, *SPEAKER_QUERIES[:4]]),
                text=rng.choice([None, *TEXT_QUERIES[:8]]),
                outlet=rng.choice([None, *OUTLET_QUERIES[:4]]),
                language=rng.choice([None, "fr", "en", "x,y"]),
            )
        )
    return out


def test_filters_give_what_the_json_tests_gave(store: SQLiteStore) -> None:
    everything = store.count_quote_groups(QuoteGroupFilters(min_articles=1))
    sizes = []
    for f in _filters():
        expected = reference_ids(store, f)
        assert [g["id"] for g in store.iter_quote_groups(f)] == expected, f
        assert store.count_quote_groups(f) == len(expected), f
        sizes.append(len(expected))
    # the queries find nothing, some or everything: the comparison tells something
    assert sizes.count(0) > 10 and sizes.count(everything) < 10
    assert len([n for n in sizes if 0 < n < everything]) > 50


def test_pages_give_the_same_groups_and_count(store: SQLiteStore) -> None:
    for f in [
        QuoteGroupFilters(min_articles=1),
        QuoteGroupFilters(min_articles=1, text="securite"),
        QuoteGroupFilters(min_articles=1, text="e"),
        QuoteGroupFilters(min_articles=1, outlet="r"),
        QuoteGroupFilters(min_articles=1, language="fr", speaker="e"),
    ]:
        expected = reference_ids(store, f)
        assert len(expected) > 3, f
        paged: list[str] = []
        for offset in range(0, len(expected) + 3, 3):
            total, page = store.quote_group_page(f, limit=3, offset=offset)
            assert total == len(expected), f
            paged += [g["id"] for g in page]
        assert paged == expected, f
        total, first = store.quote_group_page(f, limit=1)
        assert total == len(expected) and [g["id"] for g in first] == expected[:1]
        assert first[0]["n_articles"] >= f.min_articles and "first_seen" in first[0]


def test_the_odd_cases_the_columns_alone_cannot_tell(store: SQLiteStore) -> None:
    q = QuoteGroupFilters
    # a typed part spanning two names of the outlets column: found there, not in a name
    spans = []
    for g in store.iter_quote_groups(q(min_articles=1)):
        names = [o["outlet"] for o in g["outlets"]]
        if len(names) >= 2 and "|" not in names[0] + names[1]:
            spans.append((g["id"], f"{names[0][-3:]}|{names[1][:3]}"))
    assert spans
    for gid, typed in spans:
        assert typed in group_columns(store.quote_group(gid)).outlets
        f = q(min_articles=1, outlet=typed)
        assert gid not in reference_ids(store, f)
        assert [g["id"] for g in store.iter_quote_groups(f)] == reference_ids(store, f)
    # "ligne un" then a line break: found across two versions of the row, not in one
    assert store.count_quote_groups(q(min_articles=1, text="un\nligne")) > 0
    # a compatibility character folds to capitals: "tel" finds "℡" as LIKE did, "α" does
    # not find the capital alpha of "𝚨" (LIKE ignores case for ASCII only)
    tel = set(reference_ids(store, q(min_articles=1, text="TEL")))
    assert tel and tel == {g["id"] for g in store.iter_quote_groups(q(min_articles=1, text="tel"))}
    # (the trigram index, folding case, finds it: LIKE drops it)
    assert store.count_quote_groups(q(min_articles=1, text="αlpha")) == 0
    assert store.count_quote_groups(q(min_articles=1, text="lpha est")) > 0
    # a language code holding a comma is one code, not two; two codes are not one
    xy = [g["id"] for g in store.iter_quote_groups(q(min_articles=1, language="x,y"))]
    assert xy and "qg-xy" not in xy
    assert [g["id"] for g in store.iter_quote_groups(q(min_articles=1, language="x"))] == ["qg-xy"]


def test_columns_of_a_group() -> None:
    g = describe_group(
        [
            {
                "article_id": "a",
                "index": 0,
                "text": "Nous ne CÉDERONS pas",
                "speaker": "Ilse Varnak",
                "published": "2025-03-02",
                "outlet": "Méridie Soir",
                "language": "fr",
                "type": "direct",
            },
            {
                "article_id": "b",
                "index": 1,
                "text": "We will not give in",
                "speaker": "Ilse Varnak",
                "published": None,
                "outlet": "Telekar",
                "language": "en",
                "type": "direct",
            },
            {
                "article_id": "b",
                "index": 2,
                "text": "nous ne cederons pas",
                "speaker": "Ilse Varnak",
                "published": "2025-03-01T09:00",
                "outlet": "Telekar",
                "language": "fr",
                "type": "direct",
            },
        ],
        "qg-a-0",
    ).to_dict()
    c = group_columns(g)
    assert (c.n_articles, c.first_seen, c.last_seen) == (2, "2025-03-01T09:00", "2025-03-02")
    assert (c.speaker, c.speaker_key) == ("Ilse Varnak", "ilse varnak")
    assert c.outlets == "|Telekar|Méridie Soir|" or c.outlets == "|Méridie Soir|Telekar|"
    assert set(c.languages.strip(",").split(",")) == {"fr", "en"}
    # the distinct folded versions, one a line
    assert c.text is not None
    assert sorted(c.text.split("\n")) == ["nous ne cederons pas", "we will not give in"]
    empty = group_columns({"id": "x", "variants": [], "outlets": [], "languages": []})
    assert (empty.n_articles, empty.text, empty.languages, empty.outlets) == (0, None, ",,", "||")


def test_groups_rewritten_merged_and_cleared_keep_one_text_row_each(tmp_path: Path) -> None:
    s = SQLiteStore(tmp_path / "w.db")
    try:
        groups = made_groups(11, seed=9)
        s.write_stories([], groups, [], {})

        def text_rows() -> int:
            return int(s.conn.execute("SELECT count(*) FROM quote_group_text").fetchone()[0])

        assert text_rows() == 12
        # a group written again with other versions: its old texts are no longer found
        renewed = describe_group(
            [
                {
                    "article_id": "z",
                    "index": 0,
                    "text": "Un texte tout neuf",
                    "speaker": "Ilse Varnak",
                    "published": "2025-05-01",
                    "outlet": "Telekar",
                    "language": "fr",
                    "type": "direct",
                }
            ],
            groups[0]["id"],
        ).to_dict()
        s.write_stories([], [renewed], [groups[1]["id"], groups[2]["id"]], {})
        assert text_rows() == 10
        q = QuoteGroupFilters
        assert [g["id"] for g in s.iter_quote_groups(q(1, text="TOUT NEUF"))] == [groups[0]["id"]]
        for f in _filters()[:40]:
            assert [g["id"] for g in s.iter_quote_groups(f)] == reference_ids(s, f), f
        s.clear_stories([])
        assert text_rows() == 0
    finally:
        s.close()
