"""Answering a survey on a 375 × 667 phone: every question of the seeded open surveys, and of a
survey with every kind of question, has the question and all its answers on the first screen;
faces are tiles at least 44 px a side that are still radio buttons; a link in an error summary
never lands under a bar fixed to the top; and the character counter counts as the server does,
and nothing cuts a long answer, with JavaScript or without.

Set SCREENSHOTS_DIR to keep a screenshot of the first question of each kind there.
"""

import os
import re
from pathlib import Path

import pytest

from surveys.models import Draft, SurveyIndexPage, SurveyPage
from surveys.services import make_invitations
from tests.browser.conftest import WIDTHS, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = WIDTHS["phone"]
SCREENSHOTS = os.environ.get("SCREENSHOTS_DIR")

# The question (legend or label), every answer, and the bottom of the last one, in the page.
MEASURE = """() => {
    const question = document.querySelector(
        "main .survey-question legend, main .survey-question label.survey-question__label");
    const answers = document.querySelectorAll(
        "main .survey-question .ds_radio, main .survey-question .ds_checkbox, "
        + "main .survey-question textarea, main .survey-question input[type=text]");
    const last = answers[answers.length - 1].getBoundingClientRect();
    const faces = Array.from(document.querySelectorAll("main .survey-face .ds_radio__label"))
        .map((label) => {
            const box = label.getBoundingClientRect();
            const input = document.getElementById(label.htmlFor);
            return {width: box.width, height: box.height, type: input.type,
                    word: label.innerText.trim(), image: !!label.querySelector("img")};
        });
    const top = question.getBoundingClientRect();
    return {questionTop: top.top, questionBottom: top.bottom, lastBottom: last.bottom,
            answers: answers.length, faces: faces, scrollY: window.scrollY};
}"""


@pytest.fixture
def every_kind(home_page):
    """A survey with one question of every kind, one per page (the test surveys' questions)."""
    from tests.surveys.factories import SurveyPageFactory, open_cycle

    cycle = open_cycle("Every kind")
    return SurveyPageFactory(
        parent=SurveyIndexPage.objects.get(), title="Every kind", slug="every-kind", cycle=cycle
    )


def _phone(browser, live_server, javascript=True):
    from tests.browser.conftest import RequestRecorder

    context = browser.new_context(
        viewport=PHONE, java_script_enabled=javascript, service_workers="block"
    )
    page = context.new_page()
    page.recorder = RequestRecorder(live_server.url)
    page.on("request", page.recorder)
    return page


@pytest.fixture
def phone(browser, live_server, home_page):
    page = _phone(browser, live_server)
    yield page
    page.context.close()


@pytest.fixture
def phone_without_javascript(browser, live_server, home_page):
    page = _phone(browser, live_server, javascript=False)
    yield page
    page.context.close()


def _start(page, live_server, survey):
    page.goto(live_server.url + survey.url)
    if page.get_by_role("button", name="Start now").count() == 0:  # by invitation only
        (invitation,) = make_invitations(survey=survey, cycle=survey.cycle, count=1, label="t")
        page.goto(f"{live_server.url}{survey.url}invitation/{invitation.token}/")
    page.get_by_role("button", name="Start now").click()
    return Draft.objects.filter(survey=survey).order_by("-pk").first()


def _visit_every_question(page, live_server, survey):
    """Each question's own page, with an earlier answer that brings in a question that depends
    on one; yields (question, measurements)."""
    draft = _start(page, live_server, survey)
    for question in survey.question_list:
        if question.condition:
            draft.answers = {question.condition.key: [question.condition.value]}
            draft.save()
        page.goto(f"{live_server.url}{survey.url}question/{question.key}/")
        assert f"/question/{question.key}/" in page.url
        yield question, page.evaluate(MEASURE)


def _assert_fits(question, measured):
    where = f"{question.key} ({question.kind})"
    assert measured["scrollY"] == 0, where
    assert 0 <= measured["questionTop"] and measured["questionBottom"] <= PHONE["height"], where
    assert measured["lastBottom"] <= PHONE["height"], (
        f"{where}: the last answer ends at {measured['lastBottom']:.0f} px, below the first screen"
    )
    for face in measured["faces"]:
        assert face["type"] == "radio", where
        assert face["width"] >= 44 and face["height"] >= 44, f"{where}: {face}"
        assert face["image"] and face["word"], f"{where}: a face has its word beneath it"


def test_every_question_of_the_open_surveys_fits_a_phones_first_screen(phone, live_server):
    surveys = [
        survey
        for survey in SurveyPage.objects.live().specific()
        if survey.is_open() and survey.is_one_question_per_page
    ]
    assert surveys
    kinds, pages, faces = set(), 0, 0
    for survey in surveys:
        for question, measured in _visit_every_question(phone, live_server, survey):
            _assert_fits(question, measured)
            kinds.add(question.kind)
            pages += 1
            faces += len(measured["faces"])
    assert pages >= 30 and faces >= 20
    assert {"faces", "agreement", "single_choice", "multiple_choice", "yes_no", "long_text"} <= (
        kinds
    )
    phone.recorder.assert_only_own_host()


def test_every_kind_of_question_fits_and_is_accessible(browser, live_server, every_kind):
    page = _phone(browser, live_server)
    seen = set()
    for question, measured in _visit_every_question(page, live_server, every_kind):
        _assert_fits(question, measured)
        if question.kind in seen:
            continue
        seen.add(question.kind)
        assert_accessible(page)
        if SCREENSHOTS:
            Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{SCREENSHOTS}/{question.kind}.png")
        if question.is_scale:
            # Six numbers a row: 0 to 5, then 6 to 10, then "I'd rather not say" on its own.
            tops = page.evaluate(
                """() => Array.from(document.querySelectorAll("main .survey-scale .ds_radio"))
                    .map((radio) => Math.round(radio.getBoundingClientRect().top))"""
            )
            assert len(set(tops[:6])) == 1 and len(set(tops[6:11])) == 1
            assert tops[0] < tops[6] < tops[11]
    assert seen >= {"faces", "scale", "short_text", "long_text", "multiple_choice", "yes_no"}
    page.context.close()

    # At desktop width too, the tiles pass axe.
    desktop = browser.new_context(viewport=WIDTHS["desktop"]).new_page()
    _start(desktop, live_server, every_kind)
    for key in ["listened-to", "understand-plan"]:
        desktop.goto(f"{live_server.url}{every_kind.url}question/{key}/")
        assert_accessible(desktop)
    desktop.context.close()


def test_faces_are_chosen_with_the_keyboard_as_radio_buttons(phone, live_server, every_kind):
    _start(phone, live_server, every_kind)
    phone.goto(f"{live_server.url}{every_kind.url}question/listened-to/")
    faces = phone.get_by_role("radio")
    assert faces.count() >= 4
    faces.first.focus()
    phone.keyboard.press("ArrowRight")
    focused = phone.evaluate("() => document.activeElement.id")
    assert phone.locator(f"#{focused}").is_checked()
    # The chosen tile looks chosen: a thicker border than the others.
    widths = phone.evaluate(
        """() => Array.from(document.querySelectorAll("main .survey-face .ds_radio__label"))
            .map((label) => getComputedStyle(label).borderTopWidth)"""
    )
    assert widths[1] == "4px" and widths[0] == "2px"


# The middle of a ticked answer's circle or box (its label's ::before) and of its dot or tick
# (::after), in px from the label's top left.
MARK_MIDDLES = """() => {
    const input = document.querySelector("main .survey-question input:checked");
    const label = document.querySelector(`label[for="${input.id}"]`);
    const middle = (pseudo) => {
        const s = getComputedStyle(label, pseudo);
        const outer = (size, a, b) => parseFloat(size) + (s.boxSizing === "border-box" ? 0
            : parseFloat(a) + parseFloat(b));
        return [parseFloat(s.left) + outer(s.width, s.borderLeftWidth, s.borderRightWidth) / 2,
                parseFloat(s.top) + outer(s.height, s.borderTopWidth, s.borderBottomWidth) / 2];
    };
    return {box: middle("::before"), mark: middle("::after")};
}"""


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_a_ticked_answer_has_its_mark_in_the_middle(browser, live_server, every_kind, width):
    """The dot of a chosen radio button and the tick of a checkbox sit in the middle of their
    circle and box (the answering pages move the circle and box down a little)."""
    page = browser.new_context(viewport=WIDTHS[width]).new_page()
    _start(page, live_server, every_kind)
    kinds = {
        "radio": lambda q: q.kind in ("agreement", "yes_no"),
        "checkbox": lambda q: q.is_multiple,
    }
    for name, wanted in kinds.items():
        question = next(q for q in every_kind.question_list if wanted(q) and not q.condition)
        page.goto(f"{live_server.url}{every_kind.url}question/{question.key}/")
        page.locator(f"main input[type={name}]").first.check(force=True)
        middles = page.evaluate(MARK_MIDDLES)
        for axis in (0, 1):
            assert abs(middles["box"][axis] - middles["mark"][axis]) <= 3, (name, width, middles)
    page.context.close()


def _header_bottom(page) -> float:
    """The bottom of whatever is fixed or stuck to the top of the screen."""
    return page.evaluate(
        """() => Math.max(0, ...Array.from(document.querySelectorAll("body *"))
            .filter((el) => ["fixed", "sticky"].includes(getComputedStyle(el).position))
            .map((el) => el.getBoundingClientRect())
            .filter((box) => box.top <= 0 + 1 && box.height > 0)
            .map((box) => box.bottom))"""
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_an_error_summary_link_never_lands_under_a_bar(browser, live_server, home_page, javascript):
    page = _phone(browser, live_server, javascript=javascript)
    # The staff survey is one long page; its last question is far below the first screen.
    survey = SurveyPage.objects.get(slug="feeling-supported-staff")
    _start(page, live_server, survey)
    page.locator("#q-what-would-help").fill("x" * 5001)
    page.get_by_role("button", name="Send my answers").click()
    link = page.locator(".ds_error-summary a[href='#q-what-would-help']")
    assert link.is_visible()
    link.click()
    page.wait_for_timeout(200)
    target = page.locator("#q-what-would-help").bounding_box()
    assert page.evaluate("() => window.scrollY") > 0
    bar = _header_bottom(page)
    assert bar > 0  # the compact header stays at the top
    assert target["y"] >= bar, f"the field's top {target['y']} is under the bar ending at {bar}"
    # And on a page with the site's fixed "Hide this page" bar.
    page.goto(live_server.url + "/surveys/resume/")
    page.get_by_role("button", name="Carry on").click()
    page.locator(".ds_error-summary a").first.click()
    page.wait_for_timeout(200)
    field = page.locator("main input[type=text]").first.bounding_box()
    assert field["y"] >= _header_bottom(page)
    page.context.close()


def test_the_counter_counts_as_the_server_does_and_cuts_nothing(phone, live_server):
    survey = SurveyPage.objects.get(slug="your-voice-12-18")
    _start(phone, live_server, survey)
    phone.goto(f"{live_server.url}{survey.url}question/anything-else/")
    count = phone.locator("#q-anything-else-count")
    assert count.inner_text() == "You have 5,000 characters left."
    # Markup, an emoji and new lines: each counts once, as typed. 9 × 600 = 5,400.
    typed = "<b>\U0001f622</b>\n" * 600
    phone.locator("#q-anything-else").fill(typed)
    said = "Your answer is 5,400 characters. Shorten it by 400 characters."
    assert count.inner_text() == said
    assert phone.locator("#q-anything-else").input_value() == typed  # nothing cut
    phone.get_by_role("button", name="Continue").click()
    assert phone.title().startswith("Error:")
    error = phone.locator("#q-anything-else-error").inner_text()
    assert " ".join(error.split()) == f"Error: {said}"  # the server's words are the counter's
    assert phone.locator("#q-anything-else").input_value() == typed  # back whole
    assert count.inner_text() == said
    phone.locator("#q-anything-else").fill("Fewer words.")
    assert count.inner_text() == "You have 4,988 characters left."


def test_without_javascript_a_pasted_answer_is_not_cut(phone_without_javascript, live_server):
    page = phone_without_javascript
    survey = SurveyPage.objects.get(slug="your-voice-12-18")
    _start(page, live_server, survey)
    page.goto(f"{live_server.url}{survey.url}question/anything-else/")
    assert page.locator("#q-anything-else-count").inner_text() == (
        "You can write up to 5,000 characters."
    )
    pasted = "All of this matters to me. " * 200  # 5,400 characters
    page.locator("#q-anything-else").fill(pasted)
    assert page.locator("#q-anything-else").input_value() == pasted
    page.get_by_role("button", name="Continue").click()
    assert re.search(
        "Your answer is 5,400 characters. Shorten it by 400 characters.",
        page.locator(".ds_error-summary").inner_text(),
    )
    assert page.locator("#q-anything-else").input_value() == pasted
