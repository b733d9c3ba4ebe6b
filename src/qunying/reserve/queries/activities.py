"""Reads of practice activities and guidance visits: scoped to the organising or visited unit's subtree."""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from qunying.core.policy import within
from qunying.org.models import Person, Unit
from qunying.reserve.enums import EntryStatus
from qunying.reserve.models import ActivityMaterial, FollowUp, GuidanceVisit, PracticeActivity
from qunying.reserve.rules import policy


def activities_visible_to(user) -> QuerySet[PracticeActivity]:
    return policy.filter(user, "view_activities", PracticeActivity.objects.all()).select_related("unit")


def materials_visible_to(user) -> QuerySet[ActivityMaterial]:
    return ActivityMaterial.objects.filter(activity__in=activities_visible_to(user)).select_related("activity")


def units_for_activities(user) -> QuerySet[Unit]:
    """Units the user may organise activities for."""
    return policy.filter(user, "add_activity", Unit.objects.all())


def featurable_people(user) -> QuerySet[Person]:
    """People the user may feature: those of their units who are in the reserve."""
    return (
        policy.filter(user, "propose_for", Person.objects.all())
        .filter(reserve_entries__status=EntryStatus.ACTIVE)
        .select_related("unit")
        .distinct()
        .order_by("unit__path", "name_pinyin", "pk")
    )


def filter_activities(
    activities: QuerySet[PracticeActivity], *, q="", kind="", unit=None, year=None, person=None
) -> QuerySet[PracticeActivity]:
    if q:
        activities = activities.filter(Q(title__icontains=q) | Q(place__icontains=q))
    if kind:
        activities = activities.filter(kind=kind)
    if unit is not None:
        activities = activities.filter(within("unit__path", unit.path))
    if year:
        activities = activities.filter(date__year=year)
    if person is not None:
        activities = activities.filter(people=person)
    return activities.prefetch_related("people").order_by("-date", "-pk")


def visits_visible_to(user) -> QuerySet[GuidanceVisit]:
    return policy.filter(user, "view_visits", GuidanceVisit.objects.all()).select_related("unit")


def follow_ups_visible_to(user) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(visit__in=visits_visible_to(user)).select_related("visit__unit")


def annotate_follow_ups(visits: QuerySet[GuidanceVisit]) -> QuerySet[GuidanceVisit]:
    """Open and overdue follow-up items per visit, in the same query."""
    today = timezone.localdate()
    return visits.annotate(
        open_items=Count("follow_ups", filter=Q(follow_ups__done_on__isnull=True)),
        overdue_items=Count("follow_ups", filter=Q(follow_ups__done_on__isnull=True, follow_ups__due_on__lt=today)),
    )


def units_for_visits(user) -> QuerySet[Unit]:
    """Units the user may visit (the political department's scope)."""
    return policy.filter(user, "add_visit", Unit.objects.all())


def filter_visits(visits: QuerySet[GuidanceVisit], *, unit=None, year=None, overdue=False) -> QuerySet[GuidanceVisit]:
    visits = annotate_follow_ups(visits)
    if unit is not None:
        visits = visits.filter(within("unit__path", unit.path))
    if year:
        visits = visits.filter(date__year=year)
    if overdue:
        visits = visits.filter(overdue_items__gt=0)
    return visits.order_by("-date", "-pk")
