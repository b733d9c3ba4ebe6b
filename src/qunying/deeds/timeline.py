"""The ledger's entries on a person's timeline: their deeds (proposed ones marked), public nominations linked to
them, and the forums where citizens named them. Registered from DeedsConfig.ready()."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.deeds.enums import DeedStatus, NominationStatus
from qunying.deeds.models import ForumFeedback, PublicNomination
from qunying.deeds.queries import deeds_of_person
from qunying.org.models import Person
from qunying.org.timeline import TimelineEvent


def deed_events(person: Person) -> Iterable[TimelineEvent]:
    for deed in deeds_of_person(person):
        title = (
            deed.title
            if deed.status == DeedStatus.VERIFIED
            else _("%(title)s (awaiting verification)") % {"title": deed.title}
        )
        detail = deed.event.name if deed.event_id else deed.get_source_display()
        yield TimelineEvent(
            deed.date, title, detail=detail, icon="star", url=reverse("deeds:deed_detail", kwargs={"pk": deed.pk})
        )


def nomination_events(person: Person) -> Iterable[TimelineEvent]:
    # The citizen's contact never reaches the timeline, and no link to the staff triage page (the person themself
    # sees their timeline too): only the story's opening.
    nominations = PublicNomination.objects.filter(person=person, status=NominationStatus.LINKED).only(
        "pk", "occurred_on", "created_at", "story"
    )
    for nomination in nominations:
        date = nomination.occurred_on or timezone.localtime(nomination.created_at).date()
        story = nomination.story if len(nomination.story) <= 60 else nomination.story[:60] + "…"
        yield TimelineEvent(
            date,
            _("Praised by a citizen (public nomination)"),
            detail=story,
            icon="envelope-heart",
        )


def forum_events(person: Person) -> Iterable[TimelineEvent]:
    # No link: the forum's page is for staff, and the person sees their timeline too.
    items = ForumFeedback.objects.filter(officers=person).select_related("forum")
    for item in items:
        text = item.text if len(item.text) <= 60 else item.text[:60] + "…"
        yield TimelineEvent(
            item.forum.date,
            _("Named at a police-citizen forum: %(place)s") % {"place": item.forum.place},
            detail=text,
            icon="chat-square-quote",
        )
