"""One count of characters: the server's and the page's counter (static/js/site.js) count what
was typed, as typed, and nothing is cut: an answer over the limit comes back whole, with how much
to shorten it. The browser's side is in tests/browser/test_answering_on_a_phone.py."""

import re

import pytest

from surveys.answers import too_long_message, typed_length
from tests.surveys.helpers import answer, current_draft, start

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("hello", 5),
        ("<b>hi</b>", 9),  # markup is what was typed: it counts
        ("&amp;", 5),
        ("one\r\ntwo", 7),  # a browser sends a new line as \r\n: one character, as on the page
        ("one\rtwo", 7),
        ("sad \U0001f622", 5),  # an emoji is one character
        ("a\x00b\x07", 2),  # control characters are removed, so not counted
    ],
)
def test_typed_length_counts_what_was_typed(text, length):
    assert typed_length(text) == length


def test_the_message_says_how_long_it_is_and_by_how_much_to_shorten_it():
    assert too_long_message(5120, 5000) == (
        "Your answer is 5,120 characters. Shorten it by 120 characters."
    )
    assert too_long_message(501, 500) == "Your answer is 501 characters. Shorten it by 1 character."


def test_markup_counts_the_same_on_the_server_as_on_the_page(client, survey):
    """9,972 characters of which much is markup: too long, counted with the markup."""
    start(client, survey)
    typed = "<b>" + "x" * 9965 + "</b>"
    assert len(typed) == 9972
    response = answer(client, survey, "anything-else", typed)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Your answer is 9,972 characters. Shorten it by 4,972 characters." in html


def test_an_answer_over_the_limit_comes_back_whole_and_uncut(client, survey):
    start(client, survey)
    typed = "I want to say " + "a lot " * 900  # 5,414 characters
    response = answer(client, survey, "anything-else", typed)
    assert response.status_code == 400
    html = response.content.decode()
    textarea = re.search(r"<textarea[^>]*>(.*?)</textarea>", html, re.S)
    assert textarea.group(1) == typed
    assert "maxlength" not in textarea.group(0)
    assert 'data-max-characters="5000"' in textarea.group(0)
    assert "Shorten it by 414 characters." in html
    assert "anything-else" not in current_draft(client, survey).answers  # nothing half-saved


def test_an_answer_at_the_limit_is_kept_as_typed(client, survey):
    start(client, survey)
    typed = "line one\r\n" + "y" * 4991  # 4,991 + 9 = 5,000 once the new line is one character
    response = answer(client, survey, "anything-else", typed)
    assert response.status_code == 302
    assert current_draft(client, survey).answers["anything-else"] == [typed.replace("\r\n", "\n")]


def test_no_text_box_cuts_what_is_typed_and_each_says_its_limit(client, survey):
    start(client, survey)
    for key, limit in [("anything-else", "5,000"), ("one-word", "500")]:
        html = client.get(f"{survey.url}question/{key}/").content.decode()
        assert "maxlength" not in html
        assert f"You can write up to {limit} characters." in html
        assert f'aria-describedby="q-{key}-count"' in html
