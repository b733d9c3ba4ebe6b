"""The citizen ratings' star-rating criterion for party branches (registered in core.criteria from
FeedbackConfig.ready())."""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from qunying.core.criteria import SHARE, BranchScope, Counted, RecordRow, computed_criterion, in_order, url_or_blank
from qunying.feedback.queries import Period, period_tallies
from qunying.org.enums import AuxiliaryKind, PersonStatus
from qunying.org.models import Person


def describe_people(ids: list[int]) -> list[RecordRow]:
    people = Person.objects.filter(pk__in=ids).select_related("unit").in_bulk()
    return [
        RecordRow(
            date=None,
            title=f"{person.name}（{person.badge_number}）",
            people=person.unit.name,
            detail=person.get_category_display(),
            url=url_or_blank("org:person_detail", person.pk),
        )
        for person in in_order(ids, people)
    ]


@computed_criterion(
    "feedback.coverage",
    _("Citizen-rating coverage of the branch's officers"),
    describe=describe_people,
    scoring=SHARE,
    record_label=_("Officers covered"),
    parameter_label=_("Valid SMS replies needed per officer"),
    default_parameter=1,
    parameter_format=_("at least %(value)s valid replies each"),
)
def rating_coverage(scope: BranchScope, year: int, parameter: int | None) -> dict[int, Counted]:
    """The share of the branch's serving officers (police and duty auxiliaries of the covered units, and the members)
    with at least `parameter` valid SMS replies in the year. Two queries for all branches: the officers, and
    feedback's per officer-month summary for the year."""
    needed = parameter or 1
    officers = (
        Person.objects.filter(scope.people_condition(), status=PersonStatus.ACTIVE)
        .exclude(auxiliary_kind=AuxiliaryKind.CIVILIAN)
        .values_list("pk", "unit_id")
    )
    officers_of: dict[int, set[int]] = defaultdict(set)
    for person_id, unit_id in officers:
        for branch_id in scope.branches_for(unit_id=unit_id, person_id=person_id):
            officers_of[branch_id].add(person_id)
    if not officers_of:
        return {}
    period = Period(year)
    covered = {tally.person_id for tally in period_tallies(period) if tally.n >= needed}
    result = {}
    for branch_id, people in officers_of.items():
        counted = sorted(people & covered)
        result[branch_id] = Counted(len(counted), tuple(counted), denominator=len(people))
    return result
