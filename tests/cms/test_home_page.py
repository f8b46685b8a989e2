import pytest

pytestmark = pytest.mark.django_db


def test_home_page_shows_help_contacts_and_quick_exit(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en-GB">' in html
    assert 'href="#main-content"' in html
    assert "Hide this page" in html
    for number in ("0800 1111", "999", "01259 450000"):
        assert number in html
    assert 'href="tel:08001111"' in html


def test_home_page_renders_with_a_fixed_number_of_queries(
    client, home_page, django_assert_num_queries
):
    client.get("/")  # warm Wagtail's per-process caches, as any running site has
    with django_assert_num_queries(0):  # see test_pages.py
        response = client.get("/")
    assert response.status_code == 200


def test_home_page_sets_no_cookies(client, home_page):
    response = client.get("/")
    assert response.cookies == {}


def test_help_contacts_follow_the_site_setting(client, home_page):
    from wagtail.models import Site

    from cms.models import HelpSettings

    help_settings = HelpSettings.for_site(Site.objects.get(is_default_site=True))
    help_settings.contacts = [
        ("contact", {"name": "Who Cares? Scotland", "telephone": "0330 107 0406", "when": ""})
    ]
    help_settings.save()
    html = client.get("/").content.decode()
    assert "Who Cares? Scotland" in html
    assert 'href="tel:03301070406"' in html


def test_building_the_demo_site_twice_changes_nothing(home_page):
    from wagtail.models import Page, Site

    from cms.starter import build_site

    pages_before = Page.objects.count()
    assert build_site().pk == home_page.pk
    assert Page.objects.count() == pages_before
    assert Site.objects.get(is_default_site=True).root_page_id == home_page.pk
