"""The annual summary's figures as they stood at the end of its year (issue 18 rule 5): reserve tiers on 31 December
from the approved tier changes, coverage from those tiers, the callbacks overdue then and the honours still
undelivered then. A year not yet over is described as of today, and says so."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, IntegerField, OuterRef, Q, Subquery
from django.utils import timezone

from qunying.branches.enums import RatingStatus
from qunying.branches.models import BranchRating
from qunying.branches.queries import branches_visible_to
from qunying.care.models import AwardDelivery
from qunying.care.queries import DELIVERY_DUE_DAYS
from qunying.feedback.queries import callbacks_visible_to
from qunying.honours.enums import HonourStatus
from qunying.honours.queries import honours_visible_to
from qunying.reports.queries.scope import ReportScope
from qunying.reserve.enums import TierChangeStatus
from qunying.reserve.models import TierChange
from qunying.reserve.queries import entries_visible_to
from qunying.reserve.queries.entries import CoverageRow


@dataclass(frozen=True)
class Moment:
    """The day a summary's figures describe: 31 December of a past year, else today."""

    day: datetime.date
    year_over: bool

    @property
    def end(self) -> datetime.datetime:
        """The first instant after `day`, for comparing timestamps."""
        return timezone.make_aware(datetime.datetime.combine(self.day + datetime.timedelta(days=1), datetime.time()))


def moment_of(year: int) -> Moment:
    today = timezone.localdate()
    if year < today.year:
        return Moment(datetime.date(year, 12, 31), year_over=True)
    return Moment(today, year_over=False)


@dataclass(frozen=True)
class EntryThen:
    entry: object  # reserve.ReserveEntry, with its person and unit
    tier: str
    since: datetime.date  # the day it came to that tier


def entries_then(scope: ReportScope, moment: Moment) -> list[EntryThen]:
    """Reserve entries of the scope with the tier each held on `moment.day`, from the approved tier changes decided
    by then (two queries); entries retired by then, or without a tier yet, are left out."""
    entries = {
        entry.pk: entry
        for entry in scope.narrow(entries_visible_to(scope.user), "person__unit__path").select_related("person__unit")
    }
    changes = (
        TierChange.objects.filter(entry__in=list(entries), status=TierChangeStatus.APPROVED, decided_at__lt=moment.end)
        .order_by("entry_id", "decided_at", "pk")
        .values_list("entry_id", "to_tier", "decided_at")
    )
    held: dict[int, tuple[str, datetime.date]] = {}
    for entry_id, tier, decided_at in changes:
        if held.get(entry_id, ("",))[0] != tier:
            held[entry_id] = (tier, timezone.localdate(decided_at))
    found = []
    for entry_id, (tier, since) in held.items():
        entry = entries[entry_id]
        if not tier or (entry.retired_on is not None and entry.retired_on <= moment.day):
            continue
        found.append(EntryThen(entry, tier, since))
    return sorted(found, key=lambda e: (e.entry.person.unit.path, e.entry.person.name_pinyin, e.entry.pk))


def coverage_then(scope: ReportScope, held: list[EntryThen]) -> list[CoverageRow]:
    """The reserve's coverage rows (有典型/有重点/有储备 per unit of the scope) from the tiers held then."""
    units = list(scope.units.order_by("path"))
    if not units:
        return []
    by_path: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    for item in held:
        by_path[item.entry.person.unit.path][item.tier] += 1
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


def overdue_callbacks_then(scope: ReportScope, moment: Moment) -> int:
    """Callbacks opened and due before the end of `moment.day` and not closed by then."""
    callbacks = scope.narrow(callbacks_visible_to(scope.user), "unit__path")
    return (
        callbacks.filter(created_at__lt=moment.end, due_at__lt=moment.end)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=moment.end))
        .count()
    )


def undelivered_honours_then(scope: ReportScope, moment: Moment) -> int:
    """Honours in force then, awarded more than the delivery period before `moment.day`, not delivered by then."""
    honours = honours_visible_to(scope.user).filter(
        scope.path_filter("person__unit__path") | scope.path_filter("unit__path")
    )
    delivered = AwardDelivery.objects.filter(honour=OuterRef("pk"), delivered_on__lte=moment.day)
    return (
        honours.filter(awarded_on__lte=moment.day - datetime.timedelta(days=DELIVERY_DUE_DAYS))
        .filter(Q(status=HonourStatus.ACTIVE) | Q(revoked_on__gt=moment.day))
        .exclude(Exists(delivered))
        .count()
    )


def branches_then(scope: ReportScope, moment: Moment) -> list:
    """The scope's party branches with the latest stars published by then for a year up to the summary's (one query),
    as `latest_stars` and `latest_year`, like the dashboard's."""
    latest = BranchRating.objects.filter(
        branch=OuterRef("pk"),
        status=RatingStatus.PUBLISHED,
        round__scheme__year__lte=scope.year,
        published_at__lt=moment.end,
    ).order_by("-round__scheme__year", "-published_at")
    branches = scope.narrow(branches_visible_to(scope.user), "unit__path").annotate(
        latest_stars=Subquery(latest.values("stars")[:1], output_field=IntegerField()),
        latest_year=Subquery(latest.values("round__scheme__year")[:1], output_field=IntegerField()),
    )
    return list(branches.order_by("unit__path", "name", "pk"))
