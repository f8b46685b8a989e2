"""The same answers sent twice at the same moment, from two connections (a double-tapped Send
on a slow phone): one response, and both taps end on the thank-you page."""

import copy
import threading

import pytest

from surveys.models import Layout, Response
from tests.reliability.load import Visitor, begin, make_person, send
from tests.reliability.test_burst import assert_each_stored_whole

TRIES = 20


def tap_twice(visitor, person, answers_path):
    """Send from two connections with the same cookies, released at the same moment."""
    taps = [copy.deepcopy(person), copy.deepcopy(person)]
    phones = [visitor, copy.deepcopy(visitor)]
    together = threading.Barrier(2)
    errors = []

    def tap(phone, tapped):
        together.wait()
        try:
            send(phone, tapped, answers_path)
        except AssertionError as error:
            errors.append(f"{error}: {tapped.statuses}")

    threads = [threading.Thread(target=tap, args=pair) for pair in zip(phones, taps, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return taps, errors


def test_a_double_tapped_send_stores_one_response_and_thanks_both_taps(live_site, open_survey):
    server = live_site(workers=3)
    people = []
    for number in range(TRIES):
        person = make_person(number)
        visitor = Visitor(server.base, person.address)
        taps, errors = tap_twice(visitor, person, begin(visitor, person, open_survey.url))
        assert errors == []
        assert [tapped.thanked for tapped in taps] == [True, True], [t.statuses for t in taps]
        people.append(person)

    assert Response.objects.count() == TRIES
    assert_each_stored_whole(people)


@pytest.mark.parametrize("layout", [Layout.ONE_PAGE, Layout.ONE_QUESTION_PER_PAGE])
def test_a_send_whose_twin_finished_while_it_was_on_its_way_is_thanked(
    client, one_page_survey, monkeypatch, layout
):
    """The race above, made to happen every time: the twin stores the response, deletes the
    draft and ends the session just after this request looked for an earlier response. On one
    page the answers are sent from the questions; one question at a time, from “check your
    answers”."""
    from django.contrib.sessions.models import Session

    from surveys import services, views
    from tests.surveys.helpers import current_draft, start

    survey = one_page_survey
    survey.layout = layout
    survey.save_revision().publish()
    send_path = "answers/" if layout == Layout.ONE_PAGE else "check/"
    start(client, survey)
    draft = current_draft(client, survey)
    data = {"action": "send", "submission_id": str(draft.submission_id), "q-listened-to": "okay"}
    services.submit_response(
        survey=survey, answers={"listened-to": ["okay"]}, submission_id=draft.submission_id
    )
    Session.objects.all().delete()
    real_lookup = views._response_for_posted_submission
    lookups = []

    def not_yet_sent_at_first(request):
        lookups.append(request)
        return None if len(lookups) == 1 else real_lookup(request)

    monkeypatch.setattr(views, "_response_for_posted_submission", not_yet_sent_at_first)

    response = client.post(f"{survey.url}{send_path}", data)

    assert response.status_code == 302
    assert response["Location"] == f"{survey.url}thank-you/"
    assert Response.objects.count() == 1
