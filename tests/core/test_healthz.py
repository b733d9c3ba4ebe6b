"""The health check other tools rely on: the database, a worker whose heartbeat is fresh, and stuck tasks."""

import datetime
import json

import pytest
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from qunying.core import workers


@task
def long_job() -> None:
    return None


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.QUNYING_WORKER_STALE_SECONDS = 60


def heartbeat(seconds_ago: float = 0, worker: str = "w-1") -> None:
    when = timezone.now() - datetime.timedelta(seconds=seconds_ago)
    workers.beat(worker, started_at=when, now=when)


def test_healthz_is_ok_while_a_worker_heartbeat_is_fresh(client, db):
    heartbeat(seconds_ago=5)

    response = client.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "worker": "ok"}


def test_healthz_says_down_with_no_worker(client, db):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "error", "database": "ok", "worker": "down"}


def test_healthz_says_stale_when_the_last_heartbeat_is_too_old(client, db, settings):
    heartbeat(seconds_ago=61)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert json.loads(response.content)["worker"] == "stale"


def test_the_freshness_window_is_a_setting(client, db, settings):
    settings.QUNYING_WORKER_STALE_SECONDS = 3
    heartbeat(seconds_ago=5)

    assert json.loads(client.get("/healthz").content)["worker"] == "stale"


def test_healthz_reports_tasks_running_past_their_limit(client, db):
    heartbeat()
    result = long_job.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - datetime.timedelta(hours=2),
        worker_ids=["w-1"],
    )

    response = client.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "worker": "ok", "stuck_tasks": 1}


def test_without_database_workers_no_heartbeat_is_needed(client, db, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

    assert json.loads(client.get("/healthz").content)["worker"] == "ok"
