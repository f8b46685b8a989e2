"""The production bootstrap: `migrate` then `setup_site` on an empty database gives a site that
works, with no demo content, whose every navigation and footer link answers."""

import io
import re

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.models import GroupPagePermission, Page, Site

from accounts.roles import SURVEY_MANAGERS
from cms.models import ActionCode, LanguageTerm, LinkedPages
from participation.models import FeedbackEntry, FeedbackLoopPage, Indicator
from surveys.models import Response, SurveyIndexPage, SurveyPage

pytestmark = pytest.mark.django_db


def _setup_site() -> str:
    out = io.StringIO()
    call_command("setup_site", stdout=out)
    return out.getvalue()


def _links(html: str, start: str, end: str) -> list[str]:
    part = html.split(start, 1)[1].split(end, 1)[0]
    return re.findall(r'href="(/[^"]*)"', part)


def test_the_bootstrap_answers_every_navigation_and_footer_link(client):
    assert not Page.objects.filter(depth__gt=2).exists()  # nothing but what migrate makes
    _setup_site()

    home = client.get("/")
    assert home.status_code == 200
    html = home.content.decode()
    navigation = _links(html, 'aria-label="Main"', "</nav>")
    footer = _links(html, "<footer", "</footer>")
    ways_in = _links(html, "What you can do here", "</ul>")
    assert navigation == [
        "/",
        "/surveys/",
        "/you-said-we-did/",
        "/plan/",
        "/language-of-care/",
        "/search/",
    ]
    assert footer == [
        "/",
        "/what-happens-to-your-answers/",
        "/the-promise/",
        "/privacy/young-people/",
        "/privacy/",
        "/cookies/",
    ]
    for path in dict.fromkeys([*navigation, *footer, *ways_in]):
        response = client.get(path)
        assert response.status_code == 200, path
        # ...and so does every link in the navigation and footer of the page it leads to.
        page = response.content.decode()
        for link in _links(page, 'aria-label="Main"', "</nav>") + _links(
            page, "<footer", "</footer>"
        ):
            assert link in navigation + footer, f"{path} links to {link}"


def test_the_bootstrap_makes_what_a_real_site_needs_and_nothing_made_up():
    output = _setup_site()

    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class.__name__ == "HomePage"
    chosen = LinkedPages.for_site(site)
    assert all(
        getattr(chosen, name) is not None
        for name in ("privacy_notice", "young_peoples_privacy_notice", "cookies")
    )
    assert ActionCode.objects.count() == 31 and LanguageTerm.objects.exists()
    assert SurveyPage.objects.count() == 7 and FeedbackLoopPage.objects.count() == 1
    assert Indicator.objects.exists()
    index = SurveyIndexPage.objects.get()
    assert GroupPagePermission.objects.filter(
        group__name=SURVEY_MANAGERS, page=index, permission__codename="add_page"
    ).exists()
    # The demo's: no administrator, no made-up answers or entries.
    assert not get_user_model().objects.exists()
    assert not Response.objects.exists() and not FeedbackEntry.objects.exists()
    assert "The site is set up." in output


def test_running_the_bootstrap_again_changes_nothing_staff_have_made():
    _setup_site()
    privacy = Page.objects.get(url_path__endswith="/privacy/").specific
    privacy.title = "How we use your information"
    privacy.save_revision().publish()
    counts = (
        Page.objects.count(),
        GroupPagePermission.objects.count(),
        Indicator.objects.count(),
        LanguageTerm.objects.count(),
    )

    _setup_site()

    assert counts == (
        Page.objects.count(),
        GroupPagePermission.objects.count(),
        Indicator.objects.count(),
        LanguageTerm.objects.count(),
    )
    assert Page.objects.get(pk=privacy.pk).title == "How we use your information"


def test_a_footer_link_follows_its_page_and_is_left_out_when_the_page_is(client):
    _setup_site()
    cookies = Page.objects.get(slug="cookies").specific
    client.get("/")  # cached from here
    cookies.slug = "our-cookies"
    cookies.save_revision().publish()
    assert 'href="/our-cookies/">Cookies' in client.get("/").content.decode()
    cookies.unpublish()
    assert ">Cookies<" not in client.get("/").content.decode()


def test_the_privacy_notices_link_to_each_other_wherever_they_are(client):
    _setup_site()
    notice = client.get("/privacy/").content.decode()
    assert 'href="/privacy/young-people/">shorter notice' in notice
    assert 'href="/cookies/">Our cookies page' in notice
    for_young_people = client.get("/privacy/young-people/").content.decode()
    assert 'href="/privacy/">full privacy notice' in for_young_people
