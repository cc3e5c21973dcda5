"""A real store (the shared samples and hostile articles, ingested by the real pipeline) served
by the real app through uvicorn on a free port of 127.0.0.1, for the web tests.

The hostile inputs try to make a page run script: markup in the text, the title, the outlet, the
URL and a removed span and its reason; bidi overrides, joiners and control characters.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from vigie.article import Article, Removal
from vigie.config import Options
from vigie.runners.actors import rebuild_actors
from vigie.runners.ingest import ingest
from vigie.storage.sqlite import SQLiteStore
from vigie.web.app import create_app

# the tests import the HTML helpers beside them (web_html.py)
_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

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


#: an article whose quotations, speakers, cue, relay, cited source and event overlap hostile
#: markup (fictional people); the spans are written as the stages would record them
QUOTED_TEXT = (
    "Des citations piégées à la frontière de Varnesk\n\n"
    "La porte-parole <b>Ilse Varnak</b> a déclaré que « <script>alert('q')</script> la "
    "frontière restera ouverte » et que rien ne changerait, selon <img src=x onerror=alert(6)>."
    "\n\n"
    'Le 26 janvier, <a href="javascript:alert(7)">Orm Tessaly</a> a ajouté : « Nous verrons. »\n'
)
HOSTILE_SPEAKER = "Ilse Varnak <img src=x onerror=alert(8)>"
HOSTILE_VIA = "<svg onload=alert(9)>"
HOSTILE_SOURCE = '<script>alert("cite")</script>'


def _at(text: str, piece: str, start_from: int = 0) -> tuple[int, int]:
    i = text.index(piece, start_from)
    return i, i + len(piece)


def _span(text: str, piece: str) -> dict[str, object]:
    s, e = _at(text, piece)
    return {"start": s, "end": e, "text": piece}


def quoted_article() -> Article:
    t = QUOTED_TEXT
    outer = "« <script>alert('q')</script> la frontière restera ouverte » et que rien ne changerait"
    inner = "<script>alert('q')</script> la frontière restera ouverte"
    # a direct quotation that starts inside the link's markup and runs to the end
    direct_from = t.index('javascript:alert(7)">Orm')
    direct_to = t.index("Nous verrons.") + len("Nous verrons.")
    # an entity that crosses the start of the direct quotation
    ent_from = t.index('<a href="javascript')
    ent_to = t.index("Orm Tessaly") + len("Orm Tessaly")
    cue = {**_span(t, "a déclaré"), "lemma": '"><script>alert(10)</script>', "stance": "neutral"}
    mention = _span(t, "<b>Ilse Varnak</b>")
    quotes = [
        {**_span(t, outer), "type": "indirect", "speaker": HOSTILE_SPEAKER,
         "speaker_mention": mention, "cue": cue, "stance": "neutral", "via": HOSTILE_VIA,
         "confidence": 0.9},
        {**_span(t, inner), "type": "mixed", "speaker": HOSTILE_SPEAKER,
         "speaker_mention": mention, "cue": cue, "stance": "neutral", "via": HOSTILE_VIA,
         "confidence": 0.8},
        {"start": direct_from, "end": direct_to, "text": t[direct_from:direct_to],
         "type": "direct", "speaker": "Orm Tessaly", "speaker_mention": None,
         "cue": {**_span(t, "a ajouté"), "lemma": "ajouter", "stance": "neutral"},
         "stance": "neutral", "via": None, "confidence": 0.7},
        # offsets outside the text: left out of the page, never an error
        {"start": 10_000, "end": 10_010, "text": "x", "type": "direct", "speaker": None},
    ]  # fmt: skip
    source = _span(t, "<img src=x onerror=alert(6)>")
    a = Article(
        doc="crafted://quotes-test",
        text=t,
        source_key="crafted://quotes-test",
        title="Des citations piégées à la frontière de Varnesk",
        outlet="Banc d'essai",
        language="fr",
        published="2025-03-02",
    )
    a.results = {
        "entities": [
            {"start": ent_from, "end": ent_to, "text": t[ent_from:ent_to], "label": "PER"},
            {**_span(t, "Varnesk"), "label": "LOC"},
            {**_span(t, "Ilse Varnak"), "label": "PER"},
        ],
        "quotes": quotes,
        "citations": [{**source, "outlet": HOSTILE_SOURCE, "cue": "selon", "quote": 0}],
        "events": [
            {
                "date": "2025-01-26",
                "start_date": "2025-01-26",
                "end_date": "2025-01-26",
                "granularity": "day",
                "tense": "past",
                "date_span": _span(t, "Le 26 janvier"),
                "sentence": _span(t, t[t.index("Le 26 janvier") : direct_to + 2]),
            }
        ],
        "future_finding": {"ignored": True},
    }
    return a


@dataclass
class Site:
    url: str
    db: Path
    client: httpx.Client
    crafted_id: str
    #: an article with hostile quotations (see :func:`quoted_article`)
    quoted_id: str = ""
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


def serve(db: Path, options: Options | None = None) -> tuple[uvicorn.Server, threading.Thread, str]:
    config = uvicorn.Config(
        create_app(str(db), options or web_options()),
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
    quoted = quoted_article()
    store.write_articles([crafted, quoted])
    store.close()
    before = digest(db)
    server, thread, url = serve(db)
    with httpx.Client(base_url=url, timeout=30) as client:
        yield Site(url, db, client, crafted.article_id, quoted.article_id)
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


#: the write token of :func:`writable`
TOKEN = "test-token-0123456789-abcdef"
#: its request body limit (ingest.max_file_mb)
BODY_LIMIT_MB = 0.2


@dataclass
class WritableSite:
    url: str
    db: Path
    client: httpx.Client
    token: str = TOKEN
    body_limit_mb: float = BODY_LIMIT_MB

    def post(
        self,
        path: str,
        token: str | None = TOKEN,
        headers: dict[str, str] | None = None,
        **kw: object,
    ) -> httpx.Response:
        """POST with ``Authorization: Bearer <token>`` (none when ``token`` is None)."""
        sent = dict(headers or {})
        if token is not None:
            sent["Authorization"] = f"Bearer {token}"
        return self.client.post(path, headers=sent, **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WritableSite]:
    """A server with writes on (a token set) over an empty store of its own."""
    db = tmp_path_factory.mktemp("writable") / "w.db"
    SQLiteStore(db).close()
    opts = web_options()
    opts.serve.write_token = TOKEN
    opts.ingest.max_file_mb = BODY_LIMIT_MB
    server, thread, url = serve(db, opts)
    with httpx.Client(base_url=url, timeout=120) as client:
        yield WritableSite(url, db, client)
    server.should_exit = True
    thread.join(timeout=10)


# -- actors ----------------------------------------------------------------------------------

DEMO = Path(__file__).resolve().parents[2] / "src" / "vigie" / "demo"


def valko_articles() -> list[Article]:
    """Two people named Valko in one article and the surname alone in another (fictional):
    "Valko" fits both, so it is an ambiguous actor with two candidates. The entities are
    written as the entities stage would record them."""

    def article(doc: str, text: str, names: list[str], published: str) -> Article:
        a = Article(
            doc=doc,
            text=text,
            source_key=doc,
            title=text.split("\n")[0],
            outlet="Banc d'essai",
            language="fr",
            published=published,
        )
        entities = []
        for name in names:
            s, e = _at(text, name)
            entities.append({"start": s, "end": e, "text": name, "label": "PER"})
        a.results = {"entities": entities, "quotes": []}
        return a

    return [
        article(
            "crafted://valko-1",
            "Les Valko au port\n\nIrina Valko et Piotr Valko ont visité le port de Brennisk.\n",
            ["Irina Valko", "Piotr Valko"],
            "2025-02-20",
        ),
        article(
            "crafted://valko-2",
            "Valko encore\n\nOn a revu Valko hier au port.\n",
            ["Valko"],
            "2025-02-21",
        ),
    ]


@dataclass
class ActorSite:
    """A server over the samples and the demo corpus (real ingest, actors built), plus the
    hostile quotations and the Valko articles, actors rebuilt over them."""

    url: str
    db: Path
    client: httpx.Client

    def get(self, path: str, **kw: object) -> httpx.Response:
        return self.client.get(path, **kw)  # type: ignore[arg-type]


def _copy_store(src: Path, dst: Path) -> None:
    with closing(sqlite3.connect(src)) as a, closing(sqlite3.connect(dst)) as b:
        a.backup(b)


@pytest.fixture(scope="module")
def actor_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store of :class:`ActorSite`, built once per module (the real ingest: spaCy)."""
    if not SAMPLES.is_dir():
        pytest.fail(f"{SAMPLES} is missing: ../shared must sit beside the checkout")
    db = tmp_path_factory.mktemp("actors") / "a.db"
    store = SQLiteStore(db)
    try:
        inputs = [str(SAMPLES), str(DEMO / "corpus"), str(DEMO / "bad")]
        report = ingest(inputs, store, web_options())
        assert report.added >= 40, report.to_dict()
        store.write_articles([quoted_article(), *valko_articles()])
        rebuild_actors(store, web_options())
    finally:
        store.close()
    return db


@pytest.fixture(scope="module")
def actor_site(actor_db: Path) -> Iterator[ActorSite]:
    """:func:`actor_db` served read-only, writes off."""
    before = digest(actor_db)
    server, thread, url = serve(actor_db)
    with httpx.Client(base_url=url, timeout=30) as client:
        yield ActorSite(url, actor_db, client)
    server.should_exit = True
    thread.join(timeout=10)
    assert digest(actor_db) == before


@pytest.fixture(scope="module")
def actor_writable(
    actor_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[WritableSite]:
    """A copy of :func:`actor_db` (its registry beside it) served with writes on."""
    db = tmp_path_factory.mktemp("actors-writable") / "w.db"
    _copy_store(actor_db, db)
    opts = web_options()
    opts.serve.write_token = TOKEN
    server, thread, url = serve(db, opts)
    with httpx.Client(base_url=url, timeout=120) as client:
        yield WritableSite(url, db, client)
    server.should_exit = True
    thread.join(timeout=10)
