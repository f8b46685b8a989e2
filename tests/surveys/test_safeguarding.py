"""A typed answer with words from the safeguarding list raises a flag; the Safeguarding leads
are emailed a link (never the answer) by a background task; only they see the queue."""

import uuid

import pytest

from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.utils import timezone

from accounts import roles
from surveys.models import FlagStatus, SafeguardingFlag, SafeguardingFlagEvent, SafeguardingTerm
from surveys.safeguarding import matching_phrases
from surveys.services import record_flag_status, submit_response
from surveys.tasks import notify_safeguarding_leads
from tests.surveys.safeguarding_corpus import MUST_FLAG, MUST_NOT_FLAG

pytestmark = pytest.mark.django_db

DISCLOSURE = "Sometimes he hurt me when nobody is around. I’m scared to go home."


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("He HURT   me", ["hurt me"]),
        ("I don’t want to live here any more", ["don't want to live"]),
        ("I feel unsafe", ["unsafe"]),
        # One name for phrases that read the same.
        ("self harm and self-harm", ["self-harm"]),
        ("The shirt media was fun", []),
        ("I hurt my knee", []),
        ("abusing is bad, abused", ["abused"]),
        ("", []),
    ],
)
def test_phrases_match_as_whole_words_ignoring_capitals(text, found):
    phrases = [
        "hurt me",
        "don't want to live",
        "unsafe",
        "self-harm",
        "self harm",
        "abused",
        "abusing",
        "abuse",
    ]
    assert matching_phrases(text, phrases) == found


def test_the_list_flags_how_children_write_and_lets_ordinary_answers_be(capsys):
    """The seeded list, matched as the site matches it, against the corpus in
    tests/surveys/safeguarding_corpus.py: at least 100 phrasings that must flag, and 100 ordinary
    answers that must not."""
    phrases = list(SafeguardingTerm.objects.filter(active=True).values_list("phrase", flat=True))
    assert len(MUST_FLAG) >= 100 and len(MUST_NOT_FLAG) >= 100
    missed = [text for text in MUST_FLAG if not matching_phrases(text, phrases)]
    wrongly_flagged = {
        text: found for text in MUST_NOT_FLAG if (found := matching_phrases(text, phrases))
    }
    detected, false_alarms = len(MUST_FLAG) - len(missed), len(wrongly_flagged)
    with capsys.disabled():
        print(  # noqa: T201 - the rates are the point of this test
            f"\nSafeguarding list: flagged {detected} of {len(MUST_FLAG)} disclosures "
            f"({detected / len(MUST_FLAG):.0%}); flagged {false_alarms} of "
            f"{len(MUST_NOT_FLAG)} ordinary answers ({false_alarms / len(MUST_NOT_FLAG):.0%})"
        )
    assert missed == []
    assert wrongly_flagged == {}


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("i dont want to live anymore", "don't want to live"),
        ("I dont wanna live", "don't want to live"),
        ("i want to kill my self", "kill myself"),
        ("killmyself", "kill myself"),
        ("self harming", "self-harm"),
        ("someone is beating me", "beat me"),
        ("he hu\u200brts me", "hurts me"),
        ("he h u r t s me", "hurts me"),
        ("he HURRRTS ME", "hurts me"),
        ("kill myslef", "kill myself"),
    ],
)
def test_phone_spellings_match_the_phrase_they_mean(text, phrase):
    assert matching_phrases(text, [phrase]) == [phrase]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("my brother hurt his knee at football", "hurt me"),
        ("I was amused", "abused"),
        ("my favourite colour is violet", "violent"),
        ("I like rap music", "rape"),
        ("the therapist helps me", "rapist"),
        ("I can touch my toes", "touch me"),
    ],
)
def test_close_forms_do_not_reach_other_words(text, phrase):
    assert matching_phrases(text, [phrase]) == []


@pytest.fixture
def safeguarding_lead(make_staff):
    lead = make_staff(roles.SAFEGUARDING_LEADS, email="lead@example.com")
    lead.first_name, lead.last_name = "Sam", "Lead"
    lead.save()
    return lead


def _submit(survey, text):
    return submit_response(
        survey=survey, answers={"anything-else": [text]}, submission_id=uuid.uuid4()
    ).response


def test_a_worrying_answer_raises_a_flag_and_emails_a_link_not_the_answer(
    survey, safeguarding_lead, django_capture_on_commit_callbacks, settings
):
    settings.SAFEGUARDING_ALERT_EMAILS = ["duty-team@example.org"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _submit(survey, DISCLOSURE)
    assert len(callbacks) == 1
    flag = SafeguardingFlag.objects.get()
    assert flag.response == response
    assert flag.question_key == "anything-else"
    assert flag.matched_terms == "hurt me, scared to go home"
    assert flag.status == FlagStatus.NEW
    assert sorted(message.to[0] for message in mail.outbox) == [
        "duty-team@example.org",
        "lead@example.com",
    ]
    message = mail.outbox[0]
    assert message.subject == "A survey answer needs a safeguarding check"
    assert f"http://testserver/admin/surveys/safeguarding-flags/edit/{flag.pk}/" in message.body
    assert "hurt" not in message.body and "scared" not in message.body


def test_an_ordinary_answer_raises_nothing(
    survey, safeguarding_lead, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _submit(survey, "I would like more time with my gran.")
    assert not SafeguardingFlag.objects.exists()
    assert mail.outbox == []


def test_a_phrase_switched_off_raises_nothing(survey, django_capture_on_commit_callbacks):
    SafeguardingTerm.objects.update(active=False)
    with django_capture_on_commit_callbacks(execute=True):
        _submit(survey, DISCLOSURE)
    assert not SafeguardingFlag.objects.exists()


def test_a_flag_is_kept_even_with_no_lead_to_tell(
    survey, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        _submit(survey, DISCLOSURE)
    assert SafeguardingFlag.objects.count() == 1
    assert mail.outbox == []
    assert "no Safeguarding lead to tell" in caplog.text


def test_the_task_runs_through_django_tasks(survey, safeguarding_lead):
    response = _submit(survey, DISCLOSURE)
    flag = SafeguardingFlag.objects.get(response=response)
    result = notify_safeguarding_leads.enqueue(flag_id=flag.pk)
    assert result.status == "SUCCESSFUL"
    assert result.return_value == 1
    assert notify_safeguarding_leads.enqueue(flag_id=999999).return_value == 0


def test_each_status_change_is_recorded_with_who_and_when(survey, safeguarding_lead):
    _submit(survey, DISCLOSURE)
    flag = SafeguardingFlag.objects.get()
    record_flag_status(flag=flag, status=FlagStatus.SEEN, note="Read it", by=safeguarding_lead)
    record_flag_status(
        flag=flag, status=FlagStatus.CLOSED, note="<b>Passed</b> to duty team", by=safeguarding_lead
    )
    flag.refresh_from_db()
    assert flag.status == FlagStatus.CLOSED and flag.closed_on == timezone.localdate()
    assert flag.handled_by == safeguarding_lead
    events = list(SafeguardingFlagEvent.objects.order_by("recorded_on", "pk"))
    assert [(e.status, e.note, e.by) for e in events] == [
        ("seen", "Read it", safeguarding_lead),
        ("closed", "<b>Passed</b> to duty team", safeguarding_lead),
    ]
    record_flag_status(flag=flag, status=FlagStatus.ACTED_ON, by=safeguarding_lead)
    flag.refresh_from_db()
    assert flag.closed_on is None


# The queue in the admin.


@pytest.fixture
def flag(survey):
    _submit(survey, DISCLOSURE + " <script>alert(1)</script>")
    return SafeguardingFlag.objects.get()


def test_a_lead_sees_the_queue_and_the_answer_and_moves_it_on(client, flag, safeguarding_lead):
    client.force_login(safeguarding_lead)
    listing = client.get("/admin/surveys/safeguarding-flags/")
    assert listing.status_code == 200
    assert "hurt me, scared to go home" in listing.content.decode()
    page = client.get(f"/admin/surveys/safeguarding-flags/edit/{flag.pk}/")
    html = page.content.decode()
    assert "Sometimes he hurt me when nobody is around." in html
    assert "alert(1)" in html and "<script>alert(1)" not in html
    assert "Is there anything else you want to tell us?" in html
    response = client.post(
        f"/admin/surveys/safeguarding-flags/edit/{flag.pk}/",
        {"status": "acted_on", "note": "Shared with the duty social worker"},
    )
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.status == "acted_on" and flag.handled_by == safeguarding_lead
    event = flag.events.get()
    assert event.note == "Shared with the duty social worker" and event.by == safeguarding_lead
    html = client.get(f"/admin/surveys/safeguarding-flags/edit/{flag.pk}/").content.decode()
    assert "Shared with the duty social worker" in html and "Sam Lead" in html


def test_reading_a_flag_and_moving_it_on_are_in_the_staff_audit_log(
    client, flag, safeguarding_lead
):
    from accounts.models import StaffEvent

    client.force_login(safeguarding_lead)
    client.get(f"/admin/surveys/safeguarding-flags/edit/{flag.pk}/")
    client.post(
        f"/admin/surveys/safeguarding-flags/edit/{flag.pk}/",
        {"status": "seen", "note": "Talked to the school's child protection lead"},
    )
    events = StaffEvent.objects.filter(
        user=safeguarding_lead, action__startswith="safeguarding-flag"
    )
    assert sorted(events.values_list("action", "description")) == [
        ("safeguarding-flag.moved-on", "Moved a flagged answer on to “Seen”."),
        ("safeguarding-flag.read", "Read a flagged answer."),
    ]
    # Neither which flag (with its time it could say when the child answered) nor any words.
    assert not any(str(flag.pk) in e.description or "hurt" in e.description for e in events)


@pytest.mark.parametrize(
    "role", [roles.SURVEY_MANAGERS, roles.ANALYSTS, roles.ADMINISTRATORS, roles.EDITORS]
)
def test_nobody_else_sees_the_queue(staff_client, flag, role):
    Group.objects.get_or_create(name=role)
    client = staff_client(role)
    for path in (
        "/admin/surveys/safeguarding-flags/",
        f"/admin/surveys/safeguarding-flags/edit/{flag.pk}/",
    ):
        response = client.get(path)
        assert response.status_code in (302, 403), (role, path)
        assert "hurt me" not in response.content.decode()
    assert "Safeguarding flags" not in client.get("/admin/").content.decode()


def test_a_permission_given_by_mistake_does_not_open_the_queue(staff_client, flag):
    analysts = Group.objects.get(name=roles.ANALYSTS)
    analysts.permissions.add(
        *Permission.objects.filter(
            codename__in=["view_safeguardingflag", "change_safeguardingflag"]
        )
    )
    client = staff_client(roles.ANALYSTS)
    assert client.get("/admin/surveys/safeguarding-flags/").status_code in (302, 403)


def test_a_superuser_sees_the_queue_only_as_a_safeguarding_lead(client, make_staff, flag):
    superuser = make_staff(superuser=True)
    client.force_login(superuser)
    for path in (
        "/admin/surveys/safeguarding-flags/",
        f"/admin/surveys/safeguarding-flags/edit/{flag.pk}/",
    ):
        response = client.get(path)
        assert response.status_code in (302, 403), path
        assert "hurt me" not in response.content.decode()
    assert "Safeguarding flags" not in client.get("/admin/").content.decode()
    superuser.groups.add(Group.objects.get(name=roles.SAFEGUARDING_LEADS))
    client.force_login(superuser)
    assert client.get("/admin/surveys/safeguarding-flags/").status_code == 200
    # Still, nobody adds or deletes flags by hand.
    assert client.get("/admin/surveys/safeguarding-flags/new/").status_code in (302, 403)
    response = client.post(f"/admin/surveys/safeguarding-flags/delete/{flag.pk}/")
    assert response.status_code in (302, 403)
    assert SafeguardingFlag.objects.filter(pk=flag.pk).exists()


# Open flags are never destroyed: responses are read-only in the admin, an open flag cannot be
# deleted by any path, and retention closes an open flag rather than drop it.


def test_responses_are_read_only_in_the_admin_even_for_a_superuser(staff_client, flag):
    from surveys.models import Response

    client = staff_client(None)
    pk = flag.response_id
    assert client.get("/admin/surveys/responses/").status_code == 200
    for path in (
        "/admin/surveys/responses/new/",
        f"/admin/surveys/responses/edit/{pk}/",
        f"/admin/surveys/responses/delete/{pk}/",
    ):
        assert client.get(path).status_code in (302, 403, 404), path
    for path, data in (
        ("/admin/surveys/responses/new/", {}),
        (f"/admin/surveys/responses/edit/{pk}/", {}),
        (f"/admin/surveys/responses/delete/{pk}/", {}),
    ):
        assert client.post(path, data).status_code in (302, 403, 404), path
    assert Response.objects.filter(pk=pk).exists()
    assert SafeguardingFlag.objects.filter(pk=flag.pk, status=FlagStatus.NEW).exists()


def test_an_open_flag_cannot_be_deleted_by_any_path(flag, safeguarding_lead):
    from django.db import transaction
    from django.db.models import ProtectedError

    for delete in (flag.response.delete, flag.delete, SafeguardingFlag.objects.all().delete):
        # The whole transaction is refused, not just the flag's part of it.
        with pytest.raises(ProtectedError), transaction.atomic():
            delete()
    assert SafeguardingFlag.objects.filter(pk=flag.pk).exists()
    record_flag_status(flag=flag, status=FlagStatus.CLOSED, by=safeguarding_lead)
    flag.delete()  # once closed, retention deletes it after its period
    assert not SafeguardingFlag.objects.exists()
