"""`qunying scheduler`: enqueue periodic tasks when they are due (a loop, or one pass with --once for cron)."""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from qunying.core import periodic


class Command(BaseCommand):
    help = (
        "Enqueue the periodic tasks that are due (retention purges, SMS sending …), then wait and look again. "
        "Several schedulers may run at once: a task is never enqueued twice for the same interval."
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
                self.stdout.write(f"enqueued {name}")
            if once:
                return
            try:
                time.sleep(interval)
            except KeyboardInterrupt:
                return
