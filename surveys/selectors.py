"""Reads of survey data, for the pages and the admin. Keyword-only; nothing here writes."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from surveys.codes import (
    hash_invitation_token,
    hash_resume_code,
    normalise_receipt_code,
    normalise_resume_code,
)
from surveys.models import Audience, Draft, Invitation, ReceiptCode, SurveyIndexPage, SurveyPage


@dataclass(frozen=True)
class AudienceSurveys:
    audience: str
    heading: str
    surveys: list[SurveyPage]


AUDIENCE_HEADINGS = {
    Audience.YOUNG_PEOPLE: "For children and young people",
    Audience.FAMILIES: "For families",
    Audience.CARERS: "For foster, kinship and adoptive carers",
    Audience.STAFF: "For staff",
}


def open_surveys_by_audience(
    *, index_page: SurveyIndexPage, today: datetime.date | None = None
) -> list[AudienceSurveys]:
    """The open surveys under `index_page`, in tree order, grouped by who they are for."""
    today = today or timezone.localdate()
    surveys = [
        survey
        for survey in SurveyPage.objects.child_of(index_page).live().select_related("cycle")
        if survey.is_open(today)
    ]
    return [
        AudienceSurveys(audience, heading, [s for s in surveys if s.audience == audience])
        for audience, heading in AUDIENCE_HEADINGS.items()
        if any(s.audience == audience for s in surveys)
    ]


def draft_for_resume_code(*, typed: str) -> Draft | None:
    """The draft a typed resume code belongs to, expired or not; None if it belongs to none."""
    code = normalise_resume_code(typed)
    if code is None:
        return None
    return (
        Draft.objects.select_related("invitation")
        .filter(resume_code_hash=hash_resume_code(code))
        .first()
    )


def invitation_for_token(*, survey: SurveyPage, token: str) -> Invitation | None:
    return Invitation.objects.filter(survey=survey, token_hash=hash_invitation_token(token)).first()


def receipt_for_code(*, typed: str) -> ReceiptCode | None:
    """The survey and cycle a typed receipt code names (any case, spaces), or None."""
    code = normalise_receipt_code(typed)
    if code is None:
        return None
    return ReceiptCode.objects.select_related("survey", "cycle").filter(code=code).first()
