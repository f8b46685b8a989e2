"""The hostile text corpus in a real browser (Debian's Chromium): on every page it reaches, no
script of it runs. Two listeners watch: Playwright's for dialogs (alert, confirm, prompt), and one
for the Content Security Policy's `securitypolicyviolation` events (an inline script, a handler
or a `javascript:` address the policy blocked)."""

import urllib.parse

import pytest

from participation.models import FeedbackEntry
from tests.participation.test_feedback_pages import publish
from tests.reliability.payloads import HOSTILE, ORDINARY
from tests.reliability.test_hostile_text import as_the_editor_saves

pytestmark = pytest.mark.browser
TYPED = HOSTILE + ORDINARY
WATCH_POLICY = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def hostile_site(transactional_db, site_content, settings):
    from cms.models import InformationPage
    from cms.services import load_language_of_care
    from surveys.models import Layout, SurveyIndexPage
    from tests.surveys.factories import CycleFactory, SurveyPageFactory

    settings.SURVEY_RATE_LIMITS = {
        scope: (10**9, window) for scope, (_, window) in settings.SURVEY_RATE_LIMITS.items()
    }
    entries = [
        publish(
            f"Entry {number} {text}",
            what_you_said=text,
            what_we_did=as_the_editor_saves(text, FeedbackEntry, "what_we_did"),
            why_not=text,
            days_ago=number,
        )
        for number, text in enumerate(TYPED)
    ]
    load_language_of_care(
        data={
            "terms": [
                {
                    "phrases": [{"phrase": f"oldword{number}"}],
                    "preferred_words": text,
                    "why": f"finder {text}",
                    "example": text,
                }
                for number, text in enumerate(TYPED)
            ]
        }
    )
    pages = [
        site_content.add_child(
            instance=InformationPage(
                title=text,
                slug=f"hostile-{number}",
                introduction=text,
                body=as_the_editor_saves(text, InformationPage, "body"),
            )
        )
        for number, text in enumerate(TYPED[:10])
    ]
    survey = SurveyPageFactory(
        # “Have your say”, which the browser tests' site already has.
        parent=SurveyIndexPage.objects.child_of(site_content).get(),
        title="Your voice",
        slug="your-voice",
        cycle=CycleFactory(name="2026–27"),
        layout=Layout.ONE_PAGE,
        asks_who_is_helping=False,
    )
    survey.cycle.starts_on = survey.cycle.starts_on.replace(year=2000)
    survey.cycle.ends_on = survey.cycle.ends_on.replace(year=2100)
    survey.cycle.save()
    return {"entries": entries, "pages": pages, "survey": survey}


def test_no_hostile_text_runs_in_a_real_browser(browser, live_server, hostile_site):  # noqa: F811
    context = browser.new_context(viewport={"width": 375, "height": 667})
    page = context.new_page()
    dialogs, violations = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(WATCH_POLICY)

    def visit(path):
        page.goto(live_server.url + path, wait_until="load")
        page.wait_for_timeout(50)  # handlers such as onfocus and ontoggle fire just after load
        violations.extend(f"{path}: {seen}" for seen in page.evaluate("window.__violations"))

    # First, that both listeners hear what they are for: a dialog, and an inline script the
    # policy blocks.
    visit("/")
    page.evaluate("alert('probe')")
    page.evaluate(
        "document.body.appendChild(Object.assign(document.createElement('script'),"
        " {textContent: 'window.ran = true'}))"
    )
    page.wait_for_timeout(100)
    assert dialogs == ["probe"]
    assert page.evaluate("window.__violations.length") == 1
    assert page.evaluate("window.ran") is None
    dialogs.clear()

    paths = [f"/you-said-we-did/?page={number}" for number in range(1, 8)]
    paths += [f"/you-said-we-did/entry/{entry.pk}/" for entry in hostile_site["entries"]]
    paths += ["/language-of-care/", "/search/?q=finder"]
    paths += [page.url for page in hostile_site["pages"]]
    for path in paths:
        visit(path)
    # What was searched for is shown back on the results page.
    searches = [f"/search/?{urllib.parse.urlencode({'q': text})}" for text in TYPED]
    for path in searches:
        visit(path)

    # Typed answers, shown back on the survey page after “Save and come back later”.
    survey = hostile_site["survey"]
    visit(survey.url)
    page.get_by_role("button", name="Start now").click()
    page.fill("textarea[name=q-anything-else]", "\n".join(TYPED))
    page.fill("input[name=q-one-word]", TYPED[11])
    page.get_by_role("button", name="Save and come back later").click()
    visit(survey.url + "answers/")
    # (A text box keeps its new lines as \n, whatever was typed.)
    typed = "\n".join(TYPED).replace("\r\n", "\n").replace("\r", "\n")
    assert page.input_value("textarea[name=q-anything-else]") == typed

    context.close()
    assert dialogs == []
    assert violations == []
    print(f"\n{len(paths) + len(searches) + 2} pages, no dialog, no policy violation")  # noqa: T201
