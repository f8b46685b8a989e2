import io

import pytest

from django.core.management import call_command

from wagtail.models import Page

from cms.models import HomePage

pytestmark = pytest.mark.django_db


def _menu():
    home = HomePage.objects.get()
    return [page.title for page in home.get_children().in_menu()]


def _make_run():
    """What `make setup` runs after migrating: the starter content, then the demo's."""
    call_command("setup_site", stdout=io.StringIO())
    call_command("load_demo_content", stdout=io.StringIO())


def test_the_demo_site_puts_have_your_say_first_and_stays_the_same_when_run_again():
    _make_run()
    pages = Page.objects.count()
    assert _menu()[:2] == ["Have your say", "You said, we did"]

    _make_run()

    assert _menu()[:2] == ["Have your say", "You said, we did"]
    assert Page.objects.count() == pages


@pytest.fixture
def demo_site(settings, promise_plan):
    """`make run`'s demo content, with its made-up answers (DEBUG on, as in development)."""
    settings.DEBUG = True
    _make_run()


def test_the_demo_makes_responses_over_two_cycles_marked_as_demo(demo_site):
    from surveys.models import Response

    assert not Response.objects.filter(demo=False).exists()
    cycles = list(Response.objects.order_by().values_list("cycle__name", flat=True).distinct())
    assert len(cycles) == 2
    # Some groups are under 5 on purpose, so that hidden numbers can be seen.
    assert Response.objects.filter(survey__slug="your-voice-5-7").count() == 7
    count = Response.objects.count()
    call_command("load_demo_content", stdout=io.StringIO())
    assert Response.objects.count() == count


def test_the_demo_has_entries_at_every_status_one_from_a_typed_answer(demo_site):
    from participation.models import EntryStatus, FeedbackEntry

    live = FeedbackEntry.objects.filter(live=True)
    assert set(live.values_list("status", flat=True)) == set(EntryStatus.values)
    assert all(entry.action_codes.exists() for entry in live)
    assert live.filter(source_question_key="biggest-difference").exists()


def test_the_demo_shows_the_carers_indicator_over_two_cycles(client, demo_site):
    from cms.models import ActionCode
    from participation.selectors import action_code_indicators

    trends = action_code_indicators(action_code=ActionCode.objects.get(code="STW 1"))
    assert len(trends) == 2 and all(len(trend.years) == 2 for trend in trends)
    assert all(year.positive.percentage is not None for trend in trends for year in trend.years)
    html = client.get("/plan/stw-1/").content.decode()
    assert "carers said they feel supported as a carer" in html


def test_a_demo_group_under_five_never_shows_its_count(client, demo_site):
    from participation.selectors import ResultsFilter, survey_results
    from surveys.models import AgeBand, Cycle, Theme

    for cycle in Cycle.objects.filter(responses__demo=True).distinct():
        results = survey_results(
            results_filter=ResultsFilter(
                theme=Theme.VOICE, cycle=cycle, age_band=AgeBand.AGE_5_TO_7
            )
        )
        assert results.too_few and results.responses.label == "fewer than 5"


def test_the_demo_is_refused_without_the_setting_that_production_never_has(settings, home_page):
    from django.core.management.base import CommandError

    from accounts.demo import DEMO_ADMIN_EMAIL

    settings.ALLOW_DEMO_CONTENT = False
    with pytest.raises(CommandError, match="do not allow demo content"):
        call_command("load_demo_content", stdout=io.StringIO())
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(email=DEMO_ADMIN_EMAIL).exists()


def test_production_settings_never_allow_demo_content(monkeypatch):
    import importlib
    import sys

    monkeypatch.setenv("SECRET_KEY", "a production secret")
    monkeypatch.setenv("ALLOW_DEMO_CONTENT", "true")  # not read: nothing turns it on
    sys.modules.pop("config.settings.production", None)
    try:
        production = importlib.import_module("config.settings.production")
        assert production.ALLOW_DEMO_CONTENT is False and production.DEBUG is False
    finally:
        sys.modules.pop("config.settings.production", None)


def test_the_demo_asks_for_the_starter_site_first(home_page):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="setup_site"):
        call_command("load_demo_content", stdout=io.StringIO())
