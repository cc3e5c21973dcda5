"""A real store (the shared samples and hostile articles, ingested by the real pipeline) served
by the real app through uvicorn on a free port of 127.0.0.1, for the web tests.

The hostile inputs try to make a page run script: markup in the text, the title, the outlet, the
URL and a removed span and its reason; bidi overrides, joiners and control characters.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from vigie.article import Article, Removal
from vigie.config import Options
from vigie.runners.ingest import ingest
from vigie.storage.sqlite import SQLiteStore
from vigie.web.app import create_app

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SAMPLES = SHARED / "samples" / "articles"

RLO = "\u202e"  # right-to-left override
PDF = "\u202c"  # pop directional formatting
ZWJ = "\u200d"
ZWNJ = "\u200c"

#: a plain-text article written to trick a page into running script
HOSTILE_TEXT = (
    f"Alerte <script>alert(1)</script> {RLO}gnp.exe{PDF} sur la frontière\n\n"
    'Cliquez <a href="javascript:alert(1)">ici</a> ou regardez <img src=x onerror=alert(1)> '
    "pour la sécurité hostile du réseau.\n\n"
    f"Des jointures{ZWJ}invisibles{ZWNJ} et des contrôles : cloche \x07, échappement \x1b, "
    "tabulation verticale \x0b, effacement \x7f, fin.\n\n"
    '<iframe src="https://example.org/"></iframe><style>body{display:none}</style> '
    "Le texte continue après les balises, et la sécurité hostile reste un sujet.\n"
)

#: a JSONL record whose metadata is hostile too (title, outlet, URL, author)
HOSTILE_RECORD = {
    "url": "javascript:alert(document.domain)",
    "title": f'<script>alert("titre")</script>{RLO}Titre inversé',
    "outlet": "<b onmouseover=alert(1)>Gazette piégée</b>",
    "authors": ["<img src=x onerror=alert(2)>"],
    "published": "2025-02-20",
    "language": "fr",
    "text": (
        "Un second article piégé parle de sécurité hostile et de frontières.\n\n"
        '"><svg onload=alert(3)> et </textarea><script>alert(4)</script> restent du texte.\n'
    ),
}

#: a removal whose text and reason are hostile, written as the clean stage would record one
HOSTILE_FURNITURE = "Partagez <script>alert('furniture')</script> sur <a href=javascript:x>X</a>"
HOSTILE_REASON = 'share"><script>alert(5)</script>'


@dataclass
class Site:
    url: str
    db: Path
    client: httpx.Client
    crafted_id: str
    #: the crafted article's removed text and reason (both hostile)
    furniture: str = HOSTILE_FURNITURE
    reason: str = HOSTILE_REASON

    def get(self, path: str, **kw: object) -> httpx.Response:
        return self.client.get(path, **kw)  # type: ignore[arg-type]

    def find_id(self, query: str) -> str:
        hits = self.get("/search.json", params={"q": query}).json()["hits"]
        assert hits, f"no hit for {query!r}"
        return str(hits[0]["article_id"])


def web_options() -> Options:
    opts = Options()
    opts.pipeline.workers = 1
    return opts


def crafted_article() -> Article:
    text = (
        "Article fabriqué pour le test des segments retirés\n\n"
        "Premier paragraphe gardé, sur la sécurité des pages.\n\n"
        f"{HOSTILE_FURNITURE}\n\n"
        "Dernier paragraphe gardé.\n"
    )
    start = text.index(HOSTILE_FURNITURE)
    a = Article(
        doc="crafted://removal-test",
        text=text,
        source_key="crafted://removal-test",
        title="Article fabriqué pour le test des segments retirés",
        outlet="Banc d'essai",
        language="fr",
        published="2025-03-01",
    )
    end = start + len(HOSTILE_FURNITURE)
    a.set_removed([Removal(start, end, HOSTILE_FURNITURE, HOSTILE_REASON)])
    return a


def serve(db: Path) -> tuple[uvicorn.Server, threading.Thread, str]:
    config = uvicorn.Config(
        create_app(str(db), web_options()),
        host="127.0.0.1",
        port=0,
        log_level="warning",
        ws="none",
        lifespan="off",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    return server, thread, f"http://127.0.0.1:{port}"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    if not SAMPLES.is_dir():
        pytest.fail(f"{SAMPLES} is missing: ../shared must sit beside the checkout")
    tmp = tmp_path_factory.mktemp("web")
    (tmp / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (tmp / "hostile.jsonl").write_text(
        json.dumps(HOSTILE_RECORD, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    db = tmp / "t.db"
    store = SQLiteStore(db)
    report = ingest(
        [str(SAMPLES), str(tmp / "hostile.txt"), str(tmp / "hostile.jsonl")],
        store,
        web_options(),
    )
    assert report.added == 7, report.to_dict()
    crafted = crafted_article()
    store.write_articles([crafted])
    store.close()
    before = digest(db)
    server, thread, url = serve(db)
    with httpx.Client(base_url=url, timeout=30) as client:
        yield Site(url, db, client, crafted.article_id)
    server.should_exit = True
    thread.join(timeout=10)
    # the web app opens the store read-only: serving never changed it
    assert digest(db) == before


@pytest.fixture
def missing_store(tmp_path: Path) -> Iterator[httpx.Client]:
    """A server whose store file does not exist (deleted, or never ingested)."""
    server, thread, url = serve(tmp_path / "missing.db")
    with httpx.Client(base_url=url, timeout=30) as client:
        yield client
    server.should_exit = True
    thread.join(timeout=10)
