"""Administrators add staff; the new person chooses a password from an emailed link."""

import re

import pytest
from allauth.account.models import EmailAddress

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from accounts.models import StaffEvent
from accounts.roles import ADMINISTRATORS, ANALYSTS
from tests.accounts.factories import PASSWORD, totp_code

pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "three random words 42"


def _link(message) -> str:
    return re.search(r"http://testserver(/accounts/password/reset/key/\S+)", message.body).group(1)


def test_an_invited_analyst_signs_in_sets_up_two_step_and_reaches_the_admin(
    client, home_page, make_staff
):
    administrator = make_staff(ADMINISTRATORS)
    client.force_login(administrator)
    analysts = Group.objects.get(name=ANALYSTS)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "Jo.Bloggs@Clacks.example",
            "first_name": "Jo",
            "last_name": "Bloggs",
            "groups": [analysts.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    jo = get_user_model().objects.get(email="jo.bloggs@clacks.example")
    assert jo.username == "jo.bloggs@clacks.example"
    assert not jo.has_usable_password()
    assert list(jo.groups.all()) == [analysts]
    invitation = mail.outbox[-1]
    assert invitation.to == ["jo.bloggs@clacks.example"]
    assert "Analysts" in invitation.body and "2-step verification" in invitation.body
    assert StaffEvent.objects.filter(action="account.invited", user=jo).exists()
    client.logout()

    # Jo follows the link and chooses a password.
    response = client.get(_link(invitation), follow=True)
    assert "Choose a password" in response.content.decode()
    response = client.post(
        response.redirect_chain[-1][0],
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response["Location"] == reverse("account_reset_password_from_key_done")
    assert EmailAddress.objects.get(user=jo).verified

    # Jo signs in, is made to set up 2-step verification, and reaches the admin.
    client.post(reverse("account_login"), {"login": jo.email, "password": NEW_PASSWORD})
    assert client.get("/admin/")["Location"] == reverse("mfa_activate_totp")
    html = client.get(reverse("mfa_activate_totp")).content.decode()
    secret = re.search(r"<code>([A-Z2-7]{32})</code>", html).group(1)
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert client.get("/admin/").status_code == 200
    actions = set(StaffEvent.objects.filter(user=jo).values_list("action", flat=True))
    assert {"account.invited", "password.reset", "sign-in", "mfa.added"} <= actions


def test_the_same_email_address_cannot_be_added_twice(client, home_page, make_staff):
    administrator = make_staff(ADMINISTRATORS)
    existing = make_staff(ANALYSTS)
    client.force_login(administrator)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {"email": existing.email.upper(), "first_name": "A", "last_name": "B", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "Someone already has an account with this email address" in response.content.decode()
    assert not mail.outbox


def test_changing_someones_email_changes_what_they_sign_in_with(client, home_page, make_staff):
    administrator = make_staff(ADMINISTRATORS)
    analyst = make_staff(ANALYSTS)
    old_email = analyst.email
    client.force_login(administrator)
    response = client.post(
        reverse("wagtailusers_users:edit", args=[analyst.pk]),
        {
            "email": "new.address@clacks.example",
            "first_name": "Alex",
            "last_name": "Morgan",
            "is_active": "on",
            "groups": [Group.objects.get(name=ANALYSTS).pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    analyst.refresh_from_db()
    assert analyst.username == "new.address@clacks.example"
    assert not EmailAddress.objects.filter(email__iexact=old_email).exists()
    assert StaffEvent.objects.filter(action="account.changed", user=analyst).exists()
    client.logout()
    old = client.post(reverse("account_login"), {"login": old_email, "password": PASSWORD})
    assert "not right" in old.content.decode()


def test_password_reset_by_email(client, home_page, make_staff):
    analyst = make_staff(ANALYSTS)
    response = client.post(reverse("account_reset_password"), {"email": analyst.email})
    assert response["Location"] == reverse("account_reset_password_done")
    response = client.get(_link(mail.outbox[-1]), follow=True)
    new_password = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    client.post(response.redirect_chain[-1][0], new_password)
    credentials = {"login": analyst.email, "password": NEW_PASSWORD}
    response = client.post(reverse("account_login"), credentials)
    assert response["Location"] == reverse("mfa_authenticate")  # still asks for the code
    # The link works once.
    used_link = client.get(_link(mail.outbox[0]), follow=True)
    assert "This link has stopped working" in used_link.content.decode()


def test_a_reset_for_an_unknown_address_says_the_same_and_reveals_nothing(client, home_page):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@clacks.example"})
    assert response["Location"] == reverse("account_reset_password_done")


def test_a_failed_invitation_email_still_adds_the_person_and_says_what_to_do(
    client, home_page, make_staff, monkeypatch
):
    import smtplib

    from django.core.mail.backends.locmem import EmailBackend

    def broken(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr(EmailBackend, "send_messages", broken)
    client.force_login(make_staff(ADMINISTRATORS))
    response = client.post(
        reverse("wagtailusers_users:add"),
        {"email": "kim@clacks.example", "first_name": "Kim", "last_name": "Lee", "is_active": "on"},
        follow=True,
    )
    assert response.status_code == 200
    assert "invitation email could not be sent" in response.content.decode()
    assert get_user_model().objects.filter(email="kim@clacks.example").exists()
