"""Reserve reads: entries in scope, filters, pending approvals, history and unit coverage (有典型/有重点/有储备)."""

import operator
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce

from django.db.models import Count, QuerySet

from qunying.core.policy import within
from qunying.org.models import Person, Unit
from qunying.org.queries import search_people
from qunying.reserve.enums import EntryStatus, Tier, TierChangeStatus
from qunying.reserve.models import CultivationPlan, Milestone, ReserveEntry, TierChange
from qunying.reserve.rules import policy


def entries_visible_to(user) -> QuerySet[ReserveEntry]:
    return policy.filter(user, "view_entry", ReserveEntry.objects.all()).select_related("person", "person__unit")


def people_for_proposals(user) -> QuerySet[Person]:
    return policy.filter(user, "propose_for", Person.objects.all()).select_related("unit")


def mentor_by_badge(user, badge: str) -> Person | None:
    """The officer of this badge number among the people of the user's units: a badge elsewhere is not confirmed to
    exist, exactly as an unknown one."""
    return people_for_proposals(user).filter(badge_number=badge).first()


def units_for_reserve(user) -> QuerySet[Unit]:
    return policy.filter(user, "view_coverage", Unit.objects.all())


def filter_entries(
    entries: QuerySet[ReserveEntry], *, tier="", level="", category="", status="", unit=None, q="", pending=False
) -> QuerySet[ReserveEntry]:
    if tier:
        entries = entries.filter(tier=tier)
    if level:
        entries = entries.filter(level=level)
    if category:
        entries = entries.filter(category=category)
    if status:
        entries = entries.filter(status=status)
    if unit is not None:
        entries = entries.filter(within("person__unit__path", unit.path))
    if q:
        entries = entries.filter(person__in=search_people(Person.objects.all(), q))
    if pending:
        entries = entries.filter(tier_changes__status=TierChangeStatus.PROPOSED)
    return entries.order_by("person__unit__path", "person__name_pinyin", "pk")


def changes_awaiting(user) -> QuerySet[TierChange]:
    """Pending proposals this user may decide: into or out of 典型 for leaders, the rest for political officers."""
    return (
        policy.filter(user, "decide", TierChange.objects.all())
        .select_related("entry__person__unit", "proposed_by")
        .prefetch_related("proposed_by__role_assignments__unit")  # shown as 姓名（单位）
        .order_by("created_at", "pk")
    )


def pending_change_of(entry: ReserveEntry) -> TierChange | None:
    return entry.tier_changes.filter(status=TierChangeStatus.PROPOSED).select_related("entry__person__unit").first()


def plans_visible_to(user) -> QuerySet[CultivationPlan]:
    return CultivationPlan.objects.filter(entry__in=entries_visible_to(user)).select_related(
        "owner_unit", "mentor", "entry__person__unit"
    )


def milestones_visible_to(user) -> QuerySet[Milestone]:
    return Milestone.objects.filter(plan__in=plans_visible_to(user)).select_related(
        "plan__owner_unit", "plan__entry__person"
    )


def history_of(entry: ReserveEntry) -> QuerySet[TierChange]:
    return (
        entry.tier_changes.select_related("proposed_by", "decided_by")
        .prefetch_related("proposed_by__role_assignments__unit", "decided_by__role_assignments__unit")  # 姓名（单位）
        .order_by("-created_at", "-pk")
    )


def open_entry_of(person: Person) -> ReserveEntry | None:
    return ReserveEntry.objects.filter(person=person, status__in=[EntryStatus.PROPOSED, EntryStatus.ACTIVE]).first()


@dataclass
class CoverageRow:
    unit: Unit
    level: int
    counts: dict = field(default_factory=dict)  # tier → active entries in the unit's subtree

    @property
    def has_exemplar(self) -> bool:
        return self.counts.get(Tier.EXEMPLAR, 0) > 0

    @property
    def has_focus(self) -> bool:
        return self.counts.get(Tier.FOCUS, 0) > 0

    @property
    def has_reserve(self) -> bool:
        return self.counts.get(Tier.RESERVE, 0) > 0

    @property
    def gaps(self) -> int:
        return 3 - sum([self.has_exemplar, self.has_focus, self.has_reserve])


def coverage(units: QuerySet[Unit]) -> list[CoverageRow]:
    """Per unit, active entries by tier in its subtree; units with gaps first (most gaps first), then tree order.
    Two queries whatever the tree: the units and one GROUP BY (unit path, tier) over the subtrees' roots (one path
    range each, never one condition per unit); the roll-up adds each unit's counts to its parent, deepest first, so
    it is linear in the units."""
    units = list(units.order_by("path"))
    if not units:
        return []
    roots: list[str] = []  # the subtrees' top paths: in path order a unit below the last root is inside it
    for unit in units:
        if not roots or not unit.path.startswith(roots[-1]):
            roots.append(unit.path)
    scope = reduce(operator.or_, (within("person__unit__path", path) for path in roots))
    grouped = (
        ReserveEntry.objects.filter(scope, status=EntryStatus.ACTIVE)
        .values_list("person__unit__path", "tier")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_path = {unit.path: unit for unit in units}
    counts: dict[int, dict] = {unit.pk: defaultdict(int) for unit in units}
    for path, tier, n in grouped:
        holder = path
        while holder and holder not in by_path:  # a unit outside the list (not in scope): its nearest listed ancestor
            holder = holder[: holder.rstrip("/").rfind("/") + 1]
        if holder:
            counts[by_path[holder].pk][tier] += n
    ids = {unit.pk for unit in units}
    for unit in sorted(units, key=lambda unit: -unit.depth):
        if unit.parent_id in ids:
            for tier, n in counts[unit.pk].items():
                counts[unit.parent_id][tier] += n
    top = min(unit.depth for unit in units)
    rows = [CoverageRow(unit=unit, level=unit.depth - top, counts=dict(counts[unit.pk])) for unit in units]
    order = {unit.pk: index for index, unit in enumerate(units)}
    return sorted(rows, key=lambda row: (-row.gaps, order[row.unit.pk]))
