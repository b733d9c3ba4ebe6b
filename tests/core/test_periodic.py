"""Periodic tasks: the registry, one enqueue per interval whatever the number of schedulers, the command."""

import datetime
import logging
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.tasks import default_task_backend, task
from django.utils import timezone

from qunying.core import periodic
from qunying.core.models import PeriodicRun

DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
NOW = datetime.datetime(2026, 11, 28, 10, 0, tzinfo=datetime.UTC)


@task
def tick() -> str:
    return "tick"


@pytest.fixture
def registry(monkeypatch):
    """Only the test's own periodic task is registered (the apps' real ones are restored afterwards)."""
    periodic.discover()  # import the apps' tasks now: imported later, they would register into the emptied registry
    monkeypatch.setattr(periodic, "_registry", {})
    return periodic.periodic(every=datetime.timedelta(minutes=10))(tick)


@pytest.fixture
def dummy_tasks(settings):
    settings.TASKS = DUMMY
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


def enqueued(backend) -> list[str]:
    return [result.task.module_path for result in backend.results]


def test_periodic_goes_above_task_only():
    with pytest.raises(TypeError):
        periodic.periodic(every=datetime.timedelta(minutes=1))(lambda: None)
    with pytest.raises(ValueError):
        periodic.periodic(every=datetime.timedelta(0))


def test_a_due_task_is_enqueued_once_per_interval(db, registry, dummy_tasks):
    assert periodic.run_due(now=NOW) == [tick.module_path]
    assert periodic.run_due(now=NOW) == []
    assert periodic.run_due(now=NOW + datetime.timedelta(minutes=9)) == []
    assert periodic.run_due(now=NOW + datetime.timedelta(minutes=10)) == [tick.module_path]

    assert enqueued(dummy_tasks) == [tick.module_path, tick.module_path]
    assert PeriodicRun.objects.get(name=tick.module_path).last_enqueued_at == NOW + datetime.timedelta(minutes=10)


def test_two_schedulers_claiming_the_same_run_enqueue_it_once(db, registry, dummy_tasks):
    entry = periodic.registered()[0]

    first, second = periodic.claim(entry, now=NOW), periodic.claim(entry, now=NOW)

    assert (first, second) == (True, False)


@pytest.mark.django_db(transaction=True)
def test_concurrent_schedulers_never_enqueue_twice(registry, dummy_tasks):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race is exercised on PostgreSQL")
    start = threading.Barrier(4)
    results: list[list[str]] = []

    def scheduler():
        start.wait()
        try:
            names = periodic.run_due(now=NOW)
            # Task backends are per thread, like database connections: each scheduler reports its own queue.
            results.append(names + enqueued(default_task_backend))
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results, key=len) == [[], [], [], [tick.module_path, tick.module_path]]


@pytest.mark.django_db(transaction=True)  # each pass closes stale connections, as a long-running loop must
def test_scheduler_command_runs_one_pass_with_once(registry, dummy_tasks, caplog):
    caplog.set_level(logging.DEBUG, logger="qunying.core.management.commands.scheduler")
    call_command("scheduler", "--once")
    call_command("scheduler", "--once")

    assert enqueued(dummy_tasks).count(tick.module_path) == 1
    # Routine work is logged at debug level only (issue 19 item 17): the server log stays quiet about it.
    lines = [(r.levelno, r.getMessage()) for r in caplog.records if r.name.endswith("scheduler")]
    assert lines == [(logging.DEBUG, f"enqueued {tick.module_path}")]


def test_run_due_uses_the_current_time_by_default(db, registry, dummy_tasks):
    periodic.run_due()

    run = PeriodicRun.objects.get(name=tick.module_path)
    assert abs(run.last_enqueued_at - timezone.now()) < datetime.timedelta(minutes=1)
