"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Two checks every public page goes through, at phone and desktop width: an axe scan for WCAG 2.2
A/AA, and a request recorder that fails if the page asks any other host for anything.
"""

import os
import shutil
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
WIDTHS = {"phone": {"width": 375, "height": 667}, "desktop": {"width": 1280, "height": 800}}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Playwright's sync API runs an event loop; Django's async-safety check would refuse the ORM.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(
        reason="Chromium not found: install it with `apt-get install -y chromium` "
        "(CI does this), or set CHROMIUM_PATH. Do not run `playwright install`."
    )
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield chromium
        chromium.close()


class RequestRecorder:
    """Remembers every request a page makes, so a test can prove none left the site."""

    def __init__(self, live_server_url: str):
        self.own_host = urlsplit(live_server_url).netloc
        self.urls: list[str] = []

    def __call__(self, request):
        self.urls.append(request.url)

    def other_hosts(self) -> list[str]:
        return [
            url
            for url in self.urls
            if urlsplit(url).scheme in {"http", "https", "ws", "wss"}
            and urlsplit(url).netloc != self.own_host
        ]

    def assert_only_own_host(self):
        outside = self.other_hosts()
        assert not outside, f"The page requested other hosts: {outside}"


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def viewport(request):
    return WIDTHS[request.param]


@pytest.fixture
def page_at(browser, live_server, viewport):
    """A fresh browser page at the test's width, with a request recorder attached as `.recorder`."""
    context = browser.new_context(viewport=viewport, service_workers="block")
    page = context.new_page()
    page.recorder = RequestRecorder(live_server.url)
    page.on("request", page.recorder)
    yield page
    context.close()


@pytest.fixture
def js_off_page(browser, live_server, viewport):
    context = browser.new_context(viewport=viewport, java_script_enabled=False)
    page = context.new_page()
    page.recorder = RequestRecorder(live_server.url)
    page.on("request", page.recorder)
    yield page
    context.close()


def assert_accessible(page):
    """Fail on any WCAG 2.2 A or AA violation that axe finds on the open page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def home_page(home_page):
    """The demo site with the surveys under “Have your say”, so their pages can be visited."""
    from surveys.starter import build_surveys

    build_surveys(home=home_page)
    return home_page
