"""Care writes about people: award delivery, health events that schedule visits, welfare visits, assistance cases
with monthly reviews, and the person's consent."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.care.enums import (
    CASE_TRANSITIONS,
    VISIT_TRANSITIONS,
    CaseStatus,
    ConsentStatus,
    HealthEventKind,
    VisitReason,
    VisitStatus,
)
from qunying.care.models import AssistanceCase, AssistanceStep, AwardDelivery, CareConsent, HealthEvent, WelfareVisit
from qunying.care.rules import policy
from qunying.core.images import clean_image
from qunying.core.services import log_action
from qunying.core.workflow import transition

PHOTO_MAX_BYTES = 5 * 1024 * 1024
VISIT_REASON_OF_EVENT = {
    HealthEventKind.HOSPITALISED: VisitReason.HOSPITALISED,
    HealthEventKind.INJURED_ON_DUTY: VisitReason.INJURED_ON_DUTY,
}


def visit_within_days() -> int:
    return getattr(settings, "QUNYING_CARE_VISIT_WITHIN_DAYS", 3)


def next_month(day: datetime.date) -> datetime.date:
    """The same day next month (the last day of a shorter month)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _not_future(errors: dict, field: str, day: datetime.date | None) -> None:
    if day is not None and day > timezone.localdate():
        errors[field] = _("The date cannot be in the future.")


@transaction.atomic
def record_delivery(
    honour, *, method: str, delivered_on: datetime.date, delivered_by: str, photo=None, note: str = "", by
) -> AwardDelivery:
    """送奖到岗 or 集中受奖 for a person's honour in force; one delivery per honour."""
    policy.require(by, "record_delivery", honour)  # a person's honour follows their unit; a collective one, the unit
    errors = {}
    if method not in {"at_post", "ceremony"}:
        errors["method"] = _("Choose how the award was delivered.")
    _not_future(errors, "delivered_on", delivered_on)
    if delivered_on < honour.awarded_on:
        errors["delivered_on"] = _("An award cannot be delivered before it was granted.")
    if not (delivered_by or "").strip():
        errors["delivered_by"] = _("Name who delivered the award.")
    if AwardDelivery.objects.filter(honour=honour).exists():
        errors["method"] = _("The delivery of this honour is already recorded.")
    if photo:
        # Every photo passes the core image service: real format, limits, re-encoded without GPS or camera data.
        try:
            photo = clean_image(photo, max_bytes=PHOTO_MAX_BYTES)
        except ValidationError as error:
            errors["photo"] = error.messages
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            delivery = AwardDelivery.objects.create(
                honour=honour,
                method=method,
                delivered_on=delivered_on,
                delivered_by=delivered_by.strip(),
                photo=photo or "",
                note=(note or "").strip(),
                recorded_by=by,
            )
    except IntegrityError:
        raise ValidationError({"method": _("The delivery of this honour is already recorded.")}) from None
    log_action(delivery, "care.delivery.recorded", by=by, data={"honour": honour.pk, "method": method})
    return delivery


@transaction.atomic
def record_health_event(*, person, kind: str, occurred_on: datetime.date, details: str, by) -> HealthEvent:
    """A hospitalisation or injury on duty; schedules a welfare visit within the configured number of days."""
    policy.require(by, "record_health_event", person)
    errors = {}
    if kind not in HealthEventKind.values:
        errors["kind"] = _("Choose hospitalisation or injury on duty.")
    _not_future(errors, "occurred_on", occurred_on)
    if errors:
        raise ValidationError(errors)
    event = HealthEvent.objects.create(
        person=person, kind=kind, occurred_on=occurred_on, details=(details or "").strip(), recorded_by=by
    )
    due_on = max(occurred_on, timezone.localdate()) + datetime.timedelta(days=visit_within_days())
    visit = WelfareVisit.objects.create(
        person=person, reason=VISIT_REASON_OF_EVENT[kind], due_on=due_on, health_event=event, recorded_by=by
    )
    log_action(event, "care.health_event.recorded", by=by, data={"kind": kind, "visit": visit.pk, "due_on": due_on})
    return event


@transaction.atomic
def plan_visit(*, person, reason: str, due_on: datetime.date, by) -> WelfareVisit:
    policy.require(by, "plan_visit", person)
    if reason not in VisitReason.values:
        raise ValidationError({"reason": _("Choose the reason for the visit.")})
    visit = WelfareVisit.objects.create(person=person, reason=reason, due_on=due_on, recorded_by=by)
    log_action(visit, "care.visit.planned", by=by, data={"reason": reason, "due_on": due_on})
    return visit


def _locked_visit(visit: WelfareVisit) -> WelfareVisit:
    return WelfareVisit.objects.select_for_update(of=("self",)).select_related("person__unit").get(pk=visit.pk)


@transaction.atomic
def complete_visit(visit: WelfareVisit, *, visited_on: datetime.date, visitors: str, details: str, by) -> WelfareVisit:
    visit = _locked_visit(visit)
    policy.require(by, "complete_visit", visit)
    errors = {}
    _not_future(errors, "visited_on", visited_on)
    if not (visitors or "").strip():
        errors["visitors"] = _("Name who visited.")
    if errors:
        raise ValidationError(errors)
    transition(visit, VisitStatus.DONE, VISIT_TRANSITIONS)
    visit.visited_on = visited_on
    visit.visitors, visit.details = visitors.strip(), (details or "").strip()
    visit.save(update_fields=["status", "visited_on", "visitors", "details"])
    log_action(visit, "care.visit.done", by=by, data={"visited_on": visited_on})
    return visit


@transaction.atomic
def cancel_visit(visit: WelfareVisit, *, reason: str, by) -> WelfareVisit:
    visit = _locked_visit(visit)
    policy.require(by, "cancel_visit", visit)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for cancelling.")})
    transition(visit, VisitStatus.CANCELLED, VISIT_TRANSITIONS)
    visit.save(update_fields=["status"])
    log_action(visit, "care.visit.cancelled", by=by, data={"reason": reason.strip()})
    return visit


# --- assistance cases ----------------------------------------------------------------------------------------------


@transaction.atomic
def open_case(*, person, kind: str, description: str, by) -> AssistanceCase:
    policy.require(by, "open_case", person)
    errors = {}
    if kind not in {"family_employment", "family_schooling"}:
        errors["kind"] = _("Choose the difficulty.")
    if not (description or "").strip():
        errors["description"] = _("Describe the family's situation.")
    if errors:
        raise ValidationError(errors)
    today = timezone.localdate()
    case = AssistanceCase.objects.create(
        person=person,
        kind=kind,
        description=description.strip(),
        opened_on=today,
        next_review_on=next_month(today),
        recorded_by=by,
    )
    log_action(case, "care.case.opened", by=by, data={"kind": kind})
    return case


def _locked_case(case: AssistanceCase) -> AssistanceCase:
    return AssistanceCase.objects.select_for_update(of=("self",)).select_related("person__unit").get(pk=case.pk)


@transaction.atomic
def add_case_step(case: AssistanceCase, *, description: str, review: bool = False, by) -> AssistanceStep:
    """A step taken (the case is then in progress); a monthly review also moves the next review a month on."""
    case = _locked_case(case)
    policy.require(by, "add_case_step", case)
    if not (description or "").strip():
        raise ValidationError({"description": _("Describe the step taken.")})
    today = timezone.localdate()
    step = AssistanceStep.objects.create(
        case=case, taken_on=today, description=description.strip(), is_review=review, recorded_by=by
    )
    fields = transition(case, CaseStatus.IN_PROGRESS, CASE_TRANSITIONS)
    if review:
        case.next_review_on = next_month(today)
        fields.append("next_review_on")
    case.save(update_fields=fields)
    log_action(case, "care.case.reviewed" if review else "care.case.step_added", by=by, data={"step": step.pk})
    return step


@transaction.atomic
def close_case(case: AssistanceCase, *, resolved: bool, outcome: str, by) -> AssistanceCase:
    case = _locked_case(case)
    policy.require(by, "close_case", case)
    if not (outcome or "").strip():
        raise ValidationError({"outcome": _("Record the outcome.")})
    transition(case, CaseStatus.RESOLVED if resolved else CaseStatus.CLOSED, CASE_TRANSITIONS)
    case.outcome, case.next_review_on = outcome.strip(), None
    case.save(update_fields=["status", "outcome", "next_review_on"])
    log_action(case, "care.case.closed", by=by, data={"status": case.status})
    return case


# --- consent -------------------------------------------------------------------------------------------------------


@transaction.atomic
def record_consent(*, person, status: str, note: str = "", by) -> CareConsent:
    policy.require(by, "record_consent", person)
    if status not in ConsentStatus.values:
        raise ValidationError({"status": _("Choose given or withdrawn.")})
    consent, created = CareConsent.objects.update_or_create(
        person=person,
        defaults={
            "status": status,
            "recorded_on": timezone.localdate(),
            "note": (note or "").strip(),
            "recorded_by": by,
        },
    )
    log_action(consent, "care.consent.recorded", by=by, data={"status": status, "created": created})
    return consent
