"""Promises that hold on every response: health, errors, security headers, settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from django.db import DatabaseError

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parent.parent


def test_healthz_answers_ok_and_nothing_more(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_answers_503_when_the_database_is_down(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(*args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert b"down" not in response.content


def test_not_found_page_is_in_the_site_style_with_help(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Sorry, we can’t find that page" in html
    assert "Hide this page" in html
    assert "0800 1111" in html


def test_server_error_page_needs_no_database(rf, django_assert_num_queries):
    from config.views import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, something went wrong" in html
    assert "Hide this page" in html and "0800 1111" in html


def _policy(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


@pytest.mark.parametrize("path", ["/", "/healthz", "/no-such-page/"])
def test_every_public_response_carries_the_strict_policy(client, home_page, path):
    directives = _policy(client.get(path))
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"]
    assert "unsafe-inline" not in directives["style-src"]


def test_admin_keeps_the_policy_but_allows_wagtails_inline_scripts(client, home_page):
    directives = _policy(client.get("/admin/login/"))
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "'unsafe-inline'" in directives["script-src"]


def test_referrer_policy_is_same_origin(client, home_page):
    assert client.get("/")["Referrer-Policy"] == "same-origin"


def _run_manage(*args, drop=(), **env):
    """Run manage.py in a fresh process, as an operator would, with the given environment."""
    # The browser tests' async-safety switch must not leak into a deployment check.
    dropped = {"DJANGO_ALLOW_ASYNC_UNSAFE", *drop}
    environment = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env={**environment, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_check():
    result = _run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="a-long-random-production-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="promise.example.org",
        DEBUG="true",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_never_turn_debug_on(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("DEBUG", "true")
    result = _run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
        DJANGO_SETTINGS_MODULE="config.settings.production",
    )
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _run_manage(
        "check", drop={"SECRET_KEY"}, DJANGO_SETTINGS_MODULE="config.settings.production"
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_sqlite_waits_for_writers_instead_of_failing(settings):
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("only the SQLite default needs these options")
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert database["OPTIONS"]["timeout"] >= 5
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]


# Powerful browser features the site never uses, switched off for every page and any frame.
FEATURES_NEVER_USED = {"camera", "microphone", "geolocation", "payment", "usb", "display-capture"}


@pytest.mark.parametrize("path", ["/", "/healthz", "/no-such-page/", "/admin/login/"])
def test_every_response_turns_off_browser_features_the_site_never_uses(client, home_page, path):
    policy = client.get(path)["Permissions-Policy"]
    allowed = dict(part.strip().split("=", 1) for part in policy.split(","))
    assert FEATURES_NEVER_USED <= set(allowed)
    assert set(allowed.values()) == {"()"}, "every feature named is allowed for nobody"
