"""The staff audit log moves from cms to accounts, rows and all.

This migration only tells Django's state that accounts now has StaffEvent, in the table cms made
(cms_staffevent); cms 0006 takes it out of cms's state; 0002 then renames the table and moves
its content type, so that the Administrators' permission to read the log comes with it.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("cms", "0005_staff_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="StaffEvent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "occurred_at",
                            models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                        ),
                        ("action", models.CharField(db_index=True, max_length=64)),
                        (
                            "account",
                            models.CharField(
                                blank=True,
                                help_text="Their email address at the time.",
                                max_length=254,
                            ),
                        ),
                        ("description", models.CharField(max_length=255)),
                        (
                            "user",
                            models.ForeignKey(
                                blank=True,
                                help_text="The staff member the event is about, while their account exists.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "staff audit event",
                        "ordering": ["-occurred_at", "-pk"],
                        "default_permissions": ("view",),
                        "db_table": "cms_staffevent",
                    },
                ),
            ],
        ),
    ]
