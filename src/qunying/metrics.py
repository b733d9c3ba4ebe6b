"""`/metrics`: the installation's figures in Prometheus' text format, for the bureau's monitoring.

Answered only to loopback and to QUNYING_METRICS_ALLOWED (addresses or networks); everyone else gets a 404, as for
a page that does not exist. The client's address is the one the audit log uses (QUNYING_PROXY_COUNT aware), so a
request relayed by the local nginx is judged by where it came from, not by nginx's loopback address.

Where each figure comes from, and why it is right with several processes:
- `qunying_http_requests_total` is counted in the server processes by RequestCountMiddleware. Under
  `qunying serve --workers N` (gunicorn) every worker writes its counts to files in PROMETHEUS_MULTIPROC_DIR and the
  scrape adds them up, so one scrape of a machine covers all its processes. Several machines are several scrape
  targets: Prometheus adds them (`sum by (status) (rate(qunying_http_requests_total[5m]))`).
- Everything else is read from the database at scrape time, so it is the same on every server and across processes:
  the task queue (waiting, running, failed in the last 24 hours), the SMS surveys sent and failed in the last 24
  hours, and the age of the freshest worker heartbeat. Sum those over targets and you count them twice: use max.

Project level (like qunying.api), not an app: it reads core's task tables and the feedback app's surveys.
"""

import datetime
import ipaddress
import os

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views import View
from django_tasks_db.models import DBTaskResult
from prometheus_client import CONTENT_TYPE_PLAIN_0_0_4, REGISTRY, CollectorRegistry, Counter, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from qunying.core.middleware import client_ip
from qunying.core.models import WorkerHeartbeat
from qunying.core.serving import WARM_UP_KEY
from qunying.feedback.enums import SurveyStatus
from qunying.feedback.models import Survey

METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
WINDOW = datetime.timedelta(hours=24)

REQUESTS = Counter("qunying_http_requests", "HTTP requests answered, by method and status.", ["method", "status"])


class RequestCountMiddleware:
    """Counts every answered request (first in MIDDLEWARE, so redirects and refusals are counted too)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.META.get(WARM_UP_KEY):
            return response
        method = request.method if request.method in METHODS else "other"
        REQUESTS.labels(method=method, status=str(response.status_code)).inc()
        return response


def allowed(request) -> bool:
    address = client_ip(request)
    if not address:
        return False
    ip = ipaddress.ip_address(address)
    if ip.is_loopback:
        return True
    for entry in settings.QUNYING_METRICS_ALLOWED:
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue  # a mistyped entry allows nobody
    return False


class DatabaseCollector:
    """Figures every process reads alike from the database, computed at each scrape."""

    def collect(self):
        now = timezone.now()
        since = now - WINDOW
        tasks = DBTaskResult.objects
        yield _gauge("qunying_tasks_waiting", "Tasks enqueued and not yet started (queue depth).", tasks.ready())
        yield _gauge("qunying_tasks_running", "Tasks a worker is running now.", tasks.running())
        yield _gauge(
            "qunying_tasks_failed_24h",
            "Tasks that failed (or were reaped) in the last 24 hours.",
            tasks.failed().filter(finished_at__gte=since),
        )
        sent = Survey.objects.filter(sent_at__gte=since)
        yield _gauge("qunying_sms_sent_24h", "Rating SMS handed to the gateway in the last 24 hours.", sent)
        yield _gauge(
            "qunying_sms_failed_24h",
            "Rating SMS the gateway refused for good in the last 24 hours.",
            Survey.objects.filter(status=SurveyStatus.FAILED, updated_at__gte=since),
        )
        queued = Survey.objects.filter(status=SurveyStatus.QUEUED)
        yield _gauge("qunying_sms_queued", "Rating SMS waiting to be sent.", queued)
        latest = WorkerHeartbeat.objects.order_by("-last_seen").values_list("last_seen", flat=True).first()
        workers = GaugeMetricFamily("qunying_workers", "Task worker processes that wrote a heartbeat (any age).")
        workers.add_metric([], WorkerHeartbeat.objects.count())
        yield workers
        age = GaugeMetricFamily(
            "qunying_worker_heartbeat_age_seconds",
            "Seconds since the freshest task worker heartbeat (+Inf when no worker ever reported).",
        )
        age.add_metric([], (now - latest).total_seconds() if latest else float("inf"))
        yield age


def _gauge(name: str, documentation: str, queryset) -> GaugeMetricFamily:
    gauge = GaugeMetricFamily(name, documentation)
    gauge.add_metric([], queryset.count())
    return gauge


def render() -> bytes:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        processes = CollectorRegistry()
        MultiProcessCollector(processes)
    else:
        processes = REGISTRY
    database = CollectorRegistry(auto_describe=False)
    database.register(DatabaseCollector())
    return generate_latest(processes) + generate_latest(database)


class MetricsView(View):
    def get(self, request):
        if not allowed(request):
            raise Http404
        return HttpResponse(render(), content_type=CONTENT_TYPE_PLAIN_0_0_4)  # understood by every Prometheus
