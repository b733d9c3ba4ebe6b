"""Stories on a person's timeline: published stories featuring them."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.org.timeline import TimelineEvent
from qunying.publicity.enums import StoryStatus
from qunying.publicity.models import Story


def stories_of(person) -> Iterable[TimelineEvent]:
    stories = Story.objects.filter(featured__person=person, status=StoryStatus.PUBLISHED).order_by("published_at")
    for story in stories:
        yield TimelineEvent(
            timezone.localtime(story.published_at).date(),
            _("Story published: %(title)s") % {"title": story.title},
            icon="newspaper",
            url=reverse("publicity:story_detail", args=[story.pk]),
        )
