"""The stories step keeps a bounded state: when a run ends, stories and quote groups no new
article can join any more leave the saved state, the store keeps them, and a later article
still finds its own story."""

from __future__ import annotations

import json
from pathlib import Path

from vigie.config import Options
from vigie.runners.ingest import ingest
from vigie.storage.sqlite import SQLiteStore

DEMO = Path(__file__).resolve().parents[2] / "src" / "vigie" / "demo" / "corpus"

LATER = {
    "url": "https://gazette-exemple.test/2026/port-ouvert",
    "outlet": "Gazette exemple",
    "published": "2026-06-01T09:00:00+00:00",
    "title": "Le port de Varnelle rouvre après les travaux",
    "text": (
        "Le port de Varnelle a rouvert lundi après huit mois de travaux sur les quais.\n\n"
        "La capitainerie annonce l'arrivée des premiers cargos dans la semaine et une hausse "
        "du trafic attendue pour l'été, selon le directeur du port."
    ),
}


def test_closed_stories_leave_the_state_but_stay_stored(tmp_path: Path) -> None:
    opts = Options()
    opts.pipeline.workers = 1
    store = SQLiteStore(tmp_path / "v.db")
    ingest([str(DEMO)], store, opts)
    before = store.corpus_counts()
    state = store.corpus_state("stories")
    assert state is not None
    # the demo corpus spans a month: its first weeks' stories are closed by its last day
    assert 0 < len(state["stories"]) < before["stories"]

    later = tmp_path / "later.jsonl"
    later.write_text(json.dumps(LATER, ensure_ascii=False) + "\n", encoding="utf-8")
    ingest([str(later)], store, opts)
    after = store.corpus_counts()
    assert after["stories"] == before["stories"] + 1
    assert after["quote_groups"] >= before["quote_groups"]
    state = store.corpus_state("stories")
    assert state is not None
    # months later, only the new story can still grow
    assert len(state["stories"]) == 1
    groups = store.corpus_state("quote_groups")
    assert groups is not None
    assert len(groups["groups"]) < before["quote_groups"]
    store.close()
