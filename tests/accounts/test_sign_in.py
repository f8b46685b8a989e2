"""Signing in: allauth is the one way in, with the email address, a password and a code."""

import pytest

from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import StaffEvent
from accounts.roles import ANALYSTS, EDITORS
from tests.accounts.factories import PASSWORD, totp_code

pytestmark = pytest.mark.django_db


def test_sign_in_page_is_in_the_site_style_with_no_sign_up(client, home_page):
    html = client.get(reverse("account_login")).content.decode()
    assert "ds_input" in html and "Hide this page" in html and "0800 1111" in html
    assert "sign up" not in html.lower().replace("cannot sign up here", "")
    assert 'name="robots" content="noindex, nofollow"' in html


def test_nobody_can_sign_up(client, home_page):
    response = client.get(reverse("account_signup"))
    assert "There is no sign-up" in response.content.decode()
    client.post(
        reverse("account_signup"),
        {"email": "someone@example.com", "password1": "a very long password 1", "password2": ""},
    )
    assert not get_user_model().objects.filter(email="someone@example.com").exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_wagtails_own_sign_in_sends_people_to_allauth(client, method):
    response = getattr(client, method)("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=/admin/pages/"


def test_password_then_code_signs_in_with_a_new_session(client, home_page, make_staff):
    analyst = make_staff(ANALYSTS)
    client.get(reverse("account_login"))
    response = client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": analyst.email.upper(), "password": PASSWORD},
    )
    assert response["Location"] == reverse("mfa_authenticate")
    session_before_code = client.session.session_key
    # The password alone is not enough.
    assert client.get("/admin/")["Location"].startswith(reverse("account_login"))

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(analyst.totp_secret)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.session.session_key != session_before_code
    assert client.get("/admin/").status_code == 200
    event = StaffEvent.objects.get(action="sign-in")
    assert event.user == analyst
    assert event.description == "Signed in with password and an authenticator app."


def test_a_recovery_code_works_once_instead_of_the_app(client, home_page, make_staff):
    from allauth.mfa.models import Authenticator

    analyst = make_staff(ANALYSTS)
    recovery = Authenticator.objects.get(user=analyst, type="recovery_codes").wrap()
    code = recovery.get_unused_codes()[0]
    client.post(reverse("account_login"), {"login": analyst.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert client.get("/admin/").status_code == 200
    assert StaffEvent.objects.filter(action="mfa.recovery-code-used", user=analyst).exists()
    assert "a recovery code" in StaffEvent.objects.get(action="sign-in").description

    client.logout()
    client.post(reverse("account_login"), {"login": analyst.email, "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert "That code is not right" in response.content.decode()


def test_wrong_code_is_refused_and_recorded(client, home_page, make_staff):
    analyst = make_staff(ANALYSTS)
    client.post(reverse("account_login"), {"login": analyst.email, "password": PASSWORD})
    wrong = "000000" if totp_code(analyst.totp_secret) != "000000" else "111111"
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    html = response.content.decode()
    assert "There is a problem" in html and "That code is not right" in html
    assert 'aria-invalid="true"' in html
    assert StaffEvent.objects.filter(action="mfa.failed", user=analyst).count() == 1
    assert client.get("/admin/")["Location"].startswith(reverse("account_login"))


def test_wrong_password_shows_a_clear_error_and_is_recorded(client, home_page, make_staff):
    editor = make_staff(EDITORS, two_step=False)
    response = client.post(
        reverse("account_login"), {"login": editor.email, "password": "not the password"}
    )
    html = response.content.decode()
    assert "The email address or the password is not right" in html
    event = StaffEvent.objects.get(action="sign-in.failed")
    assert (event.user, event.account) == (editor, editor.email)


def test_a_failed_sign_in_for_no_account_keeps_nothing_typed(client, home_page):
    client.post(
        reverse("account_login"),
        {"login": "my-secret-password@oops.example", "password": "whatever it was"},
    )
    event = StaffEvent.objects.get(action="sign-in.failed")
    assert event.user is None and event.account == ""
    assert "oops" not in event.description


def test_empty_form_says_what_to_enter(client, home_page):
    html = client.post(reverse("account_login"), {}).content.decode()
    assert "Enter your email address" in html and "Enter your password" in html
    assert 'href="#id_login"' in html


def test_signing_out_is_recorded(client, home_page, make_staff):
    editor = make_staff(EDITORS, two_step=False)
    client.post(reverse("account_login"), {"login": editor.email, "password": PASSWORD})
    response = client.post(reverse("account_logout"))
    assert response["Location"] == reverse("account_login")
    assert StaffEvent.objects.filter(action="sign-out", user=editor).exists()


def test_signing_out_from_the_admin_menu_goes_to_our_sign_in_page(client, home_page, make_staff):
    editor = make_staff(EDITORS, two_step=False)
    client.post(reverse("account_login"), {"login": editor.email, "password": PASSWORD})
    response = client.post(reverse("wagtailadmin_logout"))
    assert response["Location"] == reverse("account_login")
    assert client.get("/admin/")["Location"].startswith(reverse("account_login"))
    assert StaffEvent.objects.filter(action="sign-out", user=editor).exists()


def test_someone_signed_in_with_no_role_is_told_so_and_whom_to_ask(client, home_page, make_staff):
    from accounts.roles import ADMINISTRATORS

    administrator = make_staff(ADMINISTRATORS, email="chris.admin@clacks.example")
    administrator.first_name, administrator.last_name = "Chris", "Admin"
    administrator.save()
    make_staff(two_step=False, email="new.starter@clacks.example")
    client.post(
        reverse("account_login"), {"login": "new.starter@clacks.example", "password": PASSWORD}
    )
    # Once bounced between the admin and the sign-in page until the browser gave up.
    for path in ("/admin/", "/admin/pages/", reverse("account_login") + "?next=/admin/"):
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        assert response.redirect_chain[-1][0] == reverse("staff_no_role"), path
    html = response.content.decode()
    assert "You do not have a role yet" in html
    assert "new.starter@clacks.example" in html
    assert "Chris Admin" in html and 'href="mailto:chris.admin@clacks.example"' in html
    assert reverse("account_logout") in html


def test_the_no_role_page_is_only_for_people_without_a_role(client, home_page, make_staff):
    assert client.get(reverse("staff_no_role"))["Location"].startswith(reverse("account_login"))
    client.force_login(make_staff(EDITORS, two_step=False))
    assert client.get(reverse("staff_no_role"))["Location"] == reverse("wagtailadmin_home")
