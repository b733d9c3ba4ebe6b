"""Care's record rules, as checks over what is already stored: entitlements in force without a valid basis (none, a
revoked honour, an honour the rule does not count, a person the rule does not apply to, an inactive reserve entry)
or with dates out of order."""

from django.db.models import F, Q
from django.utils.translation import gettext as _

from qunying.care.enums import OPEN_STATUSES, EntitlementStatus
from qunying.care.models import Entitlement
from qunying.core.integrity import Kind, Problem
from qunying.honours.enums import AwardEligibility, HonourStatus
from qunying.reserve.enums import EntryStatus

LIVE = (*OPEN_STATUSES, EntitlementStatus.USED)


def _problem(entitlement: Entitlement, kind: str, detail: str) -> Problem:
    record = _("Entitlement %(person)s · %(rule)s (%(year)s)") % {
        "person": entitlement.person.name,
        "rule": entitlement.rule.name,
        "year": entitlement.year,
    }
    return Problem(kind, "care.entitlement", entitlement.pk, record, detail, unit=entitlement.unit.name)


def _basis_problem(entitlement: Entitlement) -> str:
    """What is wrong with the entitlement's basis, or ""."""
    rule, person, honour = entitlement.rule, entitlement.person, entitlement.basis_honour
    category = rule.compared_category
    if category != AwardEligibility.ANYONE and person.category != category:
        return _("%(rule)s applies to %(category)s only; %(person)s is %(actual)s.") % {
            "rule": rule.name,
            "category": AwardEligibility(category).label,
            "person": person.name,
            "actual": person.get_category_display(),
        }
    if rule.needs_honour:
        if honour is None:
            return _("The rule needs an honour and none is recorded as its basis.")
        if honour.status == HonourStatus.REVOKED and entitlement.status in OPEN_STATUSES:
            return _("The honour it rests on (%(award)s) was revoked.") % {"award": honour.award_type.name}
        if not rule.counts(honour.award_type):
            return _("The honour it rests on (%(award)s) is not one the rule counts (%(wanted)s or higher).") % {
                "award": honour.award_type.name,
                "wanted": rule.award_type.name if rule.award_type_id else "—",
            }
    if rule.needs_tier:
        entry = entitlement.basis_entry
        if entry is None:
            return _("The rule needs a reserve entry and none is recorded as its basis.")
        if entry.status != EntryStatus.ACTIVE and entitlement.status in OPEN_STATUSES:
            return _("The reserve entry it rests on is no longer active.")
    return ""


def find_problems(queryset=None) -> list[Problem]:
    """Entitlements (of `queryset`, default all) that break a rule."""
    entitlements = (queryset if queryset is not None else Entitlement.objects.all()).select_related(
        "rule__award_type", "person", "unit", "basis_honour__award_type", "basis_entry"
    )
    problems = []
    for entitlement in entitlements.filter(status__in=LIVE):
        if detail := _basis_problem(entitlement):
            problems.append(_problem(entitlement, Kind.BASIS, detail))
    disordered = entitlements.filter(
        Q(valid_until__lt=F("granted_on"))
        | Q(used_on__lt=F("granted_on"))
        | Q(basis_honour__awarded_on__gt=F("granted_on"))
    )
    for entitlement in disordered:
        problems.append(
            _problem(
                entitlement,
                Kind.DATES,
                _("Its grant (%(granted)s), validity, use and basis are dated out of order.")
                % {"granted": entitlement.granted_on},
            )
        )
    return problems
