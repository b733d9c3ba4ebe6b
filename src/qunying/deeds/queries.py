"""Discovery ledger reads: events, deeds, forums and public nominations in the user's scope (mirroring deeds.rules),
filters, and the yearly figures the reports reuse."""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from qunying.core.policy import within, within_any
from qunying.core.text import pinyin_full
from qunying.deeds.enums import DeedStatus, DutyEventKind, HazardLevel
from qunying.deeds.models import Deed, DeedPerson, DutyEvent, Forum, ForumFeedback, PublicNomination, RosterEntry
from qunying.deeds.rules import policy
from qunying.org.enums import UnitKind
from qunying.org.models import Person, Unit

PARTICIPANTS = Prefetch(
    "participants", queryset=DeedPerson.objects.select_related("person__unit").order_by("position", "id")
)


def deeds_visible_to(user) -> QuerySet[Deed]:
    """Deeds of the user's subtrees (by the deed's unit or any of its people's units), and their own deeds."""
    return policy.filter(user, "view_deed", Deed.objects.all()).select_related("unit", "event")


def deeds_verifiable_by(user) -> QuerySet[Deed]:
    """Proposed deeds whose unit lies in the user's subtrees as political officer or unit manager."""
    return policy.filter(user, "verify_deed", Deed.objects.all()).select_related("unit", "event")


def with_people(deeds: QuerySet[Deed]) -> QuerySet[Deed]:
    return deeds.prefetch_related(PARTICIPANTS)


def filter_deeds(
    deeds: QuerySet[Deed],
    *,
    unit: Unit | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    kind: str = "",
    status: str = "",
    source: str = "",
    hazard: str = "",
    event: DutyEvent | None = None,
    q: str = "",
) -> QuerySet[Deed]:
    """The list filters. The unit filter takes the unit's whole subtree, by the deed's unit or any person's unit."""
    if unit is not None:
        deeds = deeds.filter(within_any(Deed, ["unit__path", "participants__person__unit__path"], unit.path))
    if date_from:
        deeds = deeds.filter(date__gte=date_from)
    if date_to:
        deeds = deeds.filter(date__lte=date_to)
    if kind:
        deeds = deeds.filter(event__kind=kind)
    if status:
        deeds = deeds.filter(status=status)
    if source:
        deeds = deeds.filter(source=source)
    if hazard:
        deeds = deeds.filter(hazard=hazard)
    if event is not None:
        deeds = deeds.filter(event=event)
    if q := q.strip():
        named = DeedPerson.objects.filter(deed=OuterRef("pk")).filter(
            Q(person__name__icontains=q) | Q(person__badge_number__istartswith=q)
        )
        deeds = deeds.filter(Q(title__icontains=q) | Exists(named))
    return deeds.order_by("-date", "-id")


def events_visible_to(user) -> QuerySet[DutyEvent]:
    """Events organised by or involving a unit of the user's subtrees."""
    return policy.filter(user, "view_event", DutyEvent.objects.all()).select_related("unit")


def units_for_deed_editing(user) -> QuerySet[Unit]:
    """Units the user records deeds, events and forums for."""
    return policy.filter(user, "record_for", Unit.objects.all())


def events_editable_by(user) -> QuerySet[DutyEvent]:
    return policy.filter(user, "change_event", DutyEvent.objects.all()).select_related("unit")


def _count_of(queryset: QuerySet) -> Subquery:
    return Subquery(queryset.order_by().values("event").annotate(n=Count("pk")).values("n"))


def annotate_event_counts(events: QuerySet[DutyEvent]) -> QuerySet[DutyEvent]:
    """Each count in a subquery of its own: two joined counts multiply (a roster of 2,000 times 2,000 deeds is four
    million rows for one event, 0.9 s for a page of six events at 20,000 people)."""
    roster = RosterEntry.objects.filter(event=OuterRef("pk"))
    return events.annotate(
        roster_size=Coalesce(_count_of(roster), 0),
        deed_count=Coalesce(_count_of(Deed.objects.filter(event=OuterRef("pk"))), 0),
        has_roster=Exists(roster),
    ).prefetch_related("units")


def roster_of(event: DutyEvent) -> QuerySet[RosterEntry]:
    return event.roster.select_related("person__unit").order_by("person__unit__path", "person__name_pinyin")


def forums_visible_to(user) -> QuerySet[Forum]:
    return policy.filter(user, "view_forum", Forum.objects.all()).select_related("unit")


def forums_editable_by(user) -> QuerySet[Forum]:
    return policy.filter(user, "change_forum", Forum.objects.all()).select_related("unit")


def feedback_of(forum: Forum) -> QuerySet[ForumFeedback]:
    return forum.feedback.select_related("deed").prefetch_related(
        Prefetch("officers", queryset=Person.objects.select_related("unit").order_by("name_pinyin"))
    )


def nominations_visible_to(user) -> QuerySet[PublicNomination]:
    """Political officers: nominations placed in their subtrees (the bureau's also those not yet placed); unit
    managers: nominations linked to an officer of their subtree."""
    return policy.filter(user, "triage_nomination", PublicNomination.objects.all()).select_related(
        "unit", "person__unit", "deed", "repeat_of"
    )


def filter_nominations(nominations: QuerySet[PublicNomination], *, status: str = "", q: str = ""):
    if status:
        nominations = nominations.filter(status=status)
    if q := q.strip():
        nominations = nominations.filter(
            Q(officer_text__icontains=q) | Q(unit_text__icontains=q) | Q(place__icontains=q) | Q(story__icontains=q)
        )
    return nominations.order_by("-created_at", "-id")


# Chinese names run two to four characters (a few minority names longer); one-character pieces would match noise.
NAME_LENGTHS = range(2, 7)


def names_in(text: str) -> set[str]:
    """Every run of 2–6 Chinese characters in the text: the candidates for a name inside a sentence."""
    runs = re.findall(r"[\u3400-\u9fff·]+", text)
    return {run[i : i + n] for run in runs for n in NAME_LENGTHS for i in range(len(run) - n + 1)}


def people_named_in(people: QuerySet[Person], text: str) -> QuerySet[Person]:
    """People whose whole name occurs in the text ("半汤派出所的李玲警官" finds 李玲): one query over a set of
    candidate names, matched on the indexed full pinyin first (org_person's name_pinyin index) and then on the
    characters, so homophones drop out."""
    candidates = names_in(text)
    if not candidates:
        return people.none()
    return people.filter(name_pinyin__in={pinyin_full(name) for name in candidates}, name__in=candidates)


def public_units() -> QuerySet[Unit]:
    """The units a citizen may pick on the public form: the bureau's public-facing names only (no classified data:
    units have none, and people are never listed)."""
    return Unit.objects.filter(
        kind__in=[UnitKind.BUREAU, UnitKind.BRIGADE, UnitKind.POLICE_STATION, UnitKind.SQUAD, UnitKind.OFFICE]
    ).order_by("path")


def deeds_of_person(person: Person) -> QuerySet[Deed]:
    """Every deed naming the person (for their timeline), proposed and verified; rejected ones are left out."""
    return (
        Deed.objects.filter(participants__person=person)
        .exclude(status=DeedStatus.REJECTED)
        .select_related("event")
        .order_by("-date", "-id")
    )


@dataclass
class DeedFigures:
    """Verified deeds of a set of units in a year: how many, per duty kind (standalone deeds under ""), per hazard,
    and the people they name."""

    year: int
    total: int = 0
    people: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    by_hazard: dict[str, int] = field(default_factory=dict)


def deed_figures(units, year: int) -> DeedFigures:
    """Figures for `reports`: verified deeds dated in `year` whose unit lies in any of `units`' subtrees. Three
    queries whatever the data."""
    units = list(units)
    condition = Q(pk__in=[])
    for unit in units:
        condition |= within("unit__path", unit.path)
    deeds = Deed.objects.filter(condition, status=DeedStatus.VERIFIED, date__year=year)
    figures = DeedFigures(year=year)
    figures.by_kind = {kind: 0 for kind in ["", *DutyEventKind.values]}
    for kind, count in deeds.values_list("event__kind").annotate(n=Count("pk")).order_by():
        figures.by_kind[kind or ""] = count
    figures.by_hazard = {level: 0 for level in HazardLevel.values}
    for hazard, count in deeds.values_list("hazard").annotate(n=Count("pk")).order_by():
        figures.by_hazard[hazard] = count
    figures.total = sum(figures.by_hazard.values())
    figures.people = DeedPerson.objects.filter(deed__in=deeds).values("person").distinct().count()
    return figures
