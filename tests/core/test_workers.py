"""Task workers: the heartbeat, stuck tasks (past their limit, or left by a dead worker), the reaper and the
recovery hooks it calls, in the scheduler and in the worker itself (issue 15, finding 5)."""

import datetime

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from qunying.core import workers
from qunying.core.models import WorkerHeartbeat

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
RECOVERED: list[tuple] = []


@workers.supervised(recover=lambda note: RECOVERED.append(("slow", note)))
@task
def slow(note: str) -> str:
    return note


@workers.supervised(limit=datetime.timedelta(minutes=2), recover=lambda note: RECOVERED.append(("quick", note)))
@task
def quick(note: str) -> str:
    return note


@task
def unsupervised() -> None:
    return None


@workers.supervised(recover=lambda note: RECOVERED.append(("breaks", note)))
@task
def breaks(note: str) -> None:
    raise RuntimeError(note)


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    settings.TASKS = DATABASE_TASKS
    settings.QUNYING_WORKER_STALE_SECONDS = 60
    settings.QUNYING_TASK_TIME_LIMIT_MINUTES = 30
    RECOVERED.clear()


def running(task_, *args, minutes_ago: float, worker: str = "w-1") -> DBTaskResult:
    result = DBTaskResult.objects.get(pk=task_.enqueue(*args).id)
    DBTaskResult.objects.filter(pk=result.pk).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        worker_ids=[worker],
    )
    return result


def seen(worker: str, *, seconds_ago: float) -> None:
    now = timezone.now()
    workers.beat(
        worker, started_at=now - datetime.timedelta(hours=1), now=now - datetime.timedelta(seconds=seconds_ago)
    )


def test_a_task_past_the_default_limit_is_reaped_and_recovered(db):
    seen("w-1", seconds_ago=1)
    stuck = running(slow, "import 7", minutes_ago=31)
    fine = running(slow, "import 8", minutes_ago=29)

    assert workers.reap_stuck_tasks() == [str(stuck.pk)]

    stuck.refresh_from_db()
    fine.refresh_from_db()
    assert (stuck.status, stuck.exception_class_path) == (TaskResultStatus.FAILED, workers.REAPED)
    assert stuck.finished_at is not None and "limit" in stuck.traceback
    assert fine.status == TaskResultStatus.RUNNING
    assert RECOVERED == [("slow", "import 7")]


def test_a_task_has_its_own_limit_when_it_declares_one(db):
    seen("w-1", seconds_ago=1)
    stuck = running(quick, "q", minutes_ago=3)

    assert workers.reap_stuck_tasks() == [str(stuck.pk)]
    assert RECOVERED == [("quick", "q")]


def test_a_task_whose_worker_stopped_beating_is_reaped_before_its_limit(db):
    seen("dead", seconds_ago=61)
    seen("alive", seconds_ago=1)
    orphan = running(slow, "orphan", minutes_ago=2, worker="dead")
    busy = running(slow, "busy", minutes_ago=2, worker="alive")

    assert [task.pk for task in workers.stuck_tasks()] == [orphan.pk]
    assert workers.reap_stuck_tasks() == [str(orphan.pk)]
    busy.refresh_from_db()
    assert busy.status == TaskResultStatus.RUNNING


def test_a_task_that_finished_meanwhile_keeps_its_result_and_is_not_recovered(db):
    stuck = running(slow, "done", minutes_ago=40)
    found = workers.stuck_tasks()
    DBTaskResult.objects.filter(pk=stuck.pk).update(status=TaskResultStatus.SUCCESSFUL)

    assert [task.pk for task in found] == [stuck.pk]
    assert workers.reap_stuck_tasks() == []
    assert RECOVERED == []


def test_a_stuck_task_without_a_hook_is_only_marked_failed(db):
    stuck = running(unsupervised, minutes_ago=45)

    assert workers.reap_stuck_tasks() == [str(stuck.pk)]
    stuck.refresh_from_db()
    assert stuck.status == TaskResultStatus.FAILED


def test_finished_results_older_than_a_month_are_pruned(db):
    old_done, old_failed = slow.enqueue("old"), slow.enqueue("old failure")
    recent, waiting = slow.enqueue("recent"), slow.enqueue("waiting")
    long_ago = timezone.now() - datetime.timedelta(days=31)
    DBTaskResult.objects.filter(pk=old_done.id).update(status=TaskResultStatus.SUCCESSFUL, finished_at=long_ago)
    DBTaskResult.objects.filter(pk=old_failed.id).update(status=TaskResultStatus.FAILED, finished_at=long_ago)
    DBTaskResult.objects.filter(pk=recent.id).update(status=TaskResultStatus.SUCCESSFUL, finished_at=timezone.now())

    assert workers.prune_finished_tasks() == 2
    assert {str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)} == {recent.id, waiting.id}


def test_supervised_goes_above_task_only():
    with pytest.raises(TypeError):
        workers.supervised()(lambda: None)


@pytest.mark.parametrize(
    ("rows", "state"),
    [([], "down"), ([75], "stale"), ([75, 5], "ok"), ([30], "ok")],
)
def test_worker_state_follows_the_freshest_heartbeat(db, rows, state):
    for number, seconds in enumerate(rows):
        seen(f"w-{number}", seconds_ago=seconds)

    assert workers.worker_state() == state


def test_a_beat_updates_the_workers_one_row(db):
    start = timezone.now()
    workers.beat("w-1", started_at=start, now=start)
    workers.beat("w-1", started_at=start, now=start + datetime.timedelta(seconds=10))

    row = WorkerHeartbeat.objects.get()
    assert row.last_seen == start + datetime.timedelta(seconds=10) and row.pid > 0 and row.hostname


@pytest.mark.django_db(transaction=True)  # the scheduler pass closes connections, as a long-running loop must
def test_the_scheduler_reaps_at_each_pass(caplog):
    stuck = running(slow, "from the scheduler", minutes_ago=31)

    call_command("scheduler", "--once")

    assert [r for r in caplog.records if r.levelname == "ERROR" and str(stuck.pk) in r.getMessage()]
    assert RECOVERED == [("slow", "from the scheduler")]


@pytest.mark.django_db(transaction=True)  # the heartbeat thread writes through its own connection
def test_the_worker_recovers_a_failed_task_and_leaves_no_heartbeat_when_it_stops(settings):
    # One beat before the loop, none during it: SQLite's shared in-memory test database refuses (rather than waits
    # for) a write from the heartbeat's connection while the task loop holds its exclusive transaction.
    settings.QUNYING_WORKER_HEARTBEAT_SECONDS = 30
    result = breaks.enqueue("half-way")

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--worker-id", "test-worker")

    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.FAILED
    assert RECOVERED == [("breaks", "half-way")]
    assert not WorkerHeartbeat.objects.exists()
