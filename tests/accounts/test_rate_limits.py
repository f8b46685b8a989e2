"""allauth's rate limits, counted in the cache, on sign-in, codes and password resets."""

import pytest

from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from accounts.roles import ANALYSTS, EDITORS
from tests.accounts.factories import PASSWORD, totp_code

pytestmark = pytest.mark.django_db


def test_five_wrong_passwords_lock_the_account_for_a_while(client, home_page, make_staff):
    editor = make_staff(EDITORS, two_step=False)
    for _ in range(5):
        client.post(reverse("account_login"), {"login": editor.email, "password": "wrong guess"})
    response = client.post(reverse("account_login"), {"login": editor.email, "password": PASSWORD})
    assert "Too many tries that did not work" in response.content.decode()
    assert client.get("/admin/")["Location"].startswith(reverse("account_login"))


def test_five_wrong_codes_stop_even_the_right_one(client, home_page, make_staff):
    analyst = make_staff(ANALYSTS)
    client.post(reverse("account_login"), {"login": analyst.email, "password": PASSWORD})
    right = totp_code(analyst.totp_secret)
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(5):
        client.post(reverse("mfa_authenticate"), {"code": wrong})
    response = client.post(reverse("mfa_authenticate"), {"code": right})
    assert "Too many tries" in response.content.decode()
    assert client.get("/admin/")["Location"].startswith(reverse("account_login"))


def test_password_reset_emails_are_limited_per_address(client, home_page, make_staff):
    editor = make_staff(EDITORS, two_step=False)
    for _ in range(8):
        client.post(reverse("account_reset_password"), {"email": editor.email})
    assert len(mail.outbox) == 5


def test_sign_in_attempts_are_limited_per_network(client, home_page):
    for n in range(30):
        client.post(reverse("account_login"), {"login": f"n{n}@clacks.example", "password": "x"})
    response = client.post(reverse("account_login"), {"login": "n@clacks.example", "password": "x"})
    assert response.status_code == 429
    assert "Too many tries" in response.content.decode()


def test_rate_limit_counters_hold_no_ip_address(client, home_page, settings):
    if "LocMemCache" not in settings.CACHES["default"]["BACKEND"]:
        pytest.skip("reads the local memory cache's keys")
    client.post(reverse("account_login"), {"login": "a@clacks.example", "password": "x"})
    keys = list(cache._cache)  # noqa: SLF001 - the only way to list LocMemCache's keys
    assert any(":rl:" in key for key in keys)
    assert not any("127.0.0.1" in key for key in keys)
