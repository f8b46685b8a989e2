"""Changes to the content layer's data."""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from cms.models import (
    Action,
    ActionCode,
    AllowedPhrase,
    Foundation,
    LanguageTerm,
    PriorityArea,
    ResponsibleRole,
    Target,
)

PROMISE_PLAN_FILE = Path(__file__).resolve().parent / "data" / "promise_plan.yaml"
LANGUAGE_OF_CARE_FILE = Path(__file__).resolve().parent / "data" / "language_of_care.yaml"


@dataclass
class PlanLoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_admin_corrections: list[str] = field(default_factory=list)


def _checksum(record: dict) -> str:
    return hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()


def _foundation_record(foundation: Foundation) -> dict:
    return {
        "number": foundation.number,
        "name": foundation.name,
        "description": foundation.description,
        "child_friendly_description": foundation.child_friendly_description,
    }


def _priority_area_record(area: PriorityArea) -> dict:
    return {"prefix": area.prefix, "name": area.name, "order": area.order}


def _action_code_record(action_code: ActionCode) -> dict:
    return {
        "code": action_code.code,
        "priority_area": action_code.priority_area.prefix,
        "outcome": action_code.outcome,
        "foundations": sorted(f.number for f in action_code.foundations.all()),
        "actions": [action.text for action in action_code.actions.all()],
        "targets": [
            {"text": target.text, "timescale": target.timescale}
            for target in action_code.targets.all()
        ],
        "responsible_roles": [role.role for role in action_code.responsible_roles.all()],
    }


def _normalised_code_entry(entry: dict) -> dict:
    return {
        "code": entry["code"],
        "priority_area": entry["priority_area"],
        "outcome": entry["outcome"],
        "foundations": sorted(entry.get("foundations") or []),
        "actions": list(entry.get("actions") or []),
        "targets": [
            {"text": target["text"], "timescale": target.get("timescale", "")}
            for target in entry.get("targets") or []
        ],
        "responsible_roles": list(entry.get("responsible_roles") or []),
    }


def _sync(*, key, existing, file_record, current_record, apply, report, overwrite):
    """Create or update one record, unless staff corrected it in the admin since it was loaded."""
    file_checksum = _checksum(file_record)
    if existing is None:
        apply()
        report.created.append(key)
        return
    edited_in_admin = _checksum(current_record) != existing.loaded_checksum
    if edited_in_admin and not overwrite:
        if current_record != file_record:
            report.kept_admin_corrections.append(key)
        else:
            report.unchanged.append(key)
        return
    if current_record == file_record and existing.loaded_checksum == file_checksum:
        report.unchanged.append(key)
        return
    apply()
    report.updated.append(key)


def _save_foundation(existing: Foundation | None, record: dict) -> None:
    foundation = existing or Foundation(number=record["number"])
    for name, value in record.items():
        setattr(foundation, name, value)
    foundation.loaded_checksum = _checksum(record)
    foundation.save()


def _save_priority_area(existing: PriorityArea | None, record: dict) -> None:
    area = existing or PriorityArea(prefix=record["prefix"])
    area.name, area.order = record["name"], record["order"]
    area.loaded_checksum = _checksum(record)
    area.save()


def _save_action_code(existing: ActionCode | None, record: dict) -> None:
    areas = {area.prefix: area for area in PriorityArea.objects.all()}
    foundations = Foundation.objects.in_bulk(record["foundations"], field_name="number")
    action_code = existing or ActionCode(code=record["code"])
    action_code.slug = slugify(record["code"])
    action_code.number = int(record["code"].split()[-1])
    action_code.priority_area = areas[record["priority_area"]]
    action_code.outcome = record["outcome"]
    action_code.loaded_checksum = _checksum(record)
    # A parental many-to-many is written when the cluster is saved, so set it first.
    action_code.foundations.set([foundations[n] for n in record["foundations"]])
    action_code.save()
    action_code.actions.all().delete()
    action_code.targets.all().delete()
    action_code.responsible_roles.all().delete()
    Action.objects.bulk_create(
        Action(action_code=action_code, text=text, sort_order=i)
        for i, text in enumerate(record["actions"])
    )
    Target.objects.bulk_create(
        Target(action_code=action_code, sort_order=i, **target)
        for i, target in enumerate(record["targets"])
    )
    ResponsibleRole.objects.bulk_create(
        ResponsibleRole(action_code=action_code, role=role, sort_order=i)
        for i, role in enumerate(record["responsible_roles"])
    )


@dataclass(frozen=True)
class _PlanPart:
    """One kind of record in the plan's data file, and how it is matched, read and written."""

    section: str  # its list in the data file
    file_record: Callable[[dict], dict]  # an entry of the file, as a record to compare
    existing: Callable[[], dict]  # the records there now, by their key in the file
    key_field: str
    label: Callable[[dict], str]  # how the report names it
    current_record: Callable[[Any], dict]  # one there now, as a record to compare
    save: Callable[[Any, dict], None]  # make or update it from the file's record


# In this order: action codes name their priority area and foundations.
PLAN_PARTS = [
    _PlanPart(
        section="foundations",
        file_record=lambda entry: {
            key: entry[key]
            for key in ("number", "name", "description", "child_friendly_description")
        },
        existing=lambda: {f.number: f for f in Foundation.objects.all()},
        key_field="number",
        label=lambda record: f"Foundation {record['number']}",
        current_record=_foundation_record,
        save=_save_foundation,
    ),
    _PlanPart(
        section="priority_areas",
        file_record=lambda entry: {key: entry[key] for key in ("prefix", "name", "order")},
        existing=lambda: {area.prefix: area for area in PriorityArea.objects.all()},
        key_field="prefix",
        label=lambda record: record["prefix"],
        current_record=_priority_area_record,
        save=_save_priority_area,
    ),
    _PlanPart(
        section="action_codes",
        file_record=_normalised_code_entry,
        existing=lambda: {
            action_code.code: action_code
            for action_code in ActionCode.objects.select_related("priority_area").prefetch_related(
                "foundations", "actions", "targets", "responsible_roles"
            )
        },
        key_field="code",
        label=lambda record: record["code"],
        current_record=_action_code_record,
        save=_save_action_code,
    ),
]


@transaction.atomic
def load_promise_plan(*, plan: dict, overwrite: bool = False) -> PlanLoadReport:
    """Create or update the foundations, priority areas and action codes from the plan's data.

    Matched by number, prefix and code; never duplicated. A record that staff corrected in the
    admin since it was last loaded is kept as it is, unless `overwrite` is true.
    """
    report = PlanLoadReport()
    for part in PLAN_PARTS:
        existing_records = part.existing()
        for entry in plan[part.section]:
            record = part.file_record(entry)
            existing = existing_records.get(record[part.key_field])
            _sync(
                key=part.label(record),
                existing=existing,
                file_record=record,
                current_record=part.current_record(existing) if existing else None,
                apply=partial(part.save, existing, record),
                report=report,
                overwrite=overwrite,
            )
    return report


@dataclass
class LanguageLoadReport:
    created_terms: list[str] = field(default_factory=list)
    kept_terms: list[str] = field(default_factory=list)
    created_allowed_phrases: list[str] = field(default_factory=list)


@transaction.atomic
def load_language_of_care(*, data: dict) -> LanguageLoadReport:
    """Add the glossary terms and allowed phrases in `data` that are not there yet, published.

    A term is known by its first phrase to avoid, an allowed phrase by its words, both in any
    case. Nothing that exists is changed, so editors' corrections in the admin are kept.
    """
    report = LanguageLoadReport()
    known_terms = {name.lower() for name in LanguageTerm.objects.values_list("name", flat=True)}
    for entry in data.get("terms") or []:
        name = entry["phrases"][0]["phrase"].strip()
        if name.lower() in known_terms:
            report.kept_terms.append(name)
            continue
        term = LanguageTerm(
            phrases_to_avoid=[
                {
                    "type": "phrase",
                    "value": {
                        "phrase": phrase["phrase"],
                        "other_forms": phrase.get("other_forms", ""),
                    },
                }
                for phrase in entry["phrases"]
            ],
            preferred_words=entry["preferred_words"].strip(),
            why=entry["why"].strip(),
            example=(entry.get("example") or "").strip(),
        )
        # Live from the start; the first edit in the admin starts its revision history.
        term.save()
        known_terms.add(name.lower())
        report.created_terms.append(name)

    known_phrases = {p.lower() for p in AllowedPhrase.objects.values_list("phrase", flat=True)}
    for entry in data.get("allowed_phrases") or []:
        phrase = entry["phrase"].strip()
        if phrase.lower() in known_phrases:
            continue
        AllowedPhrase.objects.create(phrase=phrase, reason=entry.get("reason", "").strip())
        known_phrases.add(phrase.lower())
        report.created_allowed_phrases.append(phrase)
    return report
