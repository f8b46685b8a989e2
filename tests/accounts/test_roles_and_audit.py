"""The roles made by the data migrations, and the staff audit log."""

import pytest

from django.apps import apps
from django.contrib.auth.models import Group
from django.db import models

from wagtail.models import GroupPagePermission

from accounts.audit import record_staff_event
from accounts.models import StaffEvent
from accounts.roles import (
    ADMINISTRATORS,
    ALL_ROLES,
    ANALYSTS,
    EDITORS,
    ROLES_REQUIRING_MFA,
    grant_permissions,
    user_requires_mfa,
)

pytestmark = pytest.mark.django_db


def _codenames(group):
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_the_migration_made_every_role_and_nothing_else():
    assert set(Group.objects.values_list("name", flat=True)) == set(ALL_ROLES)


def test_editors_manage_content_but_not_people():
    editors = _codenames(Group.objects.get(name=EDITORS))
    assert {"wagtailadmin.access_admin", "cms.change_helpsettings"} <= editors
    assert "cms.change_actioncode" in editors
    assert not {"auth.add_user", "auth.change_group", "accounts.view_staffevent"} & editors
    page_permissions = set(
        GroupPagePermission.objects.filter(group__name=EDITORS).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page", "publish_page"} <= page_permissions


def test_administrators_can_do_everything_including_reading_the_audit_log():
    administrators = _codenames(Group.objects.get(name=ADMINISTRATORS))
    assert {"auth.add_user", "auth.change_group", "accounts.view_staffevent"} <= administrators
    assert _codenames(Group.objects.get(name=EDITORS)) <= administrators


def test_later_apps_grant_their_permissions_through_one_function():
    grant_permissions(apps, ANALYSTS, ["wagtailimages.view_image"])
    assert "wagtailimages.view_image" in _codenames(Group.objects.get(name=ANALYSTS))
    with pytest.raises(LookupError):
        grant_permissions(apps, ANALYSTS, ["surveys.no_such_permission"])


def test_who_needs_two_step(make_staff):
    assert all(user_requires_mfa(make_staff(role, two_step=False)) for role in ROLES_REQUIRING_MFA)
    assert not user_requires_mfa(make_staff(EDITORS, two_step=False))
    assert user_requires_mfa(make_staff(superuser=True, two_step=False))


def test_an_audit_line_keeps_the_account_after_it_is_deleted(make_staff):
    analyst = make_staff(ANALYSTS)
    record_staff_event(action="results.export", description="Exported results.", user=analyst)
    email = analyst.email
    analyst.delete()
    event = StaffEvent.objects.get(action="results.export")
    assert (event.user, event.account) == (None, email)


def test_no_model_on_the_site_stores_an_ip_address_or_user_agent():
    from django.conf import settings

    assert "allauth.usersessions" not in settings.INSTALLED_APPS
    assert "django.contrib.admin" not in settings.INSTALLED_APPS  # its log is not ours to check
    for model in apps.get_models():
        for field in model._meta.get_fields():
            name = field.name.lower()
            assert not isinstance(field, models.GenericIPAddressField), f"{model}.{field.name}"
            assert "user_agent" not in name and name not in {"ip", "ip_address"}, (
                f"{model}.{field.name}"
            )


def test_the_audit_log_cannot_be_edited_in_the_admin(client, make_staff, home_page):
    client.force_login(make_staff(superuser=True))
    event = record_staff_event(action="sign-in", description="Signed in.")
    assert client.get("/admin/staff-audit-log/").status_code == 200
    assert "Signed in." in client.get("/admin/staff-audit-log/").content.decode()
    for path in ["/admin/staff-audit-log/new/", f"/admin/staff-audit-log/edit/{event.pk}/"]:
        response = client.get(path)
        assert response.status_code in {302, 403, 404}, path
    assert client.post(f"/admin/staff-audit-log/delete/{event.pk}/").status_code in {302, 403, 404}
    assert StaffEvent.objects.filter(pk=event.pk).exists()


def test_docs_describe_every_role():
    from pathlib import Path

    roles_doc = (Path(__file__).resolve().parents[2] / "docs" / "roles.md").read_text()
    for role in ALL_ROLES:
        assert f"| {role} |" in roles_doc, role
    assert "record_staff_event" in roles_doc


def test_joining_the_safeguarding_leads_is_audited_and_the_other_leads_are_told(
    client, home_page, make_staff, django_capture_on_commit_callbacks
):
    from django.core import mail
    from django.urls import reverse

    from accounts.roles import SAFEGUARDING_LEADS

    make_staff(SAFEGUARDING_LEADS, email="sam.lead@clacks.example")
    administrator = make_staff(ADMINISTRATORS, email="chris.admin@clacks.example")
    client.force_login(administrator)
    leads = Group.objects.get(name=SAFEGUARDING_LEADS)
    mail.outbox.clear()
    # An Administrator adds themselves to the Safeguarding leads, to read the disclosures.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailusers_users:edit", args=[administrator.pk]),
            {
                "email": administrator.email,
                "first_name": "Chris",
                "last_name": "Admin",
                "groups": [Group.objects.get(name=ADMINISTRATORS).pk, leads.pk],
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    joined = StaffEvent.objects.get(action="safeguarding-leads.joined", user=administrator)
    assert "added by chris.admin@clacks.example" in joined.description
    (told,) = mail.outbox
    assert told.to == ["sam.lead@clacks.example"]
    assert "Chris Admin (chris.admin@clacks.example)" in told.body
    assert "added by chris.admin@clacks.example" in told.body

    # However someone is added or removed (here, in code), it is recorded.
    analyst = make_staff(ANALYSTS)
    with django_capture_on_commit_callbacks(execute=True):
        leads.user_set.add(analyst)
        analyst.groups.remove(leads)
    actions = StaffEvent.objects.filter(user=analyst).values_list("action", flat=True)
    assert {"safeguarding-leads.joined", "safeguarding-leads.left"} <= set(actions)


def test_a_role_made_or_deleted_in_the_admin_is_in_the_audit_log(client, make_staff):
    administrator = make_staff(ADMINISTRATORS)
    client.force_login(administrator)
    role = Group.objects.create(name="Virtual school")
    response = client.post(f"/admin/groups/delete/{role.pk}/")
    assert response.status_code == 302 and not Group.objects.filter(name="Virtual school").exists()
    event = StaffEvent.objects.get(action="role.changed")
    assert event.user == administrator
    assert event.description == f"Role “Virtual school” deleted by {administrator.email}."
