"""“You said, we did”: entries reviewed before publishing, the public page with its filters,
feed and receipt codes, the action code pages and the results summaries."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest

from django.utils import timezone

from accounts.roles import PARTICIPATION_NETWORK
from cms.models import ActionCode
from participation.models import (
    EntryStatus,
    FeedbackEntry,
    FeedbackUpdate,
    Indicator,
    ResultsSummaryPage,
)
from participation.roles import WORKFLOW_NAME, grant_feedback_loop_permissions, make_review_workflow
from surveys.models import Audience, Theme
from surveys.services import receipt_code_for
from tests.participation.conftest import answers_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def loop_roles(roles):
    """The feedback loop's permissions and review workflow (a flushed database has lost them)."""
    grant_feedback_loop_permissions()
    make_review_workflow()


def publish(title, *, codes=("STW 4",), status=EntryStatus.DONE, days_ago=0, **fields):
    entry = FeedbackEntry.objects.create(
        title=title,
        what_you_said=fields.pop("what_you_said", f"You told us about {title.lower()}."),
        what_we_did=fields.pop("what_we_did", "<p>We changed it.</p>"),
        status=status,
        live=False,
        **fields,
    )
    entry.action_codes.set(ActionCode.objects.filter(code__in=codes))
    entry.save_revision().publish()
    when = timezone.now() - datetime.timedelta(days=days_ago)
    FeedbackEntry.objects.filter(pk=entry.pk).update(first_published_at=when)
    return FeedbackEntry.objects.get(pk=entry.pk)


def text_of(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


# --- Review before publishing ----------------------------------------------------------------


def test_entries_are_published_only_after_the_participation_network_approves(
    loop_roles, promise_plan, make_staff
):
    author = make_staff(PARTICIPATION_NETWORK)
    reviewer = make_staff(PARTICIPATION_NETWORK)
    assert not author.has_perm("participation.publish_feedbackentry")
    entry = FeedbackEntry.objects.create(
        title="More say in meetings",
        what_you_said="Young people want a say in their meetings.",
        what_we_did="<p>A form before every meeting.</p>",
        status=EntryStatus.PLANNED,
        live=False,
    )
    entry.save_revision(user=author)
    workflow = FeedbackEntry.get_default_workflow()
    assert workflow.name == WORKFLOW_NAME
    workflow.start(entry, author)
    entry.refresh_from_db()
    assert not entry.live
    task_state = entry.current_workflow_task_state
    actions = [name for name, *_ in task_state.task.specific.get_actions(entry, reviewer)]
    assert "approve" in actions
    task_state.task.specific.on_action(task_state, reviewer, "approve")
    entry.refresh_from_db()
    assert entry.live


def test_the_network_sees_submit_for_review_not_publish(client, loop_roles, make_staff):
    client.force_login(make_staff(PARTICIPATION_NETWORK))
    html = client.get("/admin/snippets/participation/feedbackentry/add/").content.decode()
    assert "Submit to Participation Network review" in html
    assert 'name="action-publish"' not in html


def test_an_entry_we_cannot_do_must_say_why():
    entry = FeedbackEntry(
        title="All family time at weekends",
        what_you_said="Weekends please.",
        what_we_did="<p>We looked at it.</p>",
        status=EntryStatus.CANNOT_DO,
    )
    with pytest.raises(Exception, match="Say why we can’t do this"):
        entry.full_clean()


def test_saving_an_entry_warns_about_old_words(
    client, loop_roles, language_of_care, make_staff, promise_plan
):
    client.force_login(make_staff(PARTICIPATION_NETWORK))
    response = client.post(
        "/admin/snippets/participation/feedbackentry/add/",
        {
            "title": "Contact at weekends",
            "what_you_said": "Young people want contact at weekends.",
            "what_we_did": '{"blocks": [], "entityMap": {}}',
            "status": EntryStatus.LISTENING,
            "audience": "",
            "why_not": "",
            "source_question_key": "",
            "updates-TOTAL_FORMS": "0",
            "updates-INITIAL_FORMS": "0",
            "updates-MIN_NUM_FORMS": "0",
            "updates-MAX_NUM_FORMS": "1000",
        },
        follow=True,
    )
    assert FeedbackEntry.objects.filter(title="Contact at weekends").exists()
    assert "say “family time” instead" in response.content.decode()


# --- The public page ---------------------------------------------------------------------------


def test_the_page_shows_published_entries_newest_first(client, site_content):
    publish("Older", days_ago=10)
    publish("Newer", days_ago=1)
    draft = FeedbackEntry.objects.create(
        title="Not yet reviewed", what_you_said="x", what_we_did="", live=False
    )
    text = text_of(client.get("/you-said-we-did/"))
    assert text.index("Newer") < text.index("Older")
    assert draft.title not in text
    assert "2 updates." in text


def test_an_entry_card_says_what_was_said_done_and_where_it_belongs(client, site_content):
    entry = publish(
        "Help at weekends",
        codes=("STW 1",),
        status=EntryStatus.CANNOT_DO,
        why_not="The office is shut.",
        audience=Audience.CARERS,
    )
    FeedbackUpdate.objects.create(
        entry=entry, date=datetime.date(2026, 10, 1), text="We asked again."
    )
    html = client.get("/you-said-we-did/").content.decode()
    text = text_of(client.get("/you-said-we-did/"))
    assert "We can’t do this" in text and "Why we can’t do this The office is shut." in text
    assert "1 October 2026: We asked again." in text
    assert 'href="/plan/stw-1/">STW 1</a>' in html
    assert "From what carers told us" in text


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("action_code=stw-1", ["Carers line"], ["Meetings form"]),
        ("area=stw", ["Carers line", "Meetings form"], ["Family room"]),
        ("foundation=4", ["Family room", "Meetings form"], ["Carers line"]),
        ("status=planned", ["Family room"], ["Carers line"]),
        ("audience=carers", ["Carers line"], ["Meetings form"]),
        ("year=2025–26", ["Meetings form"], ["Carers line", "Family room"]),
    ],
)
def test_filters_work_without_javascript(client, site_content, cycles, query, shown, hidden):
    publish("Carers line", codes=("STW 1",), audience=Audience.CARERS, source_cycle=cycles[1])
    publish(
        "Meetings form", codes=("STW 4",), audience=Audience.YOUNG_PEOPLE, source_cycle=cycles[0]
    )
    publish("Family room", codes=("GC 6",), status=EntryStatus.PLANNED, source_cycle=cycles[1])
    text = text_of(client.get(f"/you-said-we-did/?{query}"))
    for title in shown:
        assert title in text, query
    for title in hidden:
        assert title not in text, query


def test_a_filter_that_matches_nothing_is_explained_not_an_error(client, site_content):
    publish("Carers line", codes=("STW 1",))
    response = client.get("/you-said-we-did/?action_code=zz-99&status=nonsense")
    assert response.status_code == 200
    text = text_of(response)
    assert "We could not find that action code" in text
    assert "We could not find that status" in text
    assert "Carers line" in text


def test_empty_states_are_kind(client, site_content):
    text = text_of(client.get("/you-said-we-did/"))
    assert "There are no updates here yet." in text
    publish("Carers line", codes=("STW 1",))
    text = text_of(client.get("/you-said-we-did/?action_code=gc-10"))
    assert "There are no updates for action GC 10 yet." in text
    assert "See all the updates" in text


def test_entries_come_ten_to_a_page(client, site_content):
    for number in range(12):
        publish(f"Entry number {number:02}", days_ago=number)
    first = text_of(client.get("/you-said-we-did/?status=done"))
    second = text_of(client.get("/you-said-we-did/?status=done&page=2"))
    assert "Entry number 00" in first and "Entry number 10" not in first
    assert "Entry number 10" in second and "Entry number 11" in second
    html = client.get("/you-said-we-did/?status=done").content.decode()
    assert 'href="?status=done&amp;page=2"' in html


def test_the_feed_lists_published_entries(client, site_content):
    publish("Carers line", codes=("STW 1",))
    response = client.get("/you-said-we-did/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own feed, in a test
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [entry.find(f"{atom}title").text for entry in feed.iter(f"{atom}entry")]
    assert titles == ["Carers line (Done)"]
    link = next(feed.iter(f"{atom}entry")).find(f"{atom}link").get("href")
    assert client.get(link.replace("http://testserver", "")).status_code == 200


def test_an_unpublished_entry_has_no_page(client, site_content):
    draft = FeedbackEntry.objects.create(title="Draft", what_you_said="x", live=False)
    assert client.get(f"/you-said-we-did/entry/{draft.pk}/").status_code == 404


def test_public_pages_keep_to_a_fixed_number_of_queries(
    client, site_content, cycles, django_assert_num_queries
):
    for number in range(3):
        entry = publish(f"Entry {number}", codes=("STW 1", "STW 4"), source_cycle=cycles[1])
        FeedbackUpdate.objects.create(entry=entry, date=datetime.date(2026, 10, 1), text="Update")
    for path, queries in [
        ("/you-said-we-did/", 10),
        ("/you-said-we-did/?action_code=stw-1&year=2026–27", 10),
        ("/you-said-we-did/feed/", 3),
    ]:
        client.get(path)
        with django_assert_num_queries(queries):
            assert client.get(path).status_code == 200
    for number in range(3, 9):
        publish(f"Entry {number}", codes=("STW 1", "STW 4"), source_cycle=cycles[1])
    with django_assert_num_queries(10):
        client.get("/you-said-we-did/")


# --- Receipt codes -----------------------------------------------------------------------------


def test_a_receipt_code_opens_what_came_of_that_survey(client, site_content, carers_survey, cycles):
    code = receipt_code_for(survey=carers_survey, cycle=carers_survey.cycle).code
    publish(
        "Carers line",
        codes=("STW 1",),
        source_survey=carers_survey,
        source_cycle=carers_survey.cycle,
    )
    publish("Unrelated", codes=("GC 6",))
    typed = f" {code[:3].lower()}-{code[3:]} "
    response = client.get("/you-said-we-did/receipt/", {"code": typed})
    text = text_of(response)
    assert response.status_code == 200
    assert "What came of “Feeling supported: carers”, 2026–27" in text
    assert "Carers line" in text and "Unrelated" not in text
    assert f"by {carers_survey.results_due:%-d %B %Y}" in text


def test_the_same_receipt_code_is_given_to_everyone_who_answered(carers_survey):
    first = receipt_code_for(survey=carers_survey, cycle=carers_survey.cycle)
    again = receipt_code_for(survey=carers_survey, cycle=carers_survey.cycle)
    assert first.pk == again.pk and len(first.code) == 6


def test_a_wrong_receipt_code_gets_a_clear_message(client, site_content):
    response = client.get("/you-said-we-did/receipt/", {"code": "AAAAAA"})
    assert response.status_code == 400
    assert "We could not find that code" in text_of(response)


# --- Action code pages ---------------------------------------------------------------------------


def test_an_action_code_page_shows_its_indicators_and_entries(
    client, site_content, carers_survey, cycles, make_responses, django_assert_num_queries
):
    Indicator.objects.create(
        action_code=ActionCode.objects.get(code="STW 1"),
        name="Carers feeling supported",
        statement="feel supported as a carer",
        theme=Theme.FEELING_SUPPORTED,
        audience=Audience.CARERS,
        question_key="feel-supported",
        positive_answers="strongly-agree, agree",
    )
    previous, current = cycles
    make_responses(
        carers_survey, previous, answers_of({"agree": 12, "disagree": 8}, "feel-supported")
    )
    make_responses(
        carers_survey, current, answers_of({"agree": 14, "disagree": 6}, "feel-supported")
    )
    publish("Carers line", codes=("STW 1",))
    text = text_of(client.get("/plan/stw-1/"))
    assert (
        "In 2026–27, 7 in 10 carers said they feel supported as a carer, up from 6 in 10 in "
        "2025–26." in text
    )
    assert "2025–26 60% (6 in 10)" in text and "2026–27 70% (7 in 10)" in text
    assert "You said, we did" in text and "Carers line" in text
    client.get("/plan/stw-1/")
    with django_assert_num_queries(15):
        client.get("/plan/stw-1/")


# --- Results summaries ---------------------------------------------------------------------------


def test_a_results_summary_shows_suppressed_results_and_never_typed_text(
    client, site_content, feedback_loop_page, carers_survey, cycles, make_responses
):
    counts = {"strongly-agree": 9, "agree": 6, "disagree": 2}
    make_responses(carers_survey, cycles[1], answers_of(counts, "feel-supported"))
    make_responses(carers_survey, cycles[1], [{"biggest-difference": "Ring me, Morag"}] * 5)
    summary = feedback_loop_page.add_child(
        instance=ResultsSummaryPage(
            title="Carers: what you told us",
            slug="carers",
            theme=Theme.FEELING_SUPPORTED,
            audience=Audience.CARERS,
            cycle=cycles[1],
        )
    )
    response = client.get(summary.url)
    text = text_of(response)
    assert "22 people answered in 2026–27." in text
    assert "fewer than 5" in text
    assert "Morag" not in response.content.decode()
    assert "“What would help?”: 5 people wrote an answer." in text
    easy = text_of(client.get(summary.easy_read_url))
    assert "About 5 in 10 of you said: Strongly agree" in easy


@pytest.mark.parametrize("responses", [10, 200])
def test_results_summaries_and_receipts_keep_to_a_fixed_number_of_queries(
    client,
    site_content,
    feedback_loop_page,
    carers_survey,
    cycles,
    make_responses,
    django_assert_num_queries,
    responses,
):
    make_responses(carers_survey, cycles[1], answers_of({"agree": responses}, "feel-supported"))
    summary = feedback_loop_page.add_child(
        instance=ResultsSummaryPage(
            title="Carers", slug="carers", theme=Theme.FEELING_SUPPORTED, cycle=cycles[1]
        )
    )
    code = receipt_code_for(survey=carers_survey, cycle=cycles[1]).code
    for path, queries in [
        (summary.url, 5),
        (summary.easy_read_url, 5),
        (f"/you-said-we-did/receipt/?code={code}", 6),
    ]:
        client.get(path)
        with django_assert_num_queries(queries):
            assert client.get(path).status_code == 200
