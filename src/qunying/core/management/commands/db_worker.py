"""`qunying db_worker`: django-tasks-db's worker, plus the heartbeat /healthz reads and the recovery of failed tasks."""

import os

from django.tasks.signals import task_finished, task_started
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from qunying.core.workers import Heartbeat


class Command(db_worker.Command):
    help = (
        "Run a database task worker. It writes a heartbeat every QUNYING_WORKER_HEARTBEAT_SECONDS (see /healthz) "
        "and hands the objects of a task that fails half-way back for a retry."
    )

    def handle(self, *args, **options):
        if options["reload"] and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            # With --reload this process only restarts the real worker, which beats for itself.
            return super().handle(*args, **options)
        heartbeat = Heartbeat(options["worker_id"])
        task_started.connect(heartbeat.task_started, dispatch_uid="core.heartbeat.started")
        task_finished.connect(heartbeat.task_finished, dispatch_uid="core.heartbeat.finished")
        heartbeat.start()
        # The worker shows in /healthz before it takes a task, and its first write does not race the task loop's.
        heartbeat.first_beat.wait(timeout=10)
        try:
            return super().handle(*args, **options)
        finally:
            heartbeat.stop()
