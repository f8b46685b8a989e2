"""Nothing stored after a carer sends their answers leads from their invitation to them.

The survey manager holds the mail-merge CSV that names the carer behind each invitation; analysts
read the responses. Once a carer has sent, no table and no session may link the two: not by an
id, not by a value the draft carried, and not by a time or an order.
"""

import datetime
import importlib
import json
import re
import uuid
from pathlib import Path

import pytest
from django_tasks_db.models import DBTaskResult

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import models
from django.test import Client, override_settings
from django.utils import timezone

from wagtail.models import ReferenceIndex

from accounts import roles
from surveys.codes import submission_key
from surveys.models import Draft, Invitation, Response, SafeguardingFlag
from surveys.services import make_invitations, submit_response
from tests.surveys.helpers import DATABASE_TASKS, current_draft, run_queued_tasks

pytestmark = pytest.mark.django_db

# What someone sent, and every record made from it or for it.
RESPONDENT_MODELS = {
    "surveys.Draft",
    "surveys.Invitation",
    "surveys.Response",
    "surveys.Answer",
    "surveys.SafeguardingFlag",
    "surveys.SafeguardingFlagEvent",
}
SENDING_ORDER = [2, 0, 1]  # not the order the invitations were made, or opened, in
# How Django and Wagtail refer to any record: a content type and an object id.
GENERIC_REFERENCES = [
    ("content_type", "object_id"),
    ("base_content_type", "object_id"),
    ("to_content_type", "to_object_id"),
]


def _open_and_start(survey, token) -> Client:
    carer = Client()
    carer.get(f"{survey.url}invitation/{token}/")
    carer.post(survey.url, {"action": "start"})
    return carer


def _send(survey, carer) -> Draft:
    draft = current_draft(carer, survey)
    response = carer.post(
        f"{survey.url}answers/",
        {"action": "send", "submission_id": str(draft.submission_id), "q-feel-safe": "agree"},
    )
    assert response["Location"] == f"{survey.url}thank-you/"
    return draft


def _rows(model) -> list[dict]:
    return list(model._default_manager.values())


def _every_stored_value() -> list[tuple[str, object]]:
    """(table, value) for every value in every row of every table the site has."""
    return [
        (model._meta.db_table, value)
        for model in apps.get_models()
        for row in _rows(model)
        for value in row.values()
    ]


@override_settings(TASKS=DATABASE_TASKS)  # as production queues background work
def test_nothing_stored_after_sending_links_an_invitation_to_a_response(carers_survey):
    cycle = carers_survey.cycle
    made = make_invitations(survey=carers_survey, cycle=cycle, count=3, label="foster")
    carers = [_open_and_start(carers_survey, new.token) for new in made]
    drafts = [_send(carers_survey, carers[number]) for number in SENDING_ORDER]
    assert Response.objects.count() == 3 and not Draft.objects.exists()

    # The session store: each carer's session is gone, with its invitation and its times.
    assert [session.get_decoded() for session in Session.objects.all()] == []

    # No table holds a value the drafts carried: the response's id is a keyed hash of it.
    carried = {str(draft.submission_id) for draft in drafts}
    assert not [(table, value) for table, value in _every_stored_value() if str(value) in carried]

    # No row but an invitation's own names an invitation; nothing names both kinds of record.
    for model in apps.get_models():
        if model is Invitation:
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is Invitation:
                assert not model._default_manager.exclude(**{field.name: None}).exists(), model

    # Nothing refers to an invitation or a response by content type and id either (Wagtail's
    # reference index, log entries, editing sessions), and no background task holds their ids
    # with the time they were saved.
    run_queued_tasks()
    watched = ContentType.objects.get_for_models(Invitation, Response).values()
    for model in apps.get_models():
        fields = {field.name for field in model._meta.concrete_fields}
        for kind, object_id in GENERIC_REFERENCES:
            if {kind, object_id} <= fields:
                pointing = model._default_manager.filter(**{f"{kind}__in": watched})
                assert not pointing.exists(), model
    stored_tasks = json.dumps([[r.task_path, r.args_kwargs] for r in DBTaskResult.objects.all()])
    assert "invitation" not in stored_tasks and "response" not in stored_tasks, stored_tasks


def test_a_carers_session_keeps_only_the_day_it_ends(carers_survey):
    (new,) = make_invitations(survey=carers_survey, cycle=carers_survey.cycle, count=1)
    _open_and_start(carers_survey, new.token)
    (session,) = Session.objects.all()
    ends = timezone.localtime(session.expire_date)
    assert ends.time() == datetime.time(0, 0), ends  # midnight: the day, not the time
    assert ends > timezone.localtime() + datetime.timedelta(hours=12)


def test_the_cached_copy_of_a_session_ends_at_the_same_midnight(monkeypatch):
    """Where sessions are read from the cache (config.sessions, with Redis), the cache is told to
    keep a respondent's until the midnight its row keeps, so the cache's own expiry keeps no
    time of day either."""
    from django.core.cache import cache

    from config.sessions import CachedDaySessionStore

    kept_for = []
    real_set = cache.set

    def set_noting_timeout(key, value, timeout=None, *args, **kwargs):
        kept_for.append((key, timezone.now(), timeout))
        return real_set(key, value, timeout, *args, **kwargs)

    monkeypatch.setattr(cache, "set", set_noting_timeout)
    store = CachedDaySessionStore()
    store["survey_drafts"] = {"1": 2}
    store.set_expiry(0)  # as a respondent's: ends with the browser
    store.save()
    session = Session.objects.get(session_key=store.session_key)
    key, saved_at, timeout = [noted for noted in kept_for if noted[0] == store.cache_key][-1]
    ends = saved_at + datetime.timedelta(seconds=timeout)
    assert abs((ends - session.expire_date).total_seconds()) <= 1  # the row's midnight
    assert timezone.localtime(session.expire_date).time() == datetime.time(0, 0)
    assert CachedDaySessionStore(store.session_key)["survey_drafts"] == {"1": 2}


def test_sending_on_a_used_invitation_forgets_the_survey_too(carers_survey):
    (new,) = make_invitations(survey=carers_survey, cycle=carers_survey.cycle, count=1)
    phone, laptop = (_open_and_start(carers_survey, new.token) for _ in range(2))
    _send(carers_survey, phone)
    draft = current_draft(laptop, carers_survey)
    response = laptop.post(
        f"{carers_survey.url}answers/",
        {"action": "send", "submission_id": str(draft.submission_id), "q-feel-safe": "agree"},
    )
    assert response.status_code == 409
    sessions = [session.get_decoded() for session in Session.objects.all()]
    assert not any("survey_invitations" in data or "survey_drafts" in data for data in sessions)


@pytest.mark.parametrize("role", [roles.SURVEY_MANAGERS, roles.ADMINISTRATORS])
def test_whoever_holds_the_mail_merge_list_cannot_see_which_invitations_were_used(
    staff_client, carers_survey, role
):
    made = make_invitations(survey=carers_survey, cycle=carers_survey.cycle, count=3)
    Invitation.objects.filter(pk=made[1].invitation.pk).update(used=True)
    client = staff_client(role)
    listing = client.get("/admin/surveys/invitations/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Used" not in html and "used=" not in html
    assert client.get("/admin/surveys/invitations/?used=True").content.decode().count(
        "Invitation "
    ) == html.count("Invitation ")
    for new in made:
        page = client.get(f"/admin/surveys/invitations/edit/{new.invitation.pk}/").content.decode()
        # Wagtail's "Used 0 times" counts links to the record from pages, nothing else.
        assert "Used" not in re.sub(r"Used \d+ times?", "", page)


def test_no_model_that_holds_what_someone_sent_is_in_wagtails_reference_index():
    # Its background task would store the record's id with the time to the microsecond.
    assert not [
        label for label in RESPONDENT_MODELS if ReferenceIndex.is_indexed(apps.get_model(label))
    ]


def test_responses_sent_before_are_unlinked_by_the_migration(survey):
    """Migration 0005 keys the submission ids that responses already had, as new ones are."""
    migration = importlib.import_module(
        "surveys.migrations.0005_nothing_links_an_invitation_to_a_response"
    )
    draft_id = uuid.uuid4()
    response = Response.objects.create(
        survey=survey,
        cycle=survey.cycle,
        audience=survey.audience,
        theme=survey.theme,
        submitted_on=timezone.localdate(),
        submission_id=draft_id,  # as responses stored it before
    )
    migration.key_submission_ids(apps, None)
    response.refresh_from_db()
    assert response.submission_id == submission_key(draft_id) != draft_id


# No time finer than the day anywhere a response can be reached from.


def _times(model) -> list[str]:
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.DateTimeField | models.TimeField)
    ]


def test_no_record_of_what_someone_sent_keeps_a_time_of_day():
    found = {}
    for model in apps.get_models():
        reaches_a_respondent_record = model._meta.label in RESPONDENT_MODELS or any(
            field.is_relation and field.related_model._meta.label in RESPONDENT_MODELS
            for field in model._meta.concrete_fields
        )
        if reaches_a_respondent_record and _times(model):
            found[model._meta.label] = _times(model)
    assert found == {}


@override_settings(TASKS=DATABASE_TASKS)
def test_a_flagged_answer_leaves_no_time_behind_once_it_is_handled(
    survey, make_staff, client, django_capture_on_commit_callbacks
):
    lead = make_staff(roles.SAFEGUARDING_LEADS)
    with django_capture_on_commit_callbacks(execute=True):
        response = submit_response(
            survey=survey, answers={"anything-else": ["he hurts me"]}, submission_id=uuid.uuid4()
        ).response
    flag = SafeguardingFlag.objects.get(response=response)
    # The worker emails the leads; the task's result, which held the flag's id with the time to
    # the microsecond, is deleted as soon as it has finished.
    assert DBTaskResult.objects.filter(args_kwargs__icontains="flag_id").exists()
    assert run_queued_tasks() >= 1
    assert len(mail.outbox) == 1
    assert "flag_id" not in json.dumps(list(DBTaskResult.objects.values_list("args_kwargs")))

    # A lead reads it and moves it on: their handling is kept to the day too.
    client.force_login(lead)
    assert client.get(f"/admin/surveys/safeguarding-flags/edit/{flag.pk}/").status_code == 200
    client.post(
        f"/admin/surveys/safeguarding-flags/edit/{flag.pk}/",
        {"status": "acted_on", "note": "Passed to the duty team"},
    )
    run_queued_tasks()
    watched = ContentType.objects.get_for_models(
        *(apps.get_model(label) for label in RESPONDENT_MODELS)
    ).values()
    for model in apps.get_models():
        fields = {field.name for field in model._meta.concrete_fields}
        for kind, object_id in GENERIC_REFERENCES:
            if {kind, object_id} <= fields and _times(model):
                pointing = model._default_manager.filter(**{f"{kind}__in": watched})
                assert not pointing.exists(), model


def test_the_childrens_code_lists_every_field_kept_about_a_respondent():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "childrens-code.md").read_text()
    missing = [
        f"{label}.{field.name}"
        for label in sorted(RESPONDENT_MODELS)
        for field in apps.get_model(label)._meta.concrete_fields
        if f"`{label.split('.')[1]}.{field.name}`" not in doc
    ]
    assert missing == []
