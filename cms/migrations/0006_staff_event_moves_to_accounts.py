"""StaffEvent now belongs to accounts (accounts 0001 and 0002): out of cms's state only, so that
its table and every row in it stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0005_staff_roles"),
        ("accounts", "0001_staff_event_moves_from_cms"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="StaffEvent")],
        ),
    ]
