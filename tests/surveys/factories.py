import datetime

import factory
import wagtail_factories

from django.utils import timezone

from surveys.models import Audience, Cycle, Layout, SurveyIndexPage, SurveyPage, Theme

# A small survey with every kind of question, a section, and a condition.
SAMPLE_QUESTIONS = [
    {
        "type": "information",
        "value": {"heading": "About you", "text": "<p>There are no right or wrong answers.</p>"},
    },
    {
        "type": "faces",
        "value": {
            "key": "listened-to",
            "text": "How do you feel about how much adults listen to you?",
            "hint": "Pick the face that is closest.",
            "points": "5",
            "action_codes": ["STW 4"],
        },
    },
    {
        "type": "yes_no",
        "value": {
            "key": "know-advocate",
            "text": "Do you know you can have an advocate?",
            "action_codes": ["GC 10"],
        },
    },
    {
        "type": "agreement",
        "value": {"key": "feel-safe", "text": "I feel safe where I live."},
    },
    {
        "type": "yes_no",
        "value": {"key": "has-brothers-sisters", "text": "Do you have brothers or sisters?"},
    },
    {
        "type": "single_choice",
        "value": {
            "key": "see-brothers-sisters",
            "text": "How often do you see your brothers and sisters?",
            "condition": {"question_key": "has-brothers-sisters", "answer": "yes"},
            "options": [
                {"label": "As often as I want", "value": "as-often-as-i-want"},
                {"label": "Not as often as I want", "value": "not-often-enough"},
            ],
            "action_codes": ["GC 7"],
        },
    },
    {
        "type": "multiple_choice",
        "value": {
            "key": "keep-in-touch",
            "text": "How do you keep in touch with your family?",
            "options": [
                {"label": "Phone calls", "value": "phone"},
                {"label": "Video calls", "value": "video"},
                {"label": "Letters", "value": "letters"},
            ],
        },
    },
    {
        "type": "scale",
        "value": {
            "key": "understand-plan",
            "text": "How well do you understand your plan?",
            "low_label": "Not at all",
            "high_label": "Completely",
        },
    },
    {
        "type": "short_text",
        "value": {"key": "one-word", "text": "One word for how you feel today"},
    },
    {
        "type": "long_text",
        "value": {"key": "anything-else", "text": "Is there anything else you want to tell us?"},
    },
]


class CycleFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"20{26 + n}–{27 + n}")
    starts_on = factory.Sequence(lambda n: datetime.date(2026 + n, 4, 1))
    ends_on = factory.Sequence(lambda n: datetime.date(2027 + n, 3, 31))

    class Meta:
        model = Cycle
        django_get_or_create = ("name",)


def open_cycle(name: str = "2026–27") -> Cycle:
    """A cycle around today, so that surveys in it are open whenever the tests run."""
    today = timezone.localdate()
    return CycleFactory(
        name=name,
        starts_on=today - datetime.timedelta(days=100),
        ends_on=today + datetime.timedelta(days=200),
    )


class SurveyIndexPageFactory(wagtail_factories.PageFactory):
    title = "Have your say"
    slug = "surveys"
    introduction = "<p>Tell us what it is really like.</p>"

    class Meta:
        model = SurveyIndexPage


class SurveyPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Your voice {n}")
    slug = factory.Sequence(lambda n: f"your-voice-{n}")
    audience = Audience.YOUNG_PEOPLE
    age_band = "12-18"
    theme = Theme.VOICE
    layout = Layout.ONE_QUESTION_PER_PAGE
    cycle = factory.SubFactory(CycleFactory)
    introduction = "<p>Tell us how things are for you.</p>"
    confidentiality = "<p>We do not ask your name.</p>"
    thank_you = "<p>We read every answer.</p>"
    questions = factory.LazyFunction(lambda: list(SAMPLE_QUESTIONS))

    class Meta:
        model = SurveyPage
