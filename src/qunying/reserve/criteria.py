"""Computed star-rating criteria for party branches: the branch's people in the exemplar reserve by tier, and its
practice activities in the year."""

import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qunying.core.criteria import BranchScope, Counted, RecordRow, computed_criterion, in_order, url_or_blank
from qunying.reserve.enums import EntryStatus
from qunying.reserve.models import PracticeActivity, ReserveEntry

TIER_RANK = {"reserve": 1, "focus": 2, "exemplar": 3}


def describe_entries(ids: list[int]) -> list[RecordRow]:
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


def describe_activities(ids: list[int]) -> list[RecordRow]:
    activities = PracticeActivity.objects.filter(pk__in=ids).select_related("unit").prefetch_related("people")
    by_pk = activities.in_bulk()
    return [
        RecordRow(
            date=activity.date,
            title=f"{activity.get_kind_display()}：{activity.title}",
            people="、".join(person.name for person in activity.people.all()),
            detail=activity.unit.name,
            url=url_or_blank("reserve:activity_detail", activity.pk),
        )
        for activity in in_order(ids, by_pk)
    ]


@computed_criterion(
    "reserve.practice_activities",
    _("Practice activities of the branch (report meetings, forums, lectures)"),
    describe=describe_activities,
    record_label=_("Practice activities"),
)
def practice_activities(scope: BranchScope, year: int, parameter: int | None) -> dict[int, Counted]:
    """Activities dated in the year organised by a covered unit, or featuring a covered unit's person or a member.
    One query: a row per (activity, featured person), the organiser's unit on each."""
    rows = (
        PracticeActivity.objects.filter(date__range=(datetime.date(year, 1, 1), datetime.date(year, 12, 31)))
        .filter(Q(unit__in=scope.unit_ids) | scope.people_condition("people__"))
        .values_list("pk", "unit_id", "people__id", "people__unit_id")
    )
    pairs = []
    for activity_id, unit_id, person_id, person_unit_id in rows:
        branches = scope.branches_for(unit_id=unit_id)
        if person_id is not None:
            branches = branches | scope.branches_for(unit_id=person_unit_id, person_id=person_id)
        pairs.extend((branch_id, activity_id) for branch_id in branches)
    return scope.group(pairs)
