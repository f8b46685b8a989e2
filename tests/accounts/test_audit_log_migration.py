"""The staff audit log moved from cms to accounts: a database with events from before the move
keeps every one of them, and Administrators can still read them."""

import datetime

import pytest

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE_THE_MOVE = [("cms", "0005_staff_roles"), ("accounts", None)]


@pytest.mark.django_db(transaction=True)
def test_events_from_before_the_move_are_all_kept():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_THE_MOVE)
    old = executor.loader.project_state([("cms", "0005_staff_roles")]).apps
    when = timezone.now() - datetime.timedelta(days=3)
    old.get_model("cms", "StaffEvent").objects.bulk_create(
        [
            old.get_model("cms", "StaffEvent")(
                occurred_at=when, action="sign-in", account="jo@clacks.example", description="a"
            ),
            old.get_model("cms", "StaffEvent")(
                occurred_at=when, action="results.export", account="", description="b"
            ),
        ]
    )
    content_type = old.get_model("contenttypes", "ContentType").objects.get(
        app_label="cms", model="staffevent"
    )
    view_permission = old.get_model("auth", "Permission").objects.get(
        content_type=content_type, codename="view_staffevent"
    )
    administrators, _ = old.get_model("auth", "Group").objects.get_or_create(name="Administrators")
    administrators.permissions.add(view_permission)

    executor = MigrationExecutor(connection)  # reads what is applied now
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()

    from django.contrib.auth.models import Group

    from accounts.models import StaffEvent

    events = StaffEvent.objects.order_by("description")
    assert [(e.action, e.account, e.occurred_at) for e in events] == [
        ("sign-in", "jo@clacks.example", when),
        ("results.export", "", when),
    ]
    assert StaffEvent._meta.db_table == "accounts_staffevent"
    assert not ContentType.objects.filter(app_label="cms", model="staffevent").exists()
    codenames = Group.objects.get(name="Administrators").permissions.values_list(
        "content_type__app_label", "codename"
    )
    assert ("accounts", "view_staffevent") in codenames
