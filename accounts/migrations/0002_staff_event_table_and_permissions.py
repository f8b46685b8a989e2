"""The audit log's table takes accounts' name (a rename: every row stays), and its content type
moves with it, so that the permission to read the log, which Administrators hold, stays theirs."""

from django.db import migrations


def move_content_type(apps, schema_editor, *, old_label="cms", new_label="accounts"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    old = ContentType.objects.filter(app_label=old_label, model="staffevent").first()
    if old is None:
        return
    new = ContentType.objects.filter(app_label=new_label, model="staffevent").first()
    if new is None:
        old.app_label = new_label
        old.save(update_fields=["app_label"])
        return
    # Another migration made the new content type's permissions already: hand each group and
    # person the new one for every old one they hold, then drop the old.
    for permission in Permission.objects.filter(content_type=old):
        twin = Permission.objects.filter(content_type=new, codename=permission.codename).first()
        if twin is None:
            permission.content_type = new
            permission.save(update_fields=["content_type"])
            continue
        for group in permission.group_set.all():
            group.permissions.add(twin)
        for user in permission.user_set.all():
            user.user_permissions.add(twin)
    old.delete()


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old_label="accounts", new_label="cms")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_staff_event_moves_from_cms"),
        ("cms", "0006_staff_event_moves_to_accounts"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AlterModelTable(name="staffevent", table=None),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
