"""Reads of placements, events, plans and the column reading pages: the publicity policy's answer to "which
ones?" (publicity.rules). Every list is set-based: related rows come with select_related / prefetch_related, never
one query per row."""

from django.db.models import Prefetch, Q, QuerySet

from qunying.core.policy import within
from qunying.org.models import Person, Unit
from qunying.publicity.enums import StoryStatus
from qunying.publicity.models import Column, MediaPlacement, OutreachEvent, PlanItem, PublicityPlan, Story
from qunying.publicity.rules import policy

PEOPLE = Person.objects.select_related("unit").only("pk", "name", "unit__name").order_by("name", "pk")


def placements_visible_to(user) -> QuerySet[MediaPlacement]:
    return (
        policy.filter(user, "view_placement", MediaPlacement.objects.all())
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
        placements = placements.filter(within("unit__path", unit.path))
    if year:
        placements = placements.filter(date__year=year)
    return placements


def filter_stories(stories, *, q="", status="", unit=None, year=None, column=None, **_ignored):
    if q:
        stories = stories.filter(Q(title__icontains=q) | Q(featured__person__name=q)).distinct()
    if status:
        stories = stories.filter(status=status)
    if unit is not None:
        stories = stories.filter(within("unit__path", unit.path))
    if year:
        stories = stories.filter(created_at__year=year)
    if column is not None:
        stories = stories.filter(columns=column)
    return stories


def events_visible_to(user) -> QuerySet[OutreachEvent]:
    return (
        policy.filter(user, "view_event", OutreachEvent.objects.all())
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
        events = events.filter(within("unit__path", unit.path))
    if year:
        events = events.filter(date__year=year)
    return events


def plans_visible_to(user) -> QuerySet[PublicityPlan]:
    return policy.filter(user, "view_plan", PublicityPlan.objects.all()).select_related("unit")


def plan_items(plan: PublicityPlan) -> QuerySet[PlanItem]:
    return plan.items.select_related("plan__unit", "placement", "event", "story").order_by("due_on", "pk")


def plan_items_visible_to(user) -> QuerySet[PlanItem]:
    return policy.filter(user, "view_plan_item", PlanItem.objects.all()).select_related("plan__unit")


def open_plan_items(user, kind: str) -> QuerySet[PlanItem]:
    """Items of a kind not yet carried out, of the plans the user writes: what a new record may carry out."""
    return policy.filter(user, "match_plan_item", PlanItem.objects.filter(kind=kind)).select_related("plan__unit")


def units_written_by(user) -> QuerySet[Unit]:
    """Units the user writes stories, placements, events and plans for."""
    return policy.filter(user, "write_for", Unit.objects.all())


def reading_columns() -> QuerySet[Column]:
    """The columns in use: bureau-wide reading pages (whether the user reads them is `publicity.read_columns`)."""
    return Column.objects.filter(active=True).order_by("position", "name")


def column_stories(column: Column) -> QuerySet[Story]:
    """Published stories of a column for the internal reading page, newest first."""
    return (
        column.stories.filter(status=StoryStatus.PUBLISHED)
        .select_related("unit")
        .only("pk", "title", "published_at", "view_count", "unit__name", "body")
        .order_by("-published_at", "-pk")
    )
