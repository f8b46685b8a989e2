"""Survey managers build surveys in the page editor; it refuses broken keys and conditions."""

import pytest

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from accounts import roles
from surveys.models import Audience, SafeguardingTerm, SurveyPage

pytestmark = pytest.mark.django_db


def _yes_no(key, text, condition=("", "")):
    return (
        "yes_no",
        {
            "key": key,
            "text": text,
            "hint": "",
            "condition": {"question_key": condition[0], "answer": condition[1]},
            "indicator_tags": "",
        },
    )


def _edit_form(cycle, questions):
    return nested_form_data(
        {
            "title": "Your voice (8 to 11)",
            "slug": "your-voice-8-11",
            "audience": "young_people",
            "age_band": "8-11",
            "theme": "voice",
            "layout": "one_question_per_page",
            "cycle": cycle.pk,
            "opens_on": "",
            "closes_on": "",
            "asks_who_is_helping": "on",
            "introduction": rich_text("<p>Tell us how things are.</p>"),
            "confidentiality": rich_text("<p>We do not ask your name.</p>"),
            "thank_you": rich_text("<p>Thank you.</p>"),
            "questions": streamfield(questions),
        }
    )


@pytest.fixture
def admin_client(client, make_staff, home_page):
    admin = make_staff(superuser=True, email="admin@example.com")
    client.force_login(admin)
    return client


def test_the_page_editor_refuses_a_survey_whose_keys_repeat(admin_client, survey_index, cycle):
    response = admin_client.post(
        f"/admin/pages/add/surveys/surveypage/{survey_index.pk}/",
        _edit_form(cycle, [_yes_no("know-advocate", "A?"), _yes_no("know-advocate", "B?")]),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The page could not be created due to validation errors" in html
    assert "already has the key" in html
    assert not SurveyPage.objects.exists()


def test_the_page_editor_refuses_a_condition_on_a_later_question(admin_client, survey_index, cycle):
    questions = [
        _yes_no("know-advocate", "A?", condition=("has-advocate", "yes")),
        _yes_no("has-advocate", "B?"),
    ]
    response = admin_client.post(
        f"/admin/pages/add/surveys/surveypage/{survey_index.pk}/", _edit_form(cycle, questions)
    )
    assert "comes after this one" in response.content.decode()
    assert not SurveyPage.objects.exists()


def test_the_page_editor_saves_a_good_survey(admin_client, survey_index, cycle):
    questions = [
        _yes_no("has-advocate", "Do you have an advocate?"),
        _yes_no("know-advocate", "Do you know how to ask?", condition=("has-advocate", "no")),
    ]
    response = admin_client.post(
        f"/admin/pages/add/surveys/surveypage/{survey_index.pk}/", _edit_form(cycle, questions)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    survey = SurveyPage.objects.get()
    assert [q.key for q in survey.question_list] == ["has-advocate", "know-advocate"]
    assert survey.question_list[1].condition.value == "no"


def test_only_young_peoples_surveys_have_an_age_band(survey):
    survey.audience = Audience.STAFF
    with pytest.raises(ValidationError) as caught:
        survey.full_clean()
    assert "age_band" in caught.value.message_dict


def test_a_survey_closes_after_it_opens_and_within_its_cycle(survey):
    survey.opens_on = survey.cycle.starts_on.replace(day=10)
    survey.closes_on = survey.cycle.starts_on.replace(day=5)
    with pytest.raises(ValidationError) as caught:
        survey.full_clean()
    assert "closes_on" in caught.value.message_dict
    survey.opens_on = None
    survey.closes_on = survey.cycle.ends_on.replace(year=survey.cycle.ends_on.year + 1)
    with pytest.raises(ValidationError) as caught:
        survey.full_clean()
    assert "end of its cycle" in caught.value.message_dict["closes_on"][0]


def test_a_survey_is_open_only_when_live_inside_its_dates_and_cycle(survey):
    cycle = survey.cycle
    assert survey.is_open(cycle.starts_on)
    assert not survey.is_open(cycle.ends_on.replace(year=cycle.ends_on.year + 1))
    survey.closes_on = cycle.starts_on
    assert not survey.is_open(cycle.ends_on)
    survey.closes_on = None
    survey.live = False
    assert not survey.is_open(cycle.starts_on)


def test_privacy_notice_depends_on_who_the_survey_is_for(survey):
    assert survey.privacy_notice_url == "/privacy/young-people/"
    survey.audience = Audience.CARERS
    assert survey.privacy_notice_url == "/privacy/"


@pytest.mark.parametrize(
    ("role", "granted", "refused"),
    [
        (
            roles.SURVEY_MANAGERS,
            {"add_cycle", "change_cycle", "add_invitation", "view_invitation"},
            # Seeing responses would need 2-step verification, which this role does not have.
            {"view_safeguardingflag", "change_safeguardingflag", "view_answer", "view_response"},
        ),
        (
            roles.ANALYSTS,
            {"view_response", "view_answer", "view_cycle"},
            {"view_safeguardingflag", "add_invitation"},
        ),
        (
            roles.SAFEGUARDING_LEADS,
            {"view_safeguardingflag", "change_safeguardingflag", "change_safeguardingterm"},
            {"view_answer", "add_invitation", "delete_safeguardingflag"},
        ),
        (
            roles.ADMINISTRATORS,
            {"change_cycle", "delete_invitation", "change_safeguardingterm"},
            {"view_safeguardingflag", "change_safeguardingflag"},
        ),
    ],
)
def test_the_staff_roles_have_the_survey_permissions_they_need(role, granted, refused):
    group = Group.objects.get(name=role)
    codenames = set(
        group.permissions.filter(content_type__app_label="surveys").values_list(
            "codename", flat=True
        )
    )
    assert granted <= codenames
    assert not refused & codenames
    assert group.permissions.filter(codename="access_admin").exists()


def test_the_safeguarding_list_starts_with_sensible_words():
    phrases = set(SafeguardingTerm.objects.values_list("phrase", flat=True))
    assert {"not safe", "hurt me", "self-harm", "kill myself", "scared to go home"} <= phrases


@pytest.mark.parametrize(
    ("mode", "expected"),
    [("", "Start now"), ("questions", "How do you feel about how much adults listen to you?")],
)
def test_survey_managers_preview_the_start_page_and_every_question(rf, survey, mode, expected):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore

    request = rf.get("/")
    request.user = AnonymousUser()
    request.session = SessionStore()
    response = survey.serve_preview(request, mode)
    response.render()
    html = response.content.decode()
    assert expected in html
    assert "disabled" in html


def test_a_survey_with_responses_cannot_be_deleted(staff_client, survey, survey_index):
    import uuid

    from surveys.services import submit_response

    submit_response(survey=survey, answers={"listened-to": ["happy"]}, submission_id=uuid.uuid4())
    client = staff_client(None)
    for page in (survey, survey_index):
        response = client.post(f"/admin/pages/{page.pk}/delete/", follow=True)
        assert "cannot be deleted" in response.content.decode()
    assert SurveyPage.objects.filter(pk=survey.pk).exists()
    response = client.post(
        f"/admin/bulk/wagtailcore/page/delete/?id={survey.pk}&next=/admin/pages/", follow=True
    )
    # Refused by our hook, or by Wagtail itself once its reference index knows of the responses.
    html = response.content.decode()
    assert "cannot be deleted" in html or "you do not have permission" in html
    assert SurveyPage.objects.filter(pk=survey.pk).exists()


def test_a_survey_without_responses_can_be_deleted(staff_client, survey):
    response = staff_client(None).post(f"/admin/pages/{survey.pk}/delete/")
    assert response.status_code == 302
    assert not SurveyPage.objects.filter(pk=survey.pk).exists()
