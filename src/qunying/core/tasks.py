"""Core background work: the daily check of the audit log's hash chain, the pruning of old task results and the query
planner's statistics."""

import datetime

from django.tasks import task

from qunying.core import planner, services, workers
from qunying.core.imports import tasks as import_tasks  # noqa: F401 -- registers the sheet imports' tasks
from qunying.core.periodic import periodic


@periodic(every=datetime.timedelta(days=1))
@task
def verify_audit_chain() -> dict:
    """A break is recorded as `core.audit.chain_broken` and shown to the audit administrator on the audit page."""
    report = services.check_audit_chain(by=None)
    return {"entries": report.entries, "ok": report.ok}


@periodic(every=datetime.timedelta(days=1))
@task
def prune_task_results() -> int:
    """Finished task results are kept a month: enough to look into a failure, and the stuck-task check stays cheap."""
    return workers.prune_finished_tasks()


@periodic(every=datetime.timedelta(days=1))
@task
def refresh_planner_statistics() -> bool:
    """Daily (and at the scheduler's first pass), so SQLite's planner knows how large each table has grown."""
    return planner.refresh_statistics()
