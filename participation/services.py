"""Changes in the feedback loop. Keyword-only; each runs in one transaction and says what it
promises."""

import datetime
from pathlib import Path

from django.db import transaction

from accounts.audit import record_staff_event
from cms.models import ActionCode
from participation.models import FeedbackEntry, Indicator
from surveys.models import Answer, Audience, Theme

INDICATORS_FILE = Path(__file__).resolve().parent / "data" / "indicators.yaml"

ENTRY_FROM_ANSWER_TITLE = "New entry from a typed answer: give it a short title"


@transaction.atomic
def start_entry_from_answer(*, answer: Answer, user) -> FeedbackEntry:
    """A draft “you said, we did” entry holding one typed answer, for a person to shorten and
    take anything identifying out of before it goes for review.

    The draft is not live and has one revision by `user`; it records the survey, cycle and
    question the answer came from, never the response. Using the answer is written to the staff
    audit log (which answer is not: the log must not lead back to it).
    """
    response = answer.response
    entry = FeedbackEntry(
        title=ENTRY_FROM_ANSWER_TITLE,
        what_you_said=answer.text,
        what_we_did="",
        audience=response.audience,
        source_survey_id=response.survey_id,
        source_cycle_id=response.cycle_id,
        source_question_key=answer.question_key,
        live=False,
    )
    entry.save()
    entry.save_revision(user=user, log_action=True)
    record_staff_event(
        action="results.typed-answer-used",
        description=f"Started a “you said, we did” draft from a typed answer to "
        f"“{answer.question_key}” ({response.cycle.name}).",
        user=user,
    )
    return entry


def record_export(*, user, what: str, rows: int | None = None) -> None:
    """Write a download of results or responses to the staff audit log: who, when, what."""
    counted = f" ({rows:,} rows)" if rows is not None else ""
    record_staff_event(
        action="results.export", description=f"Downloaded {what}{counted}.", user=user
    )


@transaction.atomic
def load_indicators(*, data: list[dict]) -> list[Indicator]:
    """Make the indicators in `data` (from participation/data/indicators.yaml) that are missing,
    matched by action code and name; safe to run again. One already there is left as it is,
    with any correction made in the admin."""
    codes = {code.code: code for code in ActionCode.objects.all()}
    loaded = []
    for order, row in enumerate(data):
        code = codes.get(row["action_code"])
        if code is None:
            raise LookupError(f"No action code {row['action_code']}: load the plan first")
        if row["theme"] not in Theme.values or row.get("audience", "") not in ["", *Audience]:
            raise ValueError(f"Unknown theme or audience in indicator {row['name']!r}")
        target_date = row.get("target_date")
        if isinstance(target_date, str):
            target_date = datetime.date.fromisoformat(target_date)
        indicator, _ = Indicator.objects.get_or_create(
            action_code=code,
            name=row["name"],
            defaults={
                "statement": row["statement"],
                "theme": row["theme"],
                "audience": row.get("audience", ""),
                "question_key": row["question_key"],
                "positive_answers": ", ".join(row["positive_answers"]),
                "direction": row.get("direction", "increase"),
                "target_percentage": row.get("target_percentage"),
                "target_date": target_date,
                "order": order,
            },
        )
        loaded.append(indicator)
    return loaded
