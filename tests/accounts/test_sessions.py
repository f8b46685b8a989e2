"""Staff sessions end after 30 minutes idle and 12 hours in all; people are told beforehand."""

import time

import pytest

from django.urls import reverse

from accounts.models import StaffEvent
from accounts.roles import EDITORS
from accounts.staff_sessions import SESSION_LAST_ACTIVE, SESSION_STARTED
from tests.accounts.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in_editor(client, home_page, make_staff):
    editor = make_staff(EDITORS, two_step=False)
    client.post(reverse("account_login"), {"login": editor.email, "password": PASSWORD})
    assert client.get("/admin/").status_code == 200
    return editor


def _age_session(client, *, started_ago=0, idle_for=0):
    session = client.session
    now = time.time()
    session[SESSION_STARTED] = now - started_ago
    session[SESSION_LAST_ACTIVE] = now - idle_for
    session.save()


def test_thirty_minutes_without_activity_signs_staff_out(client, signed_in_editor):
    _age_session(client, started_ago=31 * 60, idle_for=31 * 60)
    response = client.get("/admin/pages/")
    assert response["Location"] == reverse("account_login") + "?next=/admin/pages/"
    page = client.get(response["Location"]).content.decode()
    assert "signed out after 30 minutes without activity" in page
    event = StaffEvent.objects.get(action="sign-out", user=signed_in_editor)
    assert event.description == "Signed out after 30 minutes without activity."


def test_twelve_hours_signs_staff_out_however_active(client, signed_in_editor):
    _age_session(client, started_ago=12 * 60 * 60 + 1, idle_for=10)
    assert client.get("/admin/")["Location"].startswith(reverse("account_login"))
    assert StaffEvent.objects.get(action="sign-out").description == "Signed out after 12 hours."


def test_activity_keeps_the_session_but_asking_the_time_does_not(client, signed_in_editor):
    _age_session(client, started_ago=20 * 60, idle_for=20 * 60)
    status = client.get(reverse("staff_session")).json()
    assert status["signed_in"] is True
    assert 9 * 60 < status["idle_seconds_left"] <= 10 * 60
    assert client.session[SESSION_LAST_ACTIVE] < time.time() - 19 * 60  # not refreshed

    status = client.post(reverse("staff_session")).json()  # "Stay signed in"
    assert status["idle_seconds_left"] > 29 * 60
    assert 11 * 60 * 60 < status["session_seconds_left"] <= 12 * 60 * 60 - 20 * 60
    assert status["warning_seconds"] == 5 * 60

    _age_session(client, started_ago=25 * 60, idle_for=25 * 60)
    client.get("/admin/")
    assert client.session[SESSION_LAST_ACTIVE] > time.time() - 5


def test_the_admins_background_pings_are_not_activity(client, signed_in_editor):
    _age_session(client, idle_for=20 * 60)
    client.post("/admin/editing-sessions/ping/wagtailcore/page/1/1/")
    assert client.session[SESSION_LAST_ACTIVE] < time.time() - 19 * 60


def test_the_time_left_is_not_given_to_someone_signed_out(client):
    response = client.get(reverse("staff_session"))
    assert response.status_code == 401
    assert response.json() == {"signed_in": False}


def test_the_admin_warns_before_the_session_ends(client, signed_in_editor):
    html = client.get("/admin/").content.decode()
    script = '<script src="/static/js/staff_session.js" data-status-url="/accounts/session/" defer>'
    assert script in html
    assert "you will be signed out after 30 minutes without activity, and at" in html


@pytest.mark.parametrize(
    "path", ["/", "/privacy/", "/privacy/young-people/", "/cookies/", "/no-such-page/"]
)
def test_public_visitors_get_no_cookie(client, privacy_pages, path):
    response = client.get(path)
    assert not response.cookies, response.cookies
    assert "Set-Cookie" not in response.headers
