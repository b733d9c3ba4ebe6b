"""Dashboard sections: each reads another module through its queries, scoped to the user and narrowed to the
report's subtree, in a fixed number of GROUP BY queries (the page's query count does not grow with the data)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from qunying.branches.queries import annotate_branch_summary, branches_visible_to
from qunying.core.policy import within
from qunying.feedback.queries import (
    callbacks_visible_to,
    overdue_callbacks,
    rating_months_visible_to,
    summary_trend,
)
from qunying.honours.enums import HonourStatus, IssuerLevel
from qunying.honours.queries import honours_visible_to
from qunying.reports.queries.scope import ReportScope
from qunying.reserve.enums import ActivityKind, CultivationLevel, EntryStatus, Tier
from qunying.reserve.queries import (
    activities_visible_to,
    coverage,
    entries_visible_to,
    filter_activities,
    filter_visits,
    visits_visible_to,
)

# Issuer levels from the highest down, as the columns of the honours table.
LEVELS_DOWN = [IssuerLevel.NATIONAL, IssuerLevel.PROVINCE, IssuerLevel.CITY, IssuerLevel.COUNTY]


@dataclass
class Cell:
    value: int
    href: str  # the list behind the number, filtered


def list_href(url_name: str, params: dict) -> str:
    return f"{reverse(url_name)}?{urlencode(params)}" if params else reverse(url_name)


@dataclass
class MatrixRow:
    label: str
    cells: list[Cell]
    total: Cell


@dataclass
class Matrix:
    """Counts by two dimensions, with the filters that list the records behind each number."""

    columns: list[tuple[str, str]]  # (value, label)
    rows: list[MatrixRow] = field(default_factory=list)

    def chart(self, kind: str = "bar") -> dict:
        """Data for a stacked chart: one series per column, categories are the rows."""
        return {
            "type": kind,
            "stack": True,
            "categories": [row.label for row in self.rows],
            "series": [
                {"name": str(label), "data": [row.cells[i].value for row in self.rows]}
                for i, (_value, label) in enumerate(self.columns)
            ],
        }


def _matrix(counts, row_keys, row_label, columns, row_param, column_param, *, url_name: str, base: dict) -> Matrix:
    matrix = Matrix(columns=[(value, str(label)) for value, label in columns])
    for key in row_keys:
        cells = [
            Cell(counts.get((key, value), 0), list_href(url_name, {**base, row_param: key, column_param: value}))
            for value, _label in columns
        ]
        total = Cell(sum(cell.value for cell in cells), list_href(url_name, {**base, row_param: key}))
        matrix.rows.append(MatrixRow(row_label(key), cells, total))
    return matrix


def honours_by_type_and_level(scope: ReportScope) -> Matrix:
    """Honours in force awarded in the year, by award and issuer level (one query)."""

    honours = honours_visible_to(scope.user).filter(awarded_on__year=scope.year, status=HonourStatus.ACTIVE)
    if scope.unit is not None:
        honours = honours.filter(within("person__unit__path", scope.unit.path) | within("unit__path", scope.unit.path))
    rows = honours.values("award_type", "award_type__name", "award_type__grade", "issuer__level").annotate(
        n=Count("pk")
    )
    counts, names, grades = {}, {}, {}
    for row in rows.order_by():
        counts[(row["award_type"], row["issuer__level"])] = row["n"]
        names[row["award_type"]] = row["award_type__name"]
        grades[row["award_type"]] = row["award_type__grade"]
    keys = sorted(names, key=lambda pk: (-grades[pk], names[pk]))
    columns = [(level, IssuerLevel(level).label) for level in LEVELS_DOWN]
    base = {"year": scope.year, "status": HonourStatus.ACTIVE, **scope.link_params()}
    return _matrix(
        counts, keys, names.get, columns, "award_type", "issuer_level", url_name="honours:honour_list", base=base
    )


def reserve_by_tier_and_level(scope: ReportScope) -> Matrix:
    """Active reserve entries by tier and cultivation level (one query)."""

    entries = scope.narrow(entries_visible_to(scope.user), "person__unit__path").filter(status=EntryStatus.ACTIVE)
    counts = {
        (row["tier"], row["level"]): row["n"]
        for row in entries.values("tier", "level").annotate(n=Count("pk")).order_by()
    }
    tiers = [Tier.EXEMPLAR, Tier.FOCUS, Tier.RESERVE]
    columns = [(level.value, level.label) for level in CultivationLevel]
    base = {"status": EntryStatus.ACTIVE, **scope.link_params()}
    label = lambda tier: str(Tier(tier).label)  # noqa: E731
    return _matrix(counts, tiers, label, columns, "tier", "level", url_name="reserve:entry_list", base=base)


@dataclass
class CoverageSummary:
    units: int
    missing_exemplar: int
    missing_focus: int
    missing_reserve: int
    gaps: list  # reserve.queries.CoverageRow with gaps, most gaps first

    def chart(self) -> dict:
        covered = [
            self.units - self.missing_exemplar,
            self.units - self.missing_focus,
            self.units - self.missing_reserve,
        ]
        missing = [self.missing_exemplar, self.missing_focus, self.missing_reserve]
        return {
            "type": "bar",
            "stack": True,
            "categories": [_("Has an exemplar"), _("Has a focus person"), _("Has reserves")],
            "series": [{"name": _("Covered"), "data": covered}, {"name": _("Missing"), "data": missing}],
        }


def coverage_summary(scope: ReportScope) -> CoverageSummary:
    """有典型/有重点/有储备 for every unit of the scope (the reserve's coverage query: two queries)."""

    rows = coverage(scope.units)
    return CoverageSummary(
        units=len(rows),
        missing_exemplar=sum(not row.has_exemplar for row in rows),
        missing_focus=sum(not row.has_focus for row in rows),
        missing_reserve=sum(not row.has_reserve for row in rows),
        gaps=[row for row in rows if row.gaps],
    )


@dataclass
class RatingsSummary:
    months: list  # feedback.queries.MonthRow
    overdue_callbacks: int

    @property
    def linked_months(self) -> list[tuple]:
        """Each month with the ratings page of that month."""
        return [
            (row, list_href("feedback:dashboard", {"year": row.month.year, "month": row.month.month}))
            for row in self.months
        ]

    def chart(self) -> dict:
        return {
            "type": "line",
            "percent": True,
            "categories": [f"{row.month:%Y-%m}" for row in self.months],
            "series": [
                {
                    "name": _("Satisfaction"),
                    "data": [round(row.raw * 100, 1) if row.raw is not None else None for row in self.months],
                },
                {
                    "name": _("Reply rate"),
                    "data": [
                        round(row.reply_rate * 100, 1) if row.reply_rate is not None else None for row in self.months
                    ],
                },
            ],
        }


def ratings_summary(scope: ReportScope) -> RatingsSummary:
    """Citizen ratings month by month in the year, from feedback's per unit-month summaries in the user's scope, and
    the overdue callbacks now (two queries)."""

    start = timezone.make_aware(datetime.datetime(scope.year, 1, 1))  # noqa: DTZ001
    end = timezone.make_aware(datetime.datetime(scope.year + 1, 1, 1))  # noqa: DTZ001
    months = scope.narrow(rating_months_visible_to(scope.user), "unit__path")
    callbacks = scope.narrow(callbacks_visible_to(scope.user), "unit__path")
    return RatingsSummary(
        months=summary_trend(months, since=start, until=end),
        overdue_callbacks=overdue_callbacks(callbacks).count(),
    )


@dataclass
class BranchStars:
    branches: list  # branches.PartyBranch annotated with latest_stars, latest_year

    @property
    def by_stars(self) -> list[tuple[int, int]]:
        counts = defaultdict(int)
        for branch in self.branches:
            counts[branch.latest_stars or 0] += 1
        return [(stars, counts[stars]) for stars in range(5, -1, -1)]

    def chart(self) -> dict:
        return {
            "type": "bar",
            "categories": [
                _("%(stars)s stars") % {"stars": stars} if stars else _("Not rated") for stars, _n in self.by_stars
            ],
            "series": [{"name": _("Branches"), "data": [n for _stars, n in self.by_stars]}],
        }


def branch_stars(scope: ReportScope) -> BranchStars:
    """Every branch of the scope with its latest published stars (issue 11; one query)."""

    branches = annotate_branch_summary(scope.narrow(branches_visible_to(scope.user), "unit__path"))
    return BranchStars(branches=list(branches.order_by("unit__path", "name", "pk")))


@dataclass
class PracticeSummary:
    """Practice platforms (事迹报告会 / 工作座谈 / 业务授课) and guidance visits of the year."""

    activities: list[tuple[str, Cell]]
    visits: Cell
    overdue_visits: Cell

    def sentence(self) -> str:
        kinds = pgettext("figures enumeration", ", ").join(
            pgettext("practice", "%(kind)s: %(n)s") % {"kind": label, "n": cell.value}
            for label, cell in self.activities
        )
        return _("Practice platforms held in the year: %(kinds)s; guidance visits: %(visits)s.") % {
            "kinds": kinds,
            "visits": self.visits.value,
        }


def practice_summary(scope: ReportScope) -> PracticeSummary:
    """Activities by kind and guidance visits in the year, through the reserve's queries (two queries)."""

    activities = filter_activities(activities_visible_to(scope.user), year=scope.year, unit=scope.unit)
    counts = {
        row["kind"]: row["n"]
        for row in activities.prefetch_related(None).order_by().values("kind").annotate(n=Count("pk"))
    }
    base = {"year": scope.year, **scope.link_params()}
    visits = filter_visits(visits_visible_to(scope.user), year=scope.year, unit=scope.unit)
    overdue = list(visits.order_by().values_list("overdue_items", flat=True))  # one query for both counts
    return PracticeSummary(
        activities=[
            (str(label), Cell(counts.get(value, 0), list_href("reserve:activity_list", {**base, "kind": value})))
            for value, label in ActivityKind.choices
        ],
        visits=Cell(len(overdue), list_href("reserve:visit_list", base)),
        overdue_visits=Cell(
            sum(1 for items in overdue if items), list_href("reserve:visit_list", {**base, "overdue": "on"})
        ),
    )
