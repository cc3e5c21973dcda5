"""The write endpoints: off without a token, 401 without the right one, the real ingest behind
them, one writer at a time, a body size limit."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from vigie.web.writer import token_matches

if TYPE_CHECKING:
    from conftest import Site, WritableSite

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "articles"
REPORT_KEYS = {
    "run_id", "seen", "added", "versions", "unchanged", "failed", "stage_errors",
    "furniture_learned", "recleaned", "failures", "articles",
}  # fmt: skip


def _sample(n: int) -> str:
    return sorted(SAMPLES.glob("*.txt"))[n].read_text(encoding="utf-8")


def _record(n: int, url: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "url": url or f"https://example.org/sample-{n}",
        "outlet": "Exemple",
        "title": f"Échantillon {n}",
        "text": _sample(n),
        "published": "2025-02-1" + str(n),
        "language": "fr",
        **extra,
    }


def test_writes_are_off_without_a_token(site: Site) -> None:
    for path in ("/api/articles", "/api/ingest"):
        r = site.client.post(path, json=_record(0), headers={"Authorization": "Bearer x"})
        assert r.status_code == 404
        assert r.json() == {
            "status": 404,
            "detail": "writes are off: set [serve] write_token to turn them on",
        }


def test_a_token_is_required(writable: WritableSite) -> None:
    for path in ("/api/articles", "/api/ingest"):
        missing = writable.post(path, token=None, json=_record(0))
        assert missing.status_code == 401
        assert missing.headers["www-authenticate"].startswith("Bearer")
        assert missing.json()["status"] == 401
        wrong = writable.post(path, token=writable.token + "x", json=_record(0))
        assert wrong.status_code == 401 and "not the write token" in wrong.json()["detail"]
        basic = writable.client.post(path, headers={"Authorization": f"Basic {writable.token}"})
        assert basic.status_code == 401
    assert writable.client.get("/index.json").json()["articles"] == 0
    assert writable.client.get("/api/articles").status_code == 405


def test_token_comparison() -> None:
    assert token_matches("abc", "abc")
    assert not token_matches("abd", "abc")
    assert not token_matches("", "abc")
    assert not token_matches("abc", "")


def test_post_one_article_runs_the_real_ingest(writable: WritableSite) -> None:
    r = writable.post("/api/articles", json=_record(0))
    assert r.status_code == 200, r.text
    report = r.json()
    assert set(report) == REPORT_KEYS
    assert (report["seen"], report["added"], report["failed"]) == (1, 1, 0)
    [stored] = report["articles"]
    assert stored["url"] == "https://example.org/sample-0"
    # the read-only pages see it, with what the stages found
    view = writable.client.get(stored["link"] + ".json").json()
    assert view["article_id"] == stored["article_id"]
    assert view["outlet"] == "Exemple" and view["published"] == "2025-02-10"
    assert view["removed"] and view["quotes"]
    runs = writable.client.get("/runs.json").json()["runs"]
    assert runs[0]["run_id"] == report["run_id"] and runs[0]["added"] == 1
    # the home page's counts (kept until the store changes) see the write
    before = writable.client.get("/index.json").json()["articles"]
    # the same article again changes nothing; a new text for its URL is a new version
    again = writable.post("/api/articles", json=_record(0)).json()
    assert (again["added"], again["unchanged"]) == (0, 1)
    assert again["articles"] == report["articles"]
    edited = _record(0, text=_sample(0) + "\nUn paragraphe ajouté.\n")
    version = writable.post("/api/articles", json=edited).json()
    assert version["versions"] == 1
    assert writable.client.get("/index.json").json()["articles"] == before + 1
    versions = writable.client.get(version["articles"][0]["link"] + ".json").json()["versions"]
    assert [v["version"] for v in versions] == [1, 2]


def test_bad_articles_are_422(writable: WritableSite) -> None:
    cases = [
        ({"text": "Sans adresse."}, "url"),
        ({"url": "https://example.org/x"}, "give a non-empty 'text' or 'html'"),
        ({"url": "https://example.org/x", "text": "  "}, "give a non-empty"),
        ({"url": "https://example.org/x", "text": "t", "colour": "red"}, "colour"),
        ({"url": "https://example.org/x", "text": 3}, "text"),
    ]
    for body, message in cases:
        r = writable.post("/api/articles", json=body)
        assert r.status_code == 422, body
        assert message in r.json()["detail"], r.json()
    broken = writable.post("/api/articles", content=b"{not json")
    assert broken.status_code == 422 and "article:" in broken.json()["detail"]


def test_post_jsonl_reports_each_record(writable: WritableSite) -> None:
    lines = [
        json.dumps(_record(1), ensure_ascii=False),
        "{this is not json",
        json.dumps(
            {
                "url": "https://example.org/html-1",
                "title": "Une page HTML",
                "html": "<html><body><article><p>Le ministre karsovien a annoncé jeudi "
                "une réunion à Brennisk.</p></article></body></html>",
            }
        ),
        "",
    ]
    r = writable.post(
        "/api/ingest",
        content="\n".join(lines).encode("utf-8"),
        headers={"Content-Type": "application/x-ndjson"},
    )
    assert r.status_code == 200, r.text
    report = r.json()
    assert (report["seen"], report["added"], report["failed"]) == (2, 2, 1)
    assert report["failures"][0]["input"] == "stdin:2"
    assert "invalid JSON" in report["failures"][0]["problem"]
    urls = {a["url"] for a in report["articles"]}
    assert urls == {"https://example.org/sample-1", "https://example.org/html-1"}
    html = next(a for a in report["articles"] if a["url"].endswith("html-1"))
    assert "Brennisk" in writable.client.get(html["link"] + ".json").json()["text"]


def test_jsonl_records_need_a_url(writable: WritableSite) -> None:
    body = json.dumps({"text": "Un texte sans adresse."}) + "\n"
    r = writable.post("/api/ingest", content=body.encode())
    assert r.status_code == 422 and "missing on line 1" in r.json()["detail"]
    assert writable.post("/api/ingest", content=b"  \n").status_code == 422


def test_bodies_over_the_limit_are_413(writable: WritableSite) -> None:
    size = int(writable.body_limit_mb * 1_000_000) + 10
    big = _record(2, text="x" * size)
    r = writable.post("/api/articles", json=big)
    assert r.status_code == 413 and r.json()["status"] == 413

    def chunks() -> Any:  # no Content-Length: the limit holds while reading
        for _ in range(size // 10_000 + 1):
            yield b"x" * 10_000

    streamed = writable.post("/api/ingest", content=chunks())
    assert streamed.status_code == 413


def test_one_writer_at_a_time(writable: WritableSite) -> None:
    """Two uploads at once both succeed (the second waits for the first: no "database is
    locked"), and the read-only pages keep answering meanwhile."""
    results: dict[int, httpx.Response] = {}
    reads: list[int] = []
    start = threading.Barrier(2)

    def post(n: int) -> None:
        with httpx.Client(base_url=writable.url, timeout=120) as client:
            start.wait()
            results[n] = client.post(
                "/api/articles",
                json=_record(n, url=f"https://example.org/concurrent-{n}"),
                headers={"Authorization": f"Bearer {writable.token}"},
            )

    threads = [threading.Thread(target=post, args=(n,)) for n in (3, 4)]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        reads.append(writable.client.get("/quotes.json", params={"limit": 1}).status_code)
    for t in threads:
        t.join()
    for n in (3, 4):
        assert results[n].status_code == 200, results[n].text
        assert results[n].json()["added"] == 1
    ids = sorted(results[n].json()["run_id"] for n in (3, 4))
    assert ids[0] != ids[1]
    # the runs did not overlap: the later one started once the earlier one had finished
    runs = {r["run_id"]: r for r in writable.client.get("/runs.json").json()["runs"]}
    assert runs[ids[1]]["started"] >= runs[ids[0]]["finished"]
    assert reads and set(reads) == {200}
    exported = writable.client.get("/export/articles.jsonl").text.splitlines()
    urls = {json.loads(line)["url"] for line in exported}
    assert {"https://example.org/concurrent-3", "https://example.org/concurrent-4"} <= urls
