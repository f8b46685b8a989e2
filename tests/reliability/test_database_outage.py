"""The database going away in the middle of a burst: while it is unreachable the site answers
503 with a page that says to try again (never a half-stored response), and it recovers by itself
when the database is back.

The live half needs PostgreSQL (it cuts the served database's connections from another one); on
SQLite there is no server to lose, and it is skipped.
"""

import threading
import time

import psycopg
import pytest

from django.db import OperationalError, connection
from django.test import Client

from surveys.models import Response
from tests.reliability.conftest import on_postgresql
from tests.reliability.load import Visitor, burst, make_person, title_of, try_again
from tests.reliability.test_burst import assert_each_stored_whole

PEOPLE = 100
OUTAGE_SECONDS = 3
FRIENDLY_TITLE = "Sorry, the site is not working right now"


@pytest.mark.django_db
def test_a_database_that_does_not_answer_gets_a_friendly_503(home_page, monkeypatch):
    from wagtail.models import Site

    def unreachable(request):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr(Site, "find_for_request", unreachable)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert FRIENDLY_TITLE in html and "try again in a few minutes" in html
    assert "<script>" not in html  # the strict CSP holds on the error page too


def _cut_off(database: str, own_pid: int) -> psycopg.Connection:
    """Refuse new connections to `database`, and end every one it has but the test's own."""
    settings = connection.settings_dict
    admin = psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    admin.execute(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false')
    admin.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE datname = %s AND pid <> pg_backend_pid() AND pid <> %s",
        [database, own_pid],
    )
    return admin


@pytest.mark.skipif(
    not on_postgresql(),
    reason="Needs PostgreSQL: it cuts the database's connections from another one. "
    "Run with DATABASE_URL=postgres://… (the CI's second leg does).",
)
def test_the_database_lost_mid_burst_answers_503_then_recovers_with_nothing_half_stored(
    live_site, open_survey
):
    server = live_site(workers=3)
    database = connection.settings_dict["NAME"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        own_pid = cursor.fetchone()[0]
    people = [make_person(number) for number in range(PEOPLE)]
    load = threading.Thread(target=burst, args=(server.base, open_survey.url, people, 20))
    load.start()
    deadline = time.monotonic() + 60
    while Response.objects.count() < PEOPLE // 4 and time.monotonic() < deadline:
        time.sleep(0.02)

    admin = _cut_off(database, own_pid)
    try:
        time.sleep(0.5)
        # Reading the survey's first page may need no database (a worker that has served it keeps
        # the page: cms.serving); starting the survey makes a draft, which always does.
        status, _, html = Visitor(server.base).post(open_survey.url, {"action": "start"})
        during = (status, title_of(html))
        health = Visitor(server.base).get("/healthz")[0]
        time.sleep(OUTAGE_SECONDS)
    finally:
        admin.execute(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true')
        admin.close()
    back = time.monotonic()
    load.join()
    while Visitor(server.base).get("/healthz")[0] != 200 and time.monotonic() - back < 30:
        time.sleep(0.1)
    recovered_in = time.monotonic() - back

    assert during[0] == 503 and during[1].startswith(FRIENDLY_TITLE)
    assert health == 503
    statuses = {status for person in people for status in person.statuses}
    assert statuses <= {200, 302, 503}, statuses
    cut_off = [person for person in people if person.error]
    assert cut_off, "the outage interrupted nobody: the test proved nothing"
    assert all("503" in person.error for person in cut_off), [p.error for p in cut_off]
    stored_before_retry = Response.objects.count()
    retried = [try_again(server.base, open_survey.url, person) for person in cut_off]
    assert [person.error for person in retried if person.error] == []
    assert Response.objects.count() == PEOPLE
    assert_each_stored_whole(people)
    print(  # noqa: T201
        f"\noutage of {OUTAGE_SECONDS + 0.5:.1f} s: {len(cut_off)} of {PEOPLE} people saw the 503 "
        f"page, {stored_before_retry} stored before their retries, {PEOPLE} after; healthy again "
        f"{recovered_in:.2f} s after the database was back"
    )
