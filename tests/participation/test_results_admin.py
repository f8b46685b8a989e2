"""The results dashboard, typed answers and exports: who may open them, what they show, that
their query counts do not grow with the responses, and that every export is safe and logged."""

import csv
import io

import pytest
from openpyxl import load_workbook

from django.http import StreamingHttpResponse

from accounts.models import StaffEvent
from accounts.roles import ANALYSTS, PARTICIPATION_NETWORK
from participation import selectors
from participation.models import FeedbackEntry
from participation.roles import grant_feedback_loop_permissions, make_review_workflow
from participation.suppression import FEWER_THAN
from surveys.models import Theme
from tests.participation.conftest import answers_of
from tests.surveys.helpers import SESSION

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tfrom a tab", "\rreturn"]


@pytest.fixture
def signed_in(client, roles, make_staff):
    grant_feedback_loop_permissions()
    make_review_workflow()

    def sign_in(role):
        client.force_login(make_staff(role))
        return client

    return sign_in


def query(cycle, **extra):
    return {"theme": Theme.FEELING_SUPPORTED, "cycle": cycle.pk, **extra}


def test_the_dashboard_shows_every_question_with_small_numbers_hidden(
    signed_in, carers_survey, cycles, make_responses
):
    make_responses(
        carers_survey, cycles[1], answers_of({"agree": 12, "disagree": 2}, "feel-supported")
    )
    response = signed_in(ANALYSTS).get("/admin/results/", query(cycles[1]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "I feel supported as a carer." in html
    assert FEWER_THAN in html
    assert '<rect class="results-bar__fill" width=' in html  # a chart a screen reader skips
    assert "Download raw responses (CSV)" in html


def test_the_network_sees_results_but_cannot_export_raw_responses(signed_in, carers_survey, cycles):
    client = signed_in(PARTICIPATION_NETWORK)
    html = client.get("/admin/results/", query(cycles[1])).content.decode()
    assert "Download these results" in html and "Download raw responses" not in html
    raw = client.get("/admin/results/export/responses.csv", query(cycles[1]))
    assert (raw.status_code, raw["Location"]) == (302, "/admin/")  # Wagtail's "no permission"


@pytest.mark.parametrize("responses", [10, 1000])
def test_the_dashboard_query_count_does_not_grow_with_responses(
    signed_in, carers_survey, cycles, make_responses, django_assert_num_queries, responses
):
    answers = [
        {
            "feel-supported": "agree",
            "feel-well-trained": "strongly-agree",
            "training-wanted": ["trauma-informed", "family-time"],
            "biggest-difference": "More help",
        }
    ] * responses
    make_responses(carers_survey, cycles[1], answers)
    client = signed_in(ANALYSTS)
    client.get("/admin/results/", query(cycles[1]))
    with django_assert_num_queries(17 + SESSION):
        assert client.get("/admin/results/", query(cycles[1])).status_code == 200


def test_one_question_across_the_years(signed_in, carers_survey, cycles, make_responses):
    make_responses(carers_survey, cycles[0], answers_of({"agree": 6}, "feel-supported"))
    make_responses(carers_survey, cycles[1], answers_of({"agree": 9}, "feel-supported"))
    html = (
        signed_in(ANALYSTS)
        .get(
            "/admin/results/across-years/", {"theme": "feeling_supported", "key": "feel-supported"}
        )
        .content.decode()
    )
    assert html.index("2025–26") < html.index("2026–27")
    assert "6 (100%)" in html and "9 (100%)" in html


def test_typed_answers_are_read_as_typed_and_the_reading_is_logged(
    signed_in, carers_survey, cycles, make_responses
):
    make_responses(carers_survey, cycles[1], [{"biggest-difference": "<b>Help</b> & support"}] * 2)
    client = signed_in(PARTICIPATION_NETWORK)
    html = client.get("/admin/results/typed-answers/", query(cycles[1])).content.decode()
    assert "&lt;b&gt;Help&lt;/b&gt; &amp; support" in html
    assert "<b>Help</b>" not in html
    assert StaffEvent.objects.filter(action="results.typed-answers-read").exists()


def test_roles_without_it_cannot_read_typed_answers(signed_in, cycles):
    from accounts.roles import SURVEY_MANAGERS

    client = signed_in(SURVEY_MANAGERS)
    refused = client.get("/admin/results/typed-answers/", query(cycles[1]))
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")


def test_a_typed_answer_starts_a_draft_entry_for_a_person_to_edit(
    signed_in, carers_survey, cycles, make_responses
):
    (response,) = make_responses(
        carers_survey, cycles[1], [{"biggest-difference": "Someone at weekends, please."}]
    )
    answer = response.answers.get()
    client = signed_in(PARTICIPATION_NETWORK)
    result = client.post(f"/admin/results/typed-answers/{answer.pk}/use/")
    entry = FeedbackEntry.objects.get()
    assert result.status_code == 302
    assert result["Location"] == f"/admin/snippets/participation/feedbackentry/edit/{entry.pk}/"
    assert not entry.live and entry.latest_revision is not None
    assert entry.what_you_said == "Someone at weekends, please."
    assert (entry.source_survey_id, entry.source_cycle, entry.source_question_key) == (
        carers_survey.pk,
        cycles[1],
        "biggest-difference",
    )
    event = StaffEvent.objects.get(action="results.typed-answer-used")
    assert "Someone" not in event.description


# --- Exports -------------------------------------------------------------------------------------


def _csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_the_results_csv_hides_small_numbers_and_is_logged(
    signed_in, carers_survey, cycles, make_responses
):
    make_responses(
        carers_survey, cycles[1], answers_of({"agree": 12, "disagree": 2}, "feel-supported")
    )
    response = signed_in(PARTICIPATION_NETWORK).get(
        "/admin/results/export/results.csv", query(cycles[1])
    )
    rows = _csv_rows(response)
    agree = next(r for r in rows if r[0] == "feel-supported" and r[2] == "Agree")
    disagree = next(r for r in rows if r[0] == "feel-supported" and r[2] == "Disagree")
    assert disagree[3] == FEWER_THAN and agree[3] != "12"  # secondary: 12 would give 2 away
    event = StaffEvent.objects.get(action="results.export")
    assert "results summary" in event.description and "2026–27" in event.description


def test_the_raw_csv_streams_every_response_with_every_cell_made_safe(
    signed_in, carers_survey, cycles, make_responses
):
    make_responses(carers_survey, cycles[1], [{"biggest-difference": text} for text in HOSTILE])
    response = signed_in(ANALYSTS).get("/admin/results/export/responses.csv", query(cycles[1]))
    assert isinstance(response, StreamingHttpResponse)
    rows = _csv_rows(response)
    column = rows[0].index("biggest-difference")
    written = sorted(row[column] for row in rows[1:])
    assert written == sorted(f"'{text}" for text in HOSTILE)
    event = StaffEvent.objects.get(action="results.export")
    assert "raw responses as CSV" in event.description and "(6 rows)" in event.description


def test_the_raw_rows_are_read_a_chunk_at_a_time(
    carers_survey, cycles, make_responses, django_assert_num_queries
):
    make_responses(carers_survey, cycles[1], answers_of({"agree": 10}, "feel-supported"))
    results_filter = selectors.ResultsFilter(theme=Theme.FEELING_SUPPORTED, cycle=cycles[1])
    rows = selectors.raw_response_rows(
        results_filter=results_filter, keys=["feel-supported"], chunk_size=4
    )
    # Nothing is read until asked for, then one query for responses and one for the answers
    # of each chunk of four: memory holds one chunk, never every response.
    with django_assert_num_queries(2):
        first = [next(rows) for _ in range(4)]
    with django_assert_num_queries(2):  # the answers of the next two chunks (4 and 2)
        rest = list(rows)
    assert [row[-1] for row in first + rest] == ["agree"] * 10
    assert [row[0] for row in first + rest] == list(range(1, 11))


def test_the_raw_xlsx_keeps_every_cell_a_string(signed_in, carers_survey, cycles, make_responses):
    make_responses(carers_survey, cycles[1], [{"biggest-difference": text} for text in HOSTILE])
    response = signed_in(ANALYSTS).get("/admin/results/export/responses.xlsx", query(cycles[1]))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    column = header.index("biggest-difference")
    cells = [row[column] for row in sheet.iter_rows(min_row=2)]
    assert all(cell.data_type == "s" for cell in cells)
    # (A spreadsheet keeps a carriage return as a line break.)
    expected = sorted(f"'{text}".replace("\r", "\n") for text in HOSTILE)
    assert sorted(cell.value for cell in cells) == expected
    assert StaffEvent.objects.filter(action="results.export").count() == 1


def test_an_export_without_a_survey_and_year_is_not_found(signed_in):
    client = signed_in(ANALYSTS)
    assert client.get("/admin/results/export/results.csv").status_code == 404
    assert client.get("/admin/results/export/responses.csv?cycle=nonsense").status_code == 404


def test_the_language_of_care_report_export_is_made_safe(client, site_content, make_staff):
    from cms.models import StandardPage

    site_content.add_child(
        instance=StandardPage(title="=HYPERLINK(contact)", slug="formula", introduction="contact")
    )
    client.force_login(make_staff(superuser=True))
    response = client.get("/admin/reports/language-of-care/?export=csv")
    body = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK(contact)" in body
    assert "\n=HYPERLINK" not in body and ",=HYPERLINK" not in body
