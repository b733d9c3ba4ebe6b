"""/metrics (issue 22 item 6): Prometheus text for loopback and the configured addresses only, the request counter,
and the figures read from the database (task queue, failures, SMS, the worker heartbeat's age)."""

import datetime

import pytest
from django.tasks import task
from django.utils import timezone
from prometheus_client import REGISTRY

from qunying.core.models import WorkerHeartbeat

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@task
def noop() -> None:
    return None


def figures(body: bytes) -> dict[str, float]:
    """`name value` lines (without labels) of a Prometheus text page."""
    values = {}
    for line in body.decode().splitlines():
        if line and not line.startswith("#") and "{" not in line:
            name, value = line.rsplit(" ", 1)
            values[name] = float(value)
    return values


def test_loopback_reads_the_figures_from_the_database(client, db, settings):
    settings.TASKS = DATABASE_TASKS
    noop.enqueue()
    noop.enqueue()
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="w1", hostname="app1", pid=1, started_at=now, last_seen=now - datetime.timedelta(seconds=30)
    )

    response = client.get("/metrics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    values = figures(response.content)
    assert values["qunying_tasks_waiting"] == 2
    assert values["qunying_tasks_running"] == 0
    assert values["qunying_tasks_failed_24h"] == 0
    assert values["qunying_sms_sent_24h"] == 0 and values["qunying_sms_failed_24h"] == 0
    assert values["qunying_workers"] == 1
    assert 30 <= values["qunying_worker_heartbeat_age_seconds"] < 90


def test_no_worker_ever_seen_is_an_infinite_heartbeat_age(client, db):
    values = figures(client.get("/metrics").content)
    assert values["qunying_workers"] == 0 and values["qunying_worker_heartbeat_age_seconds"] == float("inf")


def test_every_answer_is_counted_by_method_and_status(client, db):
    def count(status: str) -> float:
        labels = {"method": "GET", "status": status}
        return REGISTRY.get_sample_value("qunying_http_requests_total", labels) or 0

    before_404, before_302 = count("404"), count("302")
    client.get("/no-such-page/")
    client.get("/org/people/")  # anonymous: sent to the login page

    assert count("404") == before_404 + 1 and count("302") == before_302 + 1
    assert 'qunying_http_requests_total{method="GET",status="404"}' in client.get("/metrics").content.decode()


@pytest.mark.parametrize(
    ("remote", "forwarded", "allowed", "proxies", "status"),
    [
        ("127.0.0.1", "", [], 0, 200),
        ("::1", "", [], 0, 200),
        ("10.20.0.5", "", [], 0, 404),  # closed to everyone else, as if there were no such page
        ("10.20.0.5", "", ["10.20.0.0/16"], 0, 200),  # a network in QUNYING_METRICS_ALLOWED
        ("10.20.0.5", "", ["10.20.0.6", "not an address"], 0, 404),
        ("127.0.0.1", "203.0.113.9", [], 1, 404),  # relayed by the local nginx: judged by the real client
        ("127.0.0.1", "127.0.0.1", [], 1, 200),  # a scraper on the proxy's machine, through the proxy
        ("127.0.0.1", "203.0.113.9", [], 0, 200),  # no proxy configured: a forged header changes nothing
    ],
)
def test_only_loopback_and_the_configured_addresses_may_read(
    client, db, settings, remote, forwarded, allowed, proxies, status
):
    settings.QUNYING_METRICS_ALLOWED = allowed
    settings.QUNYING_PROXY_COUNT = proxies
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}

    response = client.get("/metrics", REMOTE_ADDR=remote, **headers)

    assert response.status_code == status
    assert (b"qunying_tasks_waiting" in response.content) == (status == 200)
