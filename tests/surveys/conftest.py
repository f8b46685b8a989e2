import pytest
import yaml

from django.core.cache import cache

from cms.services import PROMISE_PLAN_FILE, load_promise_plan
from surveys.models import Audience, Layout
from tests.surveys.factories import SurveyIndexPageFactory, SurveyPageFactory, open_cycle


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limit counters live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def promise_plan(db):
    """The plan's 31 action codes, which questions are tagged with."""
    with open(PROMISE_PLAN_FILE, encoding="utf-8") as plan_file:
        load_promise_plan(plan=yaml.safe_load(plan_file))


@pytest.fixture
def cycle(db):
    """A cycle around today, so that surveys in it are open whenever the tests run."""
    return open_cycle()


@pytest.fixture
def survey_index(home_page):
    return SurveyIndexPageFactory(parent=home_page)


@pytest.fixture
def survey(survey_index, cycle):
    return SurveyPageFactory(
        parent=survey_index, title="Your voice (12 to 18)", slug="your-voice-12-18", cycle=cycle
    )


@pytest.fixture
def carers_survey(survey):
    """The carers' evaluation: one page, by invitation only."""
    survey.title = "Feeling supported"
    survey.audience = Audience.CARERS
    survey.age_band = ""
    survey.layout = Layout.ONE_PAGE
    survey.requires_invitation = True
    survey.asks_who_is_helping = False
    survey.save_revision().publish()
    return survey


@pytest.fixture
def staff_client(client, make_staff):
    """A signed-in client for a member of one staff role (a name from accounts.roles), or a
    superuser when the role is None; with 2-step verification set up, as the admin requires."""

    def sign_in(role):
        email = f"{role or 'superuser'}@example.com".replace(" ", "-").lower()
        if role is None:
            user = make_staff(superuser=True, email=email)
        else:
            user = make_staff(role, email=email)
        client.force_login(user)
        return client

    return sign_in
