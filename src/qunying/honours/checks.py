"""Honours' record rules, as checks over what is already stored (an import of old spreadsheets, a data fix): honours
outside their award's category, recorded by their own approver, or dated against their deeds or their revocation."""

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.core.integrity import Kind, Problem
from qunying.honours.enums import ApprovalBasis, AwardEligibility, HonourStatus
from qunying.honours.models import Honour
from qunying.org.enums import PersonCategory


def _problem(honour: Honour, kind: str, detail: str) -> Problem:
    record = _("Honour %(recipient)s · %(award)s (%(date)s)") % {
        "recipient": honour.recipient_name,
        "award": honour.award_type.name,
        "date": f"{honour.awarded_on:%Y-%m-%d}",
    }
    return Problem(kind, "honours.honour", honour.pk, record, detail, unit=honour.subject_unit.name)


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _four_eyes_problems(honours) -> list[Problem]:
    """Approved by whoever recorded it (entered by hand, so a second officer was required), approved by its own
    recipient (whatever approved it), or awaiting approval yet marked approved."""
    problems = []
    self_approved = honours.filter(
        approval_basis=ApprovalBasis.REVIEW, approved_by__isnull=False, approved_by=F("recorded_by")
    ).exclude(status=HonourStatus.PENDING)
    for honour in self_approved.select_related("approved_by"):
        detail = _("%(user)s approved it although they recorded it.") % {"user": _name(honour.approved_by)}
        problems.append(_problem(honour, Kind.FOUR_EYES, detail))
    own = honours.filter(approved_by__isnull=False, approved_by=F("person__user"))
    for honour in own.select_related("approved_by"):
        detail = _("%(user)s approved their own honour.") % {"user": _name(honour.approved_by)}
        problems.append(_problem(honour, Kind.FOUR_EYES, detail))
    marked = honours.filter(status=HonourStatus.PENDING).filter(
        Q(approved_by__isnull=False) | Q(approved_at__isnull=False)
    )
    for honour in marked:
        problems.append(_problem(honour, Kind.FOUR_EYES, _("It awaits approval yet is marked approved.")))
    return problems


def find_problems(queryset=None) -> list[Problem]:
    """Honours (of `queryset`, default all) that break a rule: four eyes on their approval; in force, an award
    outside its category, a cited deed dated after the honour, a date in the future, a revocation before the
    award."""
    honours = (queryset if queryset is not None else Honour.objects.all()).select_related(
        "award_type", "person__unit", "unit"
    )
    # Declined or withdrawn before approval: it never counted, so its flaws are why it was set aside, not a problem.
    honours = honours.exclude(status=HonourStatus.DECLINED)
    problems = _four_eyes_problems(honours)
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
