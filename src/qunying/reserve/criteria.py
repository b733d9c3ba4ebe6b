"""A computed star-rating criterion for party branches: the branch's people in the exemplar reserve, by tier."""

import datetime

from django.utils.translation import gettext_lazy as _

from qunying.branches.criteria import BranchScope, Counted, RecordRow, computed_criterion, in_order, url_or_blank

TIER_RANK = {"reserve": 1, "focus": 2, "exemplar": 3}


def describe_entries(ids: list[int]) -> list[RecordRow]:
    from qunying.reserve.models import ReserveEntry

    entries = ReserveEntry.objects.filter(pk__in=ids).select_related("person").in_bulk()
    return [
        RecordRow(
            date=entry.since,
            title=entry.get_tier_display(),
            people=entry.person.name,
            detail=entry.get_level_display(),
            url=url_or_blank("reserve:entry_detail", entry.pk),
        )
        for entry in in_order(ids, entries)
    ]


@computed_criterion(
    "reserve.entries",
    _("The branch's people in the exemplar reserve"),
    describe=describe_entries,
    record_label=_("Reserve entries"),
    parameter_label=_("Lowest tier (1 reserve, 2 focus, 3 exemplar)"),
    default_parameter=1,
    parameter_format=_("tier %(value)s and above"),
)
def reserve_entries(scope: BranchScope, year: int, parameter: int | None) -> dict[int, Counted]:
    """Entries in the reserve at the end of the year (approved by then) of a covered unit's person or a member."""
    from qunying.reserve.enums import EntryStatus
    from qunying.reserve.models import ReserveEntry

    lowest = parameter or 1
    tiers = [tier for tier, rank in TIER_RANK.items() if rank >= lowest]
    rows = ReserveEntry.objects.filter(
        scope.people_condition("person__"),
        status=EntryStatus.ACTIVE,
        tier__in=tiers,
        since__lte=datetime.date(year, 12, 31),
    ).values_list("pk", "person_id", "person__unit_id")
    return scope.group(
        (branch_id, entry_id)
        for entry_id, person_id, unit_id in rows
        for branch_id in scope.branches_for(unit_id=unit_id, person_id=person_id)
    )
