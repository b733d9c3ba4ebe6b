"""`qunying serve`: the web server and the background task worker together, in the foreground."""

import subprocess
import sys

from django.core.management.base import BaseCommand
from waitress import serve

from qunying.wsgi import application


class Command(BaseCommand):
    help = "Run the web server (waitress) and the django.tasks database worker; Ctrl-C stops both."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--no-worker", action="store_true", help="Serve only; run `qunying db_worker` elsewhere.")

    def handle(self, *args, host, port, threads, no_worker, **options):
        # The worker is a separate process so a long task never blocks a page; both share the terminal, so
        # Ctrl-C reaches both and each shuts down cleanly.
        worker = (
            None if no_worker else subprocess.Popen([sys.executable, "-m", "qunying", "db_worker", "--interval", "1"])
        )
        self.stdout.write(f"群英 Qunying: http://{host}:{port}/  (Ctrl-C 退出)")
        try:
            serve(application, host=host, port=port, threads=threads, ident="qunying")
        except KeyboardInterrupt:
            pass
        finally:
            if worker is not None:
                worker.terminate()
                try:
                    worker.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    worker.kill()
