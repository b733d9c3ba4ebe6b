"""Deed writes: record a deed, mass entry from an event's roster, verify or reject (one by one or several at once)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.core.services import log_action
from qunying.core.workflow import transition
from qunying.deeds.enums import DeedSource, DeedStatus, HazardLevel
from qunying.deeds.export import write_deeds
from qunying.deeds.models import DEED_TRANSITIONS, Deed, DeedPerson, DutyEvent
from qunying.deeds.rules import policy
from qunying.deeds.services.common import clean_text
from qunying.org.models import Person

TITLE_MAX = 100
NARRATIVE_MAX = 10_000
REASON_MAX = 500


@dataclass(frozen=True)
class Participant:
    person: Person
    role: str = ""
    hours: Decimal | None = None


def _check_deed_text(*, title: str, narrative: str, date: datetime.date | None, hazard: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [_("Please enter a title.")]
    elif len(title) > TITLE_MAX:
        errors["title"] = [_("The title may be at most %(n)d characters.") % {"n": TITLE_MAX}]
    if not narrative:
        errors["narrative"] = [_("Please describe what happened.")]
    elif len(narrative) > NARRATIVE_MAX:
        errors["narrative"] = [_("The narrative may be at most %(n)d characters.") % {"n": NARRATIVE_MAX}]
    if date is None:
        errors["date"] = [_("Please enter the date.")]
    elif date > timezone.localdate():
        errors["date"] = [_("A deed cannot be dated in the future.")]
    if hazard not in HazardLevel.values:
        errors["hazard"] = [_("Please choose the hazard level.")]
    return errors


@transaction.atomic
def create_deed(
    *,
    title: str,
    participants: list[Participant],
    date: datetime.date,
    narrative: str,
    hazard: str = HazardLevel.NONE,
    source: str = DeedSource.SUPERVISOR,
    event: DutyEvent | None = None,
    by,
) -> Deed:
    """A proposed deed of one or more people; it belongs to the first person's unit, whose managers verify it."""
    title, narrative = clean_text(title), clean_text(narrative)
    errors = _check_deed_text(title=title, narrative=narrative, date=date, hazard=hazard)
    if source not in DeedSource.values:
        errors["source"] = [_("Please choose where the account came from.")]
    if not participants:
        errors["people"] = [_("Please name at least one person.")]
    elif len({p.person.pk for p in participants}) != len(participants):
        errors["people"] = [_("A person is named twice.")]
    for participant in participants:
        if participant.hours is not None and not Decimal(0) <= participant.hours <= Decimal(9999):
            errors["people"] = [_("Hours must be between 0 and 9999.")]
    if errors:
        raise ValidationError(errors)
    for participant in participants:
        policy.require(by, "record_for", participant.person.unit)
    deed = Deed.objects.create(
        title=title,
        narrative=narrative,
        date=date,
        hazard=hazard,
        source=source,
        event=event,
        unit=participants[0].person.unit,
        proposed_by=by if by is not None and by.is_authenticated else None,
    )
    DeedPerson.objects.bulk_create(
        DeedPerson(deed=deed, person=p.person, role=clean_text(p.role), hours=p.hours, position=index)
        for index, p in enumerate(participants)
    )
    log_action(
        deed,
        "deeds.deed.proposed",
        by=by,
        data={
            "title": title,
            "people": [p.person.pk for p in participants],
            "source": source,
            "event": event and event.pk,
            "hazard": hazard,
        },
    )
    return deed


@transaction.atomic
def propose_deeds_from_roster(
    event: DutyEvent,
    *,
    title: str,
    narrative: str,
    date: datetime.date,
    hazard: str = HazardLevel.NONE,
    people: Iterable[Person],
    by,
) -> list[Deed]:
    """Mass entry: one proposed deed for each chosen person of the roster (one narrative; each their own role and
    hours). Only the people named get a deed: none named is an error, never "everyone".

    A person not on the event's roster, or outside the units `by` records deeds for, refuses the whole entry (nothing
    is written). People who already have a deed of this event that was not rejected are skipped. A constant number of
    queries whatever the size of the roster: the roster is read once and deeds and their people are inserted in bulk."""
    policy.require(by, "change_event", event)
    title, narrative = clean_text(title), clean_text(narrative)
    errors = _check_deed_text(title=title, narrative=narrative, date=date, hazard=hazard)
    chosen = {person.pk: person for person in people}
    if not chosen:
        errors["people"] = [_("Please tick at least one person to enter a deed for.")]
    if errors:
        raise ValidationError(errors)
    entries = list(event.roster.filter(person_id__in=list(chosen)).select_related("person__unit").order_by("id"))
    rostered = {entry.person_id for entry in entries}
    if missing := [person for pk, person in chosen.items() if pk not in rostered]:
        names = "、".join(str(person) for person in missing)
        raise ValidationError({"people": [_("Not on this event's roster: %(names)s.") % {"names": names}]})
    if by is not None:
        may_record = policy.decider(by, "record_for")
        if outside := [entry.person for entry in entries if not may_record(entry.person.unit)]:
            names = "、".join(str(person) for person in outside)
            message = _("You do not record deeds for the units of: %(names)s.") % {"names": names}
            raise ValidationError({"people": [message]})
    already = set(
        DeedPerson.objects.filter(deed__event=event)
        .exclude(deed__status=DeedStatus.REJECTED)
        .values_list("person_id", flat=True)
    )
    entries = [entry for entry in entries if entry.person_id not in already]
    if not entries:
        raise ValidationError(_("Everyone chosen on the roster already has a deed for this event."))
    proposer = by if by is not None and by.is_authenticated else None
    deeds = Deed.objects.bulk_create(
        Deed(
            title=title,
            narrative=narrative,
            date=date,
            hazard=hazard,
            source=DeedSource.SUPERVISOR,
            event=event,
            unit_id=entry.person.unit_id,
            proposed_by=proposer,
        )
        for entry in entries
    )
    DeedPerson.objects.bulk_create(
        DeedPerson(deed=deed, person_id=entry.person_id, role=entry.role, hours=entry.hours)
        for deed, entry in zip(deeds, entries, strict=True)
    )
    log_action(
        event,
        "deeds.deed.mass_proposed",
        by=by,
        data={
            "title": title,
            "deeds": [deed.pk for deed in deeds],
            "people": [entry.person_id for entry in entries],
            "skipped": len(rostered & already),
        },
    )
    return deeds


# Hazard levels from lowest to highest, to compare a deed with the evidence threshold.
HAZARD_ORDER = [HazardLevel.NONE, HazardLevel.LOW, HazardLevel.MEDIUM, HazardLevel.HIGH]


def needs_evidence(deed: Deed) -> bool:
    """Whether the deed's hazard is at or above the configured threshold (QUNYING_EVIDENCE_FROM_HAZARD)."""
    threshold = settings.QUNYING_EVIDENCE_FROM_HAZARD
    if threshold not in HAZARD_ORDER:
        return False
    return HAZARD_ORDER.index(deed.hazard) >= HAZARD_ORDER.index(threshold)


def evidence_problem(deed: Deed, *, has_evidence: bool | None = None) -> str:
    """Why the deed cannot be verified for want of evidence ("" when it can): a deed above the hazard threshold needs
    at least one evidence file. `has_evidence` spares the query when the caller holds the files already."""
    if not needs_evidence(deed):
        return ""
    if has_evidence is None:
        has_evidence = deed.evidence.exists()
    if has_evidence:
        return ""
    message = _("%(deed)s is of %(hazard)s: add at least one evidence file before verifying it.")
    return message % {"deed": deed.title, "hazard": deed.get_hazard_display()}


def check_evidence(deed: Deed) -> None:
    """A deed above the hazard threshold is verified only on at least one evidence file."""
    if problem := evidence_problem(deed):
        raise ValidationError(problem)


def _decide(deed: Deed, status: str, *, by) -> None:
    policy.require(by, "verify_deed", deed)
    if status == DeedStatus.VERIFIED:
        check_evidence(deed)
    transition(deed, status, DEED_TRANSITIONS)
    deed.verified_by = by if by is not None and by.is_authenticated else None
    deed.verified_at = timezone.now()


@transaction.atomic
def verify_deed(deed: Deed, *, by) -> Deed:
    _decide(deed, DeedStatus.VERIFIED, by=by)
    deed.save(update_fields=["status", "verified_by", "verified_at"])
    log_action(deed, "deeds.deed.verified", by=by)
    return deed


@transaction.atomic
def reject_deed(deed: Deed, *, reason: str, by) -> Deed:
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Please give the reason for rejecting it.")})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": _("The reason may be at most %(n)d characters.") % {"n": REASON_MAX}})
    _decide(deed, DeedStatus.REJECTED, by=by)
    deed.rejection_reason = reason
    deed.save(update_fields=["status", "verified_by", "verified_at", "rejection_reason"])
    log_action(deed, "deeds.deed.rejected", by=by, data={"reason": reason})
    return deed


@transaction.atomic
def decide_deeds(deeds: Iterable[Deed], *, verify: bool, reason: str = "", by) -> int:
    """Verify or reject several deeds at once: all of them or, if one may not be decided, none."""
    count = 0
    for deed in deeds:
        if verify:
            verify_deed(deed, by=by)
        else:
            reject_deed(deed, reason=reason, by=by)
        count += 1
    return count


def export_deeds(deeds, target, *, by, filters: dict) -> int:
    """Write `deeds` (already scoped to `by`) as a workbook to `target` and record the export."""
    count = write_deeds(deeds, target)
    shown = {name: getattr(value, "pk", value) for name, value in filters.items() if value not in ("", None)}
    log_action(None, "deeds.deed.exported", by=by, data={"filters": shown, "deeds": count})
    return count
