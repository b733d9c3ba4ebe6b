"""The deeds' star-rating criterion for party branches (registered in core.criteria from DeedsConfig.ready())."""

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
from qunying.deeds.enums import DeedStatus
from qunying.deeds.models import Deed, DeedPerson


def describe_deeds(ids: list[int]) -> list[RecordRow]:
    deeds = Deed.objects.filter(pk__in=ids).prefetch_related("participants__person").in_bulk()
    return [
        RecordRow(
            date=deed.date,
            title=deed.title,
            people="、".join(participant.person.name for participant in deed.participants.all()),
            detail=deed.get_hazard_display(),
            url=url_or_blank("deeds:deed_detail", deed.pk),
        )
        for deed in in_order(ids, deeds)
    ]


@computed_criterion(
    "deeds.verified", _("Verified deeds of the branch's people"), describe=describe_deeds, record_label=_("Deeds")
)
def verified_deeds(scope: BranchScope, year: int, parameter: int | None) -> dict[int, Counted]:
    """Verified deeds dated in the year in which a person of a covered unit, or a member, took part."""
    parts = DeedPerson.objects.filter(
        scope.people_condition("person__"), deed__status=DeedStatus.VERIFIED, deed__date__range=year_bounds(year)
    ).values_list("deed_id", "person_id", "person__unit_id")
    return scope.group(
        (branch_id, deed_id)
        for deed_id, person_id, unit_id in parts
        for branch_id in scope.branches_for(unit_id=unit_id, person_id=person_id)
    )
