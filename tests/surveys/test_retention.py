"""Retention: each kind of data is deleted when its period is over, and nothing else is."""

import datetime
import logging
import uuid

import pytest

from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from surveys.models import (
    Answer,
    Draft,
    FlagStatus,
    Invitation,
    Response,
    SafeguardingFlag,
    SafeguardingFlagEvent,
)
from surveys.services import apply_retention, make_invitations, submit_response
from surveys.tasks import apply_retention_daily, next_retention_run, schedule_retention
from tests.surveys.factories import CycleFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _at(day: datetime.date, hour=12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def response(survey):
    """A response with chosen answers and a typed one, which raised a safeguarding flag."""
    return submit_response(
        survey=survey,
        answers={"listened-to": ["happy"], "anything-else": ["I am not safe at home"]},
        submission_id=uuid.uuid4(),
    ).response


def test_typed_answers_go_365_days_after_their_cycle_ends(response):
    ends = response.cycle.ends_on
    assert apply_retention(now=_at(ends + 365 * DAY)).free_text_answers == 0
    assert Answer.objects.filter(question_key="anything-else").exists()
    report = apply_retention(now=_at(ends + 366 * DAY))
    assert report.free_text_answers == 1
    assert not Answer.objects.exclude(text="").exists()
    # The response and its chosen answers stay, to compare years.
    assert Response.objects.filter(pk=response.pk).exists()
    assert Answer.objects.filter(question_key="listened-to", choice="happy").exists()


def test_typed_answers_of_a_later_cycle_stay(response, survey):
    later = CycleFactory(
        name="2027–28",
        starts_on=response.cycle.ends_on + DAY,
        ends_on=response.cycle.ends_on + 366 * DAY,
    )
    Response.objects.filter(pk=response.pk).update(cycle=later)
    assert apply_retention(now=_at(response.cycle.ends_on + 400 * DAY)).free_text_answers == 0


def test_drafts_go_after_the_30th_day_after_they_were_last_saved(survey):
    draft = Draft.objects.create(survey=survey, answers={"one-word": ["fine"]})
    fresh = Draft.objects.create(survey=survey)
    Draft.objects.filter(pk=fresh.pk).update(saved_on=draft.saved_on + DAY)
    # The resume code works until the end of the 30th day; the draft goes the night after.
    assert draft.last_day == draft.saved_on + 30 * DAY
    assert apply_retention(now=_at(draft.last_day, hour=23)).drafts == 0
    assert apply_retention(now=_at(draft.last_day + DAY, hour=2)).drafts == 1
    assert list(Draft.objects.all()) == [fresh]


def test_invitations_go_when_their_cycle_ends_used_or_not(survey, response):
    made = make_invitations(survey=survey, cycle=survey.cycle, count=2)
    Invitation.objects.filter(pk=made[0].invitation.pk).update(used=True)
    ends = survey.cycle.ends_on
    assert apply_retention(now=_at(ends)).invitations == 0
    assert apply_retention(now=_at(ends + DAY)).invitations == 2
    assert not Invitation.objects.exists()
    assert Response.objects.filter(pk=response.pk).exists()


def test_closed_flags_go_a_year_after_closing_and_open_ones_stay(response, django_user_model):
    lead = django_user_model.objects.create_user("lead", "lead@example.com", "x")
    closed = SafeguardingFlag.objects.get(response=response)
    still_open = SafeguardingFlag.objects.create(
        response=response, question_key="one-word", matched_terms="hurt me"
    )
    from surveys.services import record_flag_status

    record_flag_status(flag=closed, status=FlagStatus.CLOSED, note="Done", by=lead)
    closed_on = SafeguardingFlag.objects.get(pk=closed.pk).closed_on
    assert apply_retention(now=_at(closed_on + 364 * DAY, hour=23)).closed_flags == 0
    assert apply_retention(now=_at(closed_on + 365 * DAY, hour=2)).closed_flags == 1
    assert list(SafeguardingFlag.objects.all()) == [still_open]
    assert not SafeguardingFlagEvent.objects.exists()
    # Years later, a flag nobody closed is still there: closed by retention, never dropped.
    report = apply_retention(now=_at(closed_on + 3000 * DAY))
    assert (report.closed_flags, report.open_flags_closed) == (0, 1)
    assert SafeguardingFlag.objects.get().status == FlagStatus.CLOSED


def test_the_periods_are_settings(response, settings):
    settings.SURVEY_FREE_TEXT_RETENTION_DAYS = 30
    assert apply_retention(now=_at(response.cycle.ends_on + 31 * DAY)).free_text_answers == 1


def test_a_run_logs_counts_and_nothing_else(response, caplog):
    with caplog.at_level(logging.INFO, logger="surveys.services"):
        apply_retention(now=_at(response.cycle.ends_on + 400 * DAY))
    assert caplog.messages == [
        "Retention applied: deleted 1 typed answers, 0 drafts, 0 invitations, 0 closed "
        "safeguarding flags, 0 expired sessions and 0 staff audit events; closed 1 open "
        "safeguarding flags"
    ]
    assert "not safe" not in caplog.text


def test_the_command_applies_retention_and_prints_counts(response, capsys):
    call_command("apply_retention")
    assert (
        "Deleted 0 typed answers, 0 drafts, 0 invitations, 0 closed safeguarding flags, 0 "
        "expired sessions and 0 staff audit events" in capsys.readouterr().out
    )


def test_the_daily_task_applies_retention(response):
    Draft.objects.create(survey=response.survey)
    Draft.objects.update(saved_on=timezone.localdate() - 31 * DAY)
    result = apply_retention_daily.enqueue()
    assert result.return_value == {
        "free_text_answers": 0,
        "drafts": 1,
        "invitations": 0,
        "closed_flags": 0,
        "open_flags_closed": 0,
        "expired_sessions": 0,
        "staff_audit_events": 0,
        "task_results": 0,
    }


def test_the_next_run_is_tonight_or_tomorrow_night_at_half_past_two():
    evening = timezone.make_aware(datetime.datetime(2026, 11, 23, 20, 0))
    assert next_retention_run(evening) == timezone.make_aware(
        datetime.datetime(2026, 11, 24, 2, 30)
    )
    night = timezone.make_aware(datetime.datetime(2026, 11, 24, 1, 0))
    assert next_retention_run(night) == timezone.make_aware(datetime.datetime(2026, 11, 24, 2, 30))


def test_with_tasks_run_at_once_nothing_is_queued_for_later():
    # The immediate backend cannot wait until tomorrow (and would otherwise run forever).
    assert schedule_retention() is None


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@override_settings(TASKS=DATABASE_TASKS)
def test_the_database_worker_runs_it_daily_and_it_queues_itself_once(survey):
    from django_tasks_db.models import DBTaskResult

    first = schedule_retention()
    assert first is not None and first.time() == datetime.time(2, 30)
    assert schedule_retention() is None  # already queued: starting it twice is safe
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "surveys.tasks.apply_retention_daily"
    assert queued.run_after == first

    # What the worker does at 02:30: run it, and it queues the next night's run.
    queued.claim("test-worker")
    queued.task.call()
    waiting = DBTaskResult.objects.filter(status="READY").get()
    assert waiting.run_after > timezone.now()


@override_settings(TASKS=DATABASE_TASKS)
def test_the_command_schedules_the_daily_run(capsys):
    call_command("apply_retention", "--schedule")
    assert "Daily retention queued, first run at" in capsys.readouterr().out
    call_command("apply_retention", "--schedule")
    assert "Not queued: a run is already queued" in capsys.readouterr().out


def test_retention_closes_an_open_flag_rather_than_drop_it(response):
    flag = SafeguardingFlag.objects.get(response=response)
    report = apply_retention(now=_at(response.cycle.ends_on + 366 * DAY))
    assert report.free_text_answers == 1 and report.open_flags_closed == 1
    flag.refresh_from_db()
    # Kept, closed, with the reason in its history, for the closed-flag period.
    assert flag.status == FlagStatus.CLOSED
    (event,) = flag.events.all()
    assert (event.status, event.by) == (FlagStatus.CLOSED, None)
    assert event.note.startswith("Closed by the retention period")
    assert apply_retention(now=_at(response.cycle.ends_on + 366 * DAY)).open_flags_closed == 0


def test_expired_sessions_go_with_the_nightly_run(client, survey):
    from django.contrib.sessions.models import Session

    from tests.surveys.helpers import start

    start(client, survey)  # a browser's session, holding its draft
    (session,) = Session.objects.all()
    assert apply_retention(now=session.expire_date - DAY).expired_sessions == 0
    assert apply_retention(now=session.expire_date + DAY).expired_sessions == 1
    assert not Session.objects.exists()


@override_settings(TASKS=DATABASE_TASKS)
def test_the_nightly_run_prunes_finished_task_results(make_staff):
    from django_tasks_db.models import DBTaskResult

    from accounts.tasks import tell_safeguarding_leads_who_joined
    from tests.surveys.helpers import run_queued_tasks

    joined = make_staff()
    tell_safeguarding_leads_who_joined.enqueue(user_id=joined.pk, added_by="added by a test")
    run_queued_tasks()
    schedule_retention()
    DBTaskResult.objects.filter(task_path=apply_retention_daily.module_path).update(
        run_after=timezone.now()
    )
    run_queued_tasks()  # the nightly run, which queues tomorrow's
    kept = set(DBTaskResult.objects.values_list("task_path", "status"))
    assert kept == {
        (apply_retention_daily.module_path, "SUCCESSFUL"),  # tonight's, counts only, till tomorrow
        (apply_retention_daily.module_path, "READY"),
    }


def test_the_staff_audit_log_is_kept_for_its_period_then_deleted(db, settings):
    from accounts.audit import record_staff_event
    from accounts.models import StaffEvent

    settings.STAFF_AUDIT_RETENTION_DAYS = 730
    old = record_staff_event(action="sign-in", description="Signed in.")
    recent = record_staff_event(action="sign-in", description="Signed in.")
    now = timezone.now()
    StaffEvent.objects.filter(pk=old.pk).update(occurred_at=now - 731 * DAY)
    StaffEvent.objects.filter(pk=recent.pk).update(occurred_at=now - 729 * DAY)

    assert apply_retention(now=now).staff_audit_events == 1
    assert list(StaffEvent.objects.values_list("pk", flat=True)) == [recent.pk]
