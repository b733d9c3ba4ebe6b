"""`qunying scheduler`: enqueue periodic tasks when they are due and reap stuck tasks (a loop, or --once for cron)."""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from qunying.core import periodic, workers

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Enqueue the periodic tasks that are due (retention purges, SMS sending …) and fail the tasks running past "
        "their limit or left by a dead worker, then wait and look again. Several schedulers may run at once: a task "
        "is never enqueued twice for the same interval, nor reaped twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="One pass, then exit (for cron).")
        parser.add_argument("--interval", type=float, default=30, help="Seconds between two passes (default 30).")

    def handle(self, *args, once, interval, **options):
        entries = periodic.discover()
        if options["verbosity"] > 1:
            for entry in entries:
                self.stdout.write(f"{entry.name} every {entry.every}")
        while True:
            close_old_connections()
            for name in periodic.run_due():
                logger.debug("enqueued %s", name)  # routine, every few minutes: the log shows it at debug level
            try:
                workers.reap_stuck_tasks()  # each task reaped is logged as an error there
            except Exception:  # a busy database this pass: the next pass reaps what is still stuck
                logger.exception("Could not reap stuck tasks")
            if once:
                return
            if workers.supervisor_gone():
                logger.error("The supervisor of this scheduler is gone; the scheduler stops.")
                return
            try:
                time.sleep(interval)
            except KeyboardInterrupt:
                return
