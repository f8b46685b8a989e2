"""The staff roles, as Django groups. A data migration creates them; each app then grants the
permissions on its own models with `grant_permissions` (and `grant_page_permissions`,
`grant_collection_permissions` for Wagtail's pages and collections).

Kept in `accounts` (the lowest layer) so that every app can name them.
"""

EDITORS = "Editors"  # content and the Language of Care glossary
SURVEY_MANAGERS = "Survey managers"  # build surveys, generate invitations
ANALYSTS = "Analysts"  # results and exports
PARTICIPATION_NETWORK = "Participation Network"  # write and review "you said, we did"
SAFEGUARDING_LEADS = "Safeguarding leads"  # flagged answers
ADMINISTRATORS = "Administrators"

ALL_ROLES = [
    EDITORS,
    SURVEY_MANAGERS,
    ANALYSTS,
    PARTICIPATION_NETWORK,
    SAFEGUARDING_LEADS,
    ADMINISTRATORS,
]

# Anyone in these groups can see responses, free text, exports or safeguarding flags,
# so they cannot reach the admin until they have set up multi-factor authentication.
ROLES_REQUIRING_MFA = {ANALYSTS, PARTICIPATION_NETWORK, SAFEGUARDING_LEADS, ADMINISTRATORS}

# Every role uses the admin. What else each may do, each app grants for its own models in its
# own data migration through `grant_permissions` (cms.roles, surveys, participation.roles), and
# Administrators get every permission there is (see `create_roles`). docs/roles.md is the table
# for people; keep the two in step.
ROLES_USE_THE_ADMIN = ["wagtailadmin.access_admin"]


def _ensure_permissions_exist(apps) -> None:
    """Create the model permissions Django would otherwise only make after all migrations."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = models_module


def _permissions(apps, names):
    permission_model = apps.get_model("auth", "Permission")
    found = []
    for name in names:
        app_label, codename = name.split(".", 1)
        permission = permission_model.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is None and codename.startswith("publish_"):
            # Wagtail makes "publish" permissions for snippets with drafts only after migrating;
            # make it here the same way, so that a role can be given it in a migration.
            permission = _publish_permission(apps, app_label, codename.removeprefix("publish_"))
        if permission is None:
            raise LookupError(f"No permission {name}: is its app installed and migrated?")
        found.append(permission)
    return found


def _publish_permission(apps, app_label, model_name):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    model = apps.get_model(app_label, model_name)
    content_type, _ = content_type_model.objects.get_or_create(
        app_label=app_label, model=model_name
    )
    permission, _ = permission_model.objects.get_or_create(
        content_type=content_type,
        codename=f"publish_{model_name}",
        defaults={"name": f"Can publish {model._meta.verbose_name_raw}"},
    )
    return permission


def grant_permissions(apps, role: str, names: list[str]) -> None:
    """Give the role's group these permissions ("app_label.codename"); safe to run again.

    For data migrations: pass the migration's `apps`. Later apps call this for their own models.
    """
    _ensure_permissions_exist(apps)
    group_model = apps.get_model("auth", "Group")
    group, _ = group_model.objects.get_or_create(name=role)
    group.permissions.add(*_permissions(apps, names))
    if role != ADMINISTRATORS:
        # Administrators can do everything any other role can.
        administrators, _ = group_model.objects.get_or_create(name=ADMINISTRATORS)
        administrators.permissions.add(*_permissions(apps, names))


def grant_page_permissions(apps, role: str, codenames: list[str], *, page=None) -> None:
    """Give the role's group these Wagtail page permissions ("add_page", ...) on `page` and
    everything under it (the root of the tree when None); safe to run again. Takes the
    migration's `apps`, or django.apps.apps."""
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group_page_permission = apps.get_model("wagtailcore", "GroupPagePermission")
    if page is None:
        page = apps.get_model("wagtailcore", "Page").objects.filter(depth=1).first()
    if page is None:
        return  # no tree yet: Wagtail's own migrations make its root
    group, _ = group_model.objects.get_or_create(name=role)
    permissions = permission_model.objects.filter(
        content_type__app_label="wagtailcore",
        content_type__model="page",
        codename__in=codenames,
    )
    for permission in permissions:
        group_page_permission.objects.get_or_create(
            group=group, page_id=page.pk, permission=permission
        )


def grant_collection_permissions(apps, role: str, names: list[str]) -> None:
    """Give the role's group these image and document permissions ("wagtailimages.add_image")
    in every collection; safe to run again."""
    group_model = apps.get_model("auth", "Group")
    collection_model = apps.get_model("wagtailcore", "Collection")
    group_collection_permission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_collection = collection_model.objects.filter(depth=1).first()
    if root_collection is None:
        return
    group, _ = group_model.objects.get_or_create(name=role)
    for permission in _permissions(apps, names):
        group_collection_permission.objects.get_or_create(
            group=group, collection=root_collection, permission=permission
        )


# Administrators may do anything with images and documents, like everything else.
ADMINISTRATOR_COLLECTION_PERMISSIONS = [
    f"{app}.{action}_{model}"
    for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
    for action in ("add", "change", "choose", "delete")
]


def create_roles(apps=None) -> None:
    """Make every group in ALL_ROLES, each allowed into the admin; safe to run again.

    Administrators get every permission that exists when this runs, every page permission on
    the whole tree and every image and document permission. Run by cms's data migration (which
    then grants the content layer's permissions, cms.roles), and by tests after a database flush.
    """
    if apps is None:
        from django.apps import apps

    _ensure_permissions_exist(apps)
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")

    # Wagtail's first migrations make a "Moderators" group that is not one of our roles.
    group_model.objects.filter(name="Moderators", user__isnull=True).delete()
    for role in ALL_ROLES:
        group, _ = group_model.objects.get_or_create(name=role)
        group.permissions.add(*_permissions(apps, ROLES_USE_THE_ADMIN))
    administrators = group_model.objects.get(name=ADMINISTRATORS)
    administrators.permissions.add(*permission_model.objects.all())
    page_permissions = permission_model.objects.filter(
        content_type__app_label="wagtailcore", content_type__model="page"
    ).values_list("codename", flat=True)
    grant_page_permissions(apps, ADMINISTRATORS, list(page_permissions))
    grant_collection_permissions(apps, ADMINISTRATORS, ADMINISTRATOR_COLLECTION_PERMISSIONS)


def role_names(user) -> list[str]:
    """The roles (group names) a user has, in the order of ALL_ROLES."""
    names = set(user.groups.values_list("name", flat=True)) if user.pk else set()
    return [role for role in ALL_ROLES if role in names]


def has_a_role(user) -> bool:
    """True for someone signed in who may use the admin: in at least one role, or a superuser."""
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def people_who_give_roles() -> list:
    """Whom to ask for a role: the active Administrators, or the superusers if there are none."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True).order_by("first_name", "email")
    return list(users.filter(groups__name=ADMINISTRATORS).distinct()) or list(
        users.filter(is_superuser=True)
    )


def user_requires_mfa(user) -> bool:
    """True for superusers and anyone in a role that can see answers, exports or flags."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=ROLES_REQUIRING_MFA).exists()
