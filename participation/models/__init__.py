"""The feedback loop's data and pages."""

from participation.models.entries import (
    AUDIENCE_NOUNS,
    STATUS_MEANINGS,
    Direction,
    EntryStatus,
    FeedbackEntry,
    FeedbackUpdate,
    Indicator,
)
from participation.models.pages import FeedbackLoopPage, ResultsSummaryPage

__all__ = [
    "AUDIENCE_NOUNS",
    "STATUS_MEANINGS",
    "Direction",
    "EntryStatus",
    "FeedbackEntry",
    "FeedbackLoopPage",
    "FeedbackUpdate",
    "Indicator",
    "ResultsSummaryPage",
]
