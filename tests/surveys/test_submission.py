"""The submission service: one transaction, one response per submission id, every bad input
refused with a message and nothing stored."""

import datetime
import uuid

import pytest

from surveys.codes import hash_invitation_token
from surveys.models import Answer, AnsweredWith, CarerRole, Draft, Invitation, Response
from surveys.services import (
    AnswersRefused,
    InvitationAlreadyUsed,
    InvitationNeeded,
    SurveyNotOpen,
    submit_response,
)

pytestmark = pytest.mark.django_db

GOOD_ANSWERS = {
    "listened-to": ["happy"],
    "know-advocate": ["yes"],
    "feel-safe": ["agree"],
    "has-brothers-sisters": ["yes"],
    "see-brothers-sisters": ["not-often-enough"],
    "keep-in-touch": ["phone", "video"],
    "understand-plan": ["7"],
    "one-word": [],
    "anything-else": ["I would like more time with my <b>sister</b>."],
}


def _submit(survey, answers=None, **kwargs):
    kwargs.setdefault("submission_id", uuid.uuid4())
    return submit_response(
        survey=survey, answers=GOOD_ANSWERS if answers is None else answers, **kwargs
    )


def _refused(survey, answers) -> AnswersRefused:
    with pytest.raises(AnswersRefused) as caught:
        _submit(survey, answers)
    assert not Response.objects.exists()
    assert not Answer.objects.exists()
    return caught.value


def test_a_response_stores_one_row_per_value(survey):
    submission = _submit(survey, answered_with=AnsweredWith.TRUSTED_ADULT)
    assert submission.created
    rows = set(
        Answer.objects.filter(response=submission.response).values_list(
            "question_key", "choice", "number", "text"
        )
    )
    assert rows == {
        ("listened-to", "happy", 4, ""),
        ("know-advocate", "yes", None, ""),
        ("feel-safe", "agree", 4, ""),
        ("has-brothers-sisters", "yes", None, ""),
        ("see-brothers-sisters", "not-often-enough", None, ""),
        ("keep-in-touch", "phone", None, ""),
        ("keep-in-touch", "video", None, ""),
        ("understand-plan", "7", 7, ""),
        ("anything-else", "", None, "I would like more time with my <b>sister</b>."),
    }


def test_a_response_records_nothing_that_identifies_anyone(survey):
    response = _submit(survey, answered_with=AnsweredWith.ON_MY_OWN).response
    fields = {field.name for field in Response._meta.concrete_fields}
    assert fields == {
        "id",
        "survey",
        "cycle",
        "audience",
        "age_band",
        "theme",
        "role",
        "answered_with",
        "submitted_on",
        "submission_id",
        "demo",  # True only for the demo command's made-up answers
    }
    assert type(response.submitted_on) is datetime.date
    assert response.demo is False
    assert (response.audience, response.age_band, response.theme) == (
        "young_people",
        "12-18",
        "voice",
    )
    assert response.cycle == survey.cycle
    assert response.answered_with == "on_my_own"


def test_the_same_submission_twice_stores_one_response(survey):
    submission_id = uuid.uuid4()
    first = _submit(survey, submission_id=submission_id)
    second = _submit(survey, {"listened-to": ["unhappy"]}, submission_id=submission_id)
    assert not second.created
    assert second.response == first.response
    assert Response.objects.count() == 1
    assert Answer.objects.get(question_key="listened-to").choice == "happy"


def test_a_twin_request_racing_past_the_first_check_finds_the_first_response(survey, monkeypatch):
    submission_id = uuid.uuid4()
    first = _submit(survey, submission_id=submission_id)
    # As if both requests had checked for an earlier response before either had stored one.
    monkeypatch.setattr("surveys.services._earlier_submission", lambda submission_id: None)
    second = _submit(survey, submission_id=submission_id)
    assert not second.created and second.response == first.response
    assert Response.objects.count() == 1
    assert Answer.objects.filter(question_key="keep-in-touch").count() == 2


def test_the_same_submission_after_the_survey_closed_still_finds_its_response(survey):
    submission_id = uuid.uuid4()
    first = _submit(survey, submission_id=submission_id)
    survey.closes_on = survey.cycle.starts_on
    survey.save()
    assert _submit(survey, submission_id=submission_id).response == first.response


def test_a_failure_part_way_stores_nothing(survey, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Answer.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        _submit(survey)
    assert not Response.objects.exists()


def test_free_text_is_stored_exactly_as_typed_but_for_control_characters(survey):
    typed = '<script>alert("x")</script><p onclick="y">Hello &amp; bye</p>\x00\r\n'
    _submit(survey, {"anything-else": [typed]})
    assert Answer.objects.get().text == typed.replace("\x00", "").replace("\r\n", "\n")


def test_skipped_questions_store_no_rows(survey):
    response = _submit(survey, {}).response
    assert response.answers.count() == 0


@pytest.mark.parametrize(
    ("answers", "key", "message"),
    [
        ({"listened-to": ["ecstatic"]}, "listened-to", "Choose one of the answers shown."),
        ({"listened-to": ["happy", "okay"]}, "listened-to", "Choose only one answer."),
        ({"understand-plan": ["11"]}, "understand-plan", "Choose a number from 0 to 10"),
        ({"understand-plan": ["-1"]}, "understand-plan", "Choose a number from 0 to 10"),
        ({"understand-plan": ["seven"]}, "understand-plan", "Choose a number from 0 to 10"),
        ({"keep-in-touch": ["phone", "phone"]}, "keep-in-touch", "Choose each answer only once."),
        (
            {"keep-in-touch": ["phone", "rather-not-say"]},
            "keep-in-touch",
            "Choose “I’d rather not say” on its own",
        ),
        ({"anything-else": ["x" * 5001]}, "anything-else", "5,001 characters. Shorten it by 1 "),
        ({"anything-else": ["x" * 30000]}, "anything-else", "Shorten it by 25,000 characters."),
        ({"one-word": ["x" * 501]}, "one-word", "501 characters. Shorten it by 1 character."),
        ({"anything-else": ["one", "two"]}, "anything-else", "Write one answer."),
        (
            {"has-brothers-sisters": ["no"], "see-brothers-sisters": ["as-often-as-i-want"]},
            "see-brothers-sisters",
            "only for people who answered “Yes” to “Do you have brothers or sisters?”",
        ),
        (
            {"see-brothers-sisters": ["as-often-as-i-want"]},
            "see-brothers-sisters",
            "only for people who answered “Yes”",
        ),
    ],
)
def test_a_bad_answer_is_refused_with_a_message_beside_it(survey, answers, key, message):
    refused = _refused(survey, answers)
    assert message in refused.checked.errors[key]
    assert list(refused.checked.errors) == [key]


def test_text_just_within_the_limit_is_taken(survey):
    _submit(survey, {"anything-else": ["x" * 5000]})
    assert len(Answer.objects.get().text) == 5000


def test_a_tampered_question_key_is_refused(survey):
    refused = _refused(survey, {"listened-to": ["happy"], "what-is-your-name": ["Sam"]})
    assert refused.checked.general_errors == [
        "Something in this form was not one of our questions, so nothing was saved. "
        "Please check your answers and send them again."
    ]


def test_a_required_question_must_be_answered(survey):
    survey.questions[2].value["required"] = True
    survey.save()
    survey.refresh_from_db()
    refused = _refused(survey, {"listened-to": ["happy"]})
    assert refused.checked.errors == {"know-advocate": "Choose an answer."}


def test_an_unknown_helper_answer_is_refused(survey):
    with pytest.raises(AnswersRefused):
        _submit(survey, answered_with="my-mum")
    assert not Response.objects.exists()


def test_a_closed_survey_takes_no_answers(survey):
    survey.closes_on = survey.cycle.starts_on
    survey.save()
    with pytest.raises(SurveyNotOpen) as caught:
        _submit(survey)
    assert caught.value.message == "This survey is closed, so we cannot take answers to it now."
    assert not Response.objects.exists()


def test_a_survey_that_has_not_opened_takes_no_answers(survey):
    survey.opens_on = survey.cycle.ends_on
    survey.save()
    with pytest.raises(SurveyNotOpen):
        _submit(survey)


def test_an_unpublished_survey_takes_no_answers(survey):
    survey.unpublish()
    survey.refresh_from_db()
    with pytest.raises(SurveyNotOpen):
        _submit(survey)
    assert not Response.objects.exists()


@pytest.fixture
def carers_survey(survey):
    survey.requires_invitation = True
    survey.save()
    return survey


def _invitation(survey, label=CarerRole.KINSHIP, token="a-token"):
    return Invitation.objects.create(
        survey=survey, cycle=survey.cycle, token_hash=hash_invitation_token(token), label=label
    )


def test_a_survey_by_invitation_needs_one(carers_survey):
    with pytest.raises(InvitationNeeded):
        _submit(carers_survey)
    assert not Response.objects.exists()


def test_an_invitation_is_used_once_and_its_label_kept(carers_survey):
    invitation = _invitation(carers_survey)
    response = _submit(carers_survey, invitation=invitation).response
    invitation.refresh_from_db()
    assert invitation.used
    assert response.role == "kinship"
    with pytest.raises(InvitationAlreadyUsed) as caught:
        _submit(carers_survey, invitation=invitation)
    assert "already been used" in caught.value.message
    assert Response.objects.count() == 1


def test_an_invitation_for_another_survey_is_refused(carers_survey, survey_index):
    from tests.surveys.factories import SurveyPageFactory

    other = SurveyPageFactory(parent=survey_index, cycle=carers_survey.cycle)
    with pytest.raises(InvitationNeeded):
        _submit(carers_survey, invitation=_invitation(other))
    assert not Response.objects.exists()


def test_sending_the_answers_deletes_the_draft(survey):
    draft = Draft.objects.create(survey=survey, answers={"listened-to": ["happy"]})
    _submit(survey, submission_id=draft.submission_id)
    assert not Draft.objects.exists()
