"""The unit splitter, untranslated-paragraph filter, pair checks and article records of
``benchmarks/translations.py`` (no network: small documents written here)."""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "translations_bench", ROOT / "benchmarks" / "translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


PAGE_EN = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Chapter 2. Releases</title>
<style>p { color: red }</style></head><body>
<div class="navheader"><table><tr><th>Chapter 2. Releases</th></tr></table></div>
<div class="chapter"><div class="titlepage"><div><div>
<h1 class="title"><a id="releases"/>Chapter 2. Releases</h1></div></div></div>
<div class="toc"><p><strong>Table of Contents</strong></p>
<dl class="toc"><dt><a href="#rel-1">2.1. The 1.x Releases</a></dt></dl></div>
<p>The Orme project has shipped
   two releases so far.</p>
<div class="section"><div class="titlepage"><div><div>
<h2 class="title"><a id="rel-1"></a>2.1. The 1.x Releases</h2></div></div></div>
<p>Orme 1.0 was released on <em>March 3rd, 2011</em>, with 120 packages
(<code class="literal">orme-base</code><a id="idm42" class="indexterm"></a>).</p>
<pre class="screen">apt-get install orme-base</pre>
<div class="itemizedlist"><ul><li><p>A new installer.</p></li><li><p>Faster mirrors.</p></li></ul>
</div>
<div class="section"><div class="titlepage"><div><div>
<h3 class="title"><a id="rel-1-1"></a>2.1.1. Point releases</h3></div></div></div>
<p>Orme 1.1 followed in 2012.</p></div></div></div>
<div class="footnotes"><p>[1] A footnote.</p></div>
<div class="navfooter"><p>Next</p></div></body></html>"""


def test_html_sections_cut_at_headings(bench: ModuleType) -> None:
    sections = bench.html_sections(PAGE_EN)
    assert [s.anchor for s in sections] == ["releases", "rel-1", "rel-1-1"]
    assert [s.heading for s in sections] == [
        "Chapter 2. Releases",
        "2.1. The 1.x Releases",
        "2.1.1. Point releases",
    ]
    # whitespace folded, table of contents, navigation, listings and footnotes left out
    assert sections[0].paragraphs == ["The Orme project has shipped two releases so far."]
    assert sections[1].paragraphs == [
        "Orme 1.0 was released on March 3rd, 2011, with 120 packages (orme-base).",
        "A new installer.",
        "Faster mirrors.",
    ]
    assert sections[2].paragraphs == ["Orme 1.1 followed in 2012."]


def test_units_carry_section_numbers_and_titles(bench: ModuleType) -> None:
    units = bench.units_of_html("history", "releases", "en", PAGE_EN)
    assert [(u.anchor, u.number, u.title) for u in units] == [
        ("releases", "", "Chapter 2. Releases"),
        ("rel-1", "2.1", "The 1.x Releases"),
        ("rel-1-1", "2.1.1", "Point releases"),
    ]
    u = units[1]
    assert u.uid == "history/releases#rel-1"
    assert u.key == "history/releases#rel-1@en"
    assert u.outlet == "debian-history.en"
    assert u.url == "https://debian-history.en.example/releases/rel-1"
    assert u.text.count("\n") == 2


def test_reflow_joins_hard_wrapped_lines(bench: ModuleType) -> None:
    text = (
        "Dedicated to the Orme team\n\n"
        "On March 3, 2011, the project\nreleased its first version.\n"
        "It was a long road.\n\n"
        " * The Orme release\n\n"
        "-- The developers\n"
    )
    assert bench.reflow(text) == [
        "Dedicated to the Orme team",
        "On March 3, 2011, the project released its first version. It was a long road.",
        "* The Orme release",
        "-- The developers",
    ]
    unit = bench.unit_of_text("history", "dedication", "release-1.0", "en", text)
    assert unit.title == "Dedicated to the Orme team"
    assert unit.paragraphs[0].startswith("On March 3, 2011")


def _unit(bench: ModuleType, lang: str, paragraphs: list[str], number: str = "2.1") -> Any:
    return bench.Unit("faq", "releases", "rel-1", lang, number, "t", list(paragraphs), 1)


EN = [
    "Orme 1.0 was released on March 3rd, 2011 with 120 packages and a new installer.",
    "The release was prepared by the team for two years before it was announced.",
]
FR = [
    "Orme 1.0 est sortie le 3 mars 2011 avec 120 paquets et un nouvel installateur.",
    "La publication a été préparée par l'équipe pendant deux ans avant son annonce.",
]


def test_untranslated_paragraphs_are_cut(bench: ModuleType) -> None:
    en = _unit(bench, "en", EN)
    fr = _unit(bench, "fr", [FR[0], EN[1]])  # the second paragraph left in English
    nl = _unit(
        bench,
        "nl",
        [
            "Orme 1.0 is uitgebracht op 3 maart 2011 met 120 pakketten of meer, en een nieuw "
            "installatieprogramma is er ook."
        ],
    )
    bench.strip_untranslated([en, fr, nl])
    assert fr.paragraphs == [FR[0]]
    assert fr.untranslated == pytest.approx(1 - len(FR[0]) / len(FR[0] + "\n" + EN[1]), abs=1e-3)
    assert en.paragraphs == EN and en.untranslated == 0.0
    assert len(nl.paragraphs) == 1 and nl.untranslated == 0.0  # Dutch "is", "of": kept


def test_pair_checks_keep_matching_structure(bench: ModuleType) -> None:
    en = _unit(bench, "en", EN)
    fr = _unit(bench, "fr", FR)
    (check,) = bench.check_pairs([fr, en])
    assert (check.a, check.b, check.langs, check.kept, check.reason) == (
        en.key,
        fr.key,
        "en-fr",
        True,
        "",
    )


@pytest.mark.parametrize(
    ("fr_paragraphs", "number", "reason"),
    [
        (FR, "2.2", "section number differs"),
        (
            [FR[0].replace("2011", "2014").replace("120", "480"), FR[1]],
            "2.1",
            "numbers differ",
        ),
        ([FR[0]], "2.1", "length differs"),
    ],
)
def test_pair_checks_drop_mismatches(
    bench: ModuleType, fr_paragraphs: list[str], number: str, reason: str
) -> None:
    en = _unit(bench, "en", EN)
    fr = _unit(bench, "fr", fr_paragraphs, number)
    # each language's length factor comes from its pairs: add matching pairs to fix it at ~1
    others = []
    for i in range(5):
        others += [
            bench.Unit("faq", "other", f"s{i}", "en", "", "t", list(EN), i),
            bench.Unit("faq", "other", f"s{i}", "fr", "", "t", list(FR), i),
        ]
    checks = {c.uid: c for c in bench.check_pairs([en, fr, *others])}
    assert checks["faq/releases#rel-1"].kept is False
    assert checks["faq/releases#rel-1"].reason == reason
    assert all(checks[f"faq/other#s{i}"].kept for i in range(5))


def test_schedule_puts_english_first_and_never_at_midnight(bench: ModuleType) -> None:
    units = bench.units_of_html("history", "releases", "en", PAGE_EN)
    units += [
        bench.Unit(u.source, u.doc, u.anchor, lang, u.number, u.title, u.paragraphs, u.position)
        for lang in ("ru", "fr", "lt")
        for u in units[:3]
    ]
    published = bench.schedule(units)
    for u in units:
        t = datetime.fromisoformat(published[u.key])
        assert (t.hour, t.minute) != (0, 0)
        if u.lang != "en":
            assert published[u.key] > published[f"{u.uid}@en"]
    rank = bench.publication_ranks(["lt", "ru", "fr", "en"])
    assert sorted(rank, key=rank.__getitem__) == ["en", "fr", "ru", "lt"]


def test_records_read_back_by_vigie(bench: ModuleType, tmp_path: Path) -> None:
    from vigie.ingest.sources import read_inputs

    units = bench.units_of_html("history", "releases", "en", PAGE_EN)
    published = bench.schedule(units)
    path = tmp_path / "units.jsonl"
    bench.write_jsonl(units, published, path, state=False)
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    assert "language" not in records[0]
    articles = list(read_inputs([str(path)]))
    assert [a.url for a in articles] == [u.url for u in units]
    a = articles[1]
    assert (a.outlet, a.title, a.text) == ("debian-history.en", "The 1.x Releases", units[1].text)
    assert a.published == published[units[1].key]
    assert a.language is None
    bench.write_jsonl(units, published, path, state=True)
    assert [a.language for a in read_inputs([str(path)])] == ["en"] * 3
