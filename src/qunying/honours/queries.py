"""Honours reads: honours in the user's scope, filters, the catalogue with counts, and the yearly figures."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from qunying.accounts.models import User
from qunying.accounts.queries import scope_filter
from qunying.deeds.enums import DeedStatus
from qunying.deeds.models import Deed
from qunying.honours.enums import ISSUER_LEVEL_RANK, AwardLadder, HonourStatus
from qunying.honours.models import AuthorityRule, AwardType, Honour, Issuer
from qunying.honours.rules import HONOUR_READERS, HONOUR_RECORDERS, HONOUR_REVOKERS
from qunying.org.models import Person, Unit

# The same role lists as honours.rules, so a list page and a detail page can never disagree about scope.

LADDER_ORDER = {AwardLadder.POLICE: 0, AwardLadder.AUXILIARY: 1, AwardLadder.TITLE: 2}


def _subject_scope(user, roles) -> Q:
    """Honours of people in the user's subtrees for `roles`, and collective honours of units in them."""
    return scope_filter(user, roles, path_field="person__unit__path") | scope_filter(
        user, roles, path_field="unit__path"
    )


def honours_visible_to(user) -> QuerySet[Honour]:
    own = Q(person__user=user) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
    return Honour.objects.filter(_subject_scope(user, HONOUR_READERS) | own).select_related(
        "person__unit", "unit", "award_type", "issuer"
    )


def honours_revocable_by(user) -> QuerySet[Honour]:
    return Honour.objects.filter(_subject_scope(user, HONOUR_REVOKERS)).select_related(
        "person__unit", "unit", "award_type", "issuer"
    )


def people_for_honours(user) -> QuerySet[Person]:
    """People the user may record an honour for."""
    return Person.objects.filter(scope_filter(user, HONOUR_RECORDERS)).select_related("unit")


def units_for_honours(user) -> QuerySet[Unit]:
    """Units the user may record a collective honour for."""
    return Unit.objects.filter(scope_filter(user, HONOUR_RECORDERS, path_field="path"))


def units_for_honour_lists(user) -> QuerySet[Unit]:
    return Unit.objects.filter(scope_filter(user, HONOUR_READERS, path_field="path"))


def revocation_approvers_for(honour: Honour) -> QuerySet[User]:
    """Active users holding a leader or political officer role over the honour's unit."""
    path = honour.subject_unit.path
    parts = path.strip("/").split("/")
    covering = ["/" + "/".join(parts[:end]) + "/" for end in range(1, len(parts) + 1)]
    return (
        User.objects.filter(
            is_active=True,
            role_assignments__role__in=HONOUR_REVOKERS,
            role_assignments__unit__path__in=covering,
        )
        .distinct()
        .order_by("full_name", "username")
    )


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
) -> QuerySet[Honour]:
    if unit is not None:
        honours = honours.filter(Q(person__unit__path__startswith=unit.path) | Q(unit__path__startswith=unit.path))
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
        deeds = deeds.filter(unit__path__startswith=unit.path)
    return deeds.order_by("-date", "-id")
