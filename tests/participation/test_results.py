"""Results counted in SQL and suppressed: the selectors against hand-counted answers."""

import pytest

from participation.models import Indicator
from participation.selectors import (
    ResultsFilter,
    indicator_trends,
    question_across_cycles,
    survey_results,
)
from participation.suppression import FEWER_THAN, NOT_SHOWN
from surveys.models import Audience, CarerRole, Theme
from tests.participation.conftest import answers_of

pytestmark = pytest.mark.django_db


def _labels(result):
    return {row.choice.value: row.count.label for row in result.choices}


def _result(results, key):
    return next(q for q in results.questions if q.question.key == key)


def test_counts_and_percentages_match_the_answers_given(carers_survey, cycles, make_responses):
    counts = {"strongly-agree": 10, "agree": 7, "disagree": 2, "rather-not-say": 1}
    make_responses(carers_survey, cycles[1], answers_of(counts, "feel-supported"))
    results = survey_results(
        results_filter=ResultsFilter(theme=Theme.FEELING_SUPPORTED, cycle=cycles[1])
    )
    result = _result(results, "feel-supported")
    assert results.responses.label == "20"
    assert result.answered.label == "20"
    # 2 and 1 are hidden; together they are 3, which cannot tell either of them.
    assert _labels(result) == {
        "strongly-agree": "10",
        "agree": "7",
        "neither": "0",
        "disagree": FEWER_THAN,
        "strongly-disagree": "0",
        "rather-not-say": FEWER_THAN,
    }
    assert [row.count.percentage for row in result.choices] == [50, 35, 0, None, 0, None]
    assert result.average is None  # an exact average would be one more sum to work from


def test_one_small_count_hides_another(carers_survey, cycles, make_responses):
    counts = {"strongly-agree": 12, "agree": 9, "neither": 3}
    make_responses(carers_survey, cycles[1], answers_of(counts, "feel-supported"))
    results = survey_results(
        results_filter=ResultsFilter(theme=Theme.FEELING_SUPPORTED, cycle=cycles[1])
    )
    labels = _labels(_result(results, "feel-supported"))
    assert (labels["strongly-agree"], labels["agree"], labels["neither"]) == (
        "12",
        NOT_SHOWN,
        FEWER_THAN,
    )


def test_an_average_is_shown_when_nothing_is_hidden(carers_survey, cycles, make_responses):
    counts = {"strongly-agree": 5, "agree": 5}  # scores 5 and 4
    make_responses(carers_survey, cycles[1], answers_of(counts, "feel-supported"))
    results = survey_results(
        results_filter=ResultsFilter(theme=Theme.FEELING_SUPPORTED, cycle=cycles[1])
    )
    assert _result(results, "feel-supported").average == 4.5


def test_multiple_choice_counts_people_not_ticks(carers_survey, cycles, make_responses):
    both = ["trauma-informed", "family-time"]
    answers = [{"training-wanted": both}] * 6 + [{"training-wanted": "trauma-informed"}] * 6
    make_responses(carers_survey, cycles[1], answers)
    results = survey_results(
        results_filter=ResultsFilter(theme=Theme.FEELING_SUPPORTED, cycle=cycles[1])
    )
    result = _result(results, "training-wanted")
    assert result.answered.label == "12"
    assert _labels(result)["trauma-informed"] == "12"
    assert _labels(result)["family-time"] == "6"
    assert [row.count.percentage for row in result.choices][:2] == [100, 50]


def test_typed_answers_are_counted_never_shown(carers_survey, cycles, make_responses):
    make_responses(carers_survey, cycles[1], [{"biggest-difference": "A named social worker"}] * 6)
    results = survey_results(
        results_filter=ResultsFilter(theme=Theme.FEELING_SUPPORTED, cycle=cycles[1])
    )
    result = _result(results, "biggest-difference")
    assert result.is_text and result.answered.label == "6" and result.choices == []


def test_age_banded_versions_combine_on_their_shared_keys(voice_surveys, cycles, make_responses):
    older, younger = voice_surveys
    make_responses(older, cycles[1], answers_of({"agree": 6}, "listened-to"))
    make_responses(younger, cycles[1], answers_of({"happy": 7}, "listened-to"))
    everyone = survey_results(results_filter=ResultsFilter(theme=Theme.VOICE, cycle=cycles[1]))
    result = _result(everyone, "listened-to")
    assert result.answered.label == "13"
    labels = _labels(result)
    assert labels["agree"] == "6" and labels["happy"] == "7"
    # The older version's wording, and both versions' answers, "I’d rather not say" last.
    assert result.question.text == "Adults listen to what I have to say."
    assert result.choices[-1].choice.value == "rather-not-say"
    # One age band on its own: only its version's answers.
    younger_only = survey_results(
        results_filter=ResultsFilter(theme=Theme.VOICE, cycle=cycles[1], age_band="8-11")
    )
    assert "agree" not in _labels(_result(younger_only, "listened-to"))


def test_a_group_under_five_shows_only_that(carers_survey, cycles, make_responses):
    make_responses(
        carers_survey,
        cycles[1],
        answers_of({"agree": 3}, "feel-supported"),
        role=CarerRole.ADOPTER,
    )
    make_responses(
        carers_survey, cycles[1], answers_of({"agree": 9}, "feel-supported"), role=CarerRole.FOSTER
    )
    adopters = survey_results(
        results_filter=ResultsFilter(
            theme=Theme.FEELING_SUPPORTED, cycle=cycles[1], role=CarerRole.ADOPTER
        )
    )
    assert adopters.too_few and adopters.responses.label == FEWER_THAN
    result = _result(adopters, "feel-supported")
    assert result.too_few and result.answered.label == FEWER_THAN
    assert all(
        row.count.label in {FEWER_THAN, "0"} or row.count.is_hidden for row in result.choices
    )


def test_one_question_side_by_side_across_cycles(carers_survey, cycles, make_responses):
    previous, current = cycles
    make_responses(
        carers_survey, previous, answers_of({"agree": 6, "disagree": 6}, "feel-supported")
    )
    make_responses(
        carers_survey, current, answers_of({"agree": 8, "disagree": 5}, "feel-supported")
    )
    years = question_across_cycles(theme=Theme.FEELING_SUPPORTED, key="feel-supported")
    assert [cycle.name for cycle, _ in years] == ["2025–26", "2026–27"]
    assert [_labels(result)["agree"] for _, result in years] == ["6", "8"]
    assert [result.answered.label for _, result in years] == ["12", "13"]


def _indicator(promise_plan_codes, **fields):
    from cms.models import ActionCode

    return Indicator.objects.create(
        action_code=ActionCode.objects.get(code="STW 1"),
        name="Carers feeling supported",
        statement="feel supported as a carer",
        theme=Theme.FEELING_SUPPORTED,
        audience=Audience.CARERS,
        question_key="feel-supported",
        positive_answers="strongly-agree, agree",
        **fields,
    )


def test_an_indicator_says_how_it_moved_year_on_year(
    promise_plan, carers_survey, cycles, make_responses
):
    previous, current = cycles
    indicator = _indicator(promise_plan)
    make_responses(
        carers_survey, previous, answers_of({"agree": 12, "disagree": 8}, "feel-supported")
    )
    make_responses(
        carers_survey,
        current,
        answers_of({"strongly-agree": 7, "agree": 7, "disagree": 6}, "feel-supported"),
    )
    (trend,) = indicator_trends(indicators=[indicator])
    assert [(y.positive.percentage, y.answered.value) for y in trend.years] == [(60, 20), (70, 20)]
    assert trend.sentence == (
        "In 2026–27, 7 in 10 carers said they feel supported as a carer, up from 6 in 10 "
        "in 2025–26."
    )
    assert trend.on_track is True


def test_an_indicator_with_few_answers_says_so(promise_plan, carers_survey, cycles, make_responses):
    indicator = _indicator(promise_plan)
    make_responses(
        carers_survey, cycles[1], answers_of({"agree": 3, "disagree": 20}, "feel-supported")
    )
    (trend,) = indicator_trends(indicators=[indicator])
    assert trend.latest.positive.is_hidden
    assert "too few carers answered" in trend.sentence


def test_an_indicator_and_its_results_hide_the_same_numbers(
    promise_plan, carers_survey, cycles, make_responses
):
    """The indicator's sum (strongly agree + agree = 23) beside a shown strongly agree (20)
    would give agree (3) away: the results hide strongly agree too."""
    indicator = _indicator(promise_plan)
    counts = {"strongly-agree": 20, "agree": 3, "neither": 10, "disagree": 7}
    make_responses(carers_survey, cycles[1], answers_of(counts, "feel-supported"))
    (trend,) = indicator_trends(indicators=[indicator])
    assert trend.latest.positive.label == "23"
    results = survey_results(
        results_filter=ResultsFilter(
            theme=Theme.FEELING_SUPPORTED, cycle=cycles[1], audience=Audience.CARERS
        )
    )
    labels = _labels(_result(results, "feel-supported"))
    assert labels["agree"] == FEWER_THAN
    assert labels["strongly-agree"] == NOT_SHOWN


def test_indicators_on_one_question_cannot_count_overlapping_answers(promise_plan):
    from django.core.exceptions import ValidationError

    _indicator(promise_plan)
    overlapping = Indicator(
        action_code=Indicator.objects.get().action_code,
        name="Carers strongly agreeing",
        statement="strongly agree",
        theme=Theme.FEELING_SUPPORTED,
        audience=Audience.CARERS,
        question_key="feel-supported",
        positive_answers="strongly-agree",
    )
    with pytest.raises(ValidationError, match="share an answer"):
        overlapping.full_clean()


def test_an_overlapping_indicator_made_anyway_breaks_no_page(
    promise_plan, carers_survey, cycles, make_responses
):
    first = _indicator(promise_plan)
    second = Indicator.objects.create(
        action_code=first.action_code,
        name="Carers strongly agreeing",
        statement="strongly agree",
        theme=Theme.FEELING_SUPPORTED,
        audience=Audience.CARERS,
        question_key="feel-supported",
        positive_answers="strongly-agree",
    )
    make_responses(
        carers_survey, cycles[1], answers_of({"strongly-agree": 9, "agree": 9}, "feel-supported")
    )
    trends = indicator_trends(indicators=[first, second])
    assert trends[0].latest.positive.label == "18"
    assert trends[1].years == []  # its sum is not published beside the first one's
