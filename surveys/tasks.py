"""Background work for the survey engine, through django-tasks: safeguarding emails and the
daily retention run.

With the database backend (production), each task leaves a result row with the time it was
queued, started and finished, to the microsecond, and its arguments. A safeguarding email's
result names the flag, so it is deleted as soon as the task finishes; every other finished
result goes with the nightly run. No task result outlives a day.
"""

import dataclasses
import datetime
import logging
from functools import partial

from django_tasks import TaskResultStatus, task

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.roles import SAFEGUARDING_LEADS
from accounts.tasks import email_each
from surveys.models import SafeguardingFlag
from surveys.services import apply_retention

logger = logging.getLogger(__name__)


def safeguarding_recipients() -> list[str]:
    """The active Safeguarding leads with an email address, and any extra alert addresses."""
    leads = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=SAFEGUARDING_LEADS)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    return sorted({*leads, *settings.SAFEGUARDING_ALERT_EMAILS})


@task()
def notify_safeguarding_leads(flag_id: int) -> int:
    """Email each Safeguarding lead a link to the flag in the admin: never the answer itself.

    Returns how many people were told.
    """
    flag = SafeguardingFlag.objects.filter(pk=flag_id).first()
    if flag is None:
        return 0
    recipients = safeguarding_recipients()
    if not recipients:
        logger.error("Safeguarding flag %d raised, but no Safeguarding lead to tell", flag_id)
        return 0
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "safeguarding_flags:edit", args=[flag_id]
    )
    body = (
        "An answer to a survey on Our Promise, Our Voice used words on the safeguarding list.\n\n"
        f"Please look at it as soon as you can:\n{link}\n\n"
        "To keep the answer private, this email does not include it. You will need to sign in.\n"
        f"Flag {flag_id}, raised on {flag.raised_on:%-d %B %Y}.\n"
    )
    return email_each(
        recipients=recipients, subject="A survey answer needs a safeguarding check", body=body
    )


def tell_leads_about_new_flag(sender, instance, created, raw=False, **kwargs) -> None:
    """Queue the email to the Safeguarding leads for every new flag, however it was raised, once
    the transaction that stored it commits. Connected to SafeguardingFlag's post_save in
    surveys.apps, so that the services that raise flags need not know about tasks."""
    if created and not raw:
        transaction.on_commit(partial(notify_safeguarding_leads.enqueue, flag_id=instance.pk))


RETENTION_TIME_OF_DAY = datetime.time(2, 30)


def forget_finished_safeguarding_email(sender, task_result, **kwargs) -> None:
    """Delete a safeguarding email task's result once it has finished, whether it sent or failed
    (a failure is logged, and the flag waits in the queue): it names the flag, with the time to
    the microsecond. Connected to django-tasks' task_finished in surveys.apps."""
    if task_result.task.module_path != notify_safeguarding_leads.module_path:
        return
    if not apps.is_installed("django_tasks_db"):
        return
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if issubclass(sender, DatabaseBackend):  # other backends keep no result to delete
        DBTaskResult.objects.filter(pk=task_result.id).delete()


def prune_finished_task_results() -> int:
    """Delete every finished task result, as `prune_db_task_results --min-age-days 0` would:
    each holds the times it ran to the microsecond, and nothing needs them once logged."""
    if not apps.is_installed("django_tasks_db"):
        return 0
    from django_tasks_db.models import DBTaskResult

    deleted, _ = DBTaskResult.objects.finished().delete()
    return deleted


@task()
def apply_retention_daily() -> dict:
    """Apply the retention periods (services.apply_retention), prune finished task results, and
    queue the next run for tomorrow night. Queued first, so that a failed run is still tried
    again the next day."""
    schedule_retention()
    report = dataclasses.asdict(apply_retention())
    return {**report, "task_results": prune_finished_task_results()}


def next_retention_run(now: datetime.datetime | None = None) -> datetime.datetime:
    """The next 02:30, local time, after `now`."""
    now = timezone.localtime(now or timezone.now())
    run = timezone.make_aware(datetime.datetime.combine(now.date(), RETENTION_TIME_OF_DAY))
    return run if run > now else run + datetime.timedelta(days=1)


def schedule_retention(now: datetime.datetime | None = None) -> datetime.datetime | None:
    """Queue `apply_retention_daily` for the next 02:30, unless a run is already queued; it then
    queues itself every day. Needs a backend that can run tasks later (the database backend,
    with `manage.py db_worker`); with one that cannot, nothing is queued and None returned."""
    backend = apply_retention_daily.get_backend()
    if not backend.supports_defer or _retention_run_queued():
        return None
    run_after = next_retention_run(now)
    apply_retention_daily.using(run_after=run_after).enqueue()
    return run_after


def _retention_run_queued() -> bool:
    if not apps.is_installed("django_tasks_db"):
        return False
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=apply_retention_daily.module_path
    ).exists()
