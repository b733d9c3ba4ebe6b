"""Care on a person's timeline: that a welfare visit took place, nothing more (details are for care officers)."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from qunying.care.enums import VisitStatus
from qunying.care.models import WelfareVisit
from qunying.org.models import Person
from qunying.org.timeline import TimelineEvent


def care_events(person: Person) -> Iterable[TimelineEvent]:
    for visited_on in WelfareVisit.objects.filter(person=person, status=VisitStatus.DONE).values_list(
        "visited_on", flat=True
    ):
        yield TimelineEvent(visited_on, _("A welfare visit took place"), icon="heart")
