"""Discovery background work: a thin task that runs the engine for a year."""

from django.tasks import task

from qunying.accounts.models import User
from qunying.discovery import services


@task
def run_discovery(year: int, user_id: int | None = None) -> int:
    by = User.objects.filter(pk=user_id).first() if user_id else None
    return services.run_discovery(year=year, by=by).pk
