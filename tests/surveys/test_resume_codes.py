"""Save and come back later: a short code, easy to write down, stored only as a hash."""

import datetime
import re

import pytest

from django.test import Client
from django.utils import timezone

from surveys.codes import RESUME_CODE_ALPHABET, hash_resume_code, normalise_resume_code
from surveys.models import Draft, Layout
from tests.surveys.helpers import answer, current_draft, start

pytestmark = pytest.mark.django_db


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def _save(client, survey, key="know-advocate", value="yes"):
    response = answer(client, survey, key, value, action="save")
    assert response.status_code == 200
    code = re.search(r'<p class="survey-code"[^>]*><strong>([A-Z0-9 ]+)</strong>', _main(response))
    return response, code.group(1)


def test_saving_shows_a_short_code_and_keeps_only_its_hash(client, survey):
    start(client, survey)
    answer(client, survey, "listened-to", "happy")
    response, code = _save(client, survey)
    assert re.fullmatch(r"[A-Z0-9]{4} [A-Z0-9]{4}", code)
    assert set(code.replace(" ", "")) <= set(RESUME_CODE_ALPHABET)
    html = _main(response)
    expires = (timezone.localdate() + datetime.timedelta(days=30)).strftime("%-d %B %Y")
    assert f"Your code works until {expires}" in html
    assert "http://testserver/surveys/resume/" in html
    draft = current_draft(client, survey)
    assert draft.answers == {"listened-to": ["happy"], "know-advocate": ["yes"]}
    assert draft.resume_code_hash == hash_resume_code(code.replace(" ", ""))
    assert code.replace(" ", "") not in str(Draft.objects.values().get())


def test_a_code_brings_the_answers_back_on_another_device(client, survey):
    start(client, survey)
    answer(client, survey, "listened-to", "happy")
    _, code = _save(client, survey)
    other_device = Client()
    typed = code.lower().replace(" ", "-")
    response = other_device.post("/surveys/resume/", {"code": f"  {typed} "})
    assert response["Location"] == f"{survey.url}question/feel-safe/"
    assert current_draft(other_device, survey).answers["listened-to"] == ["happy"]


@pytest.mark.parametrize("typed", ["ABCD2345", "abc", "0000 0000", "KT4M-9XPW-EXTRA"])
def test_a_wrong_code_gets_a_clear_message(client, survey, typed):
    response = client.post("/surveys/resume/", {"code": typed})
    assert response.status_code == 400
    html = response.content.decode()
    assert "<title>Error: Carry on with your code" in html
    assert '<a href="#code">We could not find that code.' in html
    assert 'aria-describedby="code-hint code-error"' in html


def test_an_empty_code_asks_for_one(client, survey):
    response = client.post("/surveys/resume/", {"code": "  "})
    assert "Enter your code." in _main(response)


def test_an_expired_code_says_so(client, survey):
    start(client, survey)
    _, code = _save(client, survey)
    Draft.objects.update(saved_on=timezone.localdate() - datetime.timedelta(days=31))
    response = Client().post("/surveys/resume/", {"code": code})
    assert response.status_code == 400
    assert "That code has expired" in _main(response)


def test_saving_again_gives_a_new_code_and_the_old_one_stops_working(client, survey):
    start(client, survey)
    _, first = _save(client, survey)
    _, second = _save(client, survey, "feel-safe", "agree")
    assert first != second
    assert Client().post("/surveys/resume/", {"code": first}).status_code == 400
    assert Client().post("/surveys/resume/", {"code": second}).status_code == 302


def test_resume_attempts_are_rate_limited(client, survey, settings):
    settings.SURVEY_RATE_LIMITS = {**settings.SURVEY_RATE_LIMITS, "resume": (3, 600)}
    for _ in range(3):
        assert client.post("/surveys/resume/", {"code": "ABCD2345"}).status_code == 400
    response = client.post("/surveys/resume/", {"code": "ABCD2345"})
    assert response.status_code == 429
    assert "Please wait 10 minutes and try again." in _main(response)


def test_a_code_for_a_closed_survey_says_the_survey_is_closed(client, survey):
    start(client, survey)
    _, code = _save(client, survey)
    survey.closes_on = survey.cycle.starts_on
    survey.save_revision().publish()
    assert "is closed" in _main(Client().post("/surveys/resume/", {"code": code}))


def test_saving_on_check_your_answers_and_on_one_page(client, survey):
    start(client, survey)
    answer(client, survey, "listened-to", "okay")
    response = client.post(f"{survey.url}check/", {"action": "save"})
    assert "Your answers are saved" in _main(response)

    survey.layout = Layout.ONE_PAGE
    survey.save_revision().publish()
    response = client.post(
        f"{survey.url}answers/", {"action": "save", "q-listened-to": "happy", "q-one-word": "Fine"}
    )
    assert "Your answers are saved" in _main(response)
    assert current_draft(client, survey).answers["one-word"] == ["Fine"]


def test_saving_is_rate_limited(client, survey, settings):
    settings.SURVEY_RATE_LIMITS = {**settings.SURVEY_RATE_LIMITS, "save": (1, 600)}
    start(client, survey)
    _save(client, survey)
    response = answer(client, survey, "know-advocate", "no", action="save")
    assert response.status_code == 429


def test_the_resume_page_explains_the_code(client, survey_index):
    html = _main(client.get("/surveys/resume/"))
    assert '<label class="ds_label" for="code">Your code</label>' in html
    assert "8 letters and numbers, like KT4M 9XPW" in html


@pytest.mark.parametrize(
    ("typed", "code"),
    [("kt4m 9xpw", "KT4M9XPW"), ("KT4M-9XPW", "KT4M9XPW"), ("KT4M9XP", None), ("KT4M9XP0", None)],
)
def test_codes_are_read_kindly(typed, code):
    assert normalise_resume_code(typed) == code


# Behind the load balancer every request comes from its address; the client's is in
# X-Forwarded-For, as the trusted proxies saw it.
LOAD_BALANCER = {"REMOTE_ADDR": "10.0.0.5"}


def _guess(client, forwarded_for):
    return client.post(
        "/surveys/resume/",
        {"code": "ABCD2345"},
        HTTP_X_FORWARDED_FOR=forwarded_for,
        **LOAD_BALANCER,
    )


def test_behind_the_load_balancer_one_client_cannot_block_everyone(client, survey, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SURVEY_RATE_LIMITS = {**settings.SURVEY_RATE_LIMITS, "resume": (3, 600)}
    for _ in range(3):
        assert _guess(client, "203.0.113.9").status_code == 400
    assert _guess(client, "203.0.113.9").status_code == 429
    # Making up an address in front of the real one does not escape the limit...
    assert _guess(client, "198.51.100.1, 203.0.113.9").status_code == 429
    # ...and someone else behind the same load balancer carries on.
    assert _guess(Client(), "198.51.100.77").status_code == 400


def test_ipv6_clients_are_counted_by_their_64_network(client, survey, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SURVEY_RATE_LIMITS = {**settings.SURVEY_RATE_LIMITS, "resume": (2, 600)}
    assert _guess(client, "2001:db8:1:2::1").status_code == 400
    assert _guess(client, "2001:db8:1:2:ffff::9").status_code == 400
    assert _guess(client, "2001:db8:1:2:abcd::3").status_code == 429
    assert _guess(client, "2001:db8:1:3::1").status_code == 400
