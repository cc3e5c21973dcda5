"""Fixtures of the browser tests, shared by every test module here (one server per session):
``vigie serve`` over a store loaded with the shared samples and the demo corpus (good and bad
inputs), Debian's chromium driven by Playwright, a fresh page per test with a :class:`Watch` on
its console, errors, dialogs and failed requests, and the screenshot folder.

The browser tests are skipped when /usr/bin/chromium is missing, except under CI, where that is a
failure. The screenshots go to a temporary folder; ``VIGIE_UPDATE_SCREENSHOTS=1`` writes them to
docs/screenshots/ instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from vigie.config import Options
from vigie.runners.ingest import ingest
from vigie.storage.sqlite import SQLiteStore

# the tests import the helpers beside them (browser_kit.py)
_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

from browser_kit import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    CSP_PROBE,
    DEMO,
    REPO,
    SAMPLES,
    VIEWPORT,
    Watch,
)


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is missing (install Debian's chromium: `make system-deps`)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: browser tests must run in CI")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _require_chromium()
    tmp = tmp_path_factory.mktemp("browser")
    db = tmp / "browser.db"
    opts = Options()
    opts.pipeline.workers = 1
    inputs = [str(SAMPLES)] + [str(DEMO / d) for d in ("corpus", "bad") if (DEMO / d).is_dir()]
    store = SQLiteStore(db)
    report = ingest(inputs, store, opts)
    store.close()
    assert report.added >= 5, report.to_dict()
    port = _free_port()
    vigie = shutil.which("vigie", path=str(Path(sys.executable).parent)) or "vigie"
    proc = subprocess.Popen(
        [vigie, "--db", str(db), "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, **_no_config(tmp)},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(url + "/index.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                out = proc.stdout.read().decode() if proc.stdout else ""
                pytest.fail(f"vigie serve did not start: {out}")
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()


def _no_config(tmp: Path) -> dict[str, str]:
    """Run the server on the default options, whatever config the developer has."""
    (tmp / "none.toml").write_text("", encoding="utf-8")
    return {"VIGIE_CONFIG": str(tmp / "none.toml")}


@pytest.fixture(scope="session")
def browser(server: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, Watch]]:
    context = browser.new_context(viewport=VIEWPORT, locale="fr-FR", java_script_enabled=True)
    context.add_init_script(CSP_PROBE)
    pg = context.new_page()
    watch = Watch()
    pg.on(
        "console",
        lambda m: watch.console.append(f"{m.type}: {m.text}") if m.type == "error" else None,
    )
    pg.on("pageerror", lambda e: watch.errors.append(str(e)))

    def on_dialog(d: Any) -> None:
        watch.dialogs.append(f"dialog: {d.message}")
        d.dismiss()

    pg.on("dialog", on_dialog)

    def on_failed(r: Any) -> None:
        # a request cancelled because the test navigated on (ERR_ABORTED) is no fault
        if "ERR_ABORTED" not in (r.failure or ""):
            watch.failed.append(f"failed: {r.url} ({r.failure})")

    pg.on("requestfailed", on_failed)
    pg.on(
        "response",
        lambda r: watch.failed.append(f"{r.status}: {r.url}") if r.status >= 400 else None,
    )
    yield pg, watch
    context.close()


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("VIGIE_UPDATE_SCREENSHOTS") == "1":
        out = REPO / "docs" / "screenshots"
        out.mkdir(parents=True, exist_ok=True)
        return out
    return tmp_path_factory.mktemp("screenshots")
