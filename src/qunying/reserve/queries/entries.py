"""Reserve reads: entries in scope, filters, pending approvals, history and unit coverage (有典型/有重点/有储备)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from qunying.accounts.enums import Role
from qunying.accounts.queries import scope_filter, scope_paths
from qunying.org.models import Person, Unit
from qunying.org.queries import search_people
from qunying.reserve.enums import EntryStatus, Tier, TierChangeStatus
from qunying.reserve.models import ReserveEntry, TierChange
from qunying.reserve.rules import PROPOSERS, RESERVE_READERS


def entries_visible_to(user) -> QuerySet[ReserveEntry]:
    return ReserveEntry.objects.filter(
        scope_filter(user, RESERVE_READERS, path_field="person__unit__path")
    ).select_related("person", "person__unit")


def people_for_proposals(user) -> QuerySet[Person]:
    return Person.objects.filter(scope_filter(user, PROPOSERS)).select_related("unit")


def units_for_reserve(user) -> QuerySet[Unit]:
    return Unit.objects.filter(scope_filter(user, RESERVE_READERS, path_field="path"))


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
        entries = entries.filter(person__unit__path__startswith=unit.path)
    if q:
        entries = entries.filter(person__in=search_people(Person.objects.all(), q))
    if pending:
        entries = entries.filter(tier_changes__status=TierChangeStatus.PROPOSED)
    return entries.order_by("person__unit__path", "person__name_pinyin", "pk")


def changes_awaiting(user) -> QuerySet[TierChange]:
    """Pending proposals this user may decide: into or out of 典型 for leaders, the rest for political officers."""
    condition = Q(pk__in=[])
    touches_exemplar = Q(to_tier=Tier.EXEMPLAR) | Q(from_tier=Tier.EXEMPLAR)
    if scope_paths(user, [Role.LEADER]):
        condition |= touches_exemplar & scope_filter(user, [Role.LEADER], path_field="entry__person__unit__path")
    if scope_paths(user, [Role.POLITICAL_OFFICER]):
        condition |= ~touches_exemplar & scope_filter(
            user, [Role.POLITICAL_OFFICER], path_field="entry__person__unit__path"
        )
    return (
        TierChange.objects.filter(condition, status=TierChangeStatus.PROPOSED)
        .select_related("entry__person__unit", "proposed_by")
        .order_by("created_at", "pk")
    )


def history_of(entry: ReserveEntry) -> QuerySet[TierChange]:
    return entry.tier_changes.select_related("proposed_by", "decided_by").order_by("-created_at", "-pk")


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
    Two queries whatever the tree: the units and one GROUP BY (unit, tier); the roll-up follows the paths."""
    units = list(units.order_by("path"))
    if not units:
        return []
    scope = Q()
    for path in {unit.path for unit in units}:
        scope |= Q(person__unit__path__startswith=path)
    grouped = (
        ReserveEntry.objects.filter(scope, status=EntryStatus.ACTIVE)
        .values_list("person__unit__path", "tier")
        .annotate(n=Count("pk"))
    )
    by_path: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    for path, tier, n in grouped:
        by_path[path][tier] += n
    top = min(unit.depth for unit in units)
    rows = []
    for unit in units:
        counts: dict = defaultdict(int)
        for path, tiers in by_path.items():
            if path.startswith(unit.path):
                for tier, n in tiers.items():
                    counts[tier] += n
        rows.append(CoverageRow(unit=unit, level=unit.depth - top, counts=dict(counts)))
    order = {unit.pk: index for index, unit in enumerate(units)}
    return sorted(rows, key=lambda row: (-row.gaps, order[row.unit.pk]))
