"""Browser tests: Playwright driving Debian's Chromium at phone size against a live server.

The live server runs the real app (threaded werkzeug) on its own SQLite file with the demo data.
Without Chromium these tests skip — except when KICK_REQUIRE_BROWSER=1 (CI), where they fail.
Screenshots go to test-artifacts/screenshots/ so people can look at them.
"""
import os
import shutil
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("KICK_CHROMIUM", "/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}
# As the users' phones are set: a UTC browser once hid a broken reward countdown.
AS_IN_BELGIUM = {"locale": "nl-BE", "timezone_id": "Europe/Brussels"}


def wait_until(check, timeout: float = 8.0) -> None:
    """Poll from Python: the pages' CSP forbids the eval that page.wait_for_function needs for a string."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.1)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
LAUNCH_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-component-update", "--disable-sync"]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def chromium_or_skip() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("KICK_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


class LiveServer:
    def __init__(self, app):
        from werkzeug.serving import make_server
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()


def start_live_server(tmp: Path, **overrides) -> LiveServer:
    from app import create_app
    from tests.conftest import base_config, migrate_and_load
    url = f"sqlite:///{tmp / 'live.sqlite3'}"
    migrate_and_load(url, tmp)
    config = base_config(url, tmp)
    config.update(TESTING=False, **overrides)
    return LiveServer(create_app(config))


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    if os.environ.get("KICK_TEST_BACKEND", "sqlite") != "sqlite":
        pytest.skip("browser tests run in the SQLite pass")
    server = start_live_server(tmp_path_factory.mktemp("live"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def playwright_instance():
    chromium_or_skip()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                  **AS_IN_BELGIUM)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot():
    """screenshot(page, "trail-brugge") -> path of a full-page PNG in test-artifacts/screenshots/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(scope="session")
def axe_source() -> str:
    path = Path(__file__).parent / ".vendor" / "axe.min.js"
    if not path.exists():
        pytest.fail("axe-core missing: run ./scripts/setup (npm ci copies it to tests/browser/.vendor)")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def axe(axe_source):
    """axe(page) -> list of WCAG 2.1 A/AA violations on the current page."""

    def run(page) -> list[dict]:
        # evaluate() goes through DevTools, so the page's CSP (no inline scripts) does not block it.
        if not page.evaluate("() => typeof axe !== 'undefined'"):
            page.evaluate(axe_source)
        result = page.evaluate("""async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                           nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
        }""")
        return result

    return run


def pytest_sessionfinish(session, exitstatus):
    # Keep the artifacts folder tidy between runs but never fail because of it.
    shutil.rmtree(ARTIFACTS.parent / "tmp", ignore_errors=True)
