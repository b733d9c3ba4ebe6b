"""Task workers kept honest: a heartbeat per worker process, the health `/healthz` reports, and the reaper that
fails tasks running past their limit (or whose worker died) and hands their domain objects back for a retry.

    @supervised(limit=datetime.timedelta(minutes=30), recover=release_import)
    @task
    def commit_import(import_id: int) -> str: ...

`recover` is called with the task's own arguments whenever the task ends without finishing its work: reaped here,
or failed in the worker by an exception that escaped the service (a shutdown, a lost connection). It must be
idempotent and act only on an object still caught half-way.
"""

import datetime
import logging
import os
import signal
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.tasks import Task, TaskResultStatus, task_backends
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from qunying.core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

REAPED = "qunying.core.workers.TaskAbandoned"  # the exception path a reaped task is failed with
FORGET_AFTER = datetime.timedelta(days=1)  # rows of workers gone this long are deleted
KEEP_RESULTS = datetime.timedelta(days=30)  # finished task results older than this are pruned daily
SUPERVISOR_ENV = "QUNYING_SUPERVISOR_PID"  # set by `qunying serve` for the children it starts


class TaskAbandoned(Exception):
    """Recorded on a task the reaper failed: it ran past its limit, or its worker stopped beating."""


@dataclass(frozen=True)
class Supervision:
    limit: datetime.timedelta | None
    recover: Callable | None


_registry: dict[str, Supervision] = {}


def supervised(*, limit: datetime.timedelta | None = None, recover: Callable | None = None):
    """Give a django.tasks `Task` (put this decorator above `@task`) its own time limit and a recovery hook."""

    def register(task: Task) -> Task:
        if not isinstance(task, Task):
            raise TypeError("@supervised goes above @task: it watches a django.tasks Task.")
        _registry[task.module_path] = Supervision(limit, recover)
        return task

    return register


def heartbeat_interval() -> float:
    return max(0.2, float(settings.QUNYING_WORKER_HEARTBEAT_SECONDS))


def stale_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=float(settings.QUNYING_WORKER_STALE_SECONDS))


def limit_for(task_path: str) -> datetime.timedelta:
    supervision = _registry.get(task_path)
    if supervision and supervision.limit:
        return supervision.limit
    return datetime.timedelta(minutes=float(settings.QUNYING_TASK_TIME_LIMIT_MINUTES))


def supervisor_gone() -> bool:
    """True in a child of `qunying serve` whose supervisor died (the child was handed to another parent): it must
    stop rather than run on unwatched beside the workers a new supervisor starts."""
    supervisor = os.environ.get(SUPERVISOR_ENV)
    return bool(supervisor) and str(os.getppid()) != supervisor


def uses_database_workers() -> bool:
    """Only the database backend needs `qunying db_worker`; the immediate backend runs tasks in the request."""
    return isinstance(task_backends["default"], DatabaseBackend)


# --- Heartbeat --------------------------------------------------------------------------------------------------


def beat(worker_id: str, *, started_at: datetime.datetime, now: datetime.datetime | None = None) -> None:
    now = now or timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(last_seen=now)
    if not updated:
        WorkerHeartbeat.objects.create(
            worker_id=worker_id,
            hostname=socket.gethostname()[:255],
            pid=os.getpid(),
            started_at=started_at,
            last_seen=now,
        )


def forget(worker_id: str) -> None:
    """A worker that stops cleanly leaves no row behind: "down" then means no worker at all, not a stale one."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def worker_state(*, now: datetime.datetime | None = None) -> str:
    """ "ok" while some worker beat within the window, "stale" if workers were seen but none lately, else "down"."""
    if not uses_database_workers():
        return "ok"
    now = now or timezone.now()
    latest = WorkerHeartbeat.objects.order_by("-last_seen").values_list("last_seen", flat=True).first()
    if latest is None:
        return "down"
    return "ok" if latest >= now - stale_after() else "stale"


class Heartbeat(threading.Thread):
    """Runs in the worker process beside the task loop, so a long task does not stop the beats.

    If the task the worker is running was reaped meanwhile, the process exits: the supervisor (`qunying serve`)
    starts a fresh worker, and the abandoned work cannot commit after its objects were handed back."""

    def __init__(self, worker_id: str):
        super().__init__(name="qunying-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.current_task: str | None = None
        self._orphaned = False
        self._stop_event = threading.Event()
        self.first_beat = threading.Event()

    def task_started(self, sender=None, task_result=None, **kwargs) -> None:
        self.current_task = str(task_result.id)

    def task_finished(self, sender=None, task_result=None, **kwargs) -> None:
        self.current_task = None
        if task_result.status == TaskResultStatus.FAILED:
            recover(task_result.task.module_path, task_result.args, task_result.kwargs)

    def run(self) -> None:
        try:
            while True:
                self._beat_once()
                self.first_beat.set()
                if self._stop_event.wait(heartbeat_interval()):
                    break
            forget(self.worker_id)
        except Exception:
            logger.warning("Could not remove the heartbeat of worker %s", self.worker_id, exc_info=True)
        finally:
            connection.close()

    def _beat_once(self) -> None:
        try:
            beat(self.worker_id, started_at=self.started_at)
            WorkerHeartbeat.objects.filter(last_seen__lt=timezone.now() - FORGET_AFTER).delete()
            if supervisor_gone() and not self._orphaned:
                self._orphaned = True
                logger.error("The supervisor of worker %s is gone; the worker stops.", self.worker_id)
                os.kill(os.getpid(), signal.SIGTERM)  # the worker's own graceful stop: the current task finishes
            current = self.current_task
            if current and DBTaskResult.objects.filter(pk=current, exception_class_path=REAPED).exists():
                logger.error("Task %s was reaped while this worker ran it; the worker exits to be restarted.", current)
                os._exit(3)  # no clean-up may run: the reaped task must not reach its commit
        except Exception:
            # A busy SQLite database or a dropped connection: the next beat tries again; /healthz shows the gap.
            logger.warning("Worker %s could not write its heartbeat", self.worker_id, exc_info=True)
            connection.close()

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=10)


# --- Stuck tasks and the reaper -----------------------------------------------------------------------------------


def stuck_tasks(*, now: datetime.datetime | None = None) -> list[DBTaskResult]:
    """Running tasks past their limit, and running tasks whose worker stopped beating (killed, host lost)."""
    now = now or timezone.now()
    running = list(DBTaskResult.objects.running().only("id", "task_path", "started_at", "worker_ids", "args_kwargs"))
    if not running:
        return []
    owners = {task.worker_ids[-1] for task in running if task.worker_ids}
    seen = dict(WorkerHeartbeat.objects.filter(worker_id__in=owners).values_list("worker_id", "last_seen"))
    stale = now - stale_after()
    stuck = []
    for task in running:
        started = task.started_at or now
        owner_seen = seen.get(task.worker_ids[-1]) if task.worker_ids else None
        if started < now - limit_for(task.task_path) or (owner_seen is not None and owner_seen < stale):
            stuck.append(task)
    return stuck


def reap_stuck_tasks(*, now: datetime.datetime | None = None) -> list[str]:
    """Fail every stuck task (one conditional UPDATE each, so a task finishing meanwhile keeps its own result) and
    recover its domain objects. Returns the ids reaped. Run by every scheduler pass, not as a task: a worker stuck
    on a task could not run its own reaper."""
    now = now or timezone.now()
    reaped = []
    for task in stuck_tasks(now=now):
        note = (
            f"Reaped at {now.isoformat()}: started at {task.started_at.isoformat() if task.started_at else '?'}, "
            f"limit {limit_for(task.task_path)}, worker {task.worker_ids[-1] if task.worker_ids else '?'}."
        )
        with transaction.atomic():
            claimed = DBTaskResult.objects.filter(pk=task.pk, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                return_value=None,
                exception_class_path=REAPED,
                traceback=f"{REAPED}: {note}\n",
            )
        if not claimed:
            continue
        logger.error("Task %s (%s) %s", task.pk, task.task_path, note)
        reaped.append(str(task.pk))
        recover(task.task_path, task.args_kwargs.get("args", []), task.args_kwargs.get("kwargs", {}))
    return reaped


def recover(task_path: str, args, kwargs) -> None:
    """Call the task's recovery hook, if it has one; a failing hook is logged, never raised into the caller."""
    if task_path not in _registry:
        autodiscover_modules("tasks")  # the hook is registered when the app's tasks module is imported
    supervision = _registry.get(task_path)
    if supervision is None or supervision.recover is None:
        return
    try:
        supervision.recover(*args, **kwargs)
    except Exception:
        logger.exception("Could not recover after the task %s", task_path)


def prune_finished_tasks(*, now: datetime.datetime | None = None) -> int:
    """Delete results of tasks that finished more than KEEP_RESULTS ago; running and waiting ones are kept."""
    cutoff = (now or timezone.now()) - KEEP_RESULTS
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    return deleted
