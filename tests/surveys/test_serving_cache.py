"""What the answering pages keep in the cache (cms.serving: the map of addresses, the menu, the
help contacts) is right again the moment something changes: the next request shows it.

The cache is Django's (Redis in production and in CI's Redis leg), shared by every process; a
request in "another process" is one that finds only what is in that cache, which is what the
test client sees here after the change.
"""

import copy
import datetime
import html
import re

import pytest

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction, Site

from cms import serving
from cms.models import HelpSettings
from surveys import fragments
from surveys.models import Layout, SurveyPage
from surveys.models import pages as survey_pages
from tests.surveys.helpers import answer, current_draft, start

pytestmark = pytest.mark.django_db

QUESTION = "question/listened-to/"


def _question_text(survey, text):
    data = copy.deepcopy(survey.questions.raw_data)
    for block in data:
        if block["value"].get("key") == "listened-to":
            block["value"]["text"] = text
    survey.questions = data


def test_a_new_revision_shows_on_the_next_request(client, survey):
    start(client, survey)
    url = f"{survey.url}{QUESTION}"
    assert "How do you feel about how much adults listen to you?" in client.get(url).text
    version = serving.tree_version()

    survey = survey.get_latest_revision_as_object()
    _question_text(survey, "Do the adults around you listen to you?")
    survey.save_revision().publish()

    assert serving.tree_version() != version  # in the shared cache: every process sees it
    text = client.get(url).text
    assert "Do the adults around you listen to you?" in text
    assert "How do you feel about how much adults listen to you?" not in text


def test_ticked_answers_stay_ticked_and_errors_show(client, survey):
    start(client, survey)
    url = f"{survey.url}{QUESTION}"
    client.get(url)  # the map and the menu are cached now
    answer(client, survey, "listened-to", "happy")
    assert re.search(r'value="happy"\s*checked', client.get(url).text)
    response = answer(client, survey, "listened-to", "not-a-face")
    assert response.status_code == 400
    assert re.search(r"<title>\s*Error:", response.text)


def test_a_new_address_is_served_at_once_and_the_old_one_is_gone(client, survey):
    start(client, survey)
    old = f"{survey.url}{QUESTION}"
    assert client.get(old).status_code == 200

    survey = survey.get_latest_revision_as_object()
    survey.slug = "your-voice"
    survey.save_revision().publish()

    assert client.get(old).status_code == 404
    assert client.get(f"/{survey.get_parent().slug}/your-voice/").status_code == 200


def test_an_unpublished_survey_is_not_served_from_the_cache(client, survey):
    url = survey.url
    assert client.get(url).status_code == 200
    survey.unpublish()
    assert client.get(url).status_code == 404


def test_a_map_out_of_date_is_never_trusted(client, survey, survey_index):
    """Were the map to point an address at the wrong page (a change it missed), the page read
    does not match and Wagtail routes the request its own way."""
    url = survey.url
    assert client.get(url).status_code == 200
    site = Site.objects.get(is_default_site=True)
    root_path, routes = serving._routes(site)  # the map this process keeps
    survey_address = url.lstrip("/")
    routes[survey_address] = (survey_index.pk, "surveys.surveyindexpage")

    response = client.get(url)
    assert response.status_code == 200
    assert survey.title in response.text


def test_a_new_page_in_the_menu_shows_at_once(client, survey_index, home_page):
    # The survey index has the site's menu (the answering pages have a compact header instead).
    assert "Somewhere new" not in client.get(survey_index.url).text  # the menu is cached now
    page = home_page.add_child(instance=Page(title="Somewhere new", slug="somewhere-new"))
    page.show_in_menus = True
    page.save_revision().publish()
    assert "Somewhere new" in client.get(survey_index.url).text


def test_changed_help_contacts_show_at_once(client, survey):
    assert client.get(survey.url).status_code == 200
    setting = HelpSettings.for_site(Site.objects.get(is_default_site=True))
    setting.heading = "Someone to talk to, any time"
    setting.save()
    assert "Someone to talk to, any time" in client.get(survey.url).text


def _one_page(survey):
    survey.layout = Layout.ONE_PAGE
    survey.save_revision().publish()
    return f"{survey.url}answers/"


def test_one_page_markup_from_the_cache_keeps_ticks_and_errors(client, survey):
    url = _one_page(survey)
    start(client, survey)
    first = client.get(url).text  # renders and keeps each question's markup
    draft = current_draft(client, survey)
    response = client.post(
        url,
        {
            "action": "save",
            "q-listened-to": "happy",
            "q-keep-in-touch": ["phone", "video"],
            "submission_id": str(draft.submission_id),
        },
    )
    assert response.status_code == 200
    text = client.get(url).text
    assert re.search(r'name="q-listened-to" value="happy"\s*checked', text)
    assert re.search(r'name="q-keep-in-touch" value="phone"\s*checked', text)
    assert re.search(r'name="q-keep-in-touch" value="video"\s*checked', text)
    assert not re.search(r'value="unhappy"\s*checked', text)
    assert len(re.findall(r"\schecked", text)) == 3
    # The same markup, whitespace aside, as the template gives without the cache.
    assert re.sub(r"\s+", " ", first).count("checked") == 0

    response = client.post(url, {"q-listened-to": "not-a-face"})
    assert response.status_code == 400
    assert re.search(r"<title>\s*Error:", response.text)


def test_one_page_shows_a_new_revision_at_once(client, survey):
    url = _one_page(survey)
    start(client, survey)
    assert "How do you feel about how much adults listen to you?" in client.get(url).text
    survey = survey.get_latest_revision_as_object()
    _question_text(survey, "Do the adults around you listen to you?")
    survey.save_revision().publish()
    text = client.get(url).text
    assert "Do the adults around you listen to you?" in text
    assert "How do you feel about how much adults listen to you?" not in text


TYPED = '  <script>alert("hi")</script> & <b>bold</b>\n\nA second line  '


@pytest.mark.parametrize("as_page_heading", [False, True], ids=["one page", "own page"])
def test_kept_markup_is_the_templates_own(survey, as_page_heading):
    """Ticking the kept markup by name and value, or typing into it, gives what the template
    gives: on the one-page form and on a question's own page, for every kind of question."""
    items = []
    for number, question in enumerate(survey.question_list, start=1):
        values = [TYPED] if question.is_text else [question.choices[-1].value]
        items.append(
            {
                "question": question,
                "values": values,
                "error": "",
                "number": None if as_page_heading else number,
                "hint": "",
                "as_page_heading": as_page_heading,
            }
        )
    assert any(item["question"].is_text for item in items)
    markups = fragments.question_markups(items)
    assert set(markups) == {item["question"].key for item in items}
    for item in items:
        expected = render_to_string(fragments.QUESTION_TEMPLATE, item)
        assert re.sub(r"\s+", " ", markups[item["question"].key]) == re.sub(r"\s+", " ", expected)


def test_typed_text_comes_back_as_typed_and_escaped(client, survey):
    """A text question's answer is put into the kept markup as typed, whitespace and all, and
    escaped: no markup of it reaches the page."""
    start(client, survey)
    text_question = next(q for q in survey.question_list if q.is_text)
    answer(client, survey, text_question.key, TYPED)
    url = f"{survey.url}question/{text_question.key}/"
    client.get(url)  # kept now
    page = client.get(url).text
    assert "<script>alert" not in page and "<b>bold</b>" not in page
    assert html.escape(TYPED, quote=False) in page.replace("&quot;", '"').replace("&#x27;", "'")


def test_questions_are_read_from_the_stream_once_per_published_content(survey, monkeypatch):
    first = SurveyPage.objects.get(pk=survey.pk).question_list
    monkeypatch.setattr(survey_pages, "questions_from_stream", lambda stream: pytest.fail("parsed"))
    again = SurveyPage.objects.get(pk=survey.pk).question_list  # another request: the cache
    assert [q.key for q in again] == [q.key for q in first]
    assert again[0].text == first[0].text


def test_a_newly_published_question_text_is_read_afresh(survey):
    assert (
        "How do you feel"
        in SurveyPage.objects.get(pk=survey.pk).question_by_key["listened-to"].text
    )
    revision = survey.get_latest_revision_as_object()
    _question_text(revision, "Do the adults around you listen to you?")
    revision.save_revision().publish()
    fresh = SurveyPage.objects.get(pk=survey.pk)
    assert fresh.question_by_key["listened-to"].text == "Do the adults around you listen to you?"


def test_a_preview_never_gets_the_published_questions_from_the_cache(survey):
    assert SurveyPage.objects.get(pk=survey.pk).question_list  # the published ones, cached
    draft = SurveyPage.objects.get(pk=survey.pk)  # as the editor's form leaves it, unsaved
    _question_text(draft, "A draft question, not published")
    assert draft.question_by_key["listened-to"].text == "A draft question, not published"
    assert (
        "How do you feel"
        in SurveyPage.objects.get(pk=survey.pk).question_by_key["listened-to"].text
    )


def test_a_page_restricted_after_the_cache_knew_of_no_restriction_is_restricted_at_once(
    client, survey, survey_index
):
    assert client.get(survey.url).status_code == 200  # "no restrictions anywhere" is cached
    assert serving.any_view_restrictions() is False
    # A login restriction on the survey index covers every survey below it.
    restriction = PageViewRestriction.objects.create(
        page=survey_index, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(survey.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert client.get(f"{survey.url}{QUESTION}").status_code == 302

    restriction.delete()
    assert client.get(survey.url).status_code == 200


def test_a_password_restricted_page_asks_for_its_password(client, survey):
    client.get(survey.url)
    PageViewRestriction.objects.create(
        page=survey, restriction_type=PageViewRestriction.PASSWORD, password="kinship"
    )
    response = client.get(survey.url)
    assert response.status_code == 200
    assert 'name="password"' in response.text
    assert survey.title not in response.text


# What each process keeps in its own memory (cms.serving.kept) is read again once the tree's
# version in the shared cache changes, whichever process changed it.


def test_a_change_another_process_made_shows_here_on_the_next_request(client, survey):
    assert client.get(survey.url).status_code == 200  # the page is kept in this process now
    # Another process publishes a new title: it writes the row and gives the shared cache a new
    # version; none of this process's receivers run.
    SurveyPage.objects.filter(pk=survey.pk).update(title="Your say, ages 12 to 18")
    cache.set(serving.VERSION_KEY, "another-process")
    assert "Your say, ages 12 to 18" in client.get(survey.url).text


def test_a_cycle_that_has_ended_closes_its_surveys_at_once(client, survey):
    start(client, survey)
    url = f"{survey.url}{QUESTION}"
    assert 'type="radio"' in client.get(url).text  # kept with its cycle now
    survey.cycle.ends_on = timezone.localdate() - datetime.timedelta(days=1)
    survey.cycle.save()
    assert 'type="radio"' not in client.get(url).text


def test_a_request_reads_the_trees_version_once(client, survey, monkeypatch):
    start(client, survey)
    url = f"{survey.url}{QUESTION}"
    client.get(url)
    reads = []
    real_get = cache.get

    def counting_get(key, *args, **kwargs):
        reads.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(serving.cache, "get", counting_get)
    assert client.get(url).status_code == 200
    assert reads.count(serving.VERSION_KEY) == 1
    # Everything read under that version comes from this process's memory.
    assert [key for key in reads if key.startswith("cms:")] == [serving.VERSION_KEY]
    # Outside a request (a command, a task) the version is read afresh every time.
    serving.tree_version()
    serving.tree_version()
    assert reads.count(serving.VERSION_KEY) == 3
