"""The privacy notices and the cookies page: there, at their paths, linked everywhere through the
site's linked pages."""

import pytest

from django.conf import settings

from cms.models import InformationPage

pytestmark = pytest.mark.django_db

PRIVACY_NOTICE_PATH = "/privacy/"
YOUNG_PEOPLES_PRIVACY_NOTICE_PATH = "/privacy/young-people/"
COOKIES_PATH = "/cookies/"

PATHS = [PRIVACY_NOTICE_PATH, YOUNG_PEOPLES_PRIVACY_NOTICE_PATH, COOKIES_PATH]


def test_the_demo_content_makes_each_page_at_its_path_once(privacy_pages, home_page):
    from cms.starter import build_privacy_pages

    build_privacy_pages(home_page)
    assert InformationPage.objects.count() == 3
    assert sorted(page.url for page in InformationPage.objects.all()) == sorted(PATHS)


# Pages are kept under the tree's version (cms.serving.kept), so depth costs nothing.
# The two notices link to the other pages as Wagtail page links, which follow a page that moves:
# 2 queries more (the linked pages, then their own fields).
@pytest.mark.parametrize(
    ("path", "queries"),
    [(PRIVACY_NOTICE_PATH, 2), (YOUNG_PEOPLES_PRIVACY_NOTICE_PATH, 2), (COOKIES_PATH, 0)],
)
def test_each_page_answers_in_a_fixed_number_of_queries(
    client, privacy_pages, path, queries, django_assert_num_queries
):
    client.get(path)  # warm Wagtail's site cache
    with django_assert_num_queries(queries):
        response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hide this page" in html and "0800 1111" in html


def test_every_page_links_to_the_notices_and_cookies(client, privacy_pages):
    html = client.get("/").content.decode()
    for path in PATHS:
        assert f'href="{path}"' in html
    html_404 = client.get("/no-such-page/").content.decode()
    assert f'href="{YOUNG_PEOPLES_PRIVACY_NOTICE_PATH}"' in html_404


def test_the_young_peoples_notice_answers_their_questions(client, privacy_pages):
    html = client.get(YOUNG_PEOPLES_PRIVACY_NOTICE_PATH).content.decode()
    for heading in [
        "What we ask",
        "We do not ask your name",
        "Who reads your answers",
        "How long we keep your answers",
        "If you tell us you are not safe",
    ]:
        assert f"<h2>{heading}</h2>" in html
    assert "Childline on 0800 1111" in html


def test_the_cookies_page_names_every_cookie_the_site_can_set(client, privacy_pages):
    html = client.get(COOKIES_PATH).content.decode()
    for name in [settings.CSRF_COOKIE_NAME, settings.SESSION_COOKIE_NAME, "messages"]:
        assert f"<b>{name}</b>" in html
    assert settings.CSRF_COOKIE_AGE is None  # "deleted when you close your browser"
    assert "analytics" in html
