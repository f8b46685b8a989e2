"""The feedback loop in a real browser, at 375 px and 1280 px: the Participation Network turns a
typed answer into a reviewed, published “you said, we did” entry; a young person keeps the
receipt code and later opens what came of their survey; every new public page passes axe and
asks no other host for anything."""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import PARTICIPATION_NETWORK
from participation.demo import build_demo_entries, build_demo_responses, build_results_summaries
from participation.models import FeedbackEntry
from participation.roles import grant_feedback_loop_permissions, make_review_workflow
from surveys.models import Cycle, SurveyPage
from tests.accounts.factories import PASSWORD, totp_code
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def loop(site_content, roles):
    """The demo site with made-up answers, entries and summaries, and the review workflow."""
    from django.core.management import call_command

    grant_feedback_loop_permissions()
    make_review_workflow()
    call_command("load_indicators", verbosity=0)
    build_demo_responses()
    build_demo_entries()
    build_results_summaries(feedback_page=site_content.get_children().get(slug="you-said-we-did"))
    return site_content


def _sign_in(page, live_server, user):
    page.goto(live_server.url + "/accounts/login/?next=/admin/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code").fill(totp_code(user.totp_secret))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(live_server.url + "/admin/")


def _sign_out(page, live_server):
    page.context.clear_cookies()


def _footer_action(page, name):
    """A button in the editor's footer menu, opening the menu first where it is folded away."""
    button = page.locator("footer").get_by_role("button", name=name)
    if not button.is_visible():
        page.locator("footer .w-dropdown__toggle").first.click()
    button.click()


def test_the_network_turns_a_typed_answer_into_a_published_entry(
    page_at, live_server, loop, make_staff
):
    author = make_staff(PARTICIPATION_NETWORK)
    reviewer = make_staff(PARTICIPATION_NETWORK)
    cycle = Cycle.objects.filter(responses__demo=True).order_by("-starts_on").first()
    page = page_at

    _sign_in(page, live_server, author)
    page.goto(
        f"{live_server.url}/admin/results/?theme=feeling_supported&cycle={cycle.pk}&audience=carers"
    )
    assert page.get_by_role("heading", name=re.compile("Feeling supported, 2026–27")).is_visible()
    assert page.get_by_role("table").first.is_visible()
    page.get_by_role("link", name="Read what people wrote").click()
    page.get_by_role("button", name="Use in a “you said” entry").first.click()
    page.wait_for_url(re.compile(r".*/admin/snippets/participation/feedbackentry/edit/\d+/$"))
    entry_id = int(page.url.rstrip("/").split("/")[-1])

    page.get_by_role("textbox", name="Title*").fill("A weekend line for carers")
    page.get_by_role("textbox", name="What you said*").fill(
        "Carers want someone to call at weekends."
    )
    page.locator("[data-contentpath=what_we_did] [contenteditable=true]").click()
    page.keyboard.type("A support line now answers at weekends.")
    # The rich text editor copies what was typed into the form a moment later.
    expect(page.locator("#id_what_we_did")).to_have_value(re.compile("support line"))
    page.locator("#id_status").select_option("planned")
    page.get_by_label("STW 1", exact=True).check()
    _footer_action(page, "Submit to Participation Network review")
    page.wait_for_load_state("networkidle")
    entry = FeedbackEntry.objects.get(pk=entry_id)
    assert not entry.live and entry.workflow_in_progress

    _sign_out(page, live_server)
    _sign_in(page, live_server, reviewer)
    page.goto(f"{live_server.url}/admin/snippets/participation/feedbackentry/edit/{entry_id}/")
    _footer_action(page, "Approve and Publish")
    page.wait_for_load_state("networkidle")
    entry.refresh_from_db()
    assert entry.live and entry.title == "A weekend line for carers"

    _sign_out(page, live_server)
    page.goto(f"{live_server.url}/you-said-we-did/?action_code=stw-1")
    card = page.get_by_role("article").filter(has_text="A weekend line for carers")
    assert card.is_visible()
    assert card.get_by_text("Planned").is_visible()
    assert_accessible(page)
    card.get_by_role("link", name="STW 1").click()
    page.wait_for_url(f"{live_server.url}/plan/stw-1/")
    assert page.get_by_role("heading", name="How we are doing").is_visible()
    assert page.get_by_text("A weekend line for carers").is_visible()
    assert_accessible(page)
    page.recorder.assert_only_own_host()


def test_a_young_person_keeps_the_receipt_code_and_later_sees_what_came_of_it(
    page_at, live_server, loop
):
    page = page_at
    page.goto(live_server.url + "/surveys/family-time/")
    page.get_by_role("button", name=re.compile("Start")).click()
    while "/question/" in page.url:
        page.get_by_role("button", name=re.compile("^(Skip|Skip this question)")).first.click()
    page.get_by_role("button", name=re.compile("Send")).click()
    page.wait_for_url(re.compile(r".*/thank-you/$"))
    assert_accessible(page)
    code = page.locator(".receipt-code__code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{3} [A-Z0-9]{3}", code)

    # Later the Participation Network publishes what came of this year's answers...
    survey = SurveyPage.objects.get(slug="family-time")
    entry = FeedbackEntry.objects.create(
        title="Family time at the weekend too",
        what_you_said="You asked for family time when you are not at school.",
        what_we_did="<p>Saturday family time starts next month.</p>",
        status="planned",
        source_survey=survey,
        source_cycle=survey.cycle,
        live=False,
    )
    entry.save_revision().publish()
    # ...and on another visit, the code is all they need.
    page.context.clear_cookies()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="You said, we did").first.click()
    page.get_by_role("link", name="Use the code from your thank-you page").click()
    page.get_by_label("Your receipt code").fill(code.lower().replace(" ", ""))
    page.get_by_role("button", name="Show me").click()
    assert page.get_by_role("heading", name=re.compile("What came of “Family time”")).is_visible()
    assert page.get_by_text("Family time at the weekend too").is_visible()
    assert page.get_by_text("Family time somewhere that feels like home").count() == 0  # last year
    assert_accessible(page)
    page.recorder.assert_only_own_host()


NEW_PUBLIC_PAGES = [
    ("you said, we did with entries", "/you-said-we-did/"),
    ("you said, we did filtered", "/you-said-we-did/?status=done&audience=carers"),
    ("you said, we did filtered to nothing", "/you-said-we-did/?action_code=bc-4"),
    ("an entry", "/you-said-we-did/entry/1/"),
    ("receipt code form", "/you-said-we-did/receipt/"),
    ("receipt code not found", "/you-said-we-did/receipt/?code=ZZZZZZ"),
    ("results summary", "/you-said-we-did/voice-young-people-{year}/"),
    ("results summary, easy read", "/you-said-we-did/voice-young-people-{year}/easy-read/"),
    ("carers' results summary", "/you-said-we-did/feeling-supported-carers-{year}/"),
    ("action code with indicators", "/plan/stw-1/"),
    ("thank you with a receipt code", "/surveys/your-voice-12-18/thank-you/"),
]


@pytest.mark.parametrize(
    ("name", "path"), NEW_PUBLIC_PAGES, ids=[name for name, _ in NEW_PUBLIC_PAGES]
)
def test_new_public_pages_are_accessible_and_stay_on_site(page_at, live_server, loop, name, path):
    year = Cycle.objects.filter(responses__demo=True).order_by("starts_on").first().starts_on.year
    entry = FeedbackEntry.objects.filter(live=True).order_by("pk").first()
    path = path.format(year=year).replace("/entry/1/", f"/entry/{entry.pk}/")
    response = page_at.goto(live_server.url + path)
    assert response.status in (200, 400), (path, response.status)
    page_at.wait_for_load_state("networkidle")
    assert_accessible(page_at)
    page_at.recorder.assert_only_own_host()
