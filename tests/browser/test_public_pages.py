"""Every public page, at 375 px and 1280 px: no accessibility violation, no other host."""

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each later issue adds its public pages here: (name, path).
PUBLIC_PAGES = [
    ("home", "/"),
    ("not found", "/this-page-does-not-exist/"),
    ("privacy notice", "/privacy/"),
    ("privacy notice for young people", "/privacy/young-people/"),
    ("cookies", "/cookies/"),
    ("staff sign-in", "/accounts/login/"),
    ("staff password reset", "/accounts/password/reset/"),
    ("no sign-up", "/accounts/signup/"),
    ("standard page", "/what-happens-to-your-answers/"),
    ("standard page about the promise", "/the-promise/"),
    ("you said, we did", "/you-said-we-did/"),
    ("language of care", "/language-of-care/"),
    ("language of care by letter", "/language-of-care/?letter=C"),
    ("language of care search", "/language-of-care/?q=family"),
    ("plan", "/plan/"),
    ("plan filtered", "/plan/?foundation=1&area=stw"),
    ("action code", "/plan/stw-4/"),
    ("search", "/search/"),
    ("search with a query", "/search/?q=family+time"),
    ("have your say", "/surveys/"),
    ("survey start page", "/surveys/your-voice-12-18/"),
    ("survey by invitation", "/surveys/feeling-supported-carers/"),
    ("resume code", "/surveys/resume/"),
]


@pytest.mark.parametrize(("name", "path"), PUBLIC_PAGES, ids=[name for name, _ in PUBLIC_PAGES])
def test_public_page_is_accessible_and_stays_on_site(
    page_at, live_server, site_content, privacy_pages, name, path
):
    page_at.goto(live_server.url + path)
    page_at.wait_for_load_state("networkidle")
    assert_accessible(page_at)
    page_at.recorder.assert_only_own_host()


def test_home_page_shows_help_and_quick_exit_at_phone_width(browser, live_server, home_page):
    context = browser.new_context(viewport={"width": 375, "height": 667})
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.get_by_role("link", name="Hide this page").is_visible()
    assert page.get_by_text("Need help now?").is_visible()
    page.get_by_role("link", name="More help").click()
    assert page.get_by_role("heading", name="Need to talk to someone?").is_visible()
    assert page.get_by_role("link", name="0800 1111").first.is_visible()
    context.close()


def test_quick_exit_is_a_plain_link_without_javascript(js_off_page, live_server, home_page):
    js_off_page.goto(live_server.url + "/")
    quick_exit = js_off_page.get_by_role("link", name="Hide this page")
    assert quick_exit.get_attribute("href").startswith("https://")
    js_off_page.recorder.assert_only_own_host()


def test_escape_key_hides_the_page(browser, live_server, home_page):
    context = browser.new_context(viewport={"width": 375, "height": 667})
    page = context.new_page()
    # Stop the browser leaving the machine: answer the quick exit's destinations locally.
    page.route("https://**/*", lambda route: route.fulfill(status=200, body="elsewhere"))
    page.goto(live_server.url + "/")
    page.wait_for_load_state("networkidle")
    page.keyboard.press("Escape")
    page.wait_for_url("https://www.google.co.uk/")
    assert "Our Promise" not in page.content()
    context.close()


def test_keyboard_reaches_skip_link_first(browser, live_server, home_page):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    context.close()
