"""Several servers on one PostgreSQL and one Redis (issue 22 item 3): server A (`qunying serve --workers 2 --no-worker`,
gunicorn) and server B (`qunying serve --no-worker`, waitress), each with its scheduler, plus two task workers, all
on loopback against this test's database and a Redis database of the tests' own. Then: every periodic task is
enqueued once although two schedulers race for it; every task runs once although two workers race for it;
publishing a story on A removes the honour board B has cached; the nomination limit per address counts the posts
made to both servers; /metrics on A adds up the requests of both its processes.

PostgreSQL only: on SQLite the installation is one file on one machine, so there is nothing to scale out."""

import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from qunying.accounts.enums import Role
from qunying.core import periodic
from qunying.core.models import AuditEntry, PeriodicRun
from qunying.publicity import services
from qunying.publicity.enums import StoryStatus
from tests.core.redis import REDIS_URL, flush, redis_answers
from tests.core.test_serve import alive, children, free_port
from tests.factories import PersonFactory, user_with_role

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="several servers share one PostgreSQL database; SQLite is one file on one machine (make test runs "
        "this in its PostgreSQL pass)",
    ),
    pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds the child processes through /proc (Linux)"),
    pytest.mark.django_db(transaction=True),
]

NOMINATION_LIMIT = 3
START_TIMEOUT = 150  # seconds for six Django processes to start on a busy two-core machine
NO_PROXY = urllib.request.ProxyHandler({})


def environment(var: Path) -> dict:
    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
    )
    if database.get("PASSWORD"):
        url = url.replace("@", f":{database['PASSWORD']}@", 1)
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("QUNYING_")},
        "DATABASE_URL": url,
        "QUNYING_REDIS_URL": REDIS_URL,
        "QUNYING_VAR_DIR": str(var),
        # The same keys as this test process: sessions, encrypted names and the audit chain must agree.
        "QUNYING_SECRET_KEY": settings.SECRET_KEY,
        "QUNYING_FIELD_KEYS": settings.QUNYING_FIELD_KEYS,
        "QUNYING_BLIND_INDEX_KEY": settings.QUNYING_BLIND_INDEX_KEY,
        "QUNYING_AUDIT_KEY": settings.QUNYING_AUDIT_KEY,
        "QUNYING_2FA_ROLES": "",
        "QUNYING_NOMINATION_IP_LIMIT": str(NOMINATION_LIMIT),
        "QUNYING_WORKER_HEARTBEAT_SECONDS": "1",
        "PYTHONUNBUFFERED": "1",
    }


class Browser:
    """A visitor with cookies, on loopback only. Cookies do not depend on the port: one visitor can go to both."""

    def __init__(self, session: str = ""):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(NO_PROXY, urllib.request.HTTPCookieProcessor(self.jar))
        if session:
            self.jar.set_cookie(
                http.cookiejar.Cookie(
                    0, settings.SESSION_COOKIE_NAME, session, None, False, "127.0.0.1", False, False, "/", True,
                    False, None, False, None, None, {},
                )
            )  # fmt: skip

    def request(self, port: int, path: str, data: dict | None = None, *, csrf: str = "") -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body)
        if csrf:
            request.add_header("X-CSRFToken", csrf)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def csrf_from(self, port: int, path: str) -> str:
        """The form's token (the page also set the matching cookie in this visitor's jar)."""
        _status, page = self.request(port, path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def requests_counted(port: int) -> float:
    status, text = Browser().request(port, "/metrics")
    assert status == 200
    return sum(float(v) for v in re.findall(r"^qunying_http_requests_total\{[^}]*\} (\S+)$", text, re.M))


def descendants(pid: int) -> set[int]:
    found = set()
    for child in children(pid):
        found |= {child} | descendants(child)
    return found


def up(port: int) -> bool:
    try:
        with urllib.request.build_opener(NO_PROXY).open(f"http://127.0.0.1:{port}/accounts/login/", timeout=5) as r:
            return r.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def signed_in_session(user) -> str:
    """A session of the user written where both servers read it (the database; Redis caches it)."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


@pytest.fixture
def approved_story(tree):
    person = PersonFactory(name="陈志远", unit=tree["station_a"])
    story = services.create_story(title="城关卫士", body="正文", unit=tree["station_a"], people=[person], by=None)
    services.submit_story(story, by=None)
    for _ in range(3):
        story = services.review_story(story, decision="approve", by=None)
    for featured in story.featured.all():
        services.record_consent(featured, given_by="self", by=None)
    assert story.status == StoryStatus.APPROVED
    return story


@pytest.fixture
def redis():
    if not redis_answers():
        pytest.skip(f"no Redis answers at {REDIS_URL}")
    flush()
    yield
    flush()


def test_two_servers_two_workers_two_schedulers_share_one_database_and_redis(redis, tree, approved_story, tmp_path):
    editor = user_with_role(Role.PUBLICITY_EDITOR, tree["bureau"], password_changed_at=timezone.now())
    session = signed_in_session(editor)
    env = environment(tmp_path)
    port_a, port_b = free_port(), free_port()
    commands = {
        "server A": ["serve", "--port", str(port_a), "--workers", "2", "--threads", "2", "--no-worker"],
        "server B": ["serve", "--port", str(port_b), "--threads", "2", "--no-worker"],
        "worker 1": ["db_worker", "--interval", "0.5", "--no-reload", "--no-startup-delay"],
        "worker 2": ["db_worker", "--interval", "0.5", "--no-reload", "--no-startup-delay"],
    }
    processes, logs, spawned = {}, {}, set()
    try:
        for name, argv in commands.items():
            logs[name] = tmp_path / f"{name}.log"
            processes[name] = subprocess.Popen(  # noqa: S603 -- our own interpreter and console script
                [sys.executable, "-m", "qunying", *argv],
                env=env,
                stdout=logs[name].open("w"),
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + START_TIMEOUT
        while not (up(port_a) and up(port_b)):
            assert time.monotonic() < deadline, "servers did not start:\n" + "\n".join(
                f"--- {name}\n{log.read_text()[-2000:]}" for name, log in logs.items()
            )
            for name, process in processes.items():
                assert process.poll() is None, f"{name} exited:\n{logs[name].read_text()[-3000:]}"
            time.sleep(0.5)
        started = time.monotonic()
        for process in processes.values():
            spawned |= descendants(process.pid)
        counted_before = requests_counted(port_a)

        # The honour board, cached on B; published on A; B shows the new person at once (the version is in Redis).
        visitor, editor = Browser(), Browser(session)
        for _ in range(2):
            status, board = visitor.request(port_b, "/honours/")
            assert status == 200 and "陈志远" not in board
        path = f"/publicity/stories/{approved_story.pk}/"
        status, _page = editor.request(port_a, path, {"action": "publish"}, csrf=editor.csrf_from(port_a, path))
        assert status == 200  # the redirect to the story page, followed
        approved_story.refresh_from_db()
        assert approved_story.status == StoryStatus.PUBLISHED
        status, board = visitor.request(port_b, "/honours/")
        assert status == 200 and "陈志远" in board

        # The per-address limit of public nominations counts the posts to A and to B together (Redis).
        csrf = visitor.csrf_from(port_a, "/nominate/")
        answers = [
            visitor.request(port_a if i % 2 == 0 else port_b, "/nominate/", {"story": ""}, csrf=csrf)[0]
            for i in range(NOMINATION_LIMIT + 1)
        ]
        assert answers == [400] * NOMINATION_LIMIT + [429]  # two posts each: alone, neither server would refuse

        # Both schedulers made their first pass at start: each periodic task enqueued once; both workers take
        # tasks, and each task runs once (one claim, one run: the daily audit check wrote one entry).
        names = {entry.name for entry in periodic.discover()}
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (
            PeriodicRun.objects.filter(name__in=names, last_enqueued_at__isnull=False).count() < len(names)
            or DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists()
        ):
            time.sleep(0.5)
        results = list(DBTaskResult.objects.all())
        enqueued = [result.task_path for result in results]
        slow = {entry.name for entry in periodic.registered() if entry.every.total_seconds() > 600}
        assert slow and all(enqueued.count(name) == 1 for name in slow), sorted(enqueued)
        assert not [result for result in results if result.status in ("READY", "RUNNING")]
        assert all(len(result.worker_ids) == 1 for result in results), [r.worker_ids for r in results]
        assert AuditEntry.objects.filter(action="core.audit.chain_verified").count() == 1

        # /metrics on A: its two gunicorn processes counted together. Since the first count: that /metrics request,
        # the story page, the publish and the page it redirects to, the nomination page and two of the posts.
        assert requests_counted(port_a) - counted_before == 1 + 3 + 1 + 2
        assert time.monotonic() - started < 60
    finally:
        for process in processes.values():
            spawned |= descendants(process.pid)
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes.values():
            try:
                process.wait(timeout=45)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        left = [pid for pid in spawned if alive(pid)]
        for pid in left:
            os.kill(pid, signal.SIGKILL)
    assert not left, "processes left running after SIGTERM"
