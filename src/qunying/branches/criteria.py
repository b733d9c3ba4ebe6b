"""The registry of computed star-rating criteria: each counts one kind of Qunying record for many branches at once.

A computed criterion is a function decorated with `@computed_criterion(key, label, describe=…)`. It receives a
`BranchScope` — one branch, or every branch of a round, with the units each covers and its members — the year and the
criterion's parameter, and returns {branch id: Counted}: how many records count for each branch and which ones (their
ids feed the drill-down). It must answer in ONE grouped query whatever the number of branches (the scope itself is
loaded in two). `compute(key, branch, year)` is the single-branch form.

Records of other modules are read lazily through their `queries.py` where it offers a function, so this module
imports nothing of theirs at load time. Modules built later (campaigns, reserve, publicity) register their criteria
with the same decorator from their AppConfig.ready(); the rating code reads criteria only through this registry.
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

    @classmethod
    def of(cls, branches: Iterable) -> "BranchScope":
        """Two queries, whatever the number of branches."""
        from qunying.branches.models import PartyBranch

        ids = [getattr(branch, "pk", branch) for branch in branches]
        scope = cls(branch_ids=ids, branches_by_unit=defaultdict(set), branches_by_member=defaultdict(set))
        covered = PartyBranch.units.through.objects.filter(partybranch_id__in=ids)
        for branch_id, unit_id in covered.values_list("partybranch_id", "unit_id"):
            scope.branches_by_unit[unit_id].add(branch_id)
        members = PartyBranch.members.through.objects.filter(partybranch_id__in=ids)
        for branch_id, person_id in members.values_list("partybranch_id", "person_id"):
            scope.branches_by_member[person_id].add(branch_id)
        return scope

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


def compute(key: str, branch, year: int, parameter: int | None = None) -> Counted:
    """One branch: the count and the ids of the records behind it."""
    return compute_for(key, BranchScope.of([branch]), year, parameter).get(branch.pk, Counted())


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


# --- Deeds (discovery ledger) ----------------------------------------------------------------------------------------


def describe_deeds(ids: list[int]) -> list[RecordRow]:
    from qunying.deeds.models import Deed

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
    from qunying.deeds.enums import DeedStatus
    from qunying.deeds.models import DeedPerson

    parts = DeedPerson.objects.filter(
        scope.people_condition("person__"), deed__status=DeedStatus.VERIFIED, deed__date__range=year_bounds(year)
    ).values_list("deed_id", "person_id", "person__unit_id")
    return scope.group(
        (branch_id, deed_id)
        for deed_id, person_id, unit_id in parts
        for branch_id in scope.branches_for(unit_id=unit_id, person_id=person_id)
    )


# --- Honours ---------------------------------------------------------------------------------------------------------


def describe_honours(ids: list[int]) -> list[RecordRow]:
    from qunying.honours.models import Honour

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
    from qunying.honours.enums import HonourStatus
    from qunying.honours.models import Honour

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


# --- Citizen ratings (短信评警) ---------------------------------------------------------------------------------------


def describe_people(ids: list[int]) -> list[RecordRow]:
    from qunying.org.models import Person

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
    feedback's per-officer tally of valid replies for the year."""
    from qunying.feedback.queries import Period, reply_tallies
    from qunying.org.enums import AuxiliaryKind, PersonStatus
    from qunying.org.models import Person

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
    covered = {tally.person_id for tally in reply_tallies(period.start, period.end) if tally.n >= needed}
    result = {}
    for branch_id, people in officers_of.items():
        counted = sorted(people & covered)
        result[branch_id] = Counted(len(counted), tuple(counted), denominator=len(people))
    return result
