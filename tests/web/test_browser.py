"""The dashboard in a real browser: Debian's Chromium, headless, driven by Playwright.

Each page is opened on a server running on 127.0.0.1, checked and photographed into
test-artifacts/screenshots/. Playwright never downloads a browser here: Chromium comes
from the system (``.ci/run`` installs it). Outside CI the tests skip when it is absent;
under CI they must run.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from tests.conftest import ROOT
from thucydides import Pipeline
from thucydides.web.app import create_app
from thucydides.web.state import WebSettings

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


def _need_browser() -> Any:
    """Playwright's sync API, or a skip (outside CI) naming what is missing."""
    try:
        from playwright import sync_api
    except ImportError:
        missing = "the playwright package is not installed (dev extra)"
    else:
        if CHROMIUM.exists():
            return sync_api
        missing = f"{CHROMIUM} not found (apt-get install chromium; .ci/run does it)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests must run under CI: {missing}")
    pytest.skip(f"browser tests skipped: {missing}")


@pytest.fixture(scope="module")
def server(web_store: Path, pipeline: Pipeline) -> Iterator[str]:
    """The app served by uvicorn on a free port of 127.0.0.1, in a thread."""
    app = create_app(WebSettings(web_store), pipeline)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = _need_browser()
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


class Watched:
    """A page with every dialog, script error and failed request recorded."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: str) -> Any:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def shoot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def assert_clean(self) -> None:
        assert self.dialogs == [], f"a dialog opened: {self.dialogs}"
        assert self.errors == [], self.errors


@pytest.fixture
def tab(browser: Any, server: str) -> Iterator[Watched]:
    watched = Watched(browser, server)
    yield watched
    watched.context.close()


def test_dyad_chart_draws_and_the_period_filter_redraws_it(tab: Watched) -> None:
    page = tab.open("/dyad?a=IND&b=PAK")
    assert page.locator("#dyad-chart canvas").count() == 1
    assert "material conflict" in page.locator(".u-legend").inner_text()
    rows = page.locator("table.timeline tbody tr")
    assert rows.count() >= 4
    tab.shoot("dyad")
    with page.expect_navigation():
        page.select_option("#by", "week")  # the select submits its form
    page.wait_for_load_state("networkidle")
    assert "by=week" in page.url
    assert "2025-W19" in page.locator("#dyad-table").inner_text()
    assert page.locator("#dyad-chart canvas").count() == 1
    tab.shoot("dyad-week")
    tab.assert_clean()


def test_timeline_lists_events_with_evidence_links(tab: Watched) -> None:
    page = tab.open("/timeline")
    dates = page.locator("table.timeline tbody tr td:first-child").all_inner_texts()
    assert len(dates) >= 5 and dates == sorted(dates)
    tab.shoot("timeline")
    page.fill("input[name=a]", "IND")
    page.fill("input[name=b]", "PAK")
    with page.expect_navigation():
        page.click("form.filters button")
    assert "a=IND" in page.url and page.locator("table.timeline tbody tr").count() >= 4
    with page.expect_navigation():
        page.locator("td.evidence a").first.click()
    assert "/documents/" in page.url and page.locator("#article").count() == 1
    tab.assert_clean()


def test_positions_table_opens_a_history(tab: Watched) -> None:
    page = tab.open("/positions")
    header = page.locator("table.positions thead").inner_text()
    assert "third-party mediation" in header and "ceasefire" in header
    page.locator("table.positions details summary").first.click()
    assert page.locator("table.positions details[open] ol.history li").count() >= 1
    tab.shoot("positions")
    tab.assert_clean()


def test_agreements_show_parties_and_status_history(tab: Watched) -> None:
    page = tab.open("/agreements")
    text = page.locator("main").inner_text()
    assert "Indus Waters Treaty" in text and "suspended" in text and "Simla Agreement" in text
    tab.shoot("agreements")
    tab.assert_clean()


def test_document_view_highlights_and_toggles_layers(tab: Watched) -> None:
    page = tab.open("/documents/ipk-mediation#ev-1")
    assert page.locator("#article .l-event").count() >= 1
    assert page.locator("#article .l-actor").count() >= 2
    assert page.locator("#article .l-time").count() >= 1
    assert page.locator("#article .focus").count() == 1
    tab.shoot("document")
    page.uncheck("input[data-layer=actor]")
    assert "hide-actor" in (page.get_attribute("#article", "class") or "")
    tab.assert_clean()


def test_search_with_a_filter(tab: Watched) -> None:
    page = tab.open("/search")
    page.fill("input[name=text]", "ceasefire")
    with page.expect_navigation():
        page.click("#search-form button")
    assert page.locator("ol.hits mark").first.inner_text().lower() == "ceasefire"
    tab.shoot("search")
    page.select_option("select[name=quad]", "4")
    with page.expect_navigation():
        page.click("#search-form button")
    assert "quad=4" in page.url and page.locator("ol.hits mark").count() == 0
    tab.assert_clean()


def test_overview_and_api_docs(tab: Watched) -> None:
    page = tab.open("/")
    assert "IND" in page.locator("main table").inner_text()
    tab.shoot("overview")
    page = tab.open("/docs")
    assert page.locator("section.operation").count() >= 10
    tab.shoot("api-docs")
    tab.assert_clean()


@pytest.mark.parametrize(
    "path", ["/documents/xss", "/timeline", "/search?text=alert", "/documents", "/dyad?a=IND&b=PAK"]
)
def test_script_in_an_article_never_runs(tab: Watched, path: str) -> None:
    """The XSS test in the browser: no dialog, no element injected by the article."""
    page = tab.open(path)
    page.wait_for_timeout(200)
    assert page.locator("#injected, #injected-title, img[src=x]").count() == 0
    assert page.evaluate("document.querySelectorAll('script:not([src]):not([type])').length") == 0
    if path == "/documents/xss":
        assert "<script>alert(1)</script>" in page.locator("#article").inner_text()
        assert '<script>alert("title")</script>' in page.locator("h1").inner_text()
        tab.shoot("document-xss")
    tab.assert_clean()
