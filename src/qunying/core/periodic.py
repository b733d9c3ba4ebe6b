"""Periodic work: tasks register with `@periodic(every=...)`; `qunying scheduler` enqueues each one when it is due.

django.tasks runs what is enqueued but schedules nothing, so this module keeps the schedule. Each registered task has
a `PeriodicRun` row; a scheduler pass claims a due task with one conditional UPDATE (`last_enqueued_at` is moved
forward only if it is still older than the interval) and enqueues it in the same transaction. The database decides
who wins, so several schedulers (one per app server) never enqueue the same run twice.

    @periodic(every=timedelta(days=1))
    @task
    def purge_expired_phones() -> int: ...
"""

import datetime
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.tasks import Task
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from qunying.core.models import PeriodicRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicTask:
    name: str  # the task's dotted path: stable across restarts, unique per function
    task: Task
    every: datetime.timedelta


_registry: dict[str, PeriodicTask] = {}


def periodic(*, every: datetime.timedelta):
    """Register a django.tasks `Task` (put this decorator above `@task`) to be enqueued once per `every`."""
    if every <= datetime.timedelta(0):
        raise ValueError("A periodic task needs a positive interval.")

    def register(task: Task) -> Task:
        if not isinstance(task, Task):
            raise TypeError("@periodic goes above @task: it schedules a django.tasks Task.")
        _registry[task.module_path] = PeriodicTask(task.module_path, task, every)
        return task

    return register


def registered() -> list[PeriodicTask]:
    return sorted(_registry.values(), key=lambda entry: entry.name)


def discover() -> list[PeriodicTask]:
    """Import every app's tasks module, so their `@periodic` registrations run."""
    autodiscover_modules("tasks")
    return registered()


def claim(entry: PeriodicTask, *, now: datetime.datetime) -> bool:
    """Move the task's last run to `now` if it is due; True for the one caller whose UPDATE changed the row."""
    try:
        with transaction.atomic():
            PeriodicRun.objects.get_or_create(name=entry.name)
    except IntegrityError:  # another scheduler created the row at the same moment: it exists now either way
        pass
    due = Q(last_enqueued_at__isnull=True) | Q(last_enqueued_at__lte=now - entry.every)
    return bool(PeriodicRun.objects.filter(due, name=entry.name).update(last_enqueued_at=now, updated_at=now))


def run_due(*, now: datetime.datetime | None = None) -> list[str]:
    """One scheduler pass: enqueue every task that is due; returns the names enqueued."""
    now = now or timezone.now()
    enqueued = []
    for entry in registered():
        try:
            # Claim and enqueue together: if the enqueue fails, the claim is taken back and the next pass retries.
            with transaction.atomic():
                if not claim(entry, now=now):
                    continue
                entry.task.enqueue()
        except Exception:
            logger.exception("Could not enqueue the periodic task %s", entry.name)
            continue
        enqueued.append(entry.name)
    return enqueued
