"""Reads of placements, events, plans and the column reading pages, mirroring publicity.rules. Every list is
set-based: related rows come with select_related / prefetch_related, never one query per row."""

from django.db.models import Prefetch, Q, QuerySet

from qunying.accounts.queries import scope_filter
from qunying.org.models import Person
from qunying.publicity.enums import StoryStatus
from qunying.publicity.models import Column, MediaPlacement, OutreachEvent, PlanItem, PublicityPlan, Story
from qunying.publicity.rules import STORY_READERS, STORY_WRITERS

PEOPLE = Person.objects.select_related("unit").only("pk", "name", "unit__name").order_by("name", "pk")


def placements_visible_to(user) -> QuerySet[MediaPlacement]:
    return (
        MediaPlacement.objects.filter(scope_filter(user, STORY_READERS))
        .select_related("unit", "story")
        .prefetch_related(Prefetch("people", queryset=PEOPLE))
        .order_by("-date", "-pk")
    )


def filter_placements(placements, *, q="", channel="", unit=None, year=None, **_ignored):
    if q:
        placements = placements.filter(Q(title__icontains=q) | Q(outlet__icontains=q) | Q(people__name=q)).distinct()
    if channel:
        placements = placements.filter(channel=channel)
    if unit is not None:
        placements = placements.filter(unit__path__startswith=unit.path)
    if year:
        placements = placements.filter(date__year=year)
    return placements


def filter_stories(stories, *, q="", status="", unit=None, year=None, column=None, **_ignored):
    if q:
        stories = stories.filter(Q(title__icontains=q) | Q(featured__person__name=q)).distinct()
    if status:
        stories = stories.filter(status=status)
    if unit is not None:
        stories = stories.filter(unit__path__startswith=unit.path)
    if year:
        stories = stories.filter(created_at__year=year)
    if column is not None:
        stories = stories.filter(columns=column)
    return stories


def events_visible_to(user) -> QuerySet[OutreachEvent]:
    return (
        OutreachEvent.objects.filter(scope_filter(user, STORY_READERS))
        .select_related("unit")
        .prefetch_related(Prefetch("speakers", queryset=PEOPLE))
        .order_by("-date", "-pk")
    )


def filter_events(events, *, q="", kind="", unit=None, year=None, **_ignored):
    if q:
        events = events.filter(Q(title__icontains=q) | Q(place__icontains=q) | Q(speakers__name=q)).distinct()
    if kind:
        events = events.filter(kind=kind)
    if unit is not None:
        events = events.filter(unit__path__startswith=unit.path)
    if year:
        events = events.filter(date__year=year)
    return events


def plans_visible_to(user) -> QuerySet[PublicityPlan]:
    return PublicityPlan.objects.filter(scope_filter(user, STORY_READERS)).select_related("unit")


def plan_items(plan: PublicityPlan) -> QuerySet[PlanItem]:
    return plan.items.select_related("placement", "event", "story").order_by("due_on", "pk")


def writable_for(user, queryset, path_field="unit__path"):
    """The part of `queryset` the user may write to (the publicity writers' scope)."""
    if getattr(user, "is_superuser", False):
        return queryset
    return queryset.filter(scope_filter(user, STORY_WRITERS, path_field=path_field))


def reading_columns() -> QuerySet[Column]:
    return Column.objects.filter(active=True).order_by("position", "name")


def column_stories(column: Column) -> QuerySet[Story]:
    """Published stories of a column for the internal reading page, newest first."""
    return (
        column.stories.filter(status=StoryStatus.PUBLISHED)
        .select_related("unit")
        .only("pk", "title", "published_at", "view_count", "unit__name", "body")
        .order_by("-published_at", "-pk")
    )


def readable_stories() -> QuerySet[Story]:
    return Story.objects.filter(status=StoryStatus.PUBLISHED).select_related("unit")
