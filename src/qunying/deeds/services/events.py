"""Duty event writes: create and edit an event, keep its roster by hand or from a workbook."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.core.services import log_action
from qunying.deeds.enums import DutyEventKind
from qunying.deeds.models import DutyEvent, RosterEntry
from qunying.deeds.rules import policy
from qunying.deeds.services.common import clean_text
from qunying.org.models import Person, Unit


def _check_event(*, kind, name, starts_on, ends_on, units) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if kind not in DutyEventKind.values:
        errors["kind"] = [_("Please choose the kind of duty.")]
    if not name:
        errors["name"] = [_("Please enter the event's name.")]
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = [_("The end date cannot be earlier than the start date.")]
    if not units:
        errors["units"] = [_("Please choose at least one participating unit.")]
    return errors


@transaction.atomic
def create_duty_event(
    *,
    kind: str,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    unit: Unit,
    units: list[Unit],
    description: str = "",
    by,
) -> DutyEvent:
    policy.require(by, "record_for", unit)
    name = clean_text(name)
    if errors := _check_event(kind=kind, name=name, starts_on=starts_on, ends_on=ends_on, units=units):
        raise ValidationError(errors)
    event = DutyEvent.objects.create(
        kind=kind,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        unit=unit,
        description=clean_text(description),
        created_by=by if by is not None and by.is_authenticated else None,
    )
    event.units.set(units)
    log_action(
        event,
        "deeds.duty_event.created",
        by=by,
        data={"name": name, "kind": kind, "unit": unit.pk, "units": sorted(u.pk for u in units)},
    )
    return event


@transaction.atomic
def update_duty_event(
    event: DutyEvent,
    *,
    kind: str,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    units: list[Unit],
    description: str = "",
    by,
) -> DutyEvent:
    policy.require(by, "change_event", event)
    name = clean_text(name)
    if errors := _check_event(kind=kind, name=name, starts_on=starts_on, ends_on=ends_on, units=units):
        raise ValidationError(errors)
    new = {
        "kind": kind,
        "name": name,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "description": clean_text(description),
    }
    changes = {field: [getattr(event, field), value] for field, value in new.items() if getattr(event, field) != value}
    before_units = set(event.units.values_list("pk", flat=True))
    after_units = {u.pk for u in units}
    if before_units != after_units:
        changes["units"] = [sorted(before_units), sorted(after_units)]
        event.units.set(units)
    if not changes:
        return event
    for field, value in new.items():
        setattr(event, field, value)
    event.save(update_fields=list(new))
    log_action(event, "deeds.duty_event.updated", by=by, data=changes)
    return event


def _check_hours(hours) -> list[str]:
    if hours is not None and (hours < 0 or hours > Decimal("9999")):
        return [_("Hours must be between 0 and 9999.")]
    return []


def takes_part(event: DutyEvent, unit: Unit) -> bool:
    """Whether `unit` is one of the event's participating units or lies below one."""
    return any(unit.is_within(participant) for participant in event.units.all())


@transaction.atomic
def add_roster_entry(
    event: DutyEvent, *, person: Person, role: str = "", post: str = "", hours: Decimal | None = None, by
) -> RosterEntry:
    policy.require(by, "change_event", event)
    policy.require(by, "record_for", person.unit)
    errors = {}
    if hour_errors := _check_hours(hours):
        errors["hours"] = hour_errors
    if RosterEntry.objects.filter(event=event, person=person).exists():
        errors["person"] = [_("%(person)s is already on the roster.") % {"person": person}]
    if errors:
        raise ValidationError(errors)
    entry = RosterEntry.objects.create(
        event=event, person=person, role=clean_text(role), post=clean_text(post), hours=hours
    )
    data = {"person": person.pk, "role": entry.role, "hours": hours}
    if not takes_part(event, person.unit):
        data["outside_units"] = True  # the user confirmed adding someone of a unit not taking part
    log_action(event, "deeds.roster.entry_added", by=by, data=data)
    return entry


@transaction.atomic
def remove_roster_entry(entry: RosterEntry, *, by) -> None:
    policy.require(by, "change_event", entry.event)
    log_action(entry.event, "deeds.roster.entry_removed", by=by, data={"person": entry.person_id})
    entry.delete()


@dataclass(frozen=True)
class RosterRow:
    person: Person
    role: str = ""
    post: str = ""
    hours: Decimal | None = None


@transaction.atomic
def import_roster_rows(event: DutyEvent, *, rows: list[RosterRow], by) -> dict[str, int]:
    """Add or update many roster entries at once (a checked workbook): a constant number of queries."""
    policy.require(by, "change_event", event)
    for row in rows:
        policy.require(by, "record_for", row.person.unit)
    now = timezone.now()
    existing = {entry.person_id: entry for entry in RosterEntry.objects.filter(event=event)}
    new, changed = [], []
    for row in rows:
        entry = existing.get(row.person.pk)
        if entry is None:
            new.append(RosterEntry(event=event, person=row.person, role=row.role, post=row.post, hours=row.hours))
        elif (entry.role, entry.post, entry.hours) != (row.role, row.post, row.hours):
            entry.role, entry.post, entry.hours, entry.updated_at = row.role, row.post, row.hours, now
            changed.append(entry)
    RosterEntry.objects.bulk_create(new)
    if changed:
        RosterEntry.objects.bulk_update(changed, ["role", "post", "hours", "updated_at"])
    summary = {"added": len(new), "updated": len(changed), "unchanged": len(rows) - len(new) - len(changed)}
    log_action(event, "deeds.roster.imported", by=by, data=summary)
    return summary
