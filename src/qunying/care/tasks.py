"""Care background work: the daily eligibility run (finds the eligible, revokes lapsed bases, expires on time)."""

import datetime

from django.tasks import task

from qunying.care import services
from qunying.core.periodic import periodic


@periodic(every=datetime.timedelta(days=1))
@task
def run_eligibility() -> dict:
    result = services.run_eligibility()
    return {**result, "rules": {str(key): value for key, value in result["rules"].items()}}
