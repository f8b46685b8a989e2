import datetime
import uuid

import pytest

from django.utils import timezone

from surveys.models import Answer, Audience, Response, Theme
from surveys.services import add_to_tallies, answer_rows
from tests.surveys.factories import CycleFactory, SurveyIndexPageFactory, SurveyPageFactory


def _agreement(key, text):
    return {"type": "agreement", "value": {"key": key, "text": text}}


CARERS_QUESTIONS = [
    _agreement("feel-supported", "I feel supported as a carer."),
    _agreement("feel-well-trained", "I feel well trained for my role."),
    {
        "type": "multiple_choice",
        "value": {
            "key": "training-wanted",
            "text": "What training would help you most?",
            "options": [
                {"value": "trauma-informed", "label": "Understanding trauma"},
                {"value": "family-time", "label": "Supporting family time"},
            ],
        },
    },
    {"type": "long_text", "value": {"key": "biggest-difference", "text": "What would help?"}},
]
VOICE_12_TO_18 = [
    _agreement("listened-to", "Adults listen to what I have to say."),
    {"type": "yes_no", "value": {"key": "know-advocate", "text": "Do you know about advocates?"}},
    {"type": "long_text", "value": {"key": "one-thing-to-change", "text": "One thing to change?"}},
]
VOICE_8_TO_11 = [
    {
        "type": "faces",
        "value": {"key": "listened-to", "text": "Do adults listen to you?", "points": "5"},
    },
    {"type": "yes_no", "value": {"key": "know-advocate", "text": "Do you know about advocates?"}},
]


@pytest.fixture
def cycles(db):
    """Last year's cycle, which has ended, and this year's, open around today."""
    today = timezone.localdate()
    current = CycleFactory(
        name="2026–27",
        starts_on=today - datetime.timedelta(days=100),
        ends_on=today + datetime.timedelta(days=200),
    )
    previous = CycleFactory(
        name="2025–26",
        starts_on=current.starts_on - datetime.timedelta(days=365),
        ends_on=current.starts_on - datetime.timedelta(days=1),
    )
    return previous, current


@pytest.fixture
def survey_index(home_page):
    return SurveyIndexPageFactory(parent=home_page)


@pytest.fixture
def carers_survey(survey_index, cycles):
    return SurveyPageFactory(
        parent=survey_index,
        title="Feeling supported: carers",
        slug="feeling-supported-carers",
        audience=Audience.CARERS,
        age_band="",
        theme=Theme.FEELING_SUPPORTED,
        cycle=cycles[1],
        questions=CARERS_QUESTIONS,
    )


@pytest.fixture
def voice_surveys(survey_index, cycles):
    older = SurveyPageFactory(
        parent=survey_index,
        title="Your voice (12 to 18)",
        slug="your-voice-12-18",
        age_band="12-18",
        cycle=cycles[1],
        questions=VOICE_12_TO_18,
    )
    younger = SurveyPageFactory(
        parent=survey_index,
        title="Your voice (8 to 11)",
        slug="your-voice-8-11",
        age_band="8-11",
        cycle=cycles[1],
        questions=VOICE_8_TO_11,
    )
    return older, younger


@pytest.fixture
def make_responses():
    """`make_responses(survey, cycle, [{"key": "value", ...}, ...], role="foster")`: one response
    per dict, with one Answer row per value (a list of values for several ticks), made directly,
    as if each had been sent."""

    def make(survey, cycle, answer_sets, **fields):
        responses = Response.objects.bulk_create(
            [
                Response(
                    survey=survey,
                    cycle=cycle,
                    audience=survey.audience,
                    age_band=survey.age_band,
                    theme=survey.theme,
                    submitted_on=cycle.starts_on,
                    submission_id=uuid.uuid4(),
                    **fields,
                )
                for _ in answer_sets
            ]
        )
        made = []
        for response, answers in zip(responses, answer_sets, strict=True):
            values = {key: [v] if isinstance(v, str) else list(v) for key, v in answers.items()}
            made.append((response, answer_rows(response, survey.question_list, values)))
        Answer.objects.bulk_create([row for _, rows in made for row in rows])
        add_to_tallies(responses=made)
        return responses

    return make


def answers_of(counts: dict[str, int], key: str) -> list[dict]:
    """[{key: value}, ...] with each value as many times as `counts` says."""
    return [{key: value} for value, n in counts.items() for _ in range(n)]
