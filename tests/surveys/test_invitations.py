"""Invitations for the carers' evaluation: made in batches as a CSV, stored hashed, used once."""

import csv
import io
import re

import pytest

from django.test import Client

from accounts import roles
from surveys.codes import hash_invitation_token
from surveys.models import Invitation, Response
from surveys.services import make_invitations
from tests.surveys.helpers import current_draft

pytestmark = pytest.mark.django_db


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def _link(survey, token):
    return f"{survey.url}invitation/{token}/"


def _make_csv(client, survey, count=3, label="foster"):
    response = client.post(
        "/admin/surveys/invitations/new/",
        {"survey": survey.pk, "cycle": survey.cycle.pk, "count": count, "label": label},
    )
    assert response.status_code == 200, response.content.decode()[:1000]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="invitations-')
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_a_survey_manager_downloads_invitation_links_as_a_csv(staff_client, carers_survey):
    client = staff_client(roles.SURVEY_MANAGERS)
    rows = _make_csv(client, carers_survey)
    assert [row["number"] for row in rows] == ["1", "2", "3"]
    assert {row["label"] for row in rows} == {"Foster carer"}
    assert {row["cycle"] for row in rows} == {"2026–27"}
    tokens = []
    for row in rows:
        match = re.fullmatch(
            r"http://testserver/surveys/your-voice-12-18/invitation/([\w-]{32})/", row["link"]
        )
        assert match, row["link"]
        tokens.append(match.group(1))
    # Only hashes are kept: no token appears anywhere in the invitations table.
    stored = str(list(Invitation.objects.values()))
    assert not any(token in stored for token in tokens)
    assert {i.token_hash for i in Invitation.objects.all()} == {
        hash_invitation_token(token) for token in tokens
    }


def test_the_csv_form_refuses_a_cycle_the_survey_is_not_in(staff_client, carers_survey):
    from tests.surveys.factories import CycleFactory

    other = CycleFactory(name="2025–26")
    client = staff_client(roles.SURVEY_MANAGERS)
    response = client.post(
        "/admin/surveys/invitations/new/",
        {"survey": carers_survey.pk, "cycle": other.pk, "count": 2, "label": ""},
    )
    assert response.status_code == 200
    assert "is answered in the 2026–27 cycle just now" in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("count", [0, 1001])
def test_the_csv_form_refuses_too_few_or_too_many(staff_client, carers_survey, count):
    client = staff_client(roles.SURVEY_MANAGERS)
    response = client.post(
        "/admin/surveys/invitations/new/",
        {"survey": carers_survey.pk, "cycle": carers_survey.cycle.pk, "count": count},
    )
    assert response["Content-Type"].startswith("text/html")
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("role", [roles.ANALYSTS, roles.SAFEGUARDING_LEADS, roles.EDITORS])
def test_only_survey_managers_make_invitations(staff_client, carers_survey, role):
    from django.contrib.auth.models import Group

    Group.objects.get_or_create(name=role)
    client = staff_client(role)
    response = client.post(
        "/admin/surveys/invitations/new/",
        {"survey": carers_survey.pk, "cycle": carers_survey.cycle.pk, "count": 2},
    )
    assert response.status_code in (302, 403)
    assert not Invitation.objects.exists()


def test_making_invitations_is_in_the_audit_log(staff_client, carers_survey):
    from accounts.models import StaffEvent

    _make_csv(staff_client(roles.SURVEY_MANAGERS), carers_survey, count=2)
    # The staff audit log, the one record of what staff do with people's data.
    entry = StaffEvent.objects.get(action="invitations.made")
    assert f"“{carers_survey.title}”" in entry.description
    assert entry.description.startswith("Made 2 invitation links")
    assert entry.user.groups.filter(name=roles.SURVEY_MANAGERS).exists()


def test_a_carer_opens_the_link_answers_and_the_link_is_used_up(client, carers_survey):
    (new,) = make_invitations(
        survey=carers_survey, cycle=carers_survey.cycle, count=1, label="kinship"
    )
    response = client.get(_link(carers_survey, new.token))
    assert response["Location"] == carers_survey.url  # the token leaves the address bar
    html = _main(client.get(carers_survey.url))
    assert "You need your invitation link" not in html and "Start now" in html
    assert 'href="/privacy/"' in html
    client.post(carers_survey.url, {"action": "start"})
    draft = current_draft(client, carers_survey)
    assert draft.invitation == new.invitation
    response = client.post(
        f"{carers_survey.url}answers/",
        {"action": "send", "submission_id": str(draft.submission_id), "q-feel-safe": "agree"},
    )
    assert response["Location"] == f"{carers_survey.url}thank-you/"
    assert Response.objects.get().role == "kinship"
    new.invitation.refresh_from_db()
    assert new.invitation.used

    again = Client().get(_link(carers_survey, new.token))
    html = _main(again)
    assert "This invitation has already been used" in html
    assert "Thank you for taking part." in html


def test_without_an_invitation_the_survey_says_how_to_get_in(client, carers_survey):
    html = _main(client.get(carers_survey.url))
    assert "You need your invitation link" in html
    assert "Start now" not in html and 'href="/surveys/resume/"' in html
    response = client.post(carers_survey.url, {"action": "start"})
    assert "You need your invitation link" in _main(response)
    assert "survey_drafts" not in client.session


def test_a_made_up_link_does_not_work_and_says_what_to_do(client, carers_survey):
    response = client.get(_link(carers_survey, "made-up-token"))
    assert response.status_code == 404
    assert "This invitation link does not work" in _main(response)


def test_a_link_from_an_earlier_year_says_the_survey_closed(client, carers_survey):
    from tests.surveys.factories import CycleFactory

    (new,) = make_invitations(survey=carers_survey, cycle=CycleFactory(name="2025–26"), count=1)
    assert "is closed" in _main(client.get(_link(carers_survey, new.token)))


def test_guessing_links_is_rate_limited(client, carers_survey, settings):
    settings.SURVEY_RATE_LIMITS = {**settings.SURVEY_RATE_LIMITS, "invitation": (2, 600)}
    for _ in range(2):
        assert client.get(_link(carers_survey, "guess")).status_code == 404
    assert client.get(_link(carers_survey, "guess")).status_code == 429


def test_two_drafts_from_one_invitation_send_once(carers_survey):
    (new,) = make_invitations(survey=carers_survey, cycle=carers_survey.cycle, count=1)
    phone, laptop = Client(), Client()
    for device in (phone, laptop):
        device.get(_link(carers_survey, new.token))
        device.post(carers_survey.url, {"action": "start"})
    for device in (phone, laptop):
        draft = current_draft(device, carers_survey)
        response = device.post(
            f"{carers_survey.url}answers/",
            {"action": "send", "submission_id": str(draft.submission_id), "q-feel-safe": "agree"},
        )
    assert "This invitation has already been used" in _main(response)
    assert Response.objects.count() == 1


def test_the_invitation_list_shows_who_has_answered_without_saying_who(staff_client, carers_survey):
    make_invitations(survey=carers_survey, cycle=carers_survey.cycle, count=2, label="adopter")
    html = staff_client(roles.SURVEY_MANAGERS).get("/admin/surveys/invitations/").content.decode()
    assert "Adoptive parent" in html
    assert "Make invitation links" in html
