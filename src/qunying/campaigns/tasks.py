"""Campaigns background work: open each period's campaigns and move phases on their dates, once a day."""

import datetime

from django.tasks import task
from django.utils import timezone

from qunying.campaigns import services
from qunying.core.periodic import periodic


@periodic(every=datetime.timedelta(hours=6))
@task
def open_and_advance_campaigns() -> dict:
    today = timezone.localdate()
    opened = services.open_due_campaigns(today=today)
    moved = services.advance_due_campaigns(today=today)
    return {"opened": [c.pk for c in opened], "advanced": [c.pk for c in moved]}
