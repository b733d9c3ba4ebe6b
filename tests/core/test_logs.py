"""The server log (issue 19 item 17, issue 22 item 6): one line per request problem and no traceback for an ordinary
403 or 404, a 500 with its traceback, periodic-task lines at debug level, and JSON lines with QUNYING_LOG_FORMAT=json.
Read from the very handler settings.LOGGING installed, so the configuration itself is what is tested."""

import io
import json
import logging

import pytest
from django.urls import path

from qunying.core import periodic
from qunying.core.logs import JsonFormatter


def broken_view(request):
    raise RuntimeError("the database went away")


urlpatterns = [path("broken/", broken_view)]


@pytest.fixture
def server_log():
    """What the stdout handler writes, while the test runs."""
    (handler,) = [h for h in logging.getLogger().handlers if h.get_name() == "console"]
    buffer = io.StringIO()
    # Swapped without setStream(), which flushes the old stream: pytest may have closed the stdout it was built with.
    with handler.lock:
        previous, handler.stream = handler.stream, buffer
    yield buffer
    with handler.lock:
        handler.stream = previous


@pytest.fixture
def json_log(server_log):
    (handler,) = [h for h in logging.getLogger().handlers if h.get_name() == "console"]
    formatter = handler.formatter
    handler.setFormatter(JsonFormatter())
    yield server_log
    handler.setFormatter(formatter)


def lines(buffer) -> list[str]:
    return [line for line in buffer.getvalue().splitlines() if line.strip()]


def test_a_404_is_one_line_without_traceback(client, db, server_log):
    assert client.get("/no-such-page/").status_code == 404
    assert lines(server_log) == [lines(server_log)[0]]
    assert "WARNING django.request: Not Found: /no-such-page/" in lines(server_log)[0]


def test_a_403_is_one_line_without_traceback(client, role_user, server_log):
    client.force_login(role_user("member", "station_a"))
    assert client.get("/audit/").status_code == 403  # PermissionDenied: Django attaches its traceback
    (line,) = lines(server_log)
    assert "WARNING django.request: Forbidden (Permission denied): /audit/" in line


def test_a_500_keeps_its_traceback(client, db, settings, server_log):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    assert client.get("/broken/").status_code == 500
    text = server_log.getvalue()
    assert "ERROR django.request: Internal Server Error: /broken/" in text
    assert "Traceback (most recent call last)" in text and "RuntimeError: the database went away" in text


def test_json_lines_carry_the_request_and_the_traceback_in_one_line(client, db, settings, json_log):
    client.get("/no-such-page/")
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    client.get("/broken/")

    entries = [json.loads(line) for line in lines(json_log)]  # every line is one JSON object
    missing, error = entries
    assert error["level"] == "ERROR" and error["logger"] == "django.request" and error["status_code"] == 500
    assert error["path"] == "/broken/" and error["method"] == "GET"
    assert "RuntimeError: the database went away" in error["exc_info"]
    assert missing["status_code"] == 404 and "exc_info" not in missing


def test_periodic_task_lines_are_debug_lines_unless_the_task_failed(server_log):
    tasks = logging.getLogger("django.tasks")
    regular = "qunying.org.tasks.commit_roster_import"
    periodic_path = next(iter(periodic.discover())).name

    tasks.info("Task id=%s path=%s state=%s", "1", periodic_path, "RUNNING")
    tasks.info("Task id=%s path=%s state=%s", "1", periodic_path, "SUCCESSFUL")
    tasks.info("Task id=%s path=%s state=%s", "2", regular, "RUNNING")
    tasks.error("Task id=%s path=%s state=%s", "3", periodic_path, "FAILED")

    logged = lines(server_log)
    assert len(logged) == 2
    assert f"INFO django.tasks: Task id=2 path={regular}" in logged[0]
    assert f"ERROR django.tasks: Task id=3 path={periodic_path} state=FAILED" in logged[1]
