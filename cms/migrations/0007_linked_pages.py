"""The pages every page links to, as a site setting (cms.models.LinkedPages), and the Editors'
permissions on content, this setting's included (cms/roles.py; safe to run again)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def grant_content_permissions(apps, schema_editor):
    from cms.roles import grant_content_permissions

    grant_content_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0006_staff_event_moves_to_accounts"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="LinkedPages",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "about_the_promise",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="about The Promise",
                    ),
                ),
                (
                    "about_your_answers",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="what happens to your answers",
                    ),
                ),
                (
                    "cookies",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="cookies page",
                    ),
                ),
                (
                    "privacy_notice",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="privacy notice",
                    ),
                ),
                (
                    "site",
                    models.OneToOneField(
                        editable=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        to="wagtailcore.site",
                    ),
                ),
                (
                    "young_peoples_privacy_notice",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="privacy notice for young people",
                    ),
                ),
            ],
            options={
                "verbose_name": "pages linked from every page",
            },
        ),
        migrations.RunPython(grant_content_permissions, migrations.RunPython.noop),
    ]
