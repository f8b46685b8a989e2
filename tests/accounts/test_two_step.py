"""2-step verification: roles that see answers cannot reach the admin without it."""

import re

import pytest
from allauth.mfa.models import Authenticator

from django.core import mail
from django.urls import reverse

from accounts.models import StaffEvent
from accounts.roles import ADMINISTRATORS, ANALYSTS, EDITORS, SURVEY_MANAGERS
from tests.accounts.factories import PASSWORD, totp_code

pytestmark = pytest.mark.django_db


def _set_up_totp(client):
    """Do what a person does on the setup page: read the key, type the app's code."""
    html = client.get(reverse("mfa_activate_totp")).content.decode()
    secret = re.search(r'class="site-setup-key"[^>]*><code>([A-Z2-7]+)</code>', html).group(1)
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    return response, secret


# Transactional: allauth announces a new authenticator once its transaction commits.
@pytest.mark.django_db(transaction=True)
def test_an_analyst_without_two_step_is_sent_to_set_it_up(client, home_page, make_staff):
    analyst = make_staff(ANALYSTS, two_step=False)
    client.post(reverse("account_login"), {"login": analyst.email, "password": PASSWORD})
    for path in ["/admin/", "/admin/pages/", "/admin/account/", "/admin/users/"]:
        response = client.get(path)
        assert response["Location"] == reverse("mfa_activate_totp"), path
    html = client.get(reverse("mfa_activate_totp")).content.decode()
    assert "you need to set up 2-step verification before you can use the admin" in html
    assert 'src="data:image/svg+xml;base64,' in html

    response, _ = _set_up_totp(client)
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    codes_page = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    assert codes_page.count("<li><code>") == 10
    assert "Continue to the admin" in codes_page
    assert client.get("/admin/").status_code == 200
    assert StaffEvent.objects.filter(action="mfa.added", user=analyst).exists()


def test_a_wrong_code_does_not_turn_two_step_on(client, home_page, make_staff):
    analyst = make_staff(ANALYSTS, two_step=False)
    client.post(reverse("account_login"), {"login": analyst.email, "password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    response = client.post(reverse("mfa_activate_totp"), {"code": "12345"})
    assert "That code is not right" in response.content.decode()
    assert not Authenticator.objects.filter(user=analyst).exists()


@pytest.mark.parametrize("role", [EDITORS, SURVEY_MANAGERS])
def test_roles_that_see_no_answers_reach_the_admin_without_it(client, home_page, make_staff, role):
    client.post(
        reverse("account_login"),
        {"login": make_staff(role, two_step=False).email, "password": PASSWORD},
    )
    assert client.get("/admin/").status_code == 200


def test_superusers_need_two_step_too(client, home_page, make_staff):
    client.force_login(make_staff(superuser=True, two_step=False))
    assert client.get("/admin/")["Location"] == reverse("mfa_activate_totp")


def test_a_role_that_needs_two_step_cannot_turn_it_off(client, home_page, make_staff):
    administrator = make_staff(ADMINISTRATORS)
    client.post(reverse("account_login"), {"login": administrator.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": totp_code(administrator.totp_secret)})
    response = client.get(reverse("mfa_deactivate_totp"))
    assert "has to stay on" in response.content.decode()
    client.post(reverse("mfa_deactivate_totp"))
    assert Authenticator.objects.filter(user=administrator, type="totp").exists()


def test_an_editor_may_turn_it_off_and_that_is_recorded(client, home_page, make_staff):
    editor = make_staff(EDITORS)
    client.post(reverse("account_login"), {"login": editor.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": totp_code(editor.totp_secret)})
    client.post(reverse("mfa_deactivate_totp"))
    assert not Authenticator.objects.filter(user=editor, type="totp").exists()
    assert StaffEvent.objects.filter(action="mfa.removed", user=editor).exists()
    assert any("deactivated" in message.subject.lower() for message in mail.outbox)


def test_the_demo_administrator_can_sign_in_with_the_printed_code(client, db, settings):
    from django.core.management import call_command

    from accounts.demo import DEMO_ADMIN_EMAIL
    from participation.management.commands.load_demo_content import DEMO_ADMIN_PASSWORD

    settings.DEBUG = True
    call_command("setup_site", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from io import StringIO

    out = StringIO()
    call_command("demo_sign_in_code", stdout=out)
    code = out.getvalue().split()[0]
    credentials = {"login": DEMO_ADMIN_EMAIL, "password": DEMO_ADMIN_PASSWORD}
    client.post(reverse("account_login"), credentials)
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert client.get("/admin/").status_code == 200


def test_the_sign_in_code_command_refuses_without_debug(settings):
    from django.core.management import CommandError, call_command

    settings.DEBUG = False
    with pytest.raises(CommandError, match="Only with DEBUG on"):
        call_command("demo_sign_in_code")
