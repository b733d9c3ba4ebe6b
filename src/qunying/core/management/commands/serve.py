"""`qunying serve`: the web server, the background task worker and the periodic-task scheduler, in the foreground.

The worker and the scheduler are child processes watched by a supervisor thread: one that dies (killed, out of
memory, a lost database) is logged and started again after a delay that doubles at each death, from
QUNYING_SERVE_RESTART_SECONDS up to a minute, and starts over once a child has run for a minute. SIGTERM and
SIGINT (Ctrl-C) stop the server and then every child, cleanly; a child whose supervisor died stops by itself.
"""

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.management.base import BaseCommand
from waitress import serve

from qunying.core.workers import SUPERVISOR_ENV
from qunying.wsgi import application

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
    process: subprocess.Popen | None = None
    started: float = 0.0
    delay: float = 0.0
    restart_at: float | None = None

    def start(self) -> None:
        # A session of its own: a Ctrl-C at the terminal reaches only this supervisor, which then asks each child
        # once to stop (a second signal would make the worker abandon its task). The child watches for our death.
        env = {**os.environ, SUPERVISOR_ENV: str(os.getpid())}
        self.process = subprocess.Popen(self.argv, env=env, start_new_session=True)  # noqa: S603 -- our own interpreter and arguments
        self.started = time.monotonic()
        self.restart_at = None
        logger.info("Started the %s (pid %s)", self.name, self.process.pid)


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
        running = [child.process for child in self.children if child.process and child.process.poll() is None]
        for process in running:
            process.terminate()
        deadline = time.monotonic() + STOP_TIMEOUT
        for process in running:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _raise_interrupt(signum, frame):
    # SIGTERM is handled as Ctrl-C is: waitress closes its sockets and `handle` stops the children.
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = (
        "Run the web server (waitress), the django.tasks database worker and the scheduler; a worker or scheduler "
        "that dies is restarted. Ctrl-C or SIGTERM stops them all."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument("--no-worker", action="store_true", help="Serve only; run `qunying db_worker` elsewhere.")
        parser.add_argument(
            "--no-scheduler", action="store_true", help="Do not run `qunying scheduler` (periodic tasks) here."
        )

    def handle(self, *args, host, port, threads, no_worker, no_scheduler, **options):
        # Separate processes, so a long task never blocks a page. Schedulers on several servers are safe: a periodic
        # task is claimed by one conditional UPDATE and never enqueued twice.
        first_delay = max(0.1, float(settings.QUNYING_SERVE_RESTART_SECONDS))
        children = []
        if not no_worker:
            argv = [sys.executable, "-m", "qunying", "db_worker", "--interval", "1", "--no-reload"]
            children.append(Child("task worker", argv, first_delay))
        if not no_scheduler:
            children.append(Child("scheduler", [sys.executable, "-m", "qunying", "scheduler"], first_delay))
        supervisor = Supervisor(children)
        # Both set here: a shell starting us in the background hands SIGINT down as ignored.
        signal.signal(signal.SIGTERM, _raise_interrupt)
        signal.signal(signal.SIGINT, _raise_interrupt)
        supervisor.start()
        self.stdout.write(f"群英 Qunying: http://{host}:{port}/  (Ctrl-C 退出)")
        try:
            serve(application, host=host, port=port, threads=threads, ident="qunying")
        except KeyboardInterrupt:
            pass
        finally:
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, signal.SIG_IGN)  # a second signal must not cut the clean stop short
            supervisor.stop()
