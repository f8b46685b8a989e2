"""Unlink what was stored before the privacy hardening: nothing may lead from an invitation to a
response.

- Each response's submission id was the id its draft had, and the draft was tied to its
  invitation: it becomes a keyed hash of that id, as new responses store it
  (surveys.codes.submission_key, frozen here as a migration must be), so a form sent again still
  finds its response.
- Wagtail's reference index held a row for every response and invitation, written by a task
  that kept their ids with the time they were saved; these models are now kept out of it, and
  their rows go. (Finished task results go with the nightly housekeeping.)
"""

import hashlib
import hmac
import uuid

from django.conf import settings
from django.db import migrations

RESPONDENT_MODELS = [
    "answer",
    "draft",
    "invitation",
    "response",
    "safeguardingflag",
    "safeguardingflagevent",
]


def _submission_key(submission_id) -> uuid.UUID:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"submission:{submission_id}".encode(), hashlib.sha256
    ).hexdigest()
    return uuid.UUID(digest[:32])


def key_submission_ids(apps, schema_editor):
    Response = apps.get_model("surveys", "Response")
    responses = list(Response.objects.only("pk", "submission_id"))
    for response in responses:
        response.submission_id = _submission_key(response.submission_id)
    Response.objects.bulk_update(responses, ["submission_id"], batch_size=500)


def forget_reference_index_rows(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    content_types = ContentType.objects.filter(app_label="surveys", model__in=RESPONDENT_MODELS)
    ReferenceIndex.objects.filter(base_content_type__in=content_types).delete()
    ReferenceIndex.objects.filter(content_type__in=content_types).delete()
    ReferenceIndex.objects.filter(to_content_type__in=content_types).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0004_safeguarding_phrase_variants"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        # Keyed once: running it backwards would not give the old ids back.
        migrations.RunPython(key_submission_ids, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(forget_reference_index_rows, migrations.RunPython.noop),
    ]
