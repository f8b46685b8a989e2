"""The staff roles, as Django groups. A data migration creates them; later apps add permissions.

Kept in `cms` (the lowest layer) so that `surveys` and `participation` can name them too.
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

# What each role may do in the content layer, as "app_label.codename". Surveys, results and the
# feedback loop add their own permissions to these groups in their own migrations, through
# `grant_permissions`. docs/roles.md is the table for people; keep the two in step.
EDITOR_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "wagtailredirects.add_redirect",
    "wagtailredirects.change_redirect",
    "wagtailredirects.delete_redirect",
    "cms.change_helpsettings",
    *(
        f"cms.{action}_{model}"
        for model in (
            "foundation",
            "priorityarea",
            "actioncode",
            "action",
            "target",
            "responsiblerole",
            "languageterm",
            "allowedphrase",
        )
        for action in ("add", "change", "delete", "view")
    ),
    "cms.publish_languageterm",
]
# Pages: on the whole tree, through Wagtail's page permissions.
EDITOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "view_page",
]
# Images and documents: in every collection, through Wagtail's collection permissions.
EDITOR_COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtailimages.delete_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtaildocs.delete_document",
]
ROLE_PERMISSIONS = {
    EDITORS: EDITOR_PERMISSIONS,
    SURVEY_MANAGERS: ["wagtailadmin.access_admin"],
    ANALYSTS: ["wagtailadmin.access_admin"],
    PARTICIPATION_NETWORK: ["wagtailadmin.access_admin"],
    SAFEGUARDING_LEADS: ["wagtailadmin.access_admin"],
    # Administrators get every permission there is (see `create_roles`).
    ADMINISTRATORS: [],
}


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


def create_roles(apps=None) -> None:
    """Make every group in ALL_ROLES with the content layer's permissions; safe to run again.

    Administrators get every permission that exists when this runs, and every page and
    collection permission. Run by cms's data migration, and by tests after a database flush.
    """
    if apps is None:
        from django.apps import apps

    _ensure_permissions_exist(apps)
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    page_model = apps.get_model("wagtailcore", "Page")
    collection_model = apps.get_model("wagtailcore", "Collection")
    group_page_permission = apps.get_model("wagtailcore", "GroupPagePermission")
    group_collection_permission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    # Wagtail's first migrations make a "Moderators" group that is not one of our roles.
    group_model.objects.filter(name="Moderators", user__isnull=True).delete()
    for role in ALL_ROLES:
        group, _ = group_model.objects.get_or_create(name=role)
        group.permissions.add(*_permissions(apps, ROLE_PERMISSIONS[role]))
    administrators = group_model.objects.get(name=ADMINISTRATORS)
    administrators.permissions.add(*permission_model.objects.all())

    root_page = page_model.objects.filter(depth=1).first()
    root_collection = collection_model.objects.filter(depth=1).first()
    page_permissions = permission_model.objects.filter(
        content_type__app_label="wagtailcore", content_type__model="page"
    )
    collection_permissions = _permissions(apps, EDITOR_COLLECTION_PERMISSIONS)
    grants = [
        (
            group_model.objects.get(name=EDITORS),
            page_permissions.filter(codename__in=EDITOR_PAGE_PERMISSIONS),
        ),
        (administrators, page_permissions),
    ]
    for group, permissions in grants:
        if root_page is not None:
            for permission in permissions:
                group_page_permission.objects.get_or_create(
                    group=group, page=root_page, permission=permission
                )
        if root_collection is not None:
            for permission in collection_permissions:
                group_collection_permission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )


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
