"""Discovery background work: a thin task that runs the engine for a year, and the same run once a day for the
current year (the on-demand button stays on the suggestions page)."""

import datetime

from django.tasks import task
from django.utils import timezone

from qunying.accounts.models import User
from qunying.core.periodic import periodic
from qunying.discovery import services


@task
def run_discovery(year: int, user_id: int | None = None) -> int:
    by = User.objects.filter(pk=user_id).first() if user_id else None
    return services.run_discovery(year=year, by=by).pk


@periodic(every=datetime.timedelta(days=1))
@task
def run_discovery_daily() -> int:
    """Signals and suggestions for the current year, refreshed nightly; suggestions still wait for a human."""
    return services.run_discovery(year=timezone.localdate().year, by=None).pk
