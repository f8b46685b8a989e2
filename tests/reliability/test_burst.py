"""A burst of people sending answers at once, against gunicorn on the run's own database: every
one stored exactly once and whole, and nobody shown an error.

CI sends RELIABILITY_BURST people (200 unless set); `RELIABILITY_BURST=1000` is the full size.
"""

import os
import time

from django.db.models import Count

from surveys.models import Answer, Response
from tests.reliability.load import burst, make_person

BURST = int(os.environ.get("RELIABILITY_BURST", "200"))
CONCURRENCY = int(os.environ.get("RELIABILITY_CONCURRENCY", "50"))


def assert_each_stored_whole(people):
    """One response per person, with every one of their answers: none partial, none twice."""
    expected = sorted(person.answer_count for person in people)
    stored = sorted(Response.objects.annotate(rows=Count("answers")).values_list("rows", flat=True))
    assert stored == expected


def test_a_burst_of_submissions_stores_every_response_once_and_whole(live_site, open_survey):
    server = live_site(workers=3)
    people = [make_person(number) for number in range(BURST)]
    began = time.monotonic()
    done = burst(server.base, open_survey.url, people, CONCURRENCY)
    seconds = time.monotonic() - began

    failed = [(person.number, person.error, person.statuses) for person in done if person.error]
    assert failed == []
    assert all(person.thanked for person in done)
    assert {status for person in done for status in person.statuses} == {200, 302}
    assert Response.objects.count() == BURST
    assert Answer.objects.count() == sum(person.answer_count for person in done)
    assert_each_stored_whole(done)
    print(f"\n{BURST} people at concurrency {CONCURRENCY}: {seconds:.1f} s")  # noqa: T201
