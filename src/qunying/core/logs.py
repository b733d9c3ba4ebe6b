"""The server log: one line per event on stdout, for the bureau's log collector (JSON with QUNYING_LOG_FORMAT=json).

- An ordinary 403 or 404 is one warning line, without the Python traceback Django attaches to a PermissionDenied;
  a 500 keeps its traceback (in JSON inside the one line, under "exc_info").
- The lines the task worker writes for a periodic task (every few minutes, each run) are debug lines: the log shows
  the tasks people started, and a periodic task only when it fails.

Configured by settings.LOGGING; this module imports no model, so the logging set-up can load it early.
"""

import datetime
import json
import logging

# Attributes every LogRecord has: whatever else a record carries was passed in `extra=` and goes into the JSON line.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the request's method/path/status when Django logged a
    request problem, any `extra=` fields, and the traceback as one string."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["method"] = request.method
            entry["path"] = request.path
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in entry and key != "request":
                entry[key] = value if isinstance(value, str | int | float | bool | type(None)) else str(value)
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exc_info"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False)


class NoTracebackBelow500(logging.Filter):
    """Django logs a PermissionDenied (403) with its traceback; a refused page is an ordinary event, one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True


class PeriodicTasksAtDebug(logging.Filter):
    """The worker's "Task id=… path=… state=…" lines for periodic tasks become debug lines (failures stay errors)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING or not isinstance(record.args, tuple) or len(record.args) < 2:
            return True
        from qunying.core import periodic  # the registry is filled by the tasks modules, long after logging is set up

        if record.args[1] not in periodic._registry:
            return True
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return logging.getLogger().isEnabledFor(logging.DEBUG)


def logging_config(*, level: str, fmt: str) -> dict:
    """settings.LOGGING: everything through one stdout handler, text or JSON."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "no_traceback_below_500": {"()": NoTracebackBelow500},
            "periodic_tasks_at_debug": {"()": PeriodicTasksAtDebug},
        },
        "formatters": {
            "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
            "json": {"()": JsonFormatter},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "json" if fmt == "json" else "text",
                "filters": ["no_traceback_below_500"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "INFO"},
            "axes": {"level": "WARNING"},
            # The task worker adds a handler of its own to these when none is found: ours is found through the root.
            "django.tasks": {"filters": ["periodic_tasks_at_debug"]},
            "django_tasks_db": {},
        },
    }
