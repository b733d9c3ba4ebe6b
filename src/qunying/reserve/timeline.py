"""Reserve events on a person's timeline: proposals and decisions of reserve tiers."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.org.models import Person
from qunying.org.timeline import TimelineEvent
from qunying.reserve.enums import TierChangeStatus
from qunying.reserve.models import TierChange


def reserve_events(person: Person) -> Iterable[TimelineEvent]:
    changes = TierChange.objects.filter(entry__person=person, status=TierChangeStatus.APPROVED).order_by("decided_at")
    for change in changes:
        yield TimelineEvent(
            timezone.localdate(change.decided_at),
            _("Reserve tier: %(tier)s") % {"tier": change.get_to_tier_display()},
            detail=change.reason,
            icon="stars",
            url=reverse("reserve:entry_detail", args=[change.entry_id]),
        )
