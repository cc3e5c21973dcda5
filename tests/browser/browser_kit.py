"""What the browser tests share besides fixtures: paths, chromium's flags, the viewport, the
policy-violation probe and :class:`Watch`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "CSP_PROBE", "DEMO", "REPO", "SAMPLES", "VIEWPORT", "Watch"]

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO.parent / "shared" / "samples" / "articles"
DEMO = REPO / "src" / "vigie" / "demo"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}
#: records the page's Content-Security-Policy violations (init scripts bypass the policy)
CSP_PROBE = """
window.__csp = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI));
"""


@dataclass
class Watch:
    """Console errors, page errors, dialogs and failed requests seen by a page."""

    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return self.console + self.errors + self.dialogs + self.failed
