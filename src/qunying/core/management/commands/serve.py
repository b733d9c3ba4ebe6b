"""`qunying serve`: the web server, the background task worker and the periodic-task scheduler, in the foreground."""

import subprocess
import sys

from django.core.management.base import BaseCommand
from waitress import serve

from qunying.wsgi import application


class Command(BaseCommand):
    help = "Run the web server (waitress), the django.tasks database worker and the scheduler; Ctrl-C stops them."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--no-worker", action="store_true", help="Serve only; run `qunying db_worker` elsewhere.")
        parser.add_argument(
            "--no-scheduler", action="store_true", help="Do not run `qunying scheduler` (periodic tasks) here."
        )

    def handle(self, *args, host, port, threads, no_worker, no_scheduler, **options):
        # The worker and the scheduler are separate processes so a long task never blocks a page; they share the
        # terminal, so Ctrl-C reaches all of them and each shuts down cleanly. Schedulers on several servers are safe:
        # a periodic task is claimed by one conditional UPDATE and never enqueued twice.
        helpers = []
        if not no_worker:
            helpers.append(subprocess.Popen([sys.executable, "-m", "qunying", "db_worker", "--interval", "1"]))
        if not no_scheduler:
            helpers.append(subprocess.Popen([sys.executable, "-m", "qunying", "scheduler"]))
        self.stdout.write(f"群英 Qunying: http://{host}:{port}/  (Ctrl-C 退出)")
        try:
            serve(application, host=host, port=port, threads=threads, ident="qunying")
        except KeyboardInterrupt:
            pass
        finally:
            for helper in helpers:
                helper.terminate()
            for helper in helpers:
                try:
                    helper.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    helper.kill()
