"""Honours' record rules, as checks over what is already stored (an import of old spreadsheets, a data fix): honours
outside their award's category, recorded by their own approver, or dated against their deeds or their revocation."""

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.core.integrity import Kind, Problem
from qunying.honours.enums import AwardEligibility, HonourStatus
from qunying.honours.models import Honour
from qunying.org.enums import PersonCategory


def _problem(honour: Honour, kind: str, detail: str) -> Problem:
    record = _("Honour %(recipient)s · %(award)s (%(date)s)") % {
        "recipient": honour.recipient_name,
        "award": honour.award_type.name,
        "date": f"{honour.awarded_on:%Y-%m-%d}",
    }
    return Problem(kind, "honours.honour", honour.pk, record, detail, unit=honour.subject_unit.name)


def find_problems(queryset=None) -> list[Problem]:
    """Honours in force (of `queryset`, default all) that break a rule: an award outside its category, a cited deed
    dated after the honour, a date in the future, a revocation before the award."""
    honours = (queryset if queryset is not None else Honour.objects.all()).select_related(
        "award_type", "person__unit", "unit"
    )
    problems = []
    outside = (
        honours.filter(person__isnull=False, status=HonourStatus.ACTIVE)
        .exclude(award_type__eligible_category=AwardEligibility.ANYONE)
        .exclude(award_type__eligible_category=F("person__category"))
    )
    for honour in outside:
        detail = _("%(award)s is for %(eligible)s only; %(person)s is %(category)s.") % {
            "award": honour.award_type.name,
            "eligible": PersonCategory(honour.award_type.eligible_category).label,
            "person": honour.person.name,
            "category": honour.person.get_category_display(),
        }
        problems.append(_problem(honour, Kind.CATEGORY, detail))
    late_deeds = honours.filter(deeds__date__gt=F("awarded_on")).distinct()
    for honour in late_deeds:
        problems.append(_problem(honour, Kind.DATES, _("It rewards a deed dated after the honour.")))
    for honour in honours.filter(awarded_on__gt=timezone.localdate()):
        problems.append(_problem(honour, Kind.DATES, _("It is dated in the future.")))
    for honour in honours.filter(Q(revoked_on__lt=F("awarded_on"))):
        problems.append(_problem(honour, Kind.DATES, _("It was revoked before it was awarded.")))
    return problems
