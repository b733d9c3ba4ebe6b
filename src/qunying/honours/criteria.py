"""The honours' star-rating criteria for party branches (registered in core.criteria from HonoursConfig.ready())."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qunying.core.criteria import (
    BranchScope,
    Counted,
    RecordRow,
    computed_criterion,
    in_order,
    url_or_blank,
    year_bounds,
)
from qunying.honours.enums import HonourStatus
from qunying.honours.models import Honour


def describe_honours(ids: list[int]) -> list[RecordRow]:
    honours = Honour.objects.filter(pk__in=ids).select_related("person", "unit", "award_type", "issuer").in_bulk()
    return [
        RecordRow(
            date=honour.awarded_on,
            title=f"{honour.award_type.name}（{honour.issuer.cited_name}）",
            people=honour.recipient_name,
            detail=honour.document_number,
            url=url_or_blank("honours:honour_detail", honour.pk),
        )
        for honour in in_order(ids, honours)
    ]


def honours_counted(scope: BranchScope, year: int, grades: Q) -> dict[int, Counted]:
    """Honours in force awarded in the year to people of covered units, to members, or to covered units."""
    honours = (
        Honour.objects.filter(status=HonourStatus.ACTIVE, awarded_on__range=year_bounds(year))
        .filter(grades)
        .filter(scope.people_condition("person__") | Q(unit__in=scope.unit_ids))
        .values_list("pk", "person_id", "person__unit_id", "unit_id")
    )
    pairs = []
    for honour_id, person_id, person_unit_id, unit_id in honours:
        if person_id is not None:
            branches = scope.branches_for(unit_id=person_unit_id, person_id=person_id)
        else:
            branches = scope.branches_for(unit_id=unit_id)
        pairs.extend((branch_id, honour_id) for branch_id in branches)
    return scope.group(pairs)


# Grades are the award catalogue's (honours.AwardType.grade): 20 嘉奖, 30 三等功 or 记功（辅警）, 40 二等功 …
GRADE_THRESHOLD = _("Grade in the award catalogue (30 = merit class 3)")


@computed_criterion(
    "honours.grade_at_least",
    _("Honours at or above a grade (people and collective)"),
    describe=describe_honours,
    record_label=_("Honours"),
    parameter_label=GRADE_THRESHOLD,
    default_parameter=30,
    parameter_format=_("grade %(value)s and above"),
)
def honours_at_or_above(scope: BranchScope, year: int, parameter: int | None) -> dict[int, Counted]:
    return honours_counted(scope, year, Q(award_type__grade__gte=parameter or 0))


@computed_criterion(
    "honours.grade_below",
    _("Honours below a grade (people and collective)"),
    describe=describe_honours,
    record_label=_("Honours"),
    parameter_label=GRADE_THRESHOLD,
    default_parameter=30,
    parameter_format=_("below grade %(value)s"),
)
def honours_below(scope: BranchScope, year: int, parameter: int | None) -> dict[int, Counted]:
    return honours_counted(scope, year, Q(award_type__grade__lt=parameter or 0))
