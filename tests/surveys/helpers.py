"""Walking through a survey with Django's test client, as a person with a browser would."""

from config.sessions import READ_FROM_CACHE
from surveys.models import Draft

# The queries reading a visitor's session costs: none where sessions are read from a shared
# cache (Redis: CI's second leg, production), one otherwise.
SESSION = 0 if READ_FROM_CACHE else 1


def start(client, survey, answered_with="on_my_own"):
    response = client.post(survey.url, {"action": "start", "answered_with": answered_with})
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


def answer(client, survey, key, *values, action="next", **extra):
    data = {"action": action, **extra}
    if values:
        data[f"q-{key}"] = list(values)
    return client.post(f"{survey.url}question/{key}/", data)


def current_draft(client, survey) -> Draft:
    draft_id = client.session["survey_drafts"][str(survey.pk)]
    return Draft.objects.get(pk=draft_id)


def send(client, survey, **extra):
    draft = current_draft(client, survey)
    data = {"action": "send", "submission_id": str(draft.submission_id), "website": "", **extra}
    return client.post(f"{survey.url}check/", data), draft


DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_queued_tasks() -> int:
    """Do what `manage.py db_worker` does for every task that is ready now; return how many ran.

    For tests run with `override_settings(TASKS=DATABASE_TASKS)`, as production queues tasks."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = 0
    while (result := DBTaskResult.objects.ready().first()) is not None:
        result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1
    return ran
