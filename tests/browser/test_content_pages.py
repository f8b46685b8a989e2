"""The journeys a newcomer and an editor take through the plan and the Language of Care."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 667}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_without_javascript(browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_searching_for_family_time_finds_the_glossary_term(phone, live_server, site_content):
    phone.goto(live_server.url + "/")
    phone.get_by_label("Search this site").fill("family time")
    phone.get_by_label("Search this site").press("Enter")
    phone.wait_for_url("**/search/?q=family+time")
    result = phone.get_by_role("link", name="Family time (not “contact”)")
    assert result.is_visible()
    result.click()
    phone.wait_for_url("**/language-of-care/#contact")
    term = phone.locator("#contact")
    assert term.is_visible()
    assert "Words we say now" in term.inner_text()
    assert "family time" in term.inner_text()


def test_a_newcomer_reads_the_plan_and_opens_stw_4(phone, live_server, site_content):
    phone.goto(live_server.url + "/")
    phone.get_by_role("navigation", name="Main").get_by_role("link", name="The plan").click()
    phone.get_by_role("heading", name="The five foundations").wait_for()
    phone.get_by_role("link", name="STW 4").click()
    phone.wait_for_url("**/plan/stw-4/")
    assert phone.get_by_role("heading", name="STW 4", level=1).is_visible()
    assert phone.get_by_text("Senior Manager Permanence").is_visible()
    # No sideways scrolling on a phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_glossary_letters_and_plan_filters_work_without_javascript(
    phone_without_javascript, live_server, site_content
):
    page = phone_without_javascript
    page.goto(live_server.url + "/language-of-care/")
    page.get_by_role("link", name="C (words starting with C)").click()
    assert page.locator("#contact").is_visible()
    assert page.locator("#placement").count() == 0

    page.goto(live_server.url + "/plan/")
    page.get_by_label("Foundation").select_option("1")
    page.get_by_label("Priority area").select_option("stw")
    page.get_by_role("button", name="Show actions").click()
    assert page.get_by_text("for the foundation Voice in Supporting the Workforce").is_visible()
    assert page.get_by_role("link", name="STW 4").is_visible()
    assert page.get_by_role("link", name="GC 1").count() == 0


def test_an_editor_writes_contact_saves_and_sees_the_suggestion(
    browser, live_server, site_content, make_staff, client
):
    from django.conf import settings

    from cms.models import StandardPage

    editor = make_staff(superuser=True, email="editor@example.com")
    client.force_login(editor)
    page = StandardPage.objects.get(slug="what-happens-to-your-answers")

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    admin = context.new_page()
    admin.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
    admin.get_by_role("textbox", name="Introduction").fill(
        "We arrange contact with your family every week."
    )
    admin.get_by_role("button", name="Save draft").click()
    warning = admin.get_by_text("Language of Care: 1 word to think about")
    warning.wait_for()
    assert admin.get_by_text("“contact” in Introduction: say “family time” instead.").is_visible()
    context.close()
