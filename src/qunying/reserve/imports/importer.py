"""Applying a reserve sheet: each row's person (badge or ID number) becomes an entry at its tier, level and category,
approved through the reserve services and dated from `起始日期` (reserve.services.history), with its cultivation plan
(owner unit, mentor, goals) through the plan service — so every rule of the pages holds: the importer's units, one
live entry per person, who decides which tier (a leader for 典型), the plan's level by level, no self-mentoring. An
entry or plan already on record as the row says is left as it is, so the same file imported twice changes nothing."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qunying.core.crypto import blind_index
from qunying.core.fields import normalise_upper
from qunying.core.imports import Importer, ImportOutcome, register_importer
from qunying.core.sheets import PROGRESS_EVERY, cell_text, normal
from qunying.honours.imports.columns import cell_date
from qunying.org.models import Person
from qunying.org.roster.checker import UnitResolver, all_units
from qunying.reserve.enums import EntryStatus
from qunying.reserve.imports.columns import (
    CATEGORIES,
    COLUMNS,
    DEFAULT_REASON,
    HEADER,
    LEVELS,
    SPEC,
    TIERS,
    choice_finder,
)
from qunying.reserve.models import CultivationPlan, ReserveEntry
from qunying.reserve.rules import policy
from qunying.reserve.services.history import record_past_entry
from qunying.reserve.services.plans import create_plan

# Which column a service error's field belongs to.
FIELD_COLUMNS = {
    "to_tier": HEADER["tier"],
    "level": HEADER["level"],
    "category": HEADER["category"],
    "person": HEADER["badge_number"],
    "since": HEADER["since"],
    "reason": HEADER["reason"],
    "owner_unit": HEADER["owner_unit"],
    "goals": HEADER["goals"],
    "mentor": HEADER["mentor"],
}
ENTRY_FIELDS = ("tier", "level", "category", "since")


def plan_key(level, owner_unit_id, mentor_id, goals: str) -> tuple:
    return (level, owner_unit_id, mentor_id, normal(goals))


class ReserveImporter(Importer):
    kind = "reserve"
    title = gettext_lazy("Import the exemplar reserve")
    permission = "reserve.import_reserve"
    audit_action = "reserve.imported"
    columns = COLUMNS
    spec = SPEC
    upload_url = "reserve:entry_import"
    detail_url = "reserve:entry_import_detail"
    commit_url = "reserve:entry_import_commit"
    cancel_url = "reserve:entry_import_cancel"
    template_url = "reserve:entry_import_template"
    export_url = "reserve:entry_import_export"
    listed_headers = ("姓名", "警号", "层级", "培养层级", "类别", "起始日期", "培养责任单位")

    def apply(self, sheet, *, by, options, on_progress=None) -> ImportOutcome:
        outcome = ImportOutcome()
        rows = _Rows(sheet, by=by, outcome=outcome)
        for done, row in enumerate(sheet.rows, 1):
            if not row.formulas:  # a formula cell is already reported by the reader
                rows.apply(row)
            if on_progress and done % PROGRESS_EVERY == 0:
                on_progress(done)
        outcome.audit = {"entries": rows.new_entries, "plans": rows.new_plans}
        return outcome


class _Rows:
    """The file's rows applied one by one; the people, their open entries and plans are read once for the file."""

    def __init__(self, sheet, *, by, outcome: ImportOutcome):
        self.by, self.outcome = by, outcome
        self.units = UnitResolver(all_units(), None)
        self.tier, self.level, self.category = choice_finder(TIERS), choice_finder(LEVELS), choice_finder(CATEGORIES)
        badges = {cell_text(row.values.get(key)) for row in sheet.rows for key in ("badge_number", "mentor")} - {""}
        self.by_badge = {
            p.badge_number: p for p in Person.objects.filter(badge_number__in=badges).select_related("unit")
        }
        self.index_of = {}
        for row in sheet.rows:
            if text := cell_text(row.values.get("id_number")):
                self.index_of[text] = blind_index(text, normalise=normalise_upper)
        self.by_index = {
            person.id_number_index: person
            for person in Person.objects.filter(id_number_index__in=set(self.index_of.values())).select_related("unit")
        }
        people = {*self.by_badge.values(), *self.by_index.values()}
        self.entries: dict[int, ReserveEntry] = {}
        self.plans: dict[int, set[tuple]] = {}
        open_entries = ReserveEntry.objects.filter(
            person__in=people, status__in=[EntryStatus.PROPOSED, EntryStatus.ACTIVE]
        ).prefetch_related(
            Prefetch("plans", queryset=CultivationPlan.objects.only("entry", "level", "owner_unit", "mentor", "goals"))
        )
        for entry in open_entries:
            self.entries[entry.person_id] = entry
            self.plans[entry.pk] = {plan_key(p.level, p.owner_unit_id, p.mentor_id, p.goals) for p in entry.plans.all()}
        self.allowed: dict[tuple, bool] = {}
        self.first_row: dict[int, int] = {}  # person → the row that named them first
        self.seen: dict[tuple, int] = {}
        self.new_entries: list[int] = []
        self.new_plans: list[int] = []

    def error(self, row, key: str, message) -> None:
        self.outcome.add_error(row.number, HEADER.get(key, ""), message)

    def may(self, action: str, person) -> bool:
        key = (action, person.unit_id)
        if key not in self.allowed:
            self.allowed[key] = policy.allows(self.by, action, person)
        return self.allowed[key]

    def service_errors(self, row, error) -> None:
        if isinstance(error, PermissionDenied):  # the importer's units were checked first: this is who decides
            self.outcome.add_error(row.number, HEADER["tier"], str(error) or _("You may not approve this tier."))
            return
        for field, messages in error.message_dict.items():
            for message in messages:
                self.outcome.add_error(row.number, FIELD_COLUMNS.get(field, ""), message)

    def apply(self, row) -> None:
        text = {key: cell_text(value) for key, value in row.values.items()}
        errors_before = len(self.outcome.errors)
        values = self.values(row, text)
        person = self.person(row, text)
        mentor = self.mentor(row, text, person)
        if len(self.outcome.errors) > errors_before or person is None:
            return
        owner_unit, goals = values.pop("owner_unit"), text.get("goals", "")
        plan = plan_key(values.pop("plan_level"), getattr(owner_unit, "pk", None), getattr(mentor, "pk", None), goals)
        key = (person.pk, *(values[name] for name in ENTRY_FIELDS), plan if owner_unit else None)
        if key in self.seen:
            self.error(row, "badge_number", _("The same as row %(row)s.") % {"row": self.seen[key]})
            return
        self.seen[key] = row.number
        entry, created = self.entry(row, person, values, reason=text.get("reason") or DEFAULT_REASON)
        if entry is None:
            return
        if owner_unit is not None and plan not in self.plans.setdefault(entry.pk, set()):
            try:
                made = create_plan(entry, level=plan[0], owner_unit=owner_unit, goals=goals, mentor=mentor, by=self.by)
            except (ValidationError, PermissionDenied) as error:
                self.service_errors(row, error)
                return
            self.plans[entry.pk].add(plan)
            self.new_plans.append(made.pk)
            created = True
        if not created:
            self.outcome.unchanged += 1
            return
        self.outcome.created += 1
        self.outcome.people.add(person.pk)
        self.outcome.list_row(
            {
                "row": row.number,
                "person": person.pk,
                "cells": [
                    person.name,
                    person.badge_number,
                    entry.get_tier_display(),
                    entry.get_level_display(),
                    entry.get_category_display(),
                    f"{entry.since:%Y-%m-%d}",
                    self.units.label(owner_unit) if owner_unit else "",
                ],
            }
        )

    def values(self, row, text: dict) -> dict:
        values = {}
        for key in ("tier", "level", "category", "since"):
            if not text.get(key):
                self.error(row, key, _("This cell is required."))
        for key, find in (("tier", self.tier), ("level", self.level), ("category", self.category)):
            if text.get(key):
                try:
                    values[key] = find(text[key])
                except ValueError as error:
                    self.error(row, key, str(error))
        if text.get("since"):
            try:
                values["since"] = cell_date(row.values["since"])
            except ValueError as error:
                self.error(row, "since", str(error))
        values["plan_level"] = values.get("level")
        if text.get("plan_level"):
            try:
                values["plan_level"] = self.level(text["plan_level"])
            except ValueError as error:
                self.error(row, "plan_level", str(error))
        values["owner_unit"] = None
        if text.get("owner_unit"):
            try:
                values["owner_unit"] = self.units.resolve(text["owner_unit"])
            except ValueError as error:
                self.error(row, "owner_unit", str(error))
        elif text.get("goals") or text.get("mentor") or text.get("plan_level"):
            self.error(row, "owner_unit", _("A plan (its goals, level or mentor) needs its owner unit."))
        return values

    def person(self, row, text: dict):
        """The person by badge number, else by ID number; checked against the name, and within the importer's
        units (a person elsewhere is named as unknown would be: never confirmed to exist)."""
        badge, id_text = text.get("badge_number", ""), text.get("id_number", "")
        if not badge and not id_text:
            self.error(row, "badge_number", _("Give the badge number or the ID number."))
            return None
        person = self.by_badge.get(badge) if badge else None
        if badge and person is None:
            self.error(row, "badge_number", _("No person with badge number %(badge)s.") % {"badge": badge})
            return None
        if id_text:
            by_id = self.by_index.get(self.index_of[id_text])
            if by_id is None:
                self.error(row, "id_number", _("No person with this ID number."))
                return None
            if person is not None and by_id.pk != person.pk:
                self.error(row, "id_number", _("The ID number belongs to someone else than the badge number."))
                return None
            person = by_id
        if not self.may("propose_for", person):
            self.error(row, "badge_number" if badge else "id_number", _("This person is outside your units."))
            return None
        name = text.get("name", "")
        if name and name != person.name:
            self.error(
                row,
                "name",
                _("The person on file is %(name)s, not %(written)s.") % {"name": person.name, "written": name},
            )
            return None
        return person

    def mentor(self, row, text: dict, person):
        badge = text.get("mentor", "")
        if not badge:
            return None
        mentor = self.by_badge.get(badge)
        if mentor is None or not self.may("propose_for", mentor):  # as the plan page: elsewhere reads as unknown
            self.error(row, "mentor", _("No officer has this badge number."))
            return None
        return mentor

    def entry(self, row, person, values: dict, *, reason: str) -> tuple[ReserveEntry | None, bool]:
        """The person's open entry as the row says (found, or brought in now), or None with the row's error."""
        entry = self.entries.get(person.pk)
        if entry is None:
            try:
                entry = record_past_entry(
                    person=person, reason=reason, by=self.by, **{k: values[k] for k in ENTRY_FIELDS}
                )
            except (ValidationError, PermissionDenied) as error:
                self.service_errors(row, error)
                return None, False
            self.entries[person.pk], self.first_row[person.pk] = entry, row.number
            self.new_entries.append(entry.pk)
            return entry, True
        if entry.status != EntryStatus.ACTIVE:
            self.error(row, "tier", _("A proposal for this person is already awaiting approval."))
            return None, False
        for name in ENTRY_FIELDS:
            if getattr(entry, name) != values[name]:
                shown = f"{entry.since:%Y-%m-%d}" if name == "since" else getattr(entry, f"get_{name}_display")()
                if person.pk in self.first_row:
                    message = _("Row %(row)s gives this person another %(column)s (%(value)s).") % {
                        "row": self.first_row[person.pk],
                        "column": HEADER[name],
                        "value": shown,
                    }
                else:
                    message = _(
                        "The person is already in the reserve with %(column)s %(value)s; change it on the entry's "
                        "page (one live entry per person)."
                    ) % {"column": HEADER[name], "value": shown}
                self.error(row, name, message)
                return None, False
        return entry, False


RESERVE_IMPORTER = register_importer(ReserveImporter())
