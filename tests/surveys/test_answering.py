"""The answering pages: start, one question per page, check your answers, thank you, and the
one-page layout; each works without JavaScript and answers bad input with a clear message."""

import re

import pytest

from django.test import Client
from django.utils.html import escape

from surveys.codes import submission_key
from surveys.models import Answer, Draft, Layout, ReceiptCode, Response
from tests.surveys.helpers import answer, current_draft, send, start

pytestmark = pytest.mark.django_db


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def _title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


# The list of surveys and the start page.


def test_have_your_say_lists_open_surveys_by_who_they_are_for(client, survey, survey_index):
    from tests.surveys.factories import SurveyPageFactory

    SurveyPageFactory(
        parent=survey_index,
        title="Closed one",
        cycle=survey.cycle,
        closes_on=survey.cycle.starts_on,
    )
    html = _main(client.get(survey_index.url))
    assert "For children and young people" in html
    assert f'href="{survey.url}"' in html
    assert "Closed one" not in html
    assert 'href="/surveys/resume/"' in html


def test_the_start_page_says_who_reads_answers_and_where_to_get_help(client, survey):
    response = client.get(survey.url)
    assert response.status_code == 200
    html = _main(response)
    assert "We do not ask your name." in html  # the survey's confidentiality text
    assert 'href="/privacy/young-people/"' in html
    assert "If you are not safe" in html and 'href="tel:08001111"' in html
    assert "Is someone helping you answer?" in html
    assert "Start now" in html
    page = response.content.decode()
    assert "Hide this page" in page


def test_starting_keeps_a_draft_on_the_server_and_goes_to_the_first_question(client, survey):
    location = start(client, survey, answered_with="trusted_adult")
    assert location == f"{survey.url}question/listened-to/"
    draft = current_draft(client, survey)
    assert draft.answers == {} and draft.answered_with == "trusted_adult"


def test_a_made_up_helper_answer_is_not_kept(client, survey):
    start(client, survey, answered_with="<script>")
    assert current_draft(client, survey).answered_with == ""


def test_coming_back_to_the_start_page_offers_to_carry_on(client, survey):
    start(client, survey)
    answer(client, survey, "listened-to", "happy")
    html = _main(client.get(survey.url))
    assert "Carry on where you left off" in html and "Start again" in html
    response = client.post(survey.url, {"action": "continue"})
    assert response["Location"] == f"{survey.url}question/know-advocate/"


# One question per page.


def test_a_question_page_shows_where_you_are_and_how_to_move(client, survey):
    start(client, survey)
    response = client.get(f"{survey.url}question/listened-to/")
    html = _main(response)
    assert "question 1 of 8" in html
    assert f'<a class="ds_back-link" href="{survey.url}">Back</a>' in html
    assert "<h1" in html and "How do you feel about how much adults listen to you?" in html
    assert "Skip this question" in html and "Save and come back later" in html
    assert 'alt="A smiling face"' in html and "Happy</span>" in html
    assert "I’d rather not say" in html
    assert 'aria-describedby="q-listened-to-hint"' in html


def test_continue_saves_the_answer_and_moves_on(client, survey):
    start(client, survey)
    response = answer(client, survey, "listened-to", "happy")
    assert response["Location"] == f"{survey.url}question/know-advocate/"
    assert current_draft(client, survey).answers == {"listened-to": ["happy"]}
    html = _main(client.get(f"{survey.url}question/know-advocate/"))
    assert "question 2 of 8" in html
    assert f'href="{survey.url}question/listened-to/">Back' in html
    html = _main(client.get(f"{survey.url}question/listened-to/"))
    assert 'value="happy"\n' in html.replace(" ", "").replace('value="happy"', 'value="happy"\n')
    assert re.search(r'value="happy"\s*checked', html)


def test_skip_moves_on_and_records_a_skip(client, survey):
    start(client, survey)
    response = answer(client, survey, "listened-to", "happy", action="skip")
    assert response["Location"] == f"{survey.url}question/know-advocate/"
    assert current_draft(client, survey).answers == {"listened-to": []}


def test_a_condition_decides_whether_a_question_is_asked(client, survey):
    start(client, survey)
    response = answer(client, survey, "has-brothers-sisters", "no")
    assert response["Location"] == f"{survey.url}question/keep-in-touch/"
    # Typed in by hand, a question that does not apply moves on to the next one that does.
    response = client.get(f"{survey.url}question/see-brothers-sisters/")
    assert response["Location"] == f"{survey.url}question/keep-in-touch/"
    response = answer(client, survey, "has-brothers-sisters", "yes")
    assert response["Location"] == f"{survey.url}question/see-brothers-sisters/"
    assert "question 5 of 9" in _main(client.get(response["Location"]))


def test_a_bad_answer_comes_back_with_the_error_first_and_beside_the_question(client, survey):
    start(client, survey)
    response = answer(client, survey, "one-word", "x" * 501)
    assert response.status_code == 400
    assert _title(response).startswith("Error: One word for how you feel today")
    html = _main(response)
    summary = html.index("ds_error-summary")
    assert summary < html.index("ds_back-link") < html.index("<form")
    assert (
        '<a href="#q-one-word">Your answer is 501 characters. Shorten it by 1 character.</a>'
        in html
    )
    assert 'id="q-one-word-error"' in html
    assert 'aria-describedby="q-one-word-error q-one-word-count"' in html
    assert "x" * 501 in html  # the answer comes back to be shortened
    assert "one-word" not in current_draft(client, survey).answers


def test_an_unknown_choice_is_refused_with_a_message(client, survey):
    start(client, survey)
    response = answer(client, survey, "listened-to", "ecstatic")
    assert "Choose one of the answers shown." in _main(response)
    assert current_draft(client, survey).answers == {}


def test_a_tampered_question_key_is_refused_and_nothing_saved(client, survey):
    start(client, survey)
    response = client.post(
        f"{survey.url}question/listened-to/",
        {"action": "next", "q-listened-to": "happy", "q-know-advocate": "yes"},
    )
    assert "Something in this form was not one of our questions" in _main(response)
    assert current_draft(client, survey).answers == {}


def test_answering_a_question_that_does_not_apply_is_refused(client, survey):
    start(client, survey)
    answer(client, survey, "has-brothers-sisters", "no")
    response = answer(client, survey, "see-brothers-sisters", "as-often-as-i-want")
    assert response.status_code == 400
    assert "Nothing was saved" in _main(response)
    assert "see-brothers-sisters" not in current_draft(client, survey).answers


def test_a_question_that_does_not_exist_is_not_found(client, survey):
    start(client, survey)
    assert client.get(f"{survey.url}question/no-such-question/").status_code == 404


def test_a_question_without_a_draft_explains_and_offers_a_way_back(client, survey):
    response = client.get(f"{survey.url}question/listened-to/")
    html = _main(response)
    assert "We could not find your answers" in html
    assert 'href="/surveys/resume/"' in html and f'href="{survey.url}"' in html


# Check your answers, sending, thank you.


def _complete(client, survey):
    start(client, survey)
    answer(client, survey, "listened-to", "happy")
    answer(client, survey, "know-advocate", "not-sure")
    answer(client, survey, "feel-safe", action="skip")
    answer(client, survey, "has-brothers-sisters", "yes")
    answer(client, survey, "see-brothers-sisters", "not-often-enough")
    answer(client, survey, "keep-in-touch", "phone", "video")
    answer(client, survey, "understand-plan", "8")
    answer(client, survey, "one-word", "<b>Hopeful</b>")
    return answer(client, survey, "anything-else", "More time with my sister.")


def test_the_last_question_leads_to_check_your_answers(client, survey):
    response = _complete(client, survey)
    assert response["Location"] == f"{survey.url}check/"
    html = _main(client.get(f"{survey.url}check/"))
    assert "Check your answers" in html
    assert "Happy" in html and "Not sure" in html and "Skipped" in html
    assert "<li>Phone calls</li>" in html and "<li>Video calls</li>" in html
    # Kept as typed, and escaped: never a tag.
    assert "&lt;b&gt;Hopeful&lt;/b&gt;" in html and "<b>Hopeful" not in html
    assert f'href="{survey.url}question/feel-safe/?change=1"' in html
    assert "Send my answers" in html


def test_changing_an_answer_returns_to_check_your_answers(client, survey):
    _complete(client, survey)
    response = client.get(f"{survey.url}question/feel-safe/?change=1")
    html = _main(response)
    assert f'href="{survey.url}check/">Back' in html
    assert 'name="change" value="1"' in html
    response = answer(client, survey, "feel-safe", "agree", change="1")
    assert response["Location"] == f"{survey.url}check/"
    assert current_draft(client, survey).answers["feel-safe"] == ["agree"]


def test_changing_an_answer_drops_answers_that_no_longer_apply(client, survey):
    _complete(client, survey)
    answer(client, survey, "has-brothers-sisters", "no", change="1")
    html = _main(client.get(f"{survey.url}check/"))
    assert "How often do you see your brothers and sisters?" not in html
    send(client, survey)
    assert not Answer.objects.filter(question_key="see-brothers-sisters").exists()


def test_sending_stores_the_response_and_says_thank_you(client, survey, feedback_loop_page):
    _complete(client, survey)
    response, draft = send(client, survey)
    assert response["Location"] == f"{survey.url}thank-you/"
    stored = Response.objects.get()
    # Only a keyed hash of the draft's submission id: the id itself is kept nowhere.
    assert stored.submission_id == submission_key(draft.submission_id) != draft.submission_id
    assert stored.answered_with == "on_my_own"
    assert Answer.objects.get(question_key="one-word").text == "<b>Hopeful</b>"
    assert not Draft.objects.exists()
    assert str(survey.pk) not in client.session.get("survey_drafts", {})
    thank_you = client.get(response["Location"])
    html = _main(thank_you)
    assert "Thank you: your answers have been sent" in html
    assert 'href="/you-said-we-did/"' in html  # found by its type, not its path
    assert "We read every answer." in html  # the survey's thank-you text
    # When the results are due, and the survey's receipt code: the same for everyone.
    assert f"by {survey.results_due:%-d %B %Y}" in html
    code = ReceiptCode.objects.get(survey=survey, cycle=survey.cycle).code
    assert f"{code[:3]} {code[3:]}" in html
    assert client.get(response["Location"]).content.decode().count(code[:3] + " " + code[3:]) == 1
    assert "Hopeful" not in html and "sister" not in html


def test_sending_twice_stores_one_response_and_shows_the_same_thank_you(client, survey):
    _complete(client, survey)
    first, draft = send(client, survey)
    again = client.post(
        f"{survey.url}check/",
        {"action": "send", "submission_id": str(draft.submission_id), "website": ""},
    )
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert Response.objects.count() == 1


def test_a_program_filling_the_hidden_field_is_thanked_and_nothing_kept(client, survey):
    _complete(client, survey)
    response, _ = send(client, survey, website="https://spam.example")
    assert response["Location"] == f"{survey.url}thank-you/"
    assert not Response.objects.exists()


def test_a_wrong_submission_id_is_refused_with_the_answers_kept(client, survey):
    _complete(client, survey)
    response = client.post(
        f"{survey.url}check/",
        {"action": "send", "submission_id": "00000000-0000-0000-0000-000000000000"},
    )
    assert response.status_code == 400
    assert "Something in this form was not one of our questions" in _main(response)
    assert not Response.objects.exists()
    assert current_draft(client, survey).answers["listened-to"] == ["happy"]


def test_too_many_sends_from_one_client_are_slowed_down(client, survey, settings):
    settings.SURVEY_RATE_LIMITS = {**settings.SURVEY_RATE_LIMITS, "submit": (0, 600)}
    _complete(client, survey)
    response, _ = send(client, survey)
    assert response.status_code == 429
    html = _main(response)
    assert "Please wait 10 minutes and try again. Your answers are saved." in html
    assert not Response.objects.exists()


def test_the_rate_limit_keeps_only_a_salted_hash_of_the_address(
    client, survey, settings, monkeypatch
):
    from django.core.cache import cache

    # Record every key the rate limits write, whichever cache backend holds them (Redis in CI).
    keys = []
    original_add = cache.add

    def recording_add(key, *args, **kwargs):
        keys.append(key)
        return original_add(key, *args, **kwargs)

    monkeypatch.setattr(cache, "add", recording_add)
    _complete(client, survey)
    send(client, survey)
    assert keys and not any("127.0.0.1" in key for key in keys)


def test_a_required_question_left_empty_is_flagged_on_check_your_answers(client, survey):
    _complete(client, survey)
    survey.questions[4].value["required"] = True  # has-brothers-sisters
    survey.save_revision().publish()
    answer(client, survey, "feel-safe", action="skip")
    draft = current_draft(client, survey)
    draft.answers["has-brothers-sisters"] = []
    draft.save()
    response, _ = send(client, survey)
    html = _main(response)
    assert response.status_code == 400
    assert f'href="{survey.url}question/has-brothers-sisters/?change=1">Choose an answer.' in html
    assert not Response.objects.exists()


# A closed or unpublished survey.


def test_a_closed_survey_says_so_on_every_step(client, survey):
    start(client, survey)
    survey.closes_on = survey.cycle.starts_on
    survey.save_revision().publish()
    for path in ("", "question/listened-to/", "check/"):
        html = _main(client.get(f"{survey.url}{path}"))
        assert "is closed" in html
    response, _ = send(client, survey)
    assert "is closed" in _main(response)
    assert not Response.objects.exists()


def test_an_unpublished_survey_is_not_found(client, survey):
    start(client, survey)
    survey.unpublish()
    assert client.get(survey.url).status_code == 404
    response, _ = send(client, survey)
    assert response.status_code == 404
    assert not Response.objects.exists()


# A missing or wrong CSRF token.


def test_a_form_without_a_valid_csrf_token_comes_back_with_its_answers(survey):
    client = Client(enforce_csrf_checks=True)
    page = client.get(survey.url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    client.post(survey.url, {"action": "start", "csrfmiddlewaretoken": token.group(1)})
    response = client.post(
        f"{survey.url}question/one-word/", {"action": "next", "q-one-word": "Brave"}
    )
    assert response.status_code == 403
    html = _main(response)
    assert "for your safety we did not save it" in html
    assert 'value="Brave"' in html and 'name="csrfmiddlewaretoken"' in html
    assert current_draft(client, survey).answers == {}


def test_a_form_without_a_csrf_token_anywhere_else_gets_a_clear_page(survey):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/surveys/resume/", {"code": "ABCD2345"})
    assert response.status_code == 403
    assert "Sorry, we could not take that form" in _main(response)


# The one-page layout, with sections.


@pytest.fixture
def one_page_survey(survey):
    survey.layout = Layout.ONE_PAGE
    survey.asks_who_is_helping = False
    survey.save_revision().publish()
    return survey


def test_starting_a_one_page_survey_goes_to_all_its_questions(client, one_page_survey):
    survey = one_page_survey
    assert "Is someone helping you answer?" not in _main(client.get(survey.url))
    assert start(client, survey) == f"{survey.url}answers/"
    html = _main(client.get(f"{survey.url}answers/"))
    assert '<h2 id="section-1">About you</h2>' in html
    assert "1. </span>How do you feel" in html
    assert "Only answer this if you answered “Yes” to question 4." in html
    assert "Send my answers" in html and "Save and come back later" in html
    assert client.get(f"{survey.url}check/").status_code == 404


def test_a_one_page_survey_is_sent_in_one_go(client, one_page_survey):
    survey = one_page_survey
    start(client, survey)
    draft = current_draft(client, survey)
    response = client.post(
        f"{survey.url}answers/",
        {
            "action": "send",
            "submission_id": str(draft.submission_id),
            "q-listened-to": "okay",
            "q-keep-in-touch": ["letters", "video"],
            "q-anything-else": "Thank you",
        },
    )
    assert response["Location"] == f"{survey.url}thank-you/"
    assert sorted(Answer.objects.values_list("question_key", flat=True)) == [
        "anything-else",
        "keep-in-touch",
        "keep-in-touch",
        "listened-to",
    ]


def test_a_one_page_survey_with_errors_comes_back_with_every_answer(client, one_page_survey):
    survey = one_page_survey
    start(client, survey)
    draft = current_draft(client, survey)
    response = client.post(
        f"{survey.url}answers/",
        {
            "action": "send",
            "submission_id": str(draft.submission_id),
            "q-listened-to": "okay",
            "q-has-brothers-sisters": "no",
            "q-see-brothers-sisters": "as-often-as-i-want",
            "q-understand-plan": "12",
            "q-anything-else": "Keep this text",
        },
    )
    assert response.status_code == 400
    assert _title(response).startswith("Error:")
    html = _main(response)
    assert '<a href="#q-see-brothers-sisters">This question is only for people who answered' in html
    assert '<a href="#q-understand-plan">Choose a number from 0 to 10' in html
    assert "Keep this text" in html
    assert re.search(r'value="okay"\s*checked', html)
    assert not Response.objects.exists()


def test_a_one_page_survey_sent_twice_stores_one_response(client, one_page_survey):
    survey = one_page_survey
    start(client, survey)
    data = {
        "action": "send",
        "submission_id": str(current_draft(client, survey).submission_id),
        "q-listened-to": "okay",
    }
    first = client.post(f"{survey.url}answers/", data)
    second = client.post(f"{survey.url}answers/", data)
    assert first["Location"] == second["Location"] == f"{survey.url}thank-you/"
    assert Response.objects.count() == 1


def test_a_draft_is_remembered_only_until_the_browser_closes(client, survey):
    start(client, survey)
    assert client.session.get_expire_at_browser_close()


# Bad input: 400 (409 or 410 where that fits) with the same friendly page, and nothing already
# saved is lost.


@pytest.mark.parametrize(
    ("key", "posted", "message"),
    [
        ("listened-to", {"q-listened-to": "ecstatic"}, "Choose one of the answers shown."),
        ("understand-plan", {"q-understand-plan": "11"}, "Choose a number from 0 to 10"),
        ("understand-plan", {"q-understand-plan": "-1"}, "Choose a number from 0 to 10"),
        ("one-word", {"q-one-word": "x" * 501}, "Shorten it by 1 character."),
        ("anything-else", {"q-anything-else": "x" * 30000}, "Shorten it by 25,000 characters."),
        (
            "listened-to",
            {"q-listened-to": "happy", "q-what-is-your-name": "Sam"},
            "Something in this form was not one of our questions",
        ),
    ],
)
def test_a_bad_answer_answers_400_and_keeps_what_was_saved(client, survey, key, posted, message):
    start(client, survey)
    answer(client, survey, "feel-safe", "agree")
    response = client.post(f"{survey.url}question/{key}/", {"action": "next", **posted})
    assert response.status_code == 400
    assert message in _main(response) and "Hide this page" in response.content.decode()
    assert current_draft(client, survey).answers == {"feel-safe": ["agree"]}


def test_bad_answers_on_one_page_answer_400_and_keep_what_was_saved(client, one_page_survey):
    survey = one_page_survey
    start(client, survey)
    client.post(f"{survey.url}answers/", {"action": "save", "q-feel-safe": "agree"})
    draft = current_draft(client, survey)
    saved = dict(draft.answers)
    assert saved["feel-safe"] == ["agree"]
    for posted in ({"q-understand-plan": "12"}, {"q-what-is-your-name": "Sam"}):
        response = client.post(
            f"{survey.url}answers/",
            {"action": "send", "submission_id": str(draft.submission_id), **posted},
        )
        assert response.status_code == 400, posted
    assert current_draft(client, survey).answers == saved
    assert not Response.objects.exists()


def test_a_closed_survey_answers_410_on_every_step(client, survey):
    start(client, survey)
    answer(client, survey, "listened-to", "happy")
    survey.closes_on = survey.cycle.starts_on
    survey.save_revision().publish()
    for path in ("", "question/listened-to/", "check/"):
        assert client.get(f"{survey.url}{path}").status_code == 410, path
    response = answer(client, survey, "know-advocate", "yes")
    assert response.status_code == 410 and "is closed" in _main(response)
    response, draft = send(client, survey)
    assert response.status_code == 410
    assert Draft.objects.get(pk=draft.pk).answers == {"listened-to": ["happy"]}


def test_a_body_too_large_to_read_gets_a_friendly_400_and_keeps_what_was_saved(
    client, survey, settings
):
    start(client, survey)
    answer(client, survey, "feel-safe", "agree")
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = client.post(
        f"{survey.url}question/anything-else/", {"action": "next", "q-anything-else": "x" * 20_000}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Sorry, we could not read what was sent" in html
    assert "Hide this page" in html and "0800 1111" in html
    assert "anything you had already saved is still safe" in html
    assert current_draft(client, survey).answers == {"feel-safe": ["agree"]}


@pytest.mark.parametrize(
    "typed", ["my worker said <not allowed> again", "fish &amp; chips", "I <3 my <b>gran</b>"]
)
def test_what_is_typed_is_kept_and_shown_back_exactly(client, survey, typed):
    start(client, survey)
    answer(client, survey, "anything-else", typed)
    assert current_draft(client, survey).answers["anything-else"] == [typed]
    html = _main(client.get(f"{survey.url}check/"))
    assert f'<q class="ds_summary-list__answer">{escape(typed)}</q>' in html
    send(client, survey)
    assert Answer.objects.get(question_key="anything-else").text == typed
