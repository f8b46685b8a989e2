"""Staff sign in, with a code from an authenticator app, in a real browser at both widths."""

import re

import pytest

from accounts.roles import ANALYSTS, EDITORS
from tests.accounts.factories import PASSWORD, totp_code
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in_with_password(page, email):
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_sign_in_with_a_code_from_the_app(page_at, live_server, home_page, make_staff):
    analyst = make_staff(ANALYSTS)
    page_at.goto(live_server.url + "/admin/")
    assert page_at.get_by_role("heading", name="Sign in").is_visible()
    assert_accessible(page_at)

    page_at.get_by_role("button", name="Sign in").click()  # nothing filled in
    assert page_at.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page_at)

    _sign_in_with_password(page_at, analyst.email)
    assert page_at.get_by_role("heading", name="Enter your code").is_visible()
    assert_accessible(page_at)

    page_at.get_by_label("Code").fill(totp_code(analyst.totp_secret))
    page_at.get_by_role("button", name="Continue").click()
    page_at.wait_for_url(live_server.url + "/admin/")
    assert page_at.get_by_text("Your session").is_visible()
    page_at.recorder.assert_only_own_host()


def test_an_analyst_without_two_step_is_made_to_set_it_up(
    page_at, live_server, home_page, make_staff
):
    analyst = make_staff(ANALYSTS, two_step=False)
    page_at.goto(live_server.url + "/admin/pages/")
    _sign_in_with_password(page_at, analyst.email)
    page_at.wait_for_url(re.compile(r".*/accounts/2fa/totp/activate/$"))
    assert page_at.get_by_role("heading", name="Set up 2-step verification").is_visible()
    assert page_at.get_by_role("img", name=re.compile("QR code")).is_visible()
    assert_accessible(page_at)

    secret = page_at.locator(".site-setup-key code").inner_text().strip()
    page_at.get_by_label("Code").fill(totp_code(secret))
    page_at.get_by_role("button", name="Turn on 2-step verification").click()
    assert page_at.get_by_role("heading", name="Your recovery codes").is_visible()
    assert page_at.locator(".site-recovery-codes li").count() == 10
    assert_accessible(page_at)

    page_at.get_by_role("link", name="Continue to the admin").click()
    page_at.wait_for_url(live_server.url + "/admin/")
    page_at.recorder.assert_only_own_host()


def test_the_admin_warns_before_signing_out_and_lets_people_stay(
    browser, live_server, home_page, make_staff, settings
):
    settings.STAFF_SESSION_IDLE_SECONDS = 4 * 60  # inside the five-minute warning at once
    editor = make_staff(EDITORS, two_step=False)
    context = browser.new_context(viewport={"width": 375, "height": 667})
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/?next=/admin/")
    _sign_in_with_password(page, editor.email)
    page.wait_for_url(live_server.url + "/admin/")
    notice = page.get_by_role("alert").filter(has_text="you will be signed out at")
    notice.wait_for()
    with page.expect_response(
        lambda response: (
            response.url.endswith("/accounts/session/") and response.request.method == "POST"
        )
    ) as stay:
        page.get_by_role("button", name="Stay signed in").click()
    assert stay.value.status == 200
    assert stay.value.json()["idle_seconds_left"] > 3 * 60
    context.close()
