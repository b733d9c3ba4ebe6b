"""Citizen ratings background work: thin periodic tasks that call the sending, expiry and retention services."""

import datetime

from django.tasks import task

from qunying.core.periodic import periodic
from qunying.feedback import services


@periodic(every=datetime.timedelta(minutes=1))
@task
def send_due_surveys() -> dict:
    return services.send_due_surveys()


@periodic(every=datetime.timedelta(minutes=15))
@task
def expire_surveys() -> int:
    return services.expire_surveys()


@periodic(every=datetime.timedelta(days=1))
@task
def purge_expired_phones() -> dict:
    counts = services.purge_expired_phones()
    return {**counts, "cutoff": counts["cutoff"].isoformat()}
