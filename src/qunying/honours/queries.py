"""Honours reads: honours in the user's scope, filters, the catalogue with counts, and the yearly figures."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from qunying.core.policy import holders_over, within, within_any
from qunying.deeds.enums import DeedStatus
from qunying.deeds.models import Deed
from qunying.honours.enums import ISSUER_LEVEL_RANK, AwardLadder, HonourStatus
from qunying.honours.models import AuthorityRule, AwardType, Honour, Issuer
from qunying.honours.rules import APPROVERS, REVOKERS, policy
from qunying.org.models import Person, Unit
from qunying.org.queries import units_visible_to

LADDER_ORDER = {AwardLadder.POLICE: 0, AwardLadder.AUXILIARY: 1, AwardLadder.TITLE: 2}


def honours_visible_to(user) -> QuerySet[Honour]:
    """Honours of people in the user's subtrees, collective honours of units in them, and their own."""
    return policy.filter(user, "view_honour", Honour.objects.all()).select_related(
        "person__unit", "unit", "award_type", "issuer"
    )


def units_for_honours(user) -> QuerySet[Unit]:
    """Units the user may record an honour for (a collective, or people of theirs)."""
    return policy.filter(user, "record_for", Unit.objects.all())


def people_for_honours(user) -> QuerySet[Person]:
    """People the user may record an honour for."""
    return Person.objects.filter(unit__in=units_for_honours(user)).select_related("unit")


def units_for_honour_lists(user) -> QuerySet[Unit]:
    """The units whose honours the user reads: those whose people they read."""
    return units_visible_to(user)


def honours_to_approve(user) -> QuerySet[Honour]:
    """Honours awaiting approval that `user` may approve: pending, over their units, neither recorded by them nor
    theirs (the to-do item and the list's filter)."""
    return policy.filter(user, "approve_honour", Honour.objects.all())


def approvers_for(honour: Honour) -> list:
    """Who may approve a pending honour: active leaders and political officers over it, less its recorder and its
    recipient (named on the page, so the recorder knows whom to ask)."""
    recipient = honour.person.user_id if honour.person_id else None
    holders = holders_over(honour.subject_unit.path, APPROVERS).order_by("full_name", "username")
    return [user for user in holders if user.pk not in {honour.recorded_by_id, recipient}]


def revocation_approvers_for(honour: Honour):
    """Active users holding a leader or political officer role over the honour's unit."""
    return holders_over(honour.subject_unit.path, REVOKERS).order_by("full_name", "username")


def filter_honours(
    honours: QuerySet[Honour],
    *,
    unit: Unit | None = None,
    year: int | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    award_type: AwardType | None = None,
    ladder: str = "",
    issuer: Issuer | None = None,
    issuer_level: str = "",
    status: str = "",
    q: str = "",
    approver=None,
) -> QuerySet[Honour]:
    """`approver`: only the honours awaiting that user's approval."""
    if unit is not None:
        honours = honours.filter(within_any(Honour, ["person__unit__path", "unit__path"], unit.path))
    if year:
        honours = honours.filter(awarded_on__year=year)
    if date_from:
        honours = honours.filter(awarded_on__gte=date_from)
    if date_to:
        honours = honours.filter(awarded_on__lte=date_to)
    if award_type is not None:
        honours = honours.filter(award_type=award_type)
    if ladder:
        honours = honours.filter(award_type__ladder=ladder)
    if issuer is not None:
        honours = honours.filter(issuer=issuer)
    if issuer_level:
        honours = honours.filter(issuer__level=issuer_level)
    if status:
        honours = honours.filter(status=status)
    if approver is not None:
        honours = honours.filter(policy.q(approver, "approve_honour", Honour))
    if q := q.strip():
        honours = honours.filter(
            Q(person__name__icontains=q)
            | Q(person__badge_number__istartswith=q)
            | Q(unit__name__icontains=q)
            | Q(document_number__icontains=q)
        )
    return honours.order_by("-awarded_on", "-id")


def award_types_with_counts() -> QuerySet[AwardType]:
    return AwardType.objects.annotate(
        honour_count=Count("honours", filter=Q(honours__status=HonourStatus.ACTIVE))
    ).order_by("ladder", "grade", "name")


def issuers_with_counts() -> QuerySet[Issuer]:
    return Issuer.objects.annotate(honour_count=Count("honours", filter=Q(honours__status=HonourStatus.ACTIVE)))


def authority_rules() -> QuerySet[AuthorityRule]:
    return AuthorityRule.objects.order_by("ladder", "issuer_level", "issuer_kind")


@dataclass(frozen=True)
class FigureRow:
    issuer: Issuer
    award_type: AwardType
    people: int


def honour_figures(units, year: int) -> list[FigureRow]:
    """How many distinct people of `units` received each award from each issuer in `year` (honours in force only):
    the numbers behind "获合肥市局嘉奖4人，获巢湖市委组织部、疫情防控办公室嘉奖8人". People count by their current unit;
    collective honours are not people. Police ladder first, highest award first, then the highest issuer. Three
    queries whatever the number of rows."""
    counts = list(
        Honour.objects.filter(person__unit__in=units, awarded_on__year=year, status=HonourStatus.ACTIVE)
        .values_list("issuer", "award_type")
        .annotate(people=Count("person", distinct=True))
        .order_by()
    )
    issuers = Issuer.objects.in_bulk({issuer for issuer, _award, _n in counts})
    award_types = AwardType.objects.in_bulk({award for _issuer, award, _n in counts})
    rows = [FigureRow(issuers[issuer], award_types[award], n) for issuer, award, n in counts]
    return sorted(
        rows,
        key=lambda row: (
            LADDER_ORDER[row.award_type.ladder],
            -row.award_type.grade,
            -ISSUER_LEVEL_RANK[row.issuer.level],
            row.issuer.name,
        ),
    )


def honourable_deeds(*, person=None, unit=None):
    """Verified deeds an honour for `person` (theirs) or for `unit` (done in its subtree) may cite, newest first."""
    deeds = Deed.objects.filter(status=DeedStatus.VERIFIED)
    if person is not None:
        deeds = deeds.filter(participants__person=person)
    else:
        deeds = deeds.filter(within("unit__path", unit.path))
    return deeds.order_by("-date", "-id")
