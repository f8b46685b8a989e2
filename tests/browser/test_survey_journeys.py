"""Real journeys through the surveys on a 375 px phone: with the keyboard alone, with JavaScript
off, a carer saving and coming back with a code, and a double-submitted form. Every state a
survey page can be in is scanned by axe, and no page asks another host for anything."""

import re

import pytest

from surveys.models import Answer, Invitation, Response, SurveyPage
from surveys.services import make_invitations
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 667}
OWN_SURVEY = "/surveys/your-voice-12-18/"


@pytest.fixture
def phone(browser, live_server, home_page):
    """A phone-sized page with JavaScript on, recording every request it makes."""
    from tests.browser.conftest import RequestRecorder

    context = browser.new_context(viewport=PHONE, service_workers="block")
    page = context.new_page()
    page.recorder = RequestRecorder(live_server.url)
    page.on("request", page.recorder)
    # The quick exit's destinations are answered here, so nothing leaves the machine.
    page.route("https://**/*", lambda route: route.fulfill(status=200, body="elsewhere"))
    yield page
    context.close()


@pytest.fixture
def phone_without_javascript(browser, live_server, home_page):
    from tests.browser.conftest import RequestRecorder

    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.recorder = RequestRecorder(live_server.url)
    page.on("request", page.recorder)
    yield page
    context.close()


def _checked(page):
    """Accessible, on the site, with the quick exit and the help contacts in reach."""
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    page.recorder.assert_only_own_host()
    assert page.get_by_role("link", name=re.compile("Hide this page")).is_visible()
    assert page.locator("#help-contacts").count() == 1


def _tab_to(page, selector: str, limit: int = 80):
    """Press Tab until the element matching `selector` has focus: proof the keyboard gets there."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "s => !!document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
    raise AssertionError(f"The keyboard never reached {selector} on {page.url}")


def _press(page, key: str):
    with page.expect_navigation():
        page.keyboard.press(key)


def test_a_young_person_completes_your_voice_with_the_keyboard_alone(phone, live_server):
    page = phone
    page.goto(live_server.url + OWN_SURVEY)
    _tab_to(page, "input[name=answered_with]")
    page.keyboard.press("Space")  # "Yes, a trusted adult is helping me"
    _tab_to(page, "button[value=start]")
    _press(page, "Enter")

    seen = []
    while "/question/" in page.url:
        seen.append(page.url.rstrip("/").rsplit("/", 1)[-1])
        assert re.search(r"question \d+ of \d+", page.locator(".survey-progress").inner_text())
        if page.locator("textarea").count():
            _tab_to(page, "textarea")
            page.keyboard.type("More say in my meetings, please.")
            _tab_to(page, "button[value=next]")
        else:
            _tab_to(page, "input[type=radio]")
            page.keyboard.press("Space")  # the first answer
        _press(page, "Enter")
    # Answering "Yes" to knowing about advocates brought in the question that depends on it.
    assert "have-advocate" in seen
    assert page.url.endswith("/check/")
    assert page.get_by_role("heading", name="Check your answers").is_visible()
    _tab_to(page, "button[value=send]")
    _press(page, "Enter")

    assert page.get_by_role("heading", name="Thank you: your answers have been sent").is_visible()
    response = Response.objects.get()
    assert response.answered_with == "trusted_adult"
    assert Answer.objects.get(question_key="listened-to").choice == "strongly-agree"
    assert Answer.objects.filter(text="More say in my meetings, please.").count() == 2
    page.recorder.assert_only_own_host()


def test_the_same_journey_works_with_javascript_off(phone_without_javascript, live_server):
    page = phone_without_javascript
    page.goto(live_server.url + OWN_SURVEY)
    page.get_by_text("No, I’m answering on my own").click()
    page.get_by_role("button", name="Start now").click()
    page.get_by_text("Agree", exact=True).click()
    page.get_by_role("button", name="Continue").click()
    # A bad answer (a value we never offered) comes back with the error first, without JS.
    page.locator("input[type=radio]").first.evaluate("input => input.value = 'made-up'")
    page.locator("label.ds_radio__label").first.click()
    page.get_by_role("button", name="Continue").click()
    assert page.title().startswith("Error:")
    first_in_main = page.locator("main > div > *").first
    assert "ds_error-summary" in first_in_main.get_attribute("class")
    page.get_by_text("Strongly disagree").click()
    page.get_by_role("button", name="Continue").click()
    while "/question/" in page.url:
        page.get_by_role("button", name="Skip this question").click()
    page.get_by_role("button", name="Send my answers").click()
    assert page.get_by_role("heading", name="Thank you: your answers have been sent").is_visible()
    assert set(Answer.objects.values_list("question_key", "choice")) == {
        ("listened-to", "agree"),
        ("part-of-my-plan", "strongly-disagree"),
    }
    page.recorder.assert_only_own_host()


def test_a_carer_opens_an_invitation_saves_resumes_with_the_code_and_sends(
    browser, phone, live_server
):
    survey = SurveyPage.objects.get(slug="feeling-supported-carers")
    (invitation,) = make_invitations(survey=survey, cycle=survey.cycle, count=1, label="kinship")
    link = f"{live_server.url}{survey.url}invitation/{invitation.token}/"
    page = phone
    page.goto(link)
    assert page.url == live_server.url + survey.url  # the token is gone from the address bar
    page.get_by_role("button", name="Start now").click()
    page.get_by_role("group", name=re.compile("I feel supported as a carer")).get_by_text(
        "Agree", exact=True
    ).click()
    page.get_by_label("What one thing would make the biggest difference").fill("Respite nights")
    page.get_by_role("button", name="Save and come back later").click()
    code = page.locator(".survey-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4} [A-Z0-9]{4}", code)
    _checked(page)  # the page with the resume code

    # Later, on another device.
    laptop = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    laptop.goto(live_server.url + "/surveys/resume/")
    laptop.get_by_label("Your code").fill(code.lower())
    laptop.get_by_role("button", name="Carry on").click()
    assert laptop.get_by_label(
        "What one thing would make the biggest difference"
    ).input_value() == ("Respite nights")
    laptop.get_by_role("button", name="Send my answers").click()
    assert laptop.get_by_role("heading", name="Thank you: your answers have been sent").is_visible()
    laptop.context.close()

    response = Response.objects.get()
    assert response.role == "kinship"
    assert Answer.objects.get(question_key="feel-supported").choice == "agree"
    assert Invitation.objects.get().used
    page.goto(link)
    assert page.get_by_role("heading", name="This invitation has already been used").is_visible()
    _checked(page)


def test_a_double_submitted_form_stores_one_response(phone, live_server):
    page = phone
    page.goto(live_server.url + OWN_SURVEY)
    page.get_by_role("button", name="Start now").click()
    page.get_by_text("Agree", exact=True).click()
    page.get_by_role("button", name="Continue").click()
    page.goto(live_server.url + OWN_SURVEY + "check/")
    # Two taps racing each other, then the one the person sees.
    page.evaluate(
        """async () => {
            const form = document.querySelector('form[action$="check/"]');
            const data = new FormData(form);
            data.append("action", "send");
            await Promise.all([1, 2].map(() => fetch(form.action, {method: "POST", body: data})));
        }"""
    )
    page.get_by_role("button", name="Send my answers").click()
    assert page.get_by_role("heading", name="Thank you: your answers have been sent").is_visible()
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 1


def test_every_survey_page_state_is_accessible_and_stays_on_site(phone, live_server):
    page = phone
    survey = "/surveys/your-voice-8-11/"
    page.goto(live_server.url + survey)
    _checked(page)  # start page

    page.get_by_role("button", name="Start now").click()
    _checked(page)  # a question with faces
    main = page.locator("main")
    for locator in [*main.locator(".ds_radio__label").all(), *main.locator(".ds_button").all()]:
        box = locator.bounding_box()
        assert box["height"] >= 44, (locator.inner_text(), box)

    page.locator("input[type=radio]").first.evaluate("input => input.value = 'made-up'")
    page.locator("label.ds_radio__label").first.click()
    page.get_by_role("button", name="Continue").click()
    assert page.title().startswith("Error:")
    page.wait_for_load_state("networkidle")  # site.js is a module: it runs after parsing
    assert page.evaluate("document.activeElement.id") == "error-summary"
    _checked(page)  # the error state, with focus on the summary

    page.get_by_role("button", name="Skip this question").click()
    page.goto(live_server.url + survey + "check/")
    _checked(page)  # check your answers

    page.get_by_role("button", name="Save and come back later").click()
    code = page.locator(".survey-code").inner_text()
    _checked(page)  # the resume code

    page.goto(live_server.url + "/surveys/resume/")
    page.get_by_label("Your code").fill("WRNG CODE")
    page.get_by_role("button", name="Carry on").click()
    _checked(page)  # a wrong code
    page.get_by_label("Your code").fill(code)
    page.get_by_role("button", name="Carry on").click()
    assert "/question/" in page.url

    page.goto(live_server.url + survey + "check/")
    page.get_by_role("button", name="Send my answers").click()
    _checked(page)  # thank you

    page.goto(live_server.url + "/surveys/feeling-supported-staff/")
    page.get_by_role("button", name="Start now").click()
    _checked(page)  # one page with sections

    # The quick exit works on a survey step too.
    page.keyboard.press("Escape")
    page.wait_for_url("https://www.google.co.uk/")
