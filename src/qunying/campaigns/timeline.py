"""Nominations and wins on a person's timeline."""

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.campaigns.enums import NominationStatus
from qunying.campaigns.models import Nomination
from qunying.org.timeline import TimelineEvent


def campaigns_of(person) -> Iterable[TimelineEvent]:
    nominations = Nomination.objects.filter(person=person).select_related("campaign", "honour").order_by("created_at")
    for nomination in nominations:
        won = nomination.status == NominationStatus.AWARDED
        title = _("Won %(campaign)s") if won else _("Nominated in %(campaign)s")
        yield TimelineEvent(
            _won_on(nomination) if won else timezone.localdate(nomination.created_at),
            title % {"campaign": nomination.campaign.title},
            detail=nomination.get_status_display(),
            icon="trophy" if won else "hand-index",
        )


def _won_on(nomination):
    """The day of the win: the honour it conferred, else the campaign's closing, else the end of its period."""
    if nomination.honour_id is not None:
        return nomination.honour.awarded_on
    if nomination.campaign.closed_at is not None:
        return timezone.localdate(nomination.campaign.closed_at)
    return nomination.campaign.period_end
