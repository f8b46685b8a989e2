"""The tallies that results are read from always say what the Answer rows say."""

import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.db.models import Sum

from surveys.models import Tally
from surveys.services import rebuild_tallies, submit_response

pytestmark = pytest.mark.django_db

FACES = ["really-unhappy", "unhappy", "okay", "happy", "really-happy", "rather-not-say"]
TOUCH = ["phone", "video", "letters"]

answer_sets = st.fixed_dictionaries(
    {},
    optional={
        "listened-to": st.sampled_from(FACES).map(lambda value: [value]),
        "keep-in-touch": st.lists(st.sampled_from(TOUCH), min_size=1, max_size=3, unique=True),
        "understand-plan": st.integers(0, 10).map(lambda number: [str(number)]),
        "anything-else": st.text(min_size=1, max_size=20).filter(str.strip).map(lambda t: [t]),
    },
)


def _tallies() -> dict[tuple, tuple]:
    return {
        (t.cycle_id, t.theme, t.audience, t.age_band, t.role, t.question_key, t.choice): (
            t.count,
            t.score_total,
            t.scored,
        )
        for t in Tally.objects.all()
    }


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(answer_sets, min_size=1, max_size=12))
def test_tallies_kept_as_answers_arrive_match_a_recount_from_the_answers(survey, responses):
    # Examples share the database: every one adds responses, and the recount covers them all.
    before = _tallies()
    for answers in responses:
        submit_response(survey=survey, answers=answers, submission_id=uuid.uuid4())
    kept = _tallies()
    rebuild_tallies()
    assert kept == _tallies() != before


def test_a_response_counts_once_in_its_group_and_each_question_once(survey):
    submit_response(
        survey=survey,
        answers={"keep-in-touch": ["phone", "video"], "listened-to": ["happy"]},
        submission_id=uuid.uuid4(),
    )
    tallies = Tally.objects.filter(cycle=survey.cycle, theme=survey.theme)
    assert tallies.get(question_key="", choice="").count == 1
    assert tallies.get(question_key="keep-in-touch", choice="").count == 1  # one person, 2 ticks
    assert (
        tallies.filter(question_key="keep-in-touch")
        .exclude(choice="")
        .aggregate(n=Sum("count"))["n"]
        == 2
    )
    happy = tallies.get(question_key="listened-to", choice="happy")
    assert (happy.count, happy.score_total, happy.scored) == (1, 4, 1)


def test_the_same_submission_twice_counts_once(survey):
    submission_id = uuid.uuid4()
    for _ in range(2):
        submit_response(
            survey=survey, answers={"listened-to": ["okay"]}, submission_id=submission_id
        )
    assert Tally.objects.get(question_key="", choice="").count == 1
