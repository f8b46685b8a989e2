"""The answering pages. Each is reached through a route on `SurveyPage` or `SurveyIndexPage`, works
without JavaScript, and hands every change to `surveys.services`.

Which draft a browser is filling in is kept in its session (`survey_drafts`: survey id to draft
id), with the invitation it opened (`survey_invitations`); the answers themselves are in the
draft, on the server. Once the answers are sent, the session forgets both, and a session with
nothing else in it is deleted: nothing left behind leads from an invitation to a response.
"""

import uuid

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache

from wagtail.models import Page, Site

from cms.selectors import live_page_url
from surveys import fragments, rate_limits, selectors, services
from surveys.answers import TAMPERED, CheckedAnswers, answers_from_form, check_answers
from surveys.codes import format_receipt_code, format_resume_code, submission_key
from surveys.models import (
    AnsweredWith,
    Draft,
    Invitation,
    Response,
    SurveyIndexPage,
    SurveyPage,
)
from surveys.questions import shown_questions

SESSION_DRAFTS = "survey_drafts"
SESSION_INVITATIONS = "survey_invitations"
HONEYPOT_FIELD = "website"
FEEDBACK_LOOP_PAGE = "participation.FeedbackLoopPage"  # found by type: it is a higher layer's

HELPER_CHOICES = [
    (AnsweredWith.TRUSTED_ADULT, "Yes, a trusted adult is helping me"),
    (AnsweredWith.ON_MY_OWN, "No, I’m answering on my own"),
    (AnsweredWith.RATHER_NOT_SAY, "I’d rather not say"),
]

CSRF_MESSAGE = (
    "This page was open for a long time, so for your safety we did not save it. Your answers "
    "are still here: please press the button again."
)
TOO_MANY_TRIES = (
    "You have tried this a lot of times in a short while. Please wait {minutes} minutes and try "
    "again."
)


# Finding the draft a browser is filling in.


def _session_map(request, name: str) -> dict:
    return dict(request.session.get(name, {}))


def _current_draft(request, survey: SurveyPage) -> Draft | None:
    draft_id = _session_map(request, SESSION_DRAFTS).get(str(survey.pk))
    if draft_id is None:
        return None
    # The primary key is unique: no ORDER BY, and the survey by its id (a fifth of the time).
    found = Draft.objects.select_related("invitation").filter(pk=draft_id, survey_id=survey.pk)
    draft = next(iter(found[:1]), None)
    if draft is None and _response_for_posted_submission(request) is not None:
        # Sent a moment ago by a twin of this request (a double-tapped Send), which deletes the
        # session too: changing it here would fail this request when the session is saved.
        return None
    if draft is None or draft.is_expired():
        _forget_draft(request, survey)
        return None
    return draft


def _remember_draft(request, survey: SurveyPage, draft: Draft) -> None:
    drafts = _session_map(request, SESSION_DRAFTS)
    drafts[str(survey.pk)] = draft.pk
    request.session[SESSION_DRAFTS] = drafts
    # On a shared phone, the answers should not be one tap away for the next person: the
    # session ends with the browser, and a resume code brings the answers back.
    request.session.set_expiry(0)


def _forget_draft(request, survey: SurveyPage) -> None:
    drafts = _session_map(request, SESSION_DRAFTS)
    if drafts.pop(str(survey.pk), None) is not None:
        request.session[SESSION_DRAFTS] = drafts


# What a session holds besides a respondent's surveys: Django's own note of its expiry.
SESSION_BOOKKEEPING = {"_session_expiry"}


def _forget_survey(request, survey: SurveyPage) -> None:
    """Forget everything about `survey` in the session: its draft and the invitation opened for
    it. A session left with nothing else (not a member of staff's) is deleted, and its cookie."""
    for name in (SESSION_DRAFTS, SESSION_INVITATIONS):
        remembered = _session_map(request, name)
        remembered.pop(str(survey.pk), None)
        if remembered:
            request.session[name] = remembered
        else:
            request.session.pop(name, None)
    if set(request.session.keys()) <= SESSION_BOOKKEEPING:
        request.session.flush()


def _opened_invitation(request, survey: SurveyPage) -> Invitation | None:
    invitation_id = _session_map(request, SESSION_INVITATIONS).get(str(survey.pk))
    if invitation_id is None:
        return None
    return Invitation.objects.filter(pk=invitation_id, survey=survey, used=False).first()


# Where each step leads.


def _first_step_url(survey: SurveyPage, draft: Draft) -> str:
    if not survey.is_one_question_per_page:
        return survey.step_url("answers")
    shown = shown_questions(survey.question_list, draft.answers)
    keys = [question.key for question in shown]
    if draft.last_question_key in keys:
        # Carry on after the last question saved.
        following = keys[keys.index(draft.last_question_key) + 1 :]
        return (
            survey.step_url("question", key=following[0]) if following else survey.step_url("check")
        )
    return survey.step_url("question", key=keys[0]) if keys else survey.step_url("check")


def _next_step_url(survey: SurveyPage, draft: Draft, key: str) -> str:
    shown = [q.key for q in shown_questions(survey.question_list, draft.answers)]
    following = shown[shown.index(key) + 1 :] if key in shown else []
    return survey.step_url("question", key=following[0]) if following else survey.step_url("check")


def _previous_step_url(survey: SurveyPage, draft: Draft, key: str) -> str:
    shown = [q.key for q in shown_questions(survey.question_list, draft.answers)]
    earlier = shown[: shown.index(key)] if key in shown else []
    return survey.step_url("question", key=earlier[-1]) if earlier else survey.url


# Pages that are messages.


def _message(request, page, *, title: str, paragraphs, links=(), status=200, survey=None):
    return TemplateResponse(
        request,
        "surveys/message.html",
        {
            "page": page,
            "survey": survey,
            "message_title": title,
            "paragraphs": paragraphs,
            "links": links,
        },
        status=status,
    )


def _closed(request, survey: SurveyPage):
    # 410 Gone: the survey is there, but not for answering now.
    return _message(
        request,
        survey,
        survey=survey,
        title=f"{survey.title} is closed",
        paragraphs=[
            "This survey is not taking answers at the moment, so nothing was saved.",
            "Thank you for wanting to have your say.",
        ],
        links=[(survey.index_page.url, "See the surveys that are open")],
        status=410,
    )


def _no_draft(request, survey: SurveyPage):
    return _message(
        request,
        survey,
        survey=survey,
        title="We could not find your answers",
        paragraphs=[
            "This can happen if you started a while ago, or on another phone or computer.",
            "If you saved your answers, you can carry on with your code. Or you can start again.",
        ],
        links=[
            (survey.index_page.resume_url, "Carry on with a code"),
            (survey.url, "Start again"),
        ],
    )


def _no_draft_or_thanks(request, survey: SurveyPage):
    """No draft for a Send: its twin (a double tap) may have just sent it, so thank this one too."""
    if _response_for_posted_submission(request) is not None:
        return HttpResponseRedirect(survey.step_url("thank_you"))
    return _no_draft(request, survey)


def _tampered(request, survey: SurveyPage):
    return _message(
        request,
        survey,
        survey=survey,
        title="Sorry, something went wrong with that page",
        paragraphs=["Nothing was saved. Please go back and try again."],
        links=[(survey.url, f"Back to {survey.title}")],
        status=400,
    )


def _too_many_tries(request, page, scope: str):
    return _message(
        request,
        page,
        title="Please wait a few minutes",
        paragraphs=[TOO_MANY_TRIES.format(minutes=rate_limits.window_minutes(scope))],
        status=429,
    )


# The survey list and the start page.


@never_cache
def survey_index(request, index_page: SurveyIndexPage):
    groups = selectors.open_surveys_by_audience(index_page=index_page)
    return TemplateResponse(
        request, "surveys/index_page.html", {"page": index_page, "audience_groups": groups}
    )


@never_cache
def start(request, survey: SurveyPage):
    if not survey.is_open():
        return _closed(request, survey)
    draft = _current_draft(request, survey)
    invitation = _opened_invitation(request, survey)
    if request.method == "POST":
        if request.POST.get("action") == "continue" and draft is not None:
            return HttpResponseRedirect(_first_step_url(survey, draft))
        if survey.requires_invitation and invitation is None:
            # Starting again on an invitation keeps the invitation the draft had.
            invitation = draft.invitation if draft is not None else None
        if survey.requires_invitation and invitation is None:
            return _start_page(request, survey, draft, invitation)
        if not rate_limits.allow(request, "start"):
            return _too_many_tries(request, survey, "start")
        draft = services.start_draft(
            survey=survey,
            answered_with=request.POST.get("answered_with", ""),
            invitation=invitation,
        )
        _remember_draft(request, survey, draft)
        return HttpResponseRedirect(_first_step_url(survey, draft))
    return _start_page(request, survey, draft, invitation)


def _start_page(request, survey, draft, invitation, *, preview=False):
    needs_invitation = (
        survey.requires_invitation
        and invitation is None
        and (draft is None or draft.invitation_id is None)
        and not preview
    )
    return TemplateResponse(
        request,
        "surveys/start_page.html",
        {
            "page": survey,
            "survey": survey,
            "draft": draft,
            "needs_invitation": needs_invitation,
            "helper_choices": HELPER_CHOICES,
            "resume_url": survey.index_page.resume_url,
            "preview": preview,
        },
    )


@never_cache
def open_invitation(request, survey: SurveyPage, token: str):
    """An invitation link: remembered in the session, then the start page without the token."""
    if not rate_limits.allow(request, "invitation"):
        return _too_many_tries(request, survey, "invitation")
    invitation = selectors.invitation_for_token(survey=survey, token=token)
    if invitation is None:
        return _message(
            request,
            survey,
            survey=survey,
            title="This invitation link does not work",
            paragraphs=[
                "Please check that you copied the whole link from your letter or email.",
                "If it still does not work, the survey may have closed. Contact the person who "
                "sent you the invitation.",
            ],
            status=404,
        )
    if invitation.used:
        return _message(
            request,
            survey,
            survey=survey,
            title="This invitation has already been used",
            paragraphs=[
                "Answers have already been sent with this invitation, so it cannot be used "
                "again. Each invitation can only be used once, to keep the survey fair.",
                "Thank you for taking part. If you did not send these answers, please contact "
                "the person who sent you the invitation.",
            ],
            status=410,
        )
    if invitation.cycle_id != survey.cycle_id or not survey.is_open():
        return _closed(request, survey)
    invitations = _session_map(request, SESSION_INVITATIONS)
    invitations[str(survey.pk)] = invitation.pk
    request.session[SESSION_INVITATIONS] = invitations
    return HttpResponseRedirect(survey.url)


# One question per page.


@never_cache
def question_step(request, survey: SurveyPage, key: str):
    question = survey.question_by_key.get(key)
    if question is None or not survey.is_one_question_per_page:
        raise Http404("No such question")
    if not survey.is_open():
        return _closed(request, survey)
    draft = _current_draft(request, survey)
    if draft is None:
        return _no_draft(request, survey)
    shown = shown_questions(survey.question_list, draft.answers)
    if question not in shown:
        if request.method == "POST":
            return _tampered(request, survey)
        return HttpResponseRedirect(_next_step_url_for_hidden(survey, draft, key))
    changing = request.GET.get("change") == "1" or request.POST.get("change") == "1"
    if request.method != "POST":
        return _question_page(request, survey, draft, question, changing=changing)

    action = request.POST.get("action", "next")
    if action == "skip":
        answers = {key: []}
    else:
        answers = answers_from_form(request.POST, [question])
    checked = check_answers(
        questions=survey.question_list, answers=answers, asked={key}, earlier_answers=draft.answers
    )
    if not checked.is_valid:
        values = answers.get(key, [])
        return _question_page(
            request,
            survey,
            draft,
            question,
            values=values,
            checked=checked,
            changing=changing,
            status=400,
        )
    services.save_draft_answers(draft=draft, answers=checked.answers, last_question_key=key)
    if action == "save":
        return _saved_page(request, survey, draft)
    if changing:
        return HttpResponseRedirect(survey.step_url("check"))
    return HttpResponseRedirect(_next_step_url(survey, draft, key))


def _next_step_url_for_hidden(survey, draft, key):
    """A question that no longer applies: go on to the next one that does."""
    keys = [q.key for q in survey.question_list]
    shown = {q.key for q in shown_questions(survey.question_list, draft.answers)}
    following = [k for k in keys[keys.index(key) + 1 :] if k in shown]
    return survey.step_url("question", key=following[0]) if following else survey.step_url("check")


def _question_page(
    request, survey, draft, question, *, values=None, checked=None, changing=False, status=200
):
    shown = shown_questions(survey.question_list, draft.answers)
    number = shown.index(question) + 1
    checked = checked or CheckedAnswers()
    values = draft.answers.get(question.key, []) if values is None else values
    error = checked.errors.get(question.key, "")
    item = {"question": question, "values": values, "error": error, "number": None, "hint": ""}
    markup = fragments.question_markups([{**item, "as_page_heading": True}]).get(question.key)
    return TemplateResponse(
        request,
        "surveys/question_page.html",
        {
            "page": survey,
            "survey": survey,
            "question": question,
            # The question's own markup, kept with nothing ticked and ticked for this visitor
            # (surveys.fragments); None for a text question or one with an error.
            "question_html": mark_safe(markup) if markup is not None else None,  # noqa: S308 rendered by our template
            "values": values,
            "error": error,
            "general_errors": checked.general_errors,
            "number": number,
            "total": len(shown),
            "back_url": survey.step_url("check")
            if changing
            else _previous_step_url(survey, draft, question.key),
            "changing": changing,
        },
        status=status,
    )


# One page, with sections.


@never_cache
def one_page(request, survey: SurveyPage):
    if survey.is_one_question_per_page:
        raise Http404("This survey has one question per page")
    submitted = _response_for_posted_submission(request)
    if submitted is not None:
        return HttpResponseRedirect(survey.step_url("thank_you"))
    if not survey.is_open():
        return _closed(request, survey)
    draft = _current_draft(request, survey)
    if draft is None:
        return _no_draft_or_thanks(request, survey)
    if request.method != "POST":
        return _one_page(request, survey, draft, draft.answers)

    answers = answers_from_form(request.POST, survey.question_list)
    checked = check_answers(questions=survey.question_list, answers=answers)
    if not checked.is_valid:
        return _one_page(request, survey, draft, answers, checked=checked, status=400)
    if request.POST.get("action") == "save":
        services.save_draft_answers(draft=draft, answers=checked.answers, replace=True)
        return _saved_page(request, survey, draft)
    return _send(request, survey, draft, checked.answers, answers_page=_one_page)


def _one_page(request, survey, draft, answers, *, checked=None, status=200, preview=False):
    checked = checked or CheckedAnswers()
    numbers = {question.key: n for n, question in enumerate(survey.question_list, start=1)}
    sections = [
        {
            "heading": section.heading,
            "introduction": section.introduction,
            "questions": [
                {
                    "question": question,
                    "values": answers.get(question.key, []),
                    "error": checked.errors.get(question.key, ""),
                    "number": numbers[question.key],
                    "hint": _hint_with_condition(survey, question, numbers),
                }
                for question in section.questions
            ],
        }
        for section in survey.sections
    ]
    if not preview:
        items = [item for section in sections for item in section["questions"]]
        markups = fragments.question_markups(items)
        for item in items:
            if item["question"].key in markups:
                item["html"] = mark_safe(markups[item["question"].key])  # noqa: S308 rendered by our template
    return TemplateResponse(
        request,
        "surveys/one_page.html",
        {
            "page": survey,
            "survey": survey,
            "draft": draft,
            "sections": sections,
            "errors": [
                (survey.question_by_key[key], message) for key, message in checked.errors.items()
            ],
            "general_errors": checked.general_errors,
            "honeypot_field": HONEYPOT_FIELD,
            "preview": preview,
        },
        status=status,
    )


def _hint_with_condition(survey, question, numbers) -> str:
    """On one page every question shows, so a conditional one says when to answer it."""
    parts = [question.hint] if question.hint else []
    if question.condition is not None:
        earlier = survey.question_by_key[question.condition.key]
        parts.append(
            f"Only answer this if you answered “{earlier.label_for(question.condition.value)}” "
            f"to question {numbers[earlier.key]}."
        )
    return " ".join(parts)


# Check your answers, and sending them.


@never_cache
def check_answers_page(request, survey: SurveyPage):
    if not survey.is_one_question_per_page:
        raise Http404("This survey is on one page")
    submitted = _response_for_posted_submission(request)
    if submitted is not None:
        return HttpResponseRedirect(survey.step_url("thank_you"))
    if not survey.is_open():
        return _closed(request, survey)
    draft = _current_draft(request, survey)
    if draft is None:
        return _no_draft_or_thanks(request, survey)
    if request.method != "POST":
        return _check_page(request, survey, draft)
    if request.POST.get("action") == "save":
        return _saved_page(request, survey, draft)
    answers = services.pruned_draft_answers(survey=survey, draft=draft)
    return _send(request, survey, draft, answers, answers_page=_check_page_for_send)


def _check_page(request, survey, draft, *, checked=None, status=200):
    checked = checked or CheckedAnswers()
    rows = [
        {
            "question": question,
            "labels": [question.label_for(value) for value in draft.answers.get(question.key, [])],
            "answered": question.key in draft.answers,
            "change_url": survey.step_url("question", key=question.key) + "?change=1",
            "error": checked.errors.get(question.key, ""),
        }
        for question in shown_questions(survey.question_list, draft.answers)
    ]
    return TemplateResponse(
        request,
        "surveys/check_answers.html",
        {
            "page": survey,
            "survey": survey,
            "draft": draft,
            "rows": rows,
            "errors": [
                (survey.question_by_key[key], message) for key, message in checked.errors.items()
            ],
            "general_errors": checked.general_errors,
            "back_url": survey.step_url("question", key=rows[-1]["question"].key)
            if rows
            else survey.url,
            "honeypot_field": HONEYPOT_FIELD,
        },
        status=status,
    )


def _check_page_for_send(request, survey, draft, answers, *, checked=None, status=200):
    return _check_page(request, survey, draft, checked=checked, status=status)


def _response_for_posted_submission(request):
    """A POST whose submission id already made a response: the same thank-you, nothing stored."""
    if request.method != "POST":
        return None
    try:
        submission_id = uuid.UUID(request.POST.get("submission_id", ""))
    except ValueError:
        return None
    return Response.objects.filter(submission_id=submission_key(submission_id)).only("pk").first()


def _send(request, survey, draft, answers, *, answers_page):
    """Send the answers in `draft` (or those posted on the one page) as a response."""
    if request.POST.get("submission_id") != str(draft.submission_id):
        checked = CheckedAnswers(general_errors=[TAMPERED])
        return answers_page(request, survey, draft, answers, checked=checked, status=400)
    if request.POST.get(HONEYPOT_FIELD):
        # Filled in by a program, not a person: thank it and keep nothing.
        return HttpResponseRedirect(survey.step_url("thank_you"))
    if not rate_limits.allow(request, "submit"):
        message = TOO_MANY_TRIES.format(minutes=rate_limits.window_minutes("submit"))
        checked = CheckedAnswers(general_errors=[message + " Your answers are saved."])
        services.save_draft_answers(draft=draft, answers=answers, replace=True)
        return answers_page(request, survey, draft, answers, checked=checked, status=429)
    try:
        services.submit_response(
            survey=survey,
            answers=answers,
            submission_id=draft.submission_id,
            answered_with=draft.answered_with,
            invitation=draft.invitation,
        )
    except services.AnswersRefused as refused:
        return answers_page(request, survey, draft, answers, checked=refused.checked, status=400)
    except services.InvitationAlreadyUsed as refused:
        _forget_survey(request, survey)
        # 409 Conflict: sent from another phone or computer first.
        return _message(
            request,
            survey,
            survey=survey,
            title="This invitation has already been used",
            paragraphs=[refused.message],
            status=409,
        )
    except services.SurveyNotOpen:
        return _closed(request, survey)
    except services.SubmissionRefused as refused:
        checked = CheckedAnswers(general_errors=[refused.message])
        return answers_page(request, survey, draft, answers, checked=checked, status=400)
    _forget_survey(request, survey)
    return HttpResponseRedirect(survey.step_url("thank_you"))


@never_cache
def thank_you(request, survey: SurveyPage):
    """The same page for everyone: it shows nothing of what was answered. It says when the
    results will be published, and gives the survey's receipt code, which is the same for
    everyone who answered it this year and later opens what came of it."""
    receipt = (
        services.receipt_code_for(survey=survey, cycle=survey.cycle) if survey.cycle_id else None
    )
    return TemplateResponse(
        request,
        "surveys/thank_you.html",
        {
            "page": survey,
            "survey": survey,
            "receipt_code": format_receipt_code(receipt.code) if receipt else "",
            "you_said_we_did_url": live_page_url(page_type=FEEDBACK_LOOP_PAGE, request=request),
        },
    )


# Saving and coming back.


def _saved_page(request, survey: SurveyPage, draft: Draft):
    if not rate_limits.allow(request, "save"):
        return _too_many_tries(request, survey, "save")
    code = services.save_for_later(draft=draft)
    return TemplateResponse(
        request,
        "surveys/saved.html",
        {
            "page": survey,
            "survey": survey,
            "code": format_resume_code(code),
            "last_day": draft.last_day,
            "resume_url": request.build_absolute_uri(survey.index_page.resume_url),
            "carry_on_url": _first_step_url(survey, draft),
        },
    )


@never_cache
def resume(request, index_page: SurveyIndexPage):
    """Type a resume code to carry on with saved answers."""
    error = ""
    typed = ""
    if request.method == "POST":
        typed = request.POST.get("code", "")[:40]
        if not rate_limits.allow(request, "resume"):
            return _too_many_tries(request, index_page, "resume")
        draft = selectors.draft_for_resume_code(typed=typed)
        if not typed.strip():
            error = "Enter your code. It has 8 letters and numbers, like KT4M 9XPW."
        elif draft is None:
            error = (
                "We could not find that code. Check it and try again: it has 8 letters and "
                "numbers, like KT4M 9XPW. Codes stop working "
                f"{settings.SURVEY_DRAFT_RETENTION_DAYS} days after you save."
            )
        elif draft.is_expired():
            error = (
                "That code has expired, because saved answers are only kept for a short time. "
                "You can start the survey again."
            )
        else:
            survey = draft.survey.specific
            if not survey.is_open():
                return _closed(request, survey)
            _remember_draft(request, survey, draft)
            return HttpResponseRedirect(_first_step_url(survey, draft))
    return TemplateResponse(
        request,
        "surveys/resume.html",
        {"page": index_page, "error": error, "typed": typed},
        status=400 if error else 200,
    )


# When the CSRF check fails: the person's answers back, with a message, never a bare 403.


def csrf_failure(request, reason=""):
    survey, route_name, kwargs = _survey_route(request)
    checked = CheckedAnswers(general_errors=[CSRF_MESSAGE])
    draft = _current_draft(request, survey) if survey is not None else None
    if draft is not None and request.method == "POST":
        if route_name == "question" and kwargs.get("key") in survey.question_by_key:
            question = survey.question_by_key[kwargs["key"]]
            values = answers_from_form(request.POST, [question]).get(question.key, [])
            return _question_page(
                request, survey, draft, question, values=values, checked=checked, status=403
            )
        if route_name == "answers":
            answers = answers_from_form(request.POST, survey.question_list)
            return _one_page(request, survey, draft, answers, checked=checked, status=403)
        if route_name == "check":
            return _check_page(request, survey, draft, checked=checked, status=403)
    page = survey or getattr(Site.find_for_request(request), "root_page", None)
    return _message(
        request,
        page,
        title="Sorry, we could not take that form",
        paragraphs=[
            "For your safety, forms on this site only work when your browser accepts cookies "
            "from this site, and only for a while after the page was opened.",
            "Nothing was saved. Please go back, reload the page and try again.",
        ],
        status=403,
    )


def _survey_route(request):
    """The survey page and route a request was for, found the way Wagtail serves it."""
    route = Page.route_for_request(request, request.path)
    if route is None or not isinstance(route.page, SurveyPage):
        return None, None, {}
    match = getattr(request, "routable_resolver_match", None)
    return route.page, getattr(match, "url_name", None), getattr(match, "kwargs", {})


# Previews in the page editor.


def preview_start(request, survey: SurveyPage):
    return _start_page(request, survey, None, None, preview=True)


def preview_questions(request, survey: SurveyPage):
    draft = Draft(survey=survey)
    return _one_page(request, survey, draft, {}, preview=True)
