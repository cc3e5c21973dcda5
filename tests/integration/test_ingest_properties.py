"""Invariants of ingest: idempotent, nothing lost or duplicated, offsets auditable."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vigie.config import Options
from vigie.runners.ingest import ingest
from vigie.storage.sqlite import SQLiteStore

LINES = st.sampled_from(
    [
        "Le ministre a déclaré que les discussions continueront.",
        "« Nous ne céderons pas », a-t-il ajouté.",
        "Laisser un commentaire",
        "S'abonner",
        "Pourparlers à Genève",
        "Tagged",
        "La situation reste tendue dans la région, selon l'agence.",
        "",
    ]
)
TEXTS = st.lists(LINES, min_size=1, max_size=8).map("\n".join).filter(lambda t: t.strip())
RECORDS = st.lists(
    st.tuples(st.sampled_from(["https://a.test/1", "https://a.test/2", "https://b.test/1"]), TEXTS),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(RECORDS)
def test_ingest_twice_adds_nothing_and_keeps_every_text(
    tmp_path_factory: object, records: list[tuple[str, str]]
) -> None:
    tmp = tmp_path_factory.mktemp("ing")  # type: ignore[attr-defined]
    feed = Path(tmp) / "feed.jsonl"
    feed.write_text(
        "".join(json.dumps({"url": u, "outlet": "T", "text": t}) + "\n" for u, t in records),
        encoding="utf-8",
    )
    opts = Options()
    opts.pipeline.workers = 1
    with SQLiteStore(Path(tmp) / "s.db") as store:
        first = ingest([str(feed)], store, opts)
        n = store.count()
        second = ingest([str(feed)], store, opts)
        assert second.added == second.versions == 0
        assert store.count() == n == first.added + first.versions
        distinct = {(u, t) for u, t in records}
        assert n == len(distinct)
        stored = {(a.url, a.text) for a in store.iter_articles()}
        assert stored == distinct
        for a in store.iter_articles():
            m = a.offset_map()
            assert all(a.text[m.to_original(i)] == ch for i, ch in enumerate(a.clean_text))
