"""Nominations and wins on a person's timeline."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from qunying.campaigns.enums import NominationStatus
from qunying.campaigns.models import Nomination
from qunying.org.timeline import TimelineEvent


def campaigns_of(person) -> Iterable[TimelineEvent]:
    nominations = Nomination.objects.filter(person=person).select_related("campaign").order_by("created_at")
    for nomination in nominations:
        won = nomination.status == NominationStatus.AWARDED
        title = _("Won %(campaign)s") if won else _("Nominated in %(campaign)s")
        yield TimelineEvent(
            nomination.campaign.period_end if won else nomination.created_at.date(),
            title % {"campaign": nomination.campaign.title},
            detail=nomination.get_status_display(),
            icon="trophy" if won else "hand-index",
        )
