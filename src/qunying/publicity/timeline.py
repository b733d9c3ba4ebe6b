"""Stories on a person's timeline: published stories featuring them."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.org.timeline import TimelineEvent
from qunying.publicity.enums import StoryStatus
from qunying.publicity.models import MediaPlacement, OutreachEvent, Story


def stories_of(person) -> Iterable[TimelineEvent]:
    stories = Story.objects.filter(featured__person=person, status=StoryStatus.PUBLISHED).order_by("published_at")
    for story in stories:
        yield TimelineEvent(
            timezone.localtime(story.published_at).date(),
            _("Story published: %(title)s") % {"title": story.title},
            icon="newspaper",
            url=reverse("publicity:story_detail", args=[story.pk]),
        )


def placements_of(person) -> Iterable[TimelineEvent]:
    for placement in MediaPlacement.objects.filter(people=person).order_by("date", "pk"):
        yield TimelineEvent(
            placement.date,
            _("In the media: %(outlet)s · %(title)s") % {"outlet": placement.outlet, "title": placement.title},
            detail=placement.get_channel_display(),
            icon="broadcast",
            url=reverse("publicity:placement_list"),
        )


def events_of(person) -> Iterable[TimelineEvent]:
    for event in OutreachEvent.objects.filter(speakers=person).order_by("date", "pk"):
        yield TimelineEvent(
            event.date,
            _("Spoke at %(kind)s: %(title)s") % {"kind": event.get_kind_display(), "title": event.title},
            detail=event.place,
            icon="mic",
            url=reverse("publicity:event_list"),
        )
