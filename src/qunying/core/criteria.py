"""The registry of computed star-rating criteria: each counts one kind of record for many party branches at once.

A computed criterion is a function decorated with `@computed_criterion(key, label, describe=…)`. It receives a
`BranchScope` — one branch, or every branch of a round, with the units each covers and its members — the year and the
criterion's parameter, and returns {branch id: Counted}: how many records count for each branch and which ones (their
ids feed the drill-down). It must answer in ONE grouped query whatever the number of branches.

The registry lives in core so that every app can fill it from its AppConfig.ready() (deeds, honours, feedback, reserve,
campaigns, publicity register the criteria over their own records), while branches — which rates with it — reads it
here and builds the scopes from its own model (branches.criteria.scope_of). No app imports another to take part.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PER_RECORD = "per_record"  # points = points per record × count, capped at the maximum
SHARE = "share"  # points = maximum × count / denominator (a coverage rate)


@dataclass(frozen=True)
class Counted:
    count: int = 0
    ids: tuple[int, ...] = ()
    denominator: int | None = None  # for shares: out of how many


@dataclass(frozen=True)
class RecordRow:
    """One record behind a number, as the drill-down lists it."""

    date: datetime.date | None
    title: str
    people: str = ""
    detail: str = ""
    url: str = ""


@dataclass
class BranchScope:
    """Branches with the units they cover and their members: what every criterion attributes records by."""

    branch_ids: list[int]
    branches_by_unit: dict[int, set[int]] = field(default_factory=dict)
    branches_by_member: dict[int, set[int]] = field(default_factory=dict)

    @property
    def unit_ids(self) -> list[int]:
        return list(self.branches_by_unit)

    @property
    def member_ids(self) -> list[int]:
        return list(self.branches_by_member)

    def branches_for(self, *, unit_id: int | None = None, person_id: int | None = None) -> set[int]:
        """Branches a record counts for: those covering its unit, and those its person is a member of."""
        return self.branches_by_unit.get(unit_id, set()) | self.branches_by_member.get(person_id, set())

    def people_condition(self, prefix: str = "") -> Q:
        """People of the covered units, and the members wherever they serve (`prefix` leads to the person)."""
        return Q(**{f"{prefix}unit__in": self.unit_ids}) | Q(**{f"{prefix}pk__in": self.member_ids})

    def group(self, pairs: Iterable[tuple[int, int]]) -> dict[int, "Counted"]:
        """{branch id: Counted} from (branch id, record id) pairs; a record counts once per branch."""
        ids: dict[int, set[int]] = defaultdict(set)
        for branch_id, record_id in pairs:
            ids[branch_id].add(record_id)
        return {branch_id: Counted(len(records), tuple(sorted(records))) for branch_id, records in ids.items()}


Compute = Callable[[BranchScope, int, int | None], dict[int, Counted]]
Describe = Callable[[list[int]], list[RecordRow]]


@dataclass(frozen=True)
class ComputedCriterion:
    key: str
    label: str | Promise
    compute: Compute
    describe: Describe
    scoring: str = PER_RECORD
    record_label: str | Promise = ""
    parameter_label: str | Promise | None = None
    default_parameter: int | None = None
    parameter_format: str | Promise = ""  # how a rule reads with its parameter, e.g. "grade %(value)s and above"


REGISTRY: dict[str, ComputedCriterion] = {}


def computed_criterion(
    key: str,
    label,
    *,
    describe: Describe,
    scoring: str = PER_RECORD,
    record_label=None,
    parameter_label=None,
    default_parameter: int | None = None,
    parameter_format="",
):
    """Register a computed criterion under `key` (the value a scheme's criterion stores)."""

    def register(function: Compute) -> Compute:
        REGISTRY[key] = ComputedCriterion(
            key=key,
            label=label,
            compute=function,
            describe=describe,
            scoring=scoring,
            record_label=record_label or _("Records"),
            parameter_label=parameter_label,
            default_parameter=default_parameter,
            parameter_format=parameter_format,
        )
        return function

    return register


def registry_choices() -> list[tuple[str, str | Promise]]:
    return [(entry.key, entry.label) for entry in REGISTRY.values()]


def compute_for(key: str, scope: BranchScope, year: int, parameter: int | None = None) -> dict[int, Counted]:
    """Every branch of `scope` at once; a key no longer registered counts nothing (and the page says so)."""
    entry = REGISTRY.get(key)
    if entry is None or not scope.branch_ids:
        return {}
    return entry.compute(scope, year, parameter if parameter is not None else entry.default_parameter)


def describe(key: str, ids: list[int]) -> list[RecordRow]:
    entry = REGISTRY.get(key)
    return entry.describe(list(ids)) if entry is not None and ids else []


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def url_or_blank(name: str, pk: int) -> str:
    """A link to the record's own page when its module has one (the drill-down works before those pages exist)."""
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""


def in_order(ids: list[int], objects: dict) -> list:
    return [objects[pk] for pk in ids if pk in objects]
