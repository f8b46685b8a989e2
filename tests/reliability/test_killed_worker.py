"""A gunicorn worker killed with SIGKILL in the middle of people sending answers: nothing is
half-stored, and everyone whose page failed gets their thank-you when they try again."""

import os
import signal
import threading
import time

from surveys.models import Response
from tests.reliability.load import burst, make_person, try_again
from tests.reliability.test_burst import assert_each_stored_whole

PEOPLE = int(os.environ.get("RELIABILITY_KILL_PEOPLE", "80"))


def test_a_worker_killed_mid_burst_leaves_no_partial_response_and_retries_succeed(
    live_site, open_survey
):
    server = live_site(workers=2)
    people = [make_person(number) for number in range(PEOPLE)]
    load = threading.Thread(target=burst, args=(server.base, open_survey.url, people, 20))
    load.start()
    # Three times, a quarter, half and three quarters of the way through: a worker between two
    # requests has nothing to lose, so one kill alone may interrupt nobody.
    victims = []
    for share in (4, 2, 4 / 3):
        deadline = time.monotonic() + 60
        while Response.objects.count() < PEOPLE // share and time.monotonic() < deadline:
            time.sleep(0.02)
        victims.append(server.worker_pids()[-1])
        os.kill(victims[-1], signal.SIGKILL)
    load.join()

    # The ones cut off: the killed worker's requests, in any step.
    cut_off = [person for person in people if person.error]
    stored_before_retry = Response.objects.count()
    retried = [try_again(server.base, open_survey.url, person) for person in cut_off]

    assert not set(victims) & set(server.worker_pids())  # gunicorn replaced them
    assert cut_off, "the kill interrupted nobody: the test proved nothing"
    assert [person.error for person in retried if person.error] == []
    assert all(person.thanked for person in people)
    assert Response.objects.count() == PEOPLE
    assert_each_stored_whole(people)
    print(  # noqa: T201
        f"\nkilled workers {victims}: {len(cut_off)} of {PEOPLE} people cut off, "
        f"{stored_before_retry} stored before their retries, {PEOPLE} after"
    )
