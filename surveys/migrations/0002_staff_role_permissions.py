"""Give the staff roles what they need in the survey engine.

The groups are made here if the accounts migration has not made them yet (matched by name), so
the two can run in either order. Safeguarding flags are for Safeguarding leads only.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Names as in accounts/roles.py, frozen here as a migration must be.
SURVEY_MANAGERS = "Survey managers"
ANALYSTS = "Analysts"
SAFEGUARDING_LEADS = "Safeguarding leads"
ADMINISTRATORS = "Administrators"

ALL = ("add", "change", "delete", "view")

PERMISSIONS = {
    SURVEY_MANAGERS: {
        "cycle": ALL,
        # No responses: seeing them would need 2-step verification (accounts.roles.ROLES_REQUIRING_MFA).
        "invitation": ("add", "view"),
    },
    ANALYSTS: {
        "cycle": ("view",),
        "response": ("view",),
        "answer": ("view",),
    },
    SAFEGUARDING_LEADS: {
        "safeguardingflag": ("view", "change"),
        "safeguardingterm": ALL,
    },
    ADMINISTRATORS: {
        "cycle": ALL,
        "invitation": ("add", "view", "delete"),
        "response": ("view",),
        "answer": ("view",),
        "safeguardingterm": ALL,
    },
}


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make ours now so we can grant them.
    surveys_config = apps.get_app_config("surveys")
    surveys_config.models_module = True
    create_permissions(surveys_config, apps=apps, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    for group_name, models in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        codenames = [f"{action}_{model}" for model, actions in models.items() for action in actions]
        permissions = list(
            Permission.objects.filter(content_type__app_label="surveys", codename__in=codenames)
        )
        if len(permissions) != len(codenames):
            raise RuntimeError(f"Missing survey permissions for {group_name}")
        group.permissions.add(*permissions)
        if access_admin is not None:
            group.permissions.add(access_admin)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, models in PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        codenames = [f"{action}_{model}" for model, actions in models.items() for action in actions]
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="surveys", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
