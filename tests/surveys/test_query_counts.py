"""A fixed number of queries on every survey page, whatever the number of questions."""

import pytest

from surveys.models import Layout
from tests.surveys.helpers import SESSION, answer, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def count(client, django_assert_num_queries):
    def count(path, expected, method="get", data=None, status=200):
        getattr(client, method)(path, data or {})  # warm Wagtail's caches, as on a live site
        with django_assert_num_queries(expected):
            response = getattr(client, method)(path, data or {})
        assert response.status_code == status
        return response

    return count


def test_have_your_say(count, survey, survey_index):
    count(survey_index.url, 1)


def test_resume_page(count, survey, survey_index):
    count(survey_index.resume_url, 0)


def test_start_page(count, survey):
    # No site navigation on the answering pages; the page, its cycle and everything on every
    # page are kept under the tree's version (cms.serving.kept).
    count(survey.url, 0)


def test_question_page(client, count, survey):
    start(client, survey)
    count(f"{survey.url}question/listened-to/", 1 + SESSION)  # the draft


def test_answering_a_question(client, count, survey):
    start(client, survey)
    data = {"action": "next", "q-listened-to": "happy"}
    count(f"{survey.url}question/listened-to/", 4 + SESSION, method="post", data=data, status=302)


def test_check_your_answers(client, count, survey):
    start(client, survey)
    for key, value in [("listened-to", "happy"), ("keep-in-touch", "phone")]:
        answer(client, survey, key, value)
    count(f"{survey.url}check/", 1 + SESSION)


def test_one_page_with_sections(client, count, survey):
    survey.layout = Layout.ONE_PAGE
    survey.save_revision().publish()
    start(client, survey)
    count(f"{survey.url}answers/", 1 + SESSION)


def test_thank_you(client, count, survey):
    # ...with the survey's cycle and receipt code, and "you said, we did" found by its type.
    count(f"{survey.url}thank-you/", 4)
