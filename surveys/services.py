"""Changes to survey data. Each function is keyword-only, runs in one transaction, and says in its
docstring what it promises. Views call these; nothing else writes responses."""

import datetime
import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Sum
from django.utils import timezone

from accounts.audit import expired_staff_events, record_staff_event
from cms.sanitising import clean_typed_text
from surveys.answers import CheckedAnswers, check_answers
from surveys.codes import (
    hash_invitation_token,
    hash_resume_code,
    new_invitation_token,
    new_receipt_code,
    new_resume_code,
    submission_key,
)
from surveys.models import (
    Answer,
    AnsweredWith,
    CarerRole,
    Cycle,
    Draft,
    FlagStatus,
    Invitation,
    ReceiptCode,
    Response,
    SafeguardingFlag,
    SafeguardingFlagEvent,
    SafeguardingTerm,
    SurveyPage,
    Tally,
)
from surveys.questions import Question, shown_questions
from surveys.safeguarding import matching_phrases

logger = logging.getLogger(__name__)


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
    answer fails `surveys.answers.check_answers`. Typed text is stored as typed. The
    response records the day it was sent, never the time, and nothing about who sent it (of the
    submission id, only a keyed hash: see `surveys.codes.submission_key`); its invitation is
    marked used and its draft deleted. A typed answer with words from the
    safeguarding list raises a flag, and the Safeguarding leads are emailed once it is stored.
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
                submission_id=submission_key(submission_id),
            )
    except IntegrityError:
        existing = Response.objects.get(submission_id=submission_key(submission_id))
        return Submission(existing, created=False)

    rows = Answer.objects.bulk_create(answer_rows(response, survey.question_list, checked.answers))
    add_to_tallies(responses=[(response, rows)])
    _flag_for_safeguarding(response, rows)
    if invitation is not None:
        invitation.used = True
        invitation.save(update_fields=["used"])
    Draft.objects.filter(submission_id=submission_id).delete()
    return Submission(response, created=True)


def _flag_for_safeguarding(response: Response, rows: Sequence[Answer]) -> None:
    typed = [row for row in rows if row.text]
    if not typed:
        return
    phrases = list(SafeguardingTerm.objects.filter(active=True).values_list("phrase", flat=True))
    for row in typed:
        found = matching_phrases(row.text, phrases)
        if not found:
            continue
        # Every new flag is emailed to the Safeguarding leads once stored (surveys.tasks).
        SafeguardingFlag.objects.create(
            response=response, question_key=row.question_key, matched_terms=", ".join(found)[:500]
        )


def _earlier_submission(submission_id: uuid.UUID) -> Response | None:
    return Response.objects.filter(submission_id=submission_key(submission_id)).first()


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


def answer_rows(
    response: Response, questions: Sequence[Question], answers: Mapping[str, Sequence[str]]
) -> list[Answer]:
    """One unsaved Answer row per value of checked `answers`: the text of a typed answer, or a
    choice with its score."""
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


# Drafts: progress kept on the server between pages, and found again by a resume code.


@transaction.atomic
def start_draft(
    *,
    survey: SurveyPage,
    answered_with: str = AnsweredWith.NOT_ASKED,
    invitation: Invitation | None = None,
) -> Draft:
    """A new, empty draft for `survey`, with its own submission id. `answered_with` must be one
    of `AnsweredWith` (a bad value is stored as not asked: it is only ever a radio button)."""
    if answered_with not in AnsweredWith.values:
        answered_with = AnsweredWith.NOT_ASKED
    return Draft.objects.create(survey=survey, answered_with=answered_with, invitation=invitation)


@transaction.atomic
def save_draft_answers(
    *,
    draft: Draft,
    answers: Mapping[str, Sequence[str]],
    last_question_key: str = "",
    replace: bool = False,
) -> Draft:
    """Keep checked `answers` in the draft: merged with those already there (one page at a time),
    or instead of them (`replace`, the one-page layout). Extends the draft's life."""
    merged = {} if replace else dict(draft.answers)
    merged.update({key: list(values) for key, values in answers.items()})
    draft.answers = merged
    if last_question_key:
        draft.last_question_key = last_question_key
    draft.save()
    return draft


@transaction.atomic
def save_for_later(*, draft: Draft) -> str:
    """Give the draft a new resume code and return it: the only time the code exists in full.

    Only its hash is stored; a code given to the draft before stops working.
    """
    for _ in range(5):
        code = new_resume_code()
        try:
            with transaction.atomic():
                draft.resume_code_hash = hash_resume_code(code)
                draft.save()
            return code
        except IntegrityError:  # another draft has this code: pick again
            continue
    raise RuntimeError("Could not find an unused resume code")


def pruned_draft_answers(*, survey: SurveyPage, draft: Draft) -> dict[str, list[str]]:
    """The draft's answers to questions that are still in the survey and still asked, given the
    other answers: a changed answer can make a later question no longer apply."""
    shown = shown_questions(survey.question_list, draft.answers)
    return {q.key: list(draft.answers[q.key]) for q in shown if q.key in draft.answers}


# Invitations for the surveys that need one.

MAX_INVITATIONS_AT_ONCE = 1000


@dataclass(frozen=True)
class NewInvitation:
    invitation: Invitation
    # The only copy of the token: it goes into the CSV and is never stored.
    token: str


@transaction.atomic
def make_invitations(
    *, survey: SurveyPage, cycle: Cycle, count: int, label: str = "", by=None
) -> list[NewInvitation]:
    """Make `count` single-use invitations to `survey` in `cycle`, each with a random token of
    which only a hash is stored. The tokens are returned once, for the CSV; they cannot be
    read back later. Made by a member of staff (`by`), they are written to the staff audit log:
    how many, for which survey and year, never a token."""
    if not 1 <= count <= MAX_INVITATIONS_AT_ONCE:
        raise ValueError(f"Make between 1 and {MAX_INVITATIONS_AT_ONCE} invitations at a time")
    if label not in CarerRole.values:
        raise ValueError(f"Unknown invitation label {label!r}")
    made = []
    for _ in range(count):
        token = new_invitation_token()
        invitation = Invitation.objects.create(
            survey=survey, cycle=cycle, label=label, token_hash=hash_invitation_token(token)
        )
        made.append(NewInvitation(invitation, token))
    if by is not None:
        kind = f", labelled {CarerRole(label).label.lower()}" if label else ""
        record_staff_event(
            action="invitations.made",
            description=f"Made {count} invitation links to “{survey.title}” ({cycle.name}){kind}.",
            user=by,
        )
    return made


# Safeguarding flags.


@transaction.atomic
def record_flag_status(
    *,
    flag: SafeguardingFlag,
    status: str,
    note: str = "",
    by,
    today: datetime.date | None = None,
) -> SafeguardingFlagEvent:
    """Move a flag to `status`, recording in its history who did it (None: the site itself, as
    retention does), the day (never the time: it would say when the child answered), and their
    note. Closing it starts its retention period; opening it again stops it.

    A member of staff's change is written to the staff audit log too, without the note and
    without saying which flag: with the time the log keeps, that could say when a child
    answered. The flag's own history says who moved it on, by the day."""
    if status not in FlagStatus.values:
        raise ValueError(f"Unknown flag status {status!r}")
    today = today or timezone.localdate()
    flag.status = status
    flag.handled_by = by
    flag.handled_on = today
    flag.closed_on = today if status == FlagStatus.CLOSED else None
    flag.save(update_fields=["status", "handled_by", "handled_on", "closed_on"])
    if by is not None:
        record_staff_event(
            action="safeguarding-flag.moved-on",
            description=f"Moved a flagged answer on to “{FlagStatus(status).label}”.",
            user=by,
        )
    return SafeguardingFlagEvent.objects.create(
        flag=flag, status=status, note=clean_typed_text(note), by=by, recorded_on=today
    )


# Retention: what is deleted, and when (the periods are settings).


@dataclass(frozen=True)
class RetentionReport:
    free_text_answers: int
    drafts: int
    invitations: int
    closed_flags: int
    # Still open when their typed answer's period ended: closed, never dropped.
    open_flags_closed: int = 0
    # Browser sessions past their end, which may still name a draft or an invitation.
    expired_sessions: int = 0
    # Lines of the staff audit log past STAFF_AUDIT_RETENTION_DAYS.
    staff_audit_events: int = 0

    def __str__(self):
        """The counts in a sentence, for the log and the command: never more than counts."""
        return (
            f"deleted {self.free_text_answers} typed answers, {self.drafts} drafts, "
            f"{self.invitations} invitations, {self.closed_flags} closed safeguarding flags, "
            f"{self.expired_sessions} expired sessions and {self.staff_audit_events} staff "
            f"audit events; closed {self.open_flags_closed} open safeguarding flags"
        )


def _delete(queryset) -> int:
    """Delete the queryset's rows; how many of its own model went (not what went with them)."""
    _, deleted = queryset.delete()
    return deleted.get(queryset.model._meta.label, 0)


@transaction.atomic
def apply_retention(*, now: datetime.datetime | None = None) -> RetentionReport:
    """Delete what has been kept long enough, and nothing else; log the counts only.

    - typed answers, `SURVEY_FREE_TEXT_RETENTION_DAYS` after their cycle ended (the rest of
      the response, with its chosen answers, stays for comparing years); a safeguarding flag
      on such an answer that is still open is closed, with the reason in its history, and kept
      like any closed flag: retention never drops an open flag;
    - drafts, after the last day their resume code works (`SURVEY_DRAFT_RETENTION_DAYS` after
      the day they were last saved);
    - invitations, used or not, `SURVEY_INVITATION_RETENTION_DAYS` after their cycle ended;
    - safeguarding flags, `SURVEY_CLOSED_FLAG_RETENTION_DAYS` after they were closed;
    - browser sessions once they have ended (Django's `clearsessions`): a respondent's may still
      name their draft and the invitation they opened;
    - the staff audit log's lines, `STAFF_AUDIT_RETENTION_DAYS` after they were written.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)

    def days(setting: str) -> datetime.timedelta:
        return datetime.timedelta(days=getattr(settings, setting))

    # Closed flags first, so that a flag this run closes starts its period from today.
    closed_flags = _delete(
        SafeguardingFlag.objects.filter(
            status=FlagStatus.CLOSED,
            closed_on__lte=today - days("SURVEY_CLOSED_FLAG_RETENTION_DAYS"),
        )
    )
    free_text_before = today - days("SURVEY_FREE_TEXT_RETENTION_DAYS")
    open_flags = SafeguardingFlag.objects.exclude(status=FlagStatus.CLOSED).filter(
        response__cycle__ends_on__lt=free_text_before
    )
    for flag in open_flags:
        record_flag_status(
            flag=flag,
            status=FlagStatus.CLOSED,
            note=(
                "Closed by the retention period: typed answers are deleted "
                f"{settings.SURVEY_FREE_TEXT_RETENTION_DAYS} days after their survey year ends, "
                "and this flag was still open. The answer has been deleted."
            ),
            by=None,
            today=today,
        )
    expired = {
        "free_text_answers": Answer.objects.exclude(text="").filter(
            response__cycle__ends_on__lt=free_text_before
        ),
        "drafts": Draft.objects.filter(saved_on__lt=today - days("SURVEY_DRAFT_RETENTION_DAYS")),
        "invitations": Invitation.objects.filter(
            cycle__ends_on__lt=today - days("SURVEY_INVITATION_RETENTION_DAYS")
        ),
        "expired_sessions": Session.objects.filter(expire_date__lt=now),
        "staff_audit_events": expired_staff_events(now=now),
    }
    report = RetentionReport(
        closed_flags=closed_flags,
        open_flags_closed=len(open_flags),
        **{name: _delete(queryset) for name, queryset in expired.items()},
    )
    logger.info("Retention applied: %s", report)
    return report


# Receipt codes: how the person who answered finds what came of it later.


@transaction.atomic
def receipt_code_for(*, survey: SurveyPage, cycle: Cycle) -> ReceiptCode:
    """The receipt code of `survey` in `cycle`, made the first time it is asked for.

    The same code for everyone who answered that survey in that cycle: it names the survey and
    the cycle, and nothing about who answered or what they said.
    """
    existing = ReceiptCode.objects.filter(survey=survey, cycle=cycle).first()
    if existing is not None:
        return existing
    for _ in range(5):
        try:
            with transaction.atomic():
                return ReceiptCode.objects.create(
                    survey=survey, cycle=cycle, code=new_receipt_code()
                )
        except IntegrityError:
            # Another request made this survey's code first, or the code is taken: look again.
            existing = ReceiptCode.objects.filter(survey=survey, cycle=cycle).first()
            if existing is not None:
                return existing
    raise RuntimeError("Could not find an unused receipt code")


# Tallies: the counts results are read from, kept as answers arrive (see surveys.models.Tally).

_GROUP = ("cycle_id", "theme", "audience", "age_band", "role")
_TALLY_KEY = (*_GROUP, "question_key", "choice")
_TALLY_SUMS = ("count", "score_total", "scored")


def add_to_tallies(*, responses: Sequence[tuple[Response, Sequence[Answer]]]) -> None:
    """Add responses and their answer rows to the tallies, in one statement, in the caller's
    transaction: one to the group's responses, one to each question answered, one to each
    answer given (with its score)."""
    deltas: dict[tuple, list[int]] = {}

    def add(key, score=None):
        sums = deltas.setdefault(key, [0, 0, 0])
        sums[0] += 1
        if score is not None:
            sums[1] += score
            sums[2] += 1

    for response, rows in responses:
        group = tuple(getattr(response, name) for name in _GROUP)
        add((*group, "", ""))
        for key in dict.fromkeys(row.question_key for row in rows):
            add((*group, key, ""))
        for row in rows:
            if row.choice:
                add((*group, row.question_key, row.choice), row.number)
    if deltas:
        _upsert_tallies(deltas)


def _upsert_tallies(deltas: dict[tuple, list[int]]) -> None:
    # INSERT ... ON CONFLICT DO UPDATE adds to a row that exists in the same statement, which
    # SQLite and PostgreSQL both speak; the ORM's bulk_create can only replace, not add.
    table = connection.ops.quote_name(Tally._meta.db_table)
    columns = [*_TALLY_KEY, *_TALLY_SUMS]
    quoted = [connection.ops.quote_name(column) for column in columns]
    rows = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(deltas))
    updates = ", ".join(
        f"{name} = {table}.{name} + excluded.{name}"
        for name in (connection.ops.quote_name(column) for column in _TALLY_SUMS)
    )
    conflict = ", ".join(connection.ops.quote_name(column) for column in _TALLY_KEY)
    # Only our own table and column names are put into the text; every value is a parameter.
    sql = (
        f"INSERT INTO {table} ({', '.join(quoted)}) VALUES {rows} "  # noqa: S608
        f"ON CONFLICT ({conflict}) DO UPDATE SET {updates}"
    )
    params = [value for key, sums in deltas.items() for value in (*key, *sums)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@transaction.atomic
def rebuild_tallies(*, cycle: Cycle | None = None) -> int:
    """Count the tallies again from the responses and Answer rows kept (of `cycle`, or all), with
    SQL aggregates; returns how many tally rows there are now.

    For responses made without `submit_response` (the demo, imports) and to check the kept
    counts. Typed answers that retention has deleted are no longer counted afterwards.
    """
    responses = Response.objects.all() if cycle is None else Response.objects.filter(cycle=cycle)
    (Tally.objects.all() if cycle is None else Tally.objects.filter(cycle=cycle)).delete()
    answers = Answer.objects.filter(response__in=responses)
    group = [f"response__{name}" for name in _GROUP]
    tallies = [
        Tally(**dict(zip(_GROUP, row[:5], strict=True)), count=row[5])
        for row in responses.values_list(*_GROUP).annotate(n=Count("id")).order_by()
    ]
    tallies += [
        Tally(**dict(zip(_GROUP, row[:5], strict=True)), question_key=row[5], count=row[6])
        for row in answers.values_list(*group, "question_key")
        .annotate(n=Count("response_id", distinct=True))
        .order_by()
    ]
    tallies += [
        Tally(
            **dict(zip(_GROUP, row[:5], strict=True)),
            question_key=row[5],
            choice=row[6],
            count=row[7],
            score_total=row[8] or 0,
            scored=row[9],
        )
        for row in answers.exclude(choice="")
        .values_list(*group, "question_key", "choice")
        .annotate(n=Count("id"), total=Sum("number"), scored=Count("number"))
        .order_by()
    ]
    Tally.objects.bulk_create(tallies, batch_size=1000)
    return len(tallies)
