"""Kill the worker under `qunying serve`: /healthz says so while it is gone, the supervisor starts a new one within a
minute, and SIGTERM stops everything (issue 15, finding 5). A real server on loopback with its own SQLite database."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

HEARTBEAT_ENV = {
    "QUNYING_WORKER_HEARTBEAT_SECONDS": "0.5",
    "QUNYING_WORKER_STALE_SECONDS": "3",
    # Long enough that the dead worker's heartbeat goes stale before its successor beats: the test sees the gap.
    "QUNYING_SERVE_RESTART_SECONDS": "6",
}
LOOPBACK = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def healthz(port: int) -> tuple[int, dict]:
    try:
        with LOOPBACK.open(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, {}


def wait_for(condition, *, timeout: float, what: str, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(
        f"timed out after {timeout:.0f} s waiting for {what}; the server said:\n{log.read_text()[-3000:]}"
    )


def children(pid: int) -> dict[int, str]:
    """The live child processes of `pid`, with their command lines (read from /proc, Linux)."""
    result = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[-1].split()
            if int(fields[1]) == pid and fields[0] != "Z":
                result[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
            continue
    return result


def worker_pid(serve_pid: int) -> int | None:
    return next((pid for pid, command in children(serve_pid).items() if " db_worker " in f"{command} "), None)


def alive(pid: int) -> bool:
    """Still running and still one of ours (a pid freed by a dead child may be reused by an unrelated process)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return status != "Z" and b"qunying" in command  # a zombie has exited: its parent has not collected it yet


@pytest.fixture(scope="module")
def environment(tmp_path_factory):
    """A migrated SQLite database of its own, shared by this module's tests (migrating takes a while)."""
    var = tmp_path_factory.mktemp("serve")
    env = {
        **os.environ,
        **HEARTBEAT_ENV,
        "DATABASE_URL": f"sqlite:///{var / 'serve.sqlite3'}",
        "QUNYING_VAR_DIR": str(var),
        "PYTHONUNBUFFERED": "1",
    }
    migrate = subprocess.run(
        [sys.executable, "-m", "qunying", "migrate", "--noinput", "-v", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert migrate.returncode == 0, migrate.stderr
    return env


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds the worker through /proc (Linux)")
def test_a_killed_worker_is_restarted_and_healthz_tells_the_truth_meanwhile(environment, tmp_path):
    port = free_port()
    log_path = tmp_path / "serve.log"
    log = log_path.open("w")
    serve = subprocess.Popen(  # noqa: S603 -- our own interpreter and console script
        [sys.executable, "-m", "qunying", "serve", "--port", str(port), "--threads", "2"],
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    started: set[int] = set()
    try:
        wait_for(
            lambda: healthz(port) == (200, {"status": "ok", "database": "ok", "worker": "ok"}),
            timeout=180,  # three Django processes starting on a busy machine
            what="/healthz ok after start",
            log=log_path,
        )
        first = worker_pid(serve.pid)
        started |= set(children(serve.pid))
        assert first is not None

        os.kill(first, signal.SIGKILL)

        _status, body = wait_for(
            lambda: (lambda answer: answer if answer[0] == 503 else None)(healthz(port)),
            timeout=30,
            what="/healthz to report the dead worker",
            log=log_path,
        )
        assert body["worker"] in {"stale", "down"} and body["status"] == "error"
        second = wait_for(
            lambda: (pid := worker_pid(serve.pid)) and pid != first and pid,
            timeout=60,
            what="a new worker",
            log=log_path,
        )
        started |= set(children(serve.pid))
        wait_for(lambda: healthz(port)[0] == 200, timeout=90, what="/healthz ok again", log=log_path)
        assert alive(second) and not alive(first)
    finally:
        started |= set(children(serve.pid))
        serve.send_signal(signal.SIGTERM)
        try:
            code = serve.wait(timeout=40)
        except subprocess.TimeoutExpired:
            serve.kill()
            code = None
        for pid in started:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        log.close()
    output = log_path.read_text()
    assert code is not None, output
    assert "exited with code -9; restarting it" in output
    assert not [pid for pid in started if alive(pid)], "children left running after SIGTERM"


ORPHAN_MAKER = """
import os, subprocess, sys
env = {**os.environ, "QUNYING_SUPERVISOR_PID": str(os.getpid())}
for command in (["db_worker", "--no-reload"], ["scheduler", "--interval", "0.5"]):
    child = subprocess.Popen(
        [sys.executable, "-m", "qunying", *command],
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    print(child.pid, flush=True)
"""


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="watches the children through /proc (Linux)")
def test_children_whose_supervisor_died_stop_by_themselves(environment):
    # A supervisor that starts a worker and a scheduler, then dies at once without stopping them.
    made = subprocess.run(  # noqa: S603 -- our own interpreter and code
        [sys.executable, "-c", ORPHAN_MAKER], env=environment, capture_output=True, text=True, timeout=60, check=True
    )
    orphans = [int(pid) for pid in made.stdout.split()]
    try:
        deadline = time.monotonic() + 150
        while time.monotonic() < deadline and any(alive(pid) for pid in orphans):
            time.sleep(0.5)
        assert not [pid for pid in orphans if alive(pid)], "children kept running without their supervisor"
    finally:
        for pid in orphans:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
