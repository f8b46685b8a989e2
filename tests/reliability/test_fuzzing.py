"""Property-based fuzzing of what the public can send: the survey start, answer, send and resume
steps, invitation links, and the filters of /you-said-we-did/. Whatever arrives, the site never
answers 5xx, and a request it refuses (4xx) changes nothing stored.

2,000 examples in all by default; RELIABILITY_FUZZ_SCALE=5 runs five times as many.
"""

import os
import urllib.parse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from participation.models import FeedbackEntry
from surveys.models import Answer, Draft, Invitation, Layout, Response, Tally
from surveys.services import make_invitations
from tests.reliability.payloads import HOSTILE, ORDINARY
from tests.surveys.factories import SAMPLE_QUESTIONS, SurveyPageFactory, open_cycle
from tests.surveys.helpers import current_draft, start

SCALE = float(os.environ.get("RELIABILITY_FUZZ_SCALE", "1"))
EXAMPLES = {  # 2,000 in all
    "start": 300,
    "answer": 450,
    "send": 450,
    "resume": 250,
    "invitation": 250,
    "filters": 300,
}


def fuzz(name):
    return settings(
        max_examples=max(1, int(EXAMPLES[name] * SCALE)),
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )


KEYS = [block["value"]["key"] for block in SAMPLE_QUESTIONS if "key" in block["value"]]
KNOWN_VALUES = [
    "okay",
    "happy",
    "yes",
    "no",
    "agree",
    "phone",
    "letters",
    "as-often-as-i-want",
    "0",
    "10",
    "11",
    "-1",
    "",
]
words = st.one_of(
    st.text(max_size=40),
    st.sampled_from(HOSTILE + ORDINARY + KNOWN_VALUES),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=2000),
)
field_names = st.one_of(st.sampled_from([f"q-{key}" for key in KEYS]), st.text(max_size=20))
form = st.dictionaries(field_names, st.one_of(words, st.lists(words, max_size=4)), max_size=6)
# Half the time, a body that is not even a form: any bytes at all.
raw_body = st.one_of(st.just(b""), st.binary(min_size=1, max_size=300))
URLENCODED = "application/x-www-form-urlencoded"


def stored():
    """Everything a refused request must leave as it was."""
    return (
        Response.objects.count(),
        Answer.objects.count(),
        list(Tally.objects.order_by("pk").values_list("pk", "count")),
        Draft.objects.count(),
        # Every field of the newest drafts: the one the fuzzing client is filling in among them
        # (all of them would be read thousands of times as they pile up).
        list(Draft.objects.order_by("-pk").values()[:3]),
        list(Invitation.objects.filter(used=True).values_list("pk", flat=True)),
        FeedbackEntry.objects.count(),
    )


def check(response, before):
    assert response.status_code < 500, response.content.decode(errors="replace")[:2000]
    if response.status_code >= 400:
        assert stored() == before


@pytest.fixture
def surveys(home_page, settings):
    from tests.surveys.factories import SurveyIndexPageFactory

    # Each example counts against the per-client limits; their own tests cover those.
    settings.SURVEY_RATE_LIMITS = {
        scope: (10**9, window) for scope, (_, window) in settings.SURVEY_RATE_LIMITS.items()
    }
    cycle = open_cycle()
    index = SurveyIndexPageFactory(parent=home_page)
    steps = SurveyPageFactory(parent=index, title="Steps", slug="steps", cycle=cycle)
    one_page = SurveyPageFactory(
        parent=index, title="One page", slug="one-page", cycle=cycle, layout=Layout.ONE_PAGE
    )
    invited = SurveyPageFactory(
        parent=index, title="Invited", slug="invited", cycle=cycle, requires_invitation=True
    )
    tokens = [made.token for made in make_invitations(survey=invited, cycle=cycle, count=3)]
    return {"steps": steps, "one_page": one_page, "invited": invited, "tokens": tokens}


def _with_draft(client, survey):
    if str(survey.pk) not in client.session.get("survey_drafts", {}):
        start(client, survey)
    return current_draft(client, survey)


pytestmark = pytest.mark.django_db


def test_fuzzing_the_start_step(client, surveys):
    survey = surveys["steps"]

    @fuzz("start")
    @given(form=form, action=st.sampled_from(["start", "continue", "", "💥"]), raw=raw_body)
    def sends(form, action, raw):
        before = stored()
        if raw:
            response = client.generic("POST", survey.url, raw, URLENCODED)
        else:
            response = client.post(survey.url, {**form, "action": action})
        check(response, before)

    sends()


def test_fuzzing_the_answer_steps(client, surveys):
    survey = surveys["steps"]

    @fuzz("answer")
    @given(
        key=st.one_of(st.sampled_from(KEYS), st.text(max_size=20)),
        form=form,
        action=st.sampled_from(["next", "skip", "back", "save", "", "<b>"]),
    )
    def answers(key, form, action):
        _with_draft(client, survey)
        path = f"{survey.url}question/{urllib.parse.quote(key, safe='')}/"
        before = stored()
        check(client.post(path, {**form, "action": action}), before)

    answers()


def test_fuzzing_sending_answers(client, surveys):
    survey = surveys["one_page"]

    @fuzz("send")
    @given(
        form=form,
        action=st.sampled_from(["send", "save", "", "send "]),
        submission=st.one_of(st.just("real"), st.uuids().map(str), st.text(max_size=40)),
        honeypot=st.one_of(st.just(""), words),
    )
    def sends(form, action, submission, honeypot):
        draft = _with_draft(client, survey)
        submission_id = str(draft.submission_id) if submission == "real" else submission
        data = {**form, "action": action, "submission_id": submission_id, "website": honeypot}
        before = stored()
        check(client.post(f"{survey.url}answers/", data), before)

    sends()


def test_fuzzing_resume_codes(client, surveys):
    @fuzz("resume")
    @given(code=words, raw=raw_body)
    def resumes(code, raw):
        before = stored()
        if raw:
            response = client.generic("POST", "/surveys/resume/", raw, URLENCODED)
        else:
            response = client.post("/surveys/resume/", {"code": code})
        check(response, before)

    resumes()


def test_fuzzing_invitation_links(client, surveys):
    survey = surveys["invited"]

    @fuzz("invitation")
    @given(token=st.one_of(st.text(min_size=1, max_size=80), st.sampled_from(surveys["tokens"])))
    def opens(token):
        before = stored()
        response = client.get(f"{survey.url}invitation/{urllib.parse.quote(token, safe='')}/")
        check(response, before)
        # Opening a link, even a good one, never uses it up.
        assert not Invitation.objects.filter(used=True).exists()

    opens()


def test_fuzzing_the_filters_of_you_said_we_did(client, site_content):
    from tests.participation.test_feedback_pages import publish

    publish("Carers line", codes=("STW 1",))
    publish("Family time", codes=("STW 4",), days_ago=400)
    names = st.sampled_from(
        ["action_code", "foundation", "area", "status", "audience", "year", "page", "q"]
    )

    @fuzz("filters")
    @given(query=st.lists(st.tuples(st.one_of(names, st.text(max_size=10)), words), max_size=8))
    def filters(query):
        before = stored()
        response = client.get(f"/you-said-we-did/?{urllib.parse.urlencode(query)}")
        check(response, before)
        assert stored() == before  # a GET never changes anything

    filters()
