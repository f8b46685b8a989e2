"""The council's starting surveys (starter content): built once, valid, linked by key, in the
Language of Care."""

import re

import pytest

from wagtail.models import GroupPagePermission

from accounts import roles
from surveys.blocks import QuestionsBlock
from surveys.models import AgeBand, Audience, SurveyIndexPage, SurveyPage
from surveys.starter import SURVEYS, build_surveys, current_cycle

pytestmark = pytest.mark.django_db

CORE_VOICE_KEYS = {
    "listened-to",
    "part-of-my-plan",
    "feel-safe",
    "someone-to-talk-to",
    "school-support",
    "know-advocate",
    "one-thing-to-change",
}


@pytest.fixture
def surveys(home_page, promise_plan):
    build_surveys(home=home_page)
    return {survey.slug: survey for survey in SurveyPage.objects.live().specific()}


def test_building_twice_changes_nothing(home_page, surveys):
    pages = SurveyPage.objects.count()
    permissions = GroupPagePermission.objects.count()
    build_surveys(home=home_page)
    assert SurveyPage.objects.count() == pages == len(SURVEYS) == 7
    assert SurveyIndexPage.objects.count() == 1
    assert GroupPagePermission.objects.count() == permissions


def test_have_your_say_is_in_the_navigation(client, surveys):
    index = SurveyIndexPage.objects.get()
    assert index.url == "/surveys/" and index.title == "Have your say" and index.show_in_menus
    assert '<a class="site-navigation__link" href="/surveys/">Have your say</a>' in (
        client.get("/").content.decode()
    )


def test_every_seeded_survey_is_open_valid_and_tagged_with_action_codes(surveys):
    block = QuestionsBlock()
    for survey in surveys.values():
        assert survey.is_open(), survey.slug
        block.clean(survey.questions)  # raises if a key repeats or a condition is broken
        for question in survey.question_list:
            assert question.action_codes, f"{survey.slug}: {question.key} has no action code"
            assert not question.required


def test_your_voice_has_three_linked_versions(surveys):
    versions = {s.age_band: s for s in surveys.values() if s.theme == "voice"}
    assert set(versions) == {AgeBand.AGE_5_TO_7, AgeBand.AGE_8_TO_11, AgeBand.AGE_12_TO_18}
    for survey in versions.values():
        assert CORE_VOICE_KEYS <= set(survey.question_by_key), survey.slug
        assert survey.is_one_question_per_page and survey.asks_who_is_helping
    youngest = versions[AgeBand.AGE_5_TO_7]
    assert 6 <= len(youngest.question_list) <= 8
    assert sum(q.is_faces for q in youngest.question_list) >= 4
    assert "grown-up they trust" in str(youngest.introduction)
    codes = {code for q in versions[AgeBand.AGE_12_TO_18].question_list for code in q.action_codes}
    assert {"STW 4", "GC 10", "GC 2"} <= codes


def test_the_carers_evaluation_is_by_invitation_and_the_staff_survey_is_not(surveys):
    carers = surveys["feeling-supported-carers"]
    staff = surveys["feeling-supported-staff"]
    assert carers.requires_invitation and carers.audience == Audience.CARERS
    assert not staff.requires_invitation and staff.audience == Audience.STAFF
    assert {"STW 1", "WFS 3"} <= {c for q in carers.question_list for c in q.action_codes}
    assert {"STW 2", "STW 3", "STW 4", "STW 5"} <= {
        c for q in staff.question_list for c in q.action_codes
    }
    assert "readiness-for-caring" in carers.question_by_key


def test_family_time_asks_young_people_and_families(surveys):
    family_time = [s for s in surveys.values() if s.theme == "family_time"]
    assert {s.audience for s in family_time} == {Audience.YOUNG_PEOPLE, Audience.FAMILIES}
    for survey in family_time:
        codes = {c for q in survey.question_list for c in q.action_codes}
        assert {"GC 6", "GC 7"} <= codes


# Words the council's Language of Care Policy replaces; quoted examples of them are allowed.
AVOIDED = re.compile(r"\b(contact|siblings?|placements?|LAC|looked after|respite|unit)\b", re.I)


def test_seeded_words_follow_the_language_of_care(surveys):
    for survey in surveys.values():
        texts = [str(survey.introduction), str(survey.confidentiality), str(survey.thank_you)]
        for question in survey.question_list:
            texts += [question.text, question.hint, question.introduction]
            texts += [choice.label for choice in question.choices]
        for text in texts:
            unquoted = re.sub(r"“[^”]*”", "", text)
            assert not AVOIDED.search(unquoted), f"{survey.slug}: {text}"


def test_survey_managers_may_edit_and_publish_surveys(surveys):
    index = SurveyIndexPage.objects.get()
    codenames = set(
        GroupPagePermission.objects.filter(
            page=index, group__name=roles.SURVEY_MANAGERS
        ).values_list("permission__codename", flat=True)
    )
    assert codenames == {"add_page", "change_page", "publish_page"}


@pytest.mark.parametrize(
    ("today", "name"),
    [("2026-11-23", "2026–27"), ("2027-03-31", "2026–27"), ("2027-04-01", "2027–28")],
)
def test_the_current_cycle_is_the_councils_year(today, name):
    import datetime

    cycle = current_cycle(datetime.date.fromisoformat(today))
    assert cycle.name == name
    assert cycle.starts_on.month == 4 and cycle.ends_on.month == 3
