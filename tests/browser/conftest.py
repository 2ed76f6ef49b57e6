"""A real server and a real headless Chromium (Debian's package) for browser tests, and axe-core
(Deque's accessibility engine, installed by npm) to check the pages against WCAG.

CI sets REQUIRE_BROWSER=1, so a missing browser or axe-core fails there instead of skipping.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

from config import TestConfig
from feedback_app import create_app
from feedback_app.extensions import db

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# WCAG 2.0, 2.1 and 2.2, levels A and AA: the level the NHS service standard asks for.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# And axe's best practices: landmarks (no content outside one), heading order, one <h1>, unique
# landmark names... not WCAG failures on their own, but they are how screen reader users find
# their way around a page.
AXE_TAGS = [*WCAG_TAGS, "best-practice"]

# Single rules left out for single elements, each for a reason that lies outside this project:
# (axe rule id, CSS selector of the element, why). Keep this short: fix the page instead.
AXE_EXCEPTIONS: list[tuple[str, str, str]] = [
    ("aria-allowed-attr", ".nhsuk-radios__input[aria-controls]",
     "nhsuk-frontend's own script (10.6.1, common/index.mjs toggleConditionalInput) sets "
     "aria-expanded on a radio that reveals a conditional question; ARIA does not allow it on "
     "role radio. The attribute comes from the design system's JavaScript, not our templates."),
]

_RUN_AXE = """
async ([tags, exceptions]) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  const excepted = (rule, target) => exceptions.some(([id, selector]) => {
    if (id !== rule || target.length !== 1) return false;
    const element = document.querySelector(target[0]);
    return element !== null && element.matches(selector);
  });
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.filter(n => !excepted(v.id, n.target))
                  .map(n => ({target: n.target, summary: n.failureSummary})),
  })).filter(v => v.nodes.length);
}
"""


def _chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="session")
def browser():
    path = _chromium_path()
    if path is None:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("Chromium is required (REQUIRE_BROWSER=1) but is not installed")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_app(tmp_path) -> Iterator[tuple[Flask, str]]:
    """The app on a real port, with CSRF on as in production, and its database."""

    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'live.sqlite3'}"
        WTF_CSRF_ENABLED = True

    app = create_app(Config)
    with app.app_context():
        db.create_all()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield app, f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture
def phone(browser):
    """A page the size of a small phone screen."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def describe_violations(violations: list[dict]) -> str:
    """One readable block per broken rule: id, impact, what it asks, and where it fails."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"]:
            lines.append(f"    at {' >> '.join(node['target'])}")
            for detail in (node.get("summary") or "").splitlines()[1:3]:
                lines.append(f"       {detail.strip()}")
    return "\n".join(lines)


_SIDEWAYS = """
() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  const clipped = element => {  // inside a box that scrolls or clips, and that box fits
    for (let box = element.parentElement; box; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== "visible") {
        return box.getBoundingClientRect().right <= width + 1;
      }
    }
    return false;
  };
  const wide = [];
  for (const element of document.querySelectorAll("body *")) {
    if (element.getBoundingClientRect().right > width + 1 && !clipped(element)
        && !wide.some(outer => outer.contains(element))) wide.push(element);
  }
  if (!wide.length) wide.push(document.documentElement);  // something absolutely positioned
  return wide.slice(0, 5).map(element => element.tagName.toLowerCase()
    + (element.id ? "#" + element.id : "")
    + [...element.classList].map(name => "." + name).join(""));
}
"""


def reflow_violations(page) -> list[dict]:
    """WCAG 1.4.10 Reflow, which axe cannot judge: at 320 CSS pixels wide nothing may make the
    page scroll sideways (wide tables scroll inside their own container instead)."""
    if page.viewport_size["width"] > 320:
        return []
    wide = page.evaluate(_SIDEWAYS)
    if not wide:
        return []
    return [{
        "id": "reflow", "impact": "serious",
        "help": "Content must fit a 320px-wide screen without scrolling sideways (WCAG 1.4.10)",
        "helpUrl": "https://www.w3.org/WAI/WCAG22/Understanding/reflow.html",
        "nodes": [{"target": [selector], "summary": "Fix this:\n  Wider than the screen"}
                  for selector in wide],
    }]


class Axe:
    """Runs axe-core in a page (and the reflow check on a 320px screen) and collects what it
    finds, page by page, so one failing test lists every page's problems at once."""

    def __init__(self, script: Path) -> None:
        self.script = script
        self.found: dict[str, list[dict]] = {}

    def violations(self, page) -> list[dict]:
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.add_script_tag(path=str(self.script))
        exceptions = [[rule, selector] for rule, selector, _why in AXE_EXCEPTIONS]
        return page.evaluate(_RUN_AXE, [AXE_TAGS, exceptions])

    def check(self, page, where: str | None = None) -> list[dict]:
        """Record the page's violations under `where` (default: its path and viewport width)."""
        if where is None:
            path = page.url.split("//", 1)[-1].split("/", 1)[-1]
            where = f"/{path} at {page.viewport_size['width']}px"
        found = self.violations(page) + reflow_violations(page)
        if found:
            self.found[where] = found
        return found

    def assert_clean(self) -> None:
        if self.found:
            report = "\n".join(f"{where}:\n{describe_violations(found)}"
                               for where, found in self.found.items())
            pytest.fail("Accessibility violations (axe-core: WCAG 2.2 A/AA, best practices):\n"
                        + report, pytrace=False)


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE_SCRIPT.is_file():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"axe-core is required (REQUIRE_BROWSER=1) but {AXE_SCRIPT} is missing: "
                        "run npm install")
        pytest.skip("axe-core is not installed (npm install)")
    return AXE_SCRIPT


@pytest.fixture
def axe(axe_script) -> Axe:
    return Axe(axe_script)


@pytest.fixture
def desktop(browser):
    """A page the size of a laptop screen."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()
