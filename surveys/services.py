"""Changes to survey data. Each function is keyword-only, runs in one transaction, and says in its
docstring what it promises. Views call these; nothing else writes responses."""

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from surveys.answers import CheckedAnswers, check_answers
from surveys.models import Answer, AnsweredWith, Draft, Invitation, Response, SurveyPage
from surveys.questions import Question


class SubmissionRefused(Exception):
    """The answers were not stored; `message` says why, in words for the person answering."""

    message = "We could not save your answers. Please try again."

    def __init__(self, message: str | None = None):
        super().__init__(message or self.message)
        if message:
            self.message = message


class SurveyNotOpen(SubmissionRefused):
    message = "This survey is closed, so we cannot take answers to it now."


class InvitationNeeded(SubmissionRefused):
    message = (
        "This survey is by invitation. Please use the link in the letter or email you were sent."
    )


class InvitationAlreadyUsed(SubmissionRefused):
    message = (
        "This invitation has already been used to send answers, so it cannot be used again. "
        "Thank you for taking part."
    )


class AnswersRefused(SubmissionRefused):
    message = "Some answers need changing before they can be sent."

    def __init__(self, checked: CheckedAnswers):
        super().__init__()
        self.checked = checked


@dataclass(frozen=True)
class Submission:
    response: Response
    # False when the submission id had already been used: the earlier response is returned.
    created: bool


@transaction.atomic
def submit_response(
    *,
    survey: SurveyPage,
    answers: Mapping[str, Sequence[str]],
    submission_id: uuid.UUID,
    answered_with: str = AnsweredWith.NOT_ASKED,
    invitation: Invitation | None = None,
) -> Submission:
    """Store one response and one Answer row per value, or nothing at all.

    A submission id that was used before returns the response it made, unchanged: a repeated
    POST stores nothing new. Refused with `SubmissionRefused` (and nothing stored) when the survey
    is not open, needs an invitation that is missing, used or for another survey, or when any
    answer fails `surveys.answers.check_answers`. Typed text is stored as plain text. The
    response records the day it was sent, never the time, and nothing about who sent it; its
    invitation is marked used and its draft deleted.
    """
    existing = _earlier_submission(submission_id)
    if existing is not None:
        return Submission(existing, created=False)
    if not survey.is_open():
        raise SurveyNotOpen()
    if answered_with not in AnsweredWith.values:
        raise AnswersRefused(
            CheckedAnswers(general_errors=["Tell us whether someone helped you, or skip it."])
        )
    invitation = _usable_invitation(survey, invitation)
    checked = check_answers(questions=survey.question_list, answers=answers)
    if not checked.is_valid:
        raise AnswersRefused(checked)

    try:
        # A savepoint, so that a concurrent twin of this request loses quietly.
        with transaction.atomic():
            response = Response.objects.create(
                survey=survey,
                cycle_id=survey.cycle_id,
                audience=survey.audience,
                age_band=survey.age_band,
                theme=survey.theme,
                role=invitation.label if invitation else "",
                answered_with=answered_with,
                submitted_on=timezone.localdate(),
                submission_id=submission_id,
            )
    except IntegrityError:
        return Submission(Response.objects.get(submission_id=submission_id), created=False)

    Answer.objects.bulk_create(_answer_rows(response, survey.question_list, checked.answers))
    if invitation is not None:
        invitation.used = True
        invitation.save(update_fields=["used"])
    Draft.objects.filter(submission_id=submission_id).delete()
    return Submission(response, created=True)


def _earlier_submission(submission_id: uuid.UUID) -> Response | None:
    return Response.objects.filter(submission_id=submission_id).first()


def _usable_invitation(survey: SurveyPage, invitation: Invitation | None) -> Invitation | None:
    if invitation is None:
        if survey.requires_invitation:
            raise InvitationNeeded()
        return None
    # Lock it, so that two drafts from one invitation cannot both be sent.
    invitation = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if invitation is None or invitation.survey_id != survey.pk:
        raise InvitationNeeded()
    if invitation.cycle_id != survey.cycle_id:
        raise SurveyNotOpen("This invitation was for an earlier year’s survey, which has closed.")
    if invitation.used:
        raise InvitationAlreadyUsed()
    return invitation


def _answer_rows(
    response: Response, questions: Sequence[Question], answers: Mapping[str, Sequence[str]]
) -> list[Answer]:
    rows = []
    for question in questions:
        for value in answers.get(question.key, ()):
            if question.is_text:
                rows.append(Answer(response=response, question_key=question.key, text=value))
                continue
            choice = question.choice_by_value[value]
            rows.append(
                Answer(
                    response=response,
                    question_key=question.key,
                    choice=choice.value,
                    number=choice.score,
                )
            )
    return rows
