"""`qunying serve`: the web server, the background task worker and the periodic-task scheduler, in the foreground.

One server process by default (waitress, threads, inside this process: `make run`); `--workers N` runs N server
processes under gunicorn, started as a supervised child (qunying.core.serving says why gunicorn). `--no-worker` and
`--no-scheduler` leave those to `qunying db_worker` and `qunying scheduler` on other machines or in their own units.

The worker, the scheduler and gunicorn are child processes watched by a supervisor thread: one that dies (killed, out of
memory, a lost database) is logged and started again after a delay that doubles at each death, from
QUNYING_SERVE_RESTART_SECONDS up to a minute, and starts over once a child has run for a minute. SIGTERM and
SIGINT (Ctrl-C) stop the server and then every child, cleanly; a child whose supervisor died stops by itself.
"""

import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from qunying.core import serving
from qunying.core.checks import check_shared_state
from qunying.core.workers import SUPERVISOR_ENV

logger = logging.getLogger("qunying.serve")

MAX_DELAY = 60.0  # seconds between restarts, at most
HEALTHY_AFTER = 60.0  # a child that ran this long before dying is restarted after the first delay again
STOP_TIMEOUT = 15.0  # seconds a child has to finish its current task on SIGTERM before it is killed
POLL = 0.5


@dataclass
class Child:
    name: str
    argv: list[str]
    first_delay: float
    stop_timeout: float = STOP_TIMEOUT
    env: dict = field(default_factory=dict)
    process: subprocess.Popen | None = None
    started: float = 0.0
    delay: float = 0.0
    restart_at: float | None = None

    def start(self) -> None:
        # A session of its own: a Ctrl-C at the terminal reaches only this supervisor, which then asks each child
        # once to stop (a second signal would make the worker abandon its task). The child watches for our death.
        env = {**os.environ, **self.env, SUPERVISOR_ENV: str(os.getpid())}
        self.process = subprocess.Popen(self.argv, env=env, start_new_session=True)  # noqa: S603 -- our own interpreter and arguments
        # The first start is routine (debug); a restart is news (info), after the error that said why.
        level = logging.INFO if self.started else logging.DEBUG
        logger.log(level, "Started the %s (pid %s)", self.name, self.process.pid)
        self.started = time.monotonic()
        self.restart_at = None


class Supervisor:
    """Starts the children, restarts any that die (with backoff), and stops them all on request."""

    def __init__(self, children: list[Child]):
        self.children = children
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="qunying-supervisor", daemon=True)

    def start(self) -> None:
        for child in self.children:
            child.delay = child.first_delay
            child.start()
        self._thread.start()

    def _watch(self) -> None:
        while not self._stopping.wait(POLL):
            for child in self.children:
                self._check(child, time.monotonic())

    def _check(self, child: Child, now: float) -> None:
        if child.restart_at is not None:
            if now >= child.restart_at and not self._stopping.is_set():
                child.start()
            return
        code = child.process.poll()
        if code is None:
            return
        if now - child.started >= HEALTHY_AFTER:
            child.delay = child.first_delay
        logger.error(
            "The %s (pid %s) exited with code %s; restarting it in %.0f s",
            child.name,
            child.process.pid,
            code,
            child.delay,
        )
        child.restart_at = now + child.delay
        child.delay = min(child.delay * 2, MAX_DELAY)

    def stop(self) -> None:
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        running = [child for child in self.children if child.process and child.process.poll() is None]
        for child in running:
            child.process.terminate()
        started = time.monotonic()
        for child in running:
            try:
                child.process.wait(timeout=max(0.1, started + child.stop_timeout - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.process.kill()
                child.process.wait()

    def wait(self) -> None:
        """Block until Ctrl-C or SIGTERM (KeyboardInterrupt), while the watcher thread keeps the children running."""
        while True:
            time.sleep(3600)


def _raise_interrupt(signum, frame):
    # SIGTERM is handled as Ctrl-C is: waitress closes its sockets and `handle` stops the children.
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = (
        "Run the web server (waitress; gunicorn with --workers above 1), the django.tasks database worker and the "
        "scheduler; a child that dies is restarted. Ctrl-C or SIGTERM stops them all."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8, help="Threads per server process (default 8).")
        parser.add_argument(
            "--workers",
            type=int,
            default=settings.QUNYING_WEB_WORKERS,
            help="Server processes (default QUNYING_WEB_WORKERS or 1); above 1 they run under gunicorn.",
        )
        parser.add_argument(
            "--timeout", type=int, default=300, help="gunicorn: seconds before a silent server process is replaced."
        )
        parser.add_argument("--no-worker", action="store_true", help="Serve only; run `qunying db_worker` elsewhere.")
        parser.add_argument(
            "--no-scheduler", action="store_true", help="Do not run `qunying scheduler` (periodic tasks) here."
        )

    def handle(self, *args, host, port, threads, workers, timeout, no_worker, no_scheduler, **options):
        if workers < 1 or threads < 1:
            raise CommandError("--workers and --threads must be at least 1.")
        settings.QUNYING_WEB_WORKERS = workers
        for warning in check_shared_state():  # several processes without Redis: say so at start
            logger.warning("%s %s (%s)", warning.msg, warning.hint, warning.id)
        # Separate processes, so a long task never blocks a page. Schedulers on several servers are safe: a periodic
        # task is claimed by one conditional UPDATE and never enqueued twice.
        first_delay = max(0.1, float(settings.QUNYING_SERVE_RESTART_SECONDS))
        children = []
        metrics_dir = None
        if workers > 1:
            # Each gunicorn worker counts its requests in a file here; /metrics adds them up (prometheus-client).
            metrics_dir = tempfile.mkdtemp(prefix="qunying-metrics-")
            argv = [sys.executable, "-m", "qunying.core.serving", "--bind", f"{host}:{port}"]
            argv += ["--workers", str(workers), "--threads", str(threads), "--timeout", str(timeout)]
            env = {serving.METRICS_DIR_ENV: metrics_dir}
            children.append(Child("web server", argv, first_delay, stop_timeout=35.0, env=env))
        if not no_worker:
            argv = [sys.executable, "-m", "qunying", "db_worker", "--interval", "1", "--no-reload"]
            children.append(Child("task worker", argv, first_delay))
        if not no_scheduler:
            children.append(Child("scheduler", [sys.executable, "-m", "qunying", "scheduler"], first_delay))
        supervisor = Supervisor(children)
        # Both set here: a shell starting us in the background hands SIGINT down as ignored.
        signal.signal(signal.SIGTERM, _raise_interrupt)
        signal.signal(signal.SIGINT, _raise_interrupt)
        try:
            if workers == 1:
                from waitress.server import create_server

                from qunying.wsgi import application  # builds the app only in the serving process

                serving.prepare(application)
                server = create_server(application, host=host, port=port, threads=threads, ident="qunying")
                supervisor.start()
                self.stdout.write(f"群英 Qunying：http://{host}:{port}/  （按 Ctrl-C 退出）")
                server.run()
            else:
                supervisor.start()
                self.stdout.write(f"群英 Qunying：http://{host}:{port}/  （{workers} 个服务进程；按 Ctrl-C 退出）")
                supervisor.wait()
        except KeyboardInterrupt:
            pass
        finally:
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, signal.SIG_IGN)  # a second signal must not cut the clean stop short
            supervisor.stop()
            if metrics_dir:
                shutil.rmtree(metrics_dir, ignore_errors=True)
