"""How `qunying serve` runs the web application.

One process (the default, and what `make run` uses): waitress, a pure-Python threaded server, inside the `serve`
process itself. It runs wherever Python runs and needs nothing else.

Several processes (`qunying serve --workers N`, N > 1): gunicorn, started by `serve` as one more child it supervises
beside the task worker and the scheduler (`python -m qunying.core.serving …`). Why gunicorn: it is the maintained
pre-fork WSGI server that Django documents for Linux; pure Python (one wheel, nothing to compile: the offline bundle
installs it on 麒麟/统信 as on Debian); its master restarts a worker that dies or hangs past the timeout; and with the
application loaded once in the master the workers share its memory. Our views are synchronous (WSGI), so an ASGI
server (uvicorn, granian) would only add a thread hop per request. Each gunicorn worker runs `--threads` threads
(gthread), as waitress does. Several processes share state only through the database and, with QUNYING_REDIS_URL,
Redis (cache, rate limits): without Redis a system check warns (qunying.core.checks).

Either way the server process warms up (every URL module imported, the login page rendered once, translations
loaded) and then freezes its heap: `gc.freeze()` moves the start-up objects (several hundred thousand) out of the
collector's sight, so a full collection no longer walks them on whichever request happens to run (issue 17). Under
gunicorn the freeze happens in the master before it forks, so the frozen objects also stay shared between the
workers instead of being copied when the collector would have touched them.
"""

import argparse
import gc
import logging
import os
import sys
import time
from pathlib import Path

logger = logging.getLogger("qunying.serve")

# Young-generation threshold raised from CPython's 2,000: a page allocates tens of thousands of short-lived objects.
# Measured on the demo's /org/people/ (200 requests, time spent in the collector): 1.3-1.6 s unfrozen with default
# thresholds, 0.44-0.60 s frozen with the defaults, 0.32-0.34 s frozen with these, 0.60-0.74 s frozen with 50,000
# (each young collection then walks too many survivors). README, "Serving in production".
GC_THRESHOLDS = (10_000, 20, 100)
METRICS_DIR_ENV = "PROMETHEUS_MULTIPROC_DIR"  # prometheus-client's own name: where each process writes its counters
WARM_UP_KEY = "qunying.warm_up"  # in the WSGI environ of the warm-up request


def warm_up(application) -> None:
    """Load what the first requests would load (URL modules and their views, templates, translations) by serving
    the login page once inside the process, then close the database connections this opened (a forked worker must
    never share its parent's connection)."""
    from django.conf import settings
    from django.db import connections
    from django.urls import get_resolver, reverse

    started = time.monotonic()
    try:
        get_resolver().url_patterns  # noqa: B018 -- imports every app's urls and views
        host = next((h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*" and "*" not in h), "127.0.0.1")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": reverse("accounts:login"),
            "QUERY_STRING": "",
            "SERVER_NAME": host,
            "SERVER_PORT": "443" if settings.QUNYING_HTTPS else "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": host,
            "HTTP_ACCEPT_LANGUAGE": settings.LANGUAGE_CODE,
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": "https" if settings.QUNYING_HTTPS else "http",
            "wsgi.input": _Empty(),
            "wsgi.errors": sys.stderr,
            "wsgi.version": (1, 0),
            "wsgi.multithread": True,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
            WARM_UP_KEY: True,  # not a visitor's request: /metrics does not count it
        }
        result = application(environ, lambda status, headers, exc_info=None: None)
        try:
            for _chunk in result:
                pass
        finally:
            getattr(result, "close", lambda: None)()
    except Exception:  # a warm-up is an optimisation: the server starts regardless
        logger.warning("The warm-up request failed; the server starts cold", exc_info=True)
    finally:
        connections.close_all()
    logger.debug("Warmed up in %.2f s", time.monotonic() - started)


class _Empty:
    def read(self, *args):
        return b""

    def readline(self, *args):
        return b""


def freeze_heap() -> None:
    """Collect once, then freeze every surviving object into the permanent generation and raise the thresholds."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    logger.debug("Froze %d objects; GC thresholds %s", gc.get_freeze_count(), GC_THRESHOLDS)


def prepare(application) -> None:
    """Warm up and freeze, unless QUNYING_GC_FREEZE=0 (kept for measuring the difference)."""
    warm_up(application)
    if os.environ.get("QUNYING_GC_FREEZE", "1").strip().lower() not in {"0", "false", "no", "off"}:
        freeze_heap()


# --- gunicorn: `python -m qunying.core.serving`, started by `qunying serve --workers N` -----------------------


def _gunicorn_application(options: dict):
    from gunicorn.app.base import BaseApplication

    class QunyingGunicorn(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            from qunying.wsgi import application  # gunicorn loads the app here, after its fork set-up

            prepare(application)
            return application

        def run(self):
            from gunicorn.arbiter import Arbiter

            from qunying.core.workers import supervisor_gone

            class SupervisedArbiter(Arbiter):
                def maybe_promote_master(self):
                    # Checked once a second by the master's loop: a gunicorn whose `qunying serve` died stops
                    # gracefully rather than serve on unwatched beside the servers a new supervisor starts.
                    if supervisor_gone():
                        self.log.error("The supervisor of this web server is gone; the web server stops.")
                        raise StopIteration
                    super().maybe_promote_master()

            SupervisedArbiter(self).run()

    return QunyingGunicorn()


def _child_exit(server, worker) -> None:
    """A gunicorn worker that exits leaves its counter files behind: mark them dead so gauges drop it."""
    if os.environ.get(METRICS_DIR_ENV):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


def gunicorn_options(*, bind: str, workers: int, threads: int, timeout: int) -> dict:
    from django.conf import settings

    return {
        "bind": [bind],
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "preload_app": True,  # loaded (and frozen) once in the master, shared by the forked workers
        "timeout": timeout,
        "graceful_timeout": 30,
        "keepalive": 5,
        "accesslog": None,
        "errorlog": "-",
        "proc_name": "qunying",
        "control_socket_disable": True,  # a per-user socket: two servers on one machine would fight over it
        "child_exit": _child_exit,
        # The proxy's addresses are QUNYING_PROXY_COUNT's business (client_ip); gunicorn only needs to trust
        # X-Forwarded-Proto from the local proxy, its default.
        "forwarded_allow_ips": "127.0.0.1,::1",
        # gunicorn's own lines (booting, a worker's timeout) through our stdout handler, in our format.
        "logconfig_dict": {
            **settings.LOGGING,
            "loggers": {
                **settings.LOGGING["loggers"],
                "gunicorn.error": {"level": "INFO", "propagate": True},
                "gunicorn.access": {"level": "WARNING", "propagate": True},
            },
        },
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m qunying.core.serving", description=__doc__.split("\n")[0])
    parser.add_argument("--bind", required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--timeout", type=int, default=300)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qunying.settings")
    metrics_dir = os.environ.get(METRICS_DIR_ENV)
    if metrics_dir:  # counters of an earlier run would be added to this one's
        for stale in Path(metrics_dir).glob("*.db"):
            stale.unlink()
    import django

    django.setup()
    options = gunicorn_options(bind=args.bind, workers=args.workers, threads=args.threads, timeout=args.timeout)
    _gunicorn_application(options).run()


if __name__ == "__main__":
    main()
