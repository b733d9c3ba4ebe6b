"""The care ledger brought in from a bureau's past (the care import): a place of 功模休养 or training used in a year,
and a welfare visit made, each through the care rules: a care officer over the person's unit, no date in the future,
the rule's yearly quota per unit, one live entitlement per rule, person and year, a visit planned then done."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.care.enums import QUOTA_STATUSES, EntitlementKind, EntitlementStatus
from qunying.care.models import Entitlement, WelfareVisit
from qunying.care.rules import policy
from qunying.care.services.entitlements import mark_entitlement_used, quota_left
from qunying.care.services.welfare import complete_visit, plan_visit
from qunying.core.services import log_action

PLACE_KINDS = (EntitlementKind.RECUPERATION, EntitlementKind.TRAINING)


@transaction.atomic
def record_past_use(*, person, rule, year: int, used_on: datetime.date, by) -> Entitlement:
    """`person` used a place of `rule` (功模休养 or training) in `year`, on `used_on`. A granted or scheduled
    entitlement of that year is marked used (the page's step); without one, a used entitlement is recorded within the
    unit's yearly quota, valid from the day it was used."""
    policy.require(by, "record_ledger", person)
    errors = {}
    if rule.kind not in PLACE_KINDS:
        errors["rule"] = _("Only places of model-worker recuperation or training are recorded as used here.")
    if used_on > timezone.localdate():
        errors["used_on"] = _("The date cannot be in the future.")
    elif used_on.year not in {year, year + 1}:
        errors["year"] = _("A place of %(year)s is used in that year or the next.") % {"year": year}
    if errors:
        raise ValidationError(errors)
    live = (
        Entitlement.objects.select_for_update()
        .filter(rule=rule, person=person, year=year, status__in=[*QUOTA_STATUSES, EntitlementStatus.ELIGIBLE])
        .exclude(status=EntitlementStatus.EXPIRED)
        .first()
    )
    if live is not None:
        if live.status in {EntitlementStatus.GRANTED, EntitlementStatus.SCHEDULED}:
            return mark_entitlement_used(live, on=used_on, by=by)
        raise ValidationError(
            {
                "used_on": _("%(person)s already holds %(rule)s for %(year)s (%(status)s); see the entitlement's page.")
                % {"person": person.name, "rule": rule.name, "year": year, "status": live.get_status_display()}
            }
        )
    if quota_left(rule, unit_id=person.unit_id, year=year) == 0:
        raise ValidationError(
            {
                "rule": _("The yearly quota of %(rule)s for %(unit)s (%(quota)s) is used up.")
                % {"rule": rule.name, "unit": person.unit.name, "quota": rule.yearly_quota}
            }
        )
    entitlement = Entitlement.objects.create(
        rule=rule,
        person=person,
        unit=person.unit,
        year=year,
        status=EntitlementStatus.USED,
        granted_on=used_on,
        valid_until=used_on + datetime.timedelta(days=max(rule.validity_days, 1) - 1),
        used_on=used_on,
    )
    log_action(entitlement, "care.entitlement.used", by=by, data={"on": used_on, "imported": True})
    return entitlement


@transaction.atomic
def record_past_visit(
    *, person, reason: str, visited_on: datetime.date, visitors: str, details: str = "", by
) -> WelfareVisit:
    """A welfare visit made on `visited_on`: planned and recorded as done through the visit services. Health and
    family details are kept only from a care officer over the person's unit (as on the visit's page)."""
    if details and not policy.allows(by, "record_health_event", person):
        raise ValidationError({"details": _("Only a care officer over the person's unit records health details.")})
    visit = plan_visit(person=person, reason=reason, due_on=visited_on, by=by)
    return complete_visit(visit, visited_on=visited_on, visitors=visitors, details=details, by=by)
