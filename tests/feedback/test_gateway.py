"""Sending through a real local HTTP server as the gateway: signed JSON, retries on 5xx and timeouts only, at most once
per survey even when the worker is killed in the middle of a batch."""

import _thread
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connection

from qunying.core.crypto import key_ring
from qunying.feedback.enums import SurveyStatus
from qunying.feedback.models import OutboxMessage, Survey
from qunying.feedback.services import send_due_surveys
from qunying.feedback.sms import sign
from tests.feedback.conftest import PHONE, record

SECRET = "gateway-test-secret"


class Gateway:
    """A gateway on 127.0.0.1: it records each request and answers from a script of (status, delay) steps."""

    def __init__(self):
        self.requests: list[dict] = []
        self.script: list[tuple[int, float]] = []
        self.interrupt_on: int | None = None  # the n-th request (1-based) kills the sender, as a dying worker would
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                gateway.requests.append({"body": body, "signature": self.headers.get("X-Qunying-Signature")})
                status, delay = gateway.script.pop(0) if gateway.script else (200, 0)
                if delay:
                    time.sleep(delay)
                if gateway.interrupt_on == len(gateway.requests):
                    _thread.interrupt_main()  # the gateway has the message; the sender dies before recording it
                answer = json.dumps({"id": f"gw-{len(gateway.requests)}"}).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a timeout)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sms/send"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def message_ids(self) -> list[str]:
        return [json.loads(request["body"])["message_id"] for request in self.requests]


@pytest.fixture
def gateway(settings):
    server = Gateway()
    server.thread.start()
    settings.QUNYING_SMS_BACKEND = "http"
    settings.QUNYING_SMS_GATEWAY_URL = server.url
    # Generous, so a loaded machine never turns a normal answer into a timeout; the timeout test sets its own.
    settings.QUNYING_SMS_TIMEOUT = 5
    settings.QUNYING_SMS_RETRIES = 2
    yield server
    server.server.shutdown()
    server.server.server_close()


def queued(officer, count: int) -> list[Survey]:
    for number in range(count):
        record(officer, phone=f"1380000{number:04d}")
    surveys = list(Survey.objects.filter(status=SurveyStatus.QUEUED).order_by("send_after", "pk"))
    assert len(surveys) == count
    return surveys


def statuses() -> list[str]:
    return list(Survey.objects.order_by("send_after", "pk").values_list("status", flat=True))


def test_messages_arrive_signed_with_our_message_id_the_phone_and_the_text(gateway, officers):
    surveys = queued(officers["a"], 2)

    counts = send_due_surveys()

    assert counts == {"sent": 2}
    assert gateway.message_ids() == [survey.message_id for survey in surveys]
    for request in gateway.requests:
        assert request["signature"] == sign(request["body"], SECRET)
        payload = json.loads(request["body"])
        assert payload["to"].startswith("1380000") and "回复1满意，2基本满意，3不满意" in payload["text"]
    assert set(Survey.objects.values_list("gateway_reference", flat=True)) == {"gw-1", "gw-2"}


def test_a_503_then_200_is_retried_once(gateway, officers):
    [survey] = queued(officers["a"], 1)
    gateway.script = [(503, 0), (200, 0)]

    send_due_surveys()

    assert gateway.message_ids() == [survey.message_id, survey.message_id]
    survey.refresh_from_db()
    assert (survey.status, survey.attempts) == (SurveyStatus.SENT, 1)


def test_a_timeout_is_retried(gateway, officers, settings):
    settings.QUNYING_SMS_TIMEOUT = 0.5
    [survey] = queued(officers["a"], 1)
    gateway.script = [(200, 1.0), (200, 0)]

    send_due_surveys()

    survey.refresh_from_db()
    assert survey.status == SurveyStatus.SENT
    assert len(gateway.requests) == 2


def test_a_400_is_not_retried_and_the_survey_fails(gateway, officers):
    first, second = queued(officers["a"], 2)
    gateway.script = [(400, 0)]

    send_due_surveys()

    assert gateway.message_ids() == [first.message_id, second.message_id]
    first.refresh_from_db()
    assert (first.status, first.last_error) == (SurveyStatus.FAILED, "HTTP 400")


def test_a_gateway_down_after_every_retry_leaves_the_batch_for_later(gateway, officers):
    first, _ = queued(officers["a"], 2)
    gateway.script = [(502, 0)] * 3

    counts = send_due_surveys()

    assert counts == {"retry_later": 1}
    assert len(gateway.requests) == 3  # one attempt and two retries, then the batch stops
    assert statuses() == [SurveyStatus.QUEUED, SurveyStatus.QUEUED]
    first.refresh_from_db()
    assert first.attempts == 1 and first.send_after > first.interaction.occurred_at


def test_killing_the_send_task_midway_and_running_it_again_sends_nothing_twice(gateway, officers):
    surveys = queued(officers["a"], 5)
    gateway.interrupt_on = 3

    with pytest.raises(KeyboardInterrupt):
        send_due_surveys()
    assert statuses() == [SurveyStatus.SENT, SurveyStatus.SENT, SurveyStatus.SENDING, "queued", "queued"]

    send_due_surveys()
    send_due_surveys()

    assert sorted(gateway.message_ids()) == sorted(survey.message_id for survey in surveys)
    assert statuses() == [SurveyStatus.SENT] * 2 + [SurveyStatus.SENDING] + [SurveyStatus.SENT] * 2


def test_two_workers_never_take_the_same_survey(gateway, officers):
    queued(officers["a"], 3)

    send_due_surveys()
    again = send_due_surveys()

    assert again == {}
    assert len(gateway.requests) == 3


def test_sending_is_throttled(gateway, officers, settings):
    settings.QUNYING_SMS_RATE = 2  # two a second: five messages need three one-second windows
    queued(officers["a"], 5)

    started = time.monotonic()
    send_due_surveys()

    assert time.monotonic() - started >= 1.0


def test_the_outbox_backend_writes_encrypted_rows_once(settings, officers):
    settings.QUNYING_SMS_BACKEND = "outbox"
    [survey] = queued(officers["a"], 1)

    send_due_surveys()
    send_due_surveys()

    message = OutboxMessage.objects.get()
    assert (message.message_id, message.phone, message.survey) == (survey.message_id, "13800000000", survey)
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM feedback_outboxmessage")
        [(stored,)] = cursor.fetchall()
    assert "13800000000" not in stored and key_ring().decrypt(stored) == "13800000000"


def test_a_survey_whose_phone_was_erased_is_not_sent(gateway, officers):
    interaction = record(officers["a"], phone=PHONE)
    type(interaction).objects.filter(pk=interaction.pk).update(phone="")

    send_due_surveys()

    assert gateway.requests == []
    assert Survey.objects.get().status == SurveyStatus.FAILED
