"""Drafts and safeguarding flags keep the day, never the time of day.

A draft's last save, and a flag's handling and closing, were kept to the microsecond: a time of
day kept with what a child sent can say when they answered, and so who they might be. Each
becomes a date (the local day of the old time), copied before the old field goes.
"""

from django.db import migrations, models
from django.utils import timezone

# (model, old date-and-time field, new date field)
DAYS_FROM_TIMES = [
    ("draft", "updated_at", "saved_on"),
    ("safeguardingflag", "handled_at", "handled_on"),
    ("safeguardingflag", "closed_at", "closed_on"),
    ("safeguardingflagevent", "at", "recorded_on"),
]


def copy_days(apps, schema_editor):
    for model_name, old, new in DAYS_FROM_TIMES:
        model = apps.get_model("surveys", model_name)
        rows = list(model.objects.exclude(**{old: None}).only("pk", old))
        for row in rows:
            setattr(row, new, timezone.localdate(getattr(row, old)))
        model.objects.bulk_update(rows, [new], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0005_nothing_links_an_invitation_to_a_response")]

    operations = [
        *(
            migrations.AddField(model_name, new, models.DateField(null=True, blank=True))
            for model_name, _, new in DAYS_FROM_TIMES
        ),
        migrations.RunPython(copy_days, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="safeguardingflag", name="flag_status_closed"),
        *(migrations.RemoveField(model_name, old) for model_name, old, _ in DAYS_FROM_TIMES),
        migrations.AlterField(
            model_name="draft", name="saved_on", field=models.DateField(auto_now=True)
        ),
        migrations.AlterField(
            model_name="safeguardingflagevent",
            name="recorded_on",
            field=models.DateField(default=timezone.localdate),
        ),
        migrations.AddIndex(
            model_name="safeguardingflag",
            index=models.Index(fields=["status", "closed_on"], name="flag_status_closed_on"),
        ),
        migrations.AlterModelOptions(
            name="safeguardingflagevent", options={"ordering": ["-recorded_on", "-pk"]}
        ),
    ]
