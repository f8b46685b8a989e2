"""The survey engine's data: pages and questions, cycles, invitations, drafts, responses and
answers, and the safeguarding list and flags."""

from surveys.models.choices import AgeBand, AnsweredWith, Audience, CarerRole, Layout, Theme
from surveys.models.pages import SurveyIndexPage, SurveyPage
from surveys.models.records import (
    Answer,
    Cycle,
    Draft,
    Invitation,
    ReceiptCode,
    Response,
    Tally,
)
from surveys.models.safeguarding import (
    FlagStatus,
    SafeguardingFlag,
    SafeguardingFlagEvent,
    SafeguardingTerm,
)

__all__ = [
    "AgeBand",
    "AnsweredWith",
    "Answer",
    "Audience",
    "CarerRole",
    "Cycle",
    "Draft",
    "FlagStatus",
    "Invitation",
    "Layout",
    "ReceiptCode",
    "Response",
    "SafeguardingFlag",
    "SafeguardingFlagEvent",
    "SafeguardingTerm",
    "SurveyIndexPage",
    "SurveyPage",
    "Tally",
    "Theme",
]
