"""The plan as data: every action code word for word, never duplicated, corrections kept."""

import io

import pytest
import yaml

from django.core.management import call_command

from cms.models import ActionCode, Foundation, PriorityArea
from cms.services import PROMISE_PLAN_FILE, load_promise_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    with open(PROMISE_PLAN_FILE, encoding="utf-8") as plan_file:
        return yaml.safe_load(plan_file)


@pytest.fixture
def loaded_plan(plan):
    load_promise_plan(plan=plan)
    return plan


def test_there_are_exactly_31_action_codes(loaded_plan):
    assert ActionCode.objects.count() == 31


@pytest.mark.parametrize(
    ("prefix", "name", "count"),
    [
        ("GC", "A Good Childhood", 11),
        ("WFS", "Whole Family Support", 5),
        ("STW", "Supporting the Workforce", 7),
        ("P", "Planning", 4),
        ("BC", "Building Capacity", 4),
    ],
)
def test_each_priority_area_has_its_codes(loaded_plan, prefix, name, count):
    area = PriorityArea.objects.get(prefix=prefix)
    assert area.name == name
    codes = list(area.action_codes.values_list("code", flat=True))
    assert codes == [f"{prefix} {number}" for number in range(1, count + 1)]


def test_the_five_foundations_in_the_plans_order(loaded_plan):
    names = list(Foundation.objects.values_list("number", "name"))
    assert names == [(1, "Voice"), (2, "Family"), (3, "Care"), (4, "People"), (5, "Scaffolding")]
    voice = Foundation.objects.get(number=1)
    assert voice.description.startswith("Children must be listened to and meaningfully")
    assert all(f.child_friendly_description for f in Foundation.objects.all())


# Checked by hand against the plan's action tables (pages 16–31).
PLAN_EXCERPTS = [
    (
        "GC 1",
        "No Care Experienced Children or Young People excluded in Clackmannanshire",
        "0% care experienced Children and Young People excluded, formally or informally in "
        "2023 – 2024",
        "Head teachers",
    ),
    (
        "GC 6",
        "Children are supported to have safe, quality time with people they care about",
        "These will be measured through planned quality assurance activity including survey and "
        "consultation to determine families’ experiences of contact and areas for improvement.",
        "Senior Manager: Permanence",
    ),
    (
        "GC 10",
        "CECYP and families have access to independent advocacy and legal advice",
        "All Care Experience Young People will be offered advocacy support via Who Cares?",
        "Senior Manager: Permanence",
    ),
    (
        "WFS 2",
        "Support to families will and communities will be non-stigmatising",
        "Measure through service evaluation to ascertain people’s lived experience and areas of "
        "improvement.",
        "Senior Manager Early Intervention",
    ),
    (
        "WFS 3",
        "Care Community will experience high quality support – with measurable improvement",
        "Reduction in children who have had three or more placement moves – target 3.8% by 2026",
        "Senior Manager Permanence",
    ),
    (
        "STW 1",
        "Enhanced Support for Foster carers, adopters and kinship carers",
        "Increase in care givers reporting feeling supported and well trained through annual "
        "evaluation.",
        "Senior Manager Permanence",
    ),
    (
        "STW 4",
        "Improved policy and guidance to support staff in effective practice and engagement with "
        "children/young people.",
        "Increased evidence year on year of children and young people participating in their "
        "meetings.",
        "Senior Manager Permanence",
    ),
    (
        "P 3",
        "Improved service delivery incorporating the principles of Scottish Service Design",
        "E-Module to be in use by all Directorates by August 2026",
        "Senior Manager Secondary & Communities",
    ),
    (
        "BC 1",
        "Improved local care provision and housing options for children and young people who "
        "are care experienced.",
        "Decrease in number of external placements from 2022 – 2023 level.",
        "Senior Manager Permanence",
    ),
    (
        "BC 4",
        "Improved data collection and analysis to demonstrate impact of actions",
        "Data Map to be developed by December 2023",
        "Programme Manager Family Wellbeing Partnership",
    ),
]


@pytest.mark.parametrize(("code", "outcome", "target", "role"), PLAN_EXCERPTS)
def test_codes_match_the_plan_word_for_word(loaded_plan, code, outcome, target, role):
    action_code = ActionCode.objects.get(code=code)
    assert action_code.outcome == outcome
    assert target in [t.text for t in action_code.targets.all()]
    assert role in [r.role for r in action_code.responsible_roles.all()]


def test_codes_know_their_foundations_and_slugs(loaded_plan):
    stw_4 = ActionCode.objects.get(slug="stw-4")
    assert [f.name for f in stw_4.foundations.all()] == ["Voice", "Family", "People", "Scaffolding"]
    assert ActionCode.objects.get(code="GC 10").foundations.count() == 0
    assert ActionCode.objects.get(code="BC 4").foundations.count() == 0
    assert [t.timescale for t in stw_4.targets.all()][-1] == "by December 2025"


def test_loading_twice_changes_nothing(loaded_plan):
    report = load_promise_plan(plan=loaded_plan)
    assert report.created == report.updated == report.kept_admin_corrections == []
    assert ActionCode.objects.count() == 31
    assert PriorityArea.objects.count() == 5
    assert Foundation.objects.count() == 5


def test_a_correction_made_in_the_admin_survives_a_reload(loaded_plan):
    gc_1 = ActionCode.objects.get(code="GC 1")
    gc_1.outcome = "No care experienced children or young people excluded in Clackmannanshire"
    gc_1.save()

    report = load_promise_plan(plan=loaded_plan)

    assert report.kept_admin_corrections == ["GC 1"]
    gc_1.refresh_from_db()
    assert gc_1.outcome.startswith("No care experienced children")


def test_overwrite_replaces_a_correction_with_the_plans_text(loaded_plan):
    gc_1 = ActionCode.objects.get(code="GC 1")
    gc_1.outcome = "Edited"
    gc_1.save()

    call_command("load_promise_plan", "--overwrite", stdout=io.StringIO())

    gc_1.refresh_from_db()
    assert gc_1.outcome == PLAN_EXCERPTS[0][1]


def test_a_changed_data_file_updates_records_nobody_corrected(loaded_plan):
    loaded_plan["action_codes"][1]["outcome"] = "A clearer outcome"
    report = load_promise_plan(plan=loaded_plan)
    assert report.updated == ["GC 2"]
    assert ActionCode.objects.get(code="GC 2").outcome == "A clearer outcome"
