"""What the Editors may do in the content layer. The roles themselves are `accounts.roles`; cms's
data migration 0007 grants these (and tests after a database flush).

docs/roles.md is the table for people; keep the two in step.
"""

from django.apps import apps as django_apps

from accounts.roles import (
    EDITORS,
    grant_collection_permissions,
    grant_page_permissions,
    grant_permissions,
)

# As "app_label.codename".
EDITOR_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "wagtailredirects.add_redirect",
    "wagtailredirects.change_redirect",
    "wagtailredirects.delete_redirect",
    "cms.change_helpsettings",
    "cms.change_linkedpages",
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


def grant_content_permissions(apps=None) -> None:
    """Give the Editors their permissions on content, pages, images and documents; safe to run
    again. Takes the migration's `apps`, or django.apps.apps."""
    if apps is None:
        apps = django_apps
    grant_permissions(apps, EDITORS, EDITOR_PERMISSIONS)
    grant_page_permissions(apps, EDITORS, EDITOR_PAGE_PERMISSIONS)
    grant_collection_permissions(apps, EDITORS, EDITOR_COLLECTION_PERMISSIONS)
