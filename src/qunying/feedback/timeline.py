"""The officer's timeline: one entry per month with valid citizen replies (counts and raw rate, never a citizen)."""

import datetime
from collections.abc import Iterable

from django.utils.translation import gettext as _

from qunying.feedback.queries import officer_trend
from qunying.org.models import Person
from qunying.org.timeline import TimelineEvent, timeline_provider

SINCE = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


@timeline_provider
def monthly_ratings(person: Person) -> Iterable[TimelineEvent]:
    # No link: the profile is read by roles (publicity, care) that do not read ratings pages.
    for row in officer_trend(person, since=SINCE):
        yield TimelineEvent(
            row.month,
            _("Citizen ratings for %(year)s-%(month)02d") % {"year": row.month.year, "month": row.month.month},
            detail=_("%(replies)s valid replies, satisfaction %(rate).1f%%, %(dissatisfied)s dissatisfied")
            % {"replies": row.replies, "rate": 100 * (row.raw or 0), "dissatisfied": row.dissatisfied},
            icon="chat-square-heart",
        )
