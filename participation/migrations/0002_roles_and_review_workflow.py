"""Give the staff roles what they need in the feedback loop, and make the review workflow
(see participation/roles.py)."""

from django.db import migrations

from participation.roles import grant_feedback_loop_permissions, make_review_workflow


def grant(apps, schema_editor):
    grant_feedback_loop_permissions(apps)


def make_workflow(apps, schema_editor):
    make_review_workflow(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0001_feedback_loop"),
        ("cms", "0005_staff_roles"),
        ("surveys", "0002_staff_role_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(grant, migrations.RunPython.noop),
        migrations.RunPython(make_workflow, migrations.RunPython.noop),
    ]
