"""The SMS gateway interface and its backends, chosen by QUNYING_SMS_BACKEND: console, outbox or http.

Every backend takes our message id with each message. The http backend retries 5xx answers and timeouts, so the same
message id may reach the gateway twice if an answer was lost: gateways drop a message id they have already taken.
"""

import hashlib
import hmac
import http.client
import json
import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from qunying.org.idcard import mask_phone

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Qunying-Signature"
BACKENDS = ("console", "outbox", "http")


class SendError(Exception):
    """The gateway did not take the message."""

    permanent = False


class PermanentSendError(SendError):
    """The gateway refused the message (4xx): sending it again would be refused again."""

    permanent = True


class TemporarySendError(SendError):
    """The gateway was unreachable, slow or failing (5xx, timeouts) even after the retries."""


@dataclass(frozen=True)
class SendResult:
    reference: str = ""  # the gateway's id for the message, when it gives one


def sign(body: bytes, secret: str) -> str:
    """The signature header's value: `sha256=` and the hex HMAC-SHA256 of the raw body."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def signature_matches(body: bytes, header: str | None, secret: str) -> bool:
    # Bytes, not str: compare_digest raises on a non-ASCII str, and a header is whatever the sender put there.
    given = (header or "").strip().encode("utf-8", "replace")
    return bool(given) and hmac.compare_digest(sign(body, secret).encode("ascii"), given)


class ConsoleBackend:
    """Development: the message goes to the log with the number masked (logs are not a place for phones)."""

    name = "console"

    def send(self, *, message_id: str, phone: str, text: str) -> SendResult:
        logger.info("SMS %s to %s: %s", message_id, mask_phone(phone), text)
        return SendResult()


class OutboxBackend:
    """A row in the outbox table, for gateways behind the intranet boundary that read the database."""

    name = "outbox"

    def send(self, *, message_id: str, phone: str, text: str) -> SendResult:
        # The other backends need no model, so sms stays importable before the models load (feedback.rules reads it).
        from qunying.feedback.models import OutboxMessage  # see above

        survey_id = int(message_id.rsplit("-", 1)[-1]) if message_id.startswith("qy-survey-") else None
        message, _ = OutboxMessage.objects.get_or_create(
            message_id=message_id, defaults={"phone": phone, "text": text, "survey_id": survey_id}
        )
        return SendResult(reference=f"outbox-{message.pk}")


class HttpBackend:
    """POST {"message_id", "to", "text"} as JSON to the gateway, signed like the inbound webhook.

    5xx answers, timeouts and connection failures are retried with exponential backoff (QUNYING_SMS_RETRIES more
    attempts, waiting QUNYING_SMS_RETRY_BACKOFF seconds and doubling); 4xx answers are final and never retried."""

    name = "http"

    def __init__(self, *, url=None, secret=None, timeout=None, retries=None, backoff=None, sleep=time.sleep):
        self.url = url or settings.QUNYING_SMS_GATEWAY_URL
        if not self.url:
            raise ImproperlyConfigured("QUNYING_SMS_BACKEND=http needs QUNYING_SMS_GATEWAY_URL.")
        self.secret = secret or settings.QUNYING_SMS_GATEWAY_SECRET
        self.timeout = settings.QUNYING_SMS_TIMEOUT if timeout is None else timeout
        self.retries = settings.QUNYING_SMS_RETRIES if retries is None else retries
        self.backoff = settings.QUNYING_SMS_RETRY_BACKOFF if backoff is None else backoff
        self.sleep = sleep

    def send(self, *, message_id: str, phone: str, text: str) -> SendResult:
        body = json.dumps({"message_id": message_id, "to": phone, "text": text}, ensure_ascii=False).encode("utf-8")
        problem = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                return self._post(body)
            except urllib.error.HTTPError as error:
                if 400 <= error.code < 500:
                    raise PermanentSendError(f"HTTP {error.code}") from None
                problem = f"HTTP {error.code}"
            except (http.client.HTTPException, OSError) as error:  # timeouts, refused or reset connections
                problem = type(getattr(error, "reason", error)).__name__
            logger.warning("SMS gateway attempt %s for %s failed: %s", attempt + 1, message_id, problem)
        raise TemporarySendError(problem)

    def _post(self, body: bytes) -> SendResult:
        request = urllib.request.Request(  # noqa: S310 -- the URL is the operator's configured gateway
            self.url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json; charset=utf-8", SIGNATURE_HEADER: sign(body, self.secret)},
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
            answer = response.read(64 * 1024)
        try:
            reference = json.loads(answer or b"{}").get("id", "")
        except (ValueError, AttributeError):
            reference = ""
        return SendResult(reference=str(reference)[:100])


def get_backend():
    backend = settings.QUNYING_SMS_BACKEND
    if backend == "console":
        return ConsoleBackend()
    if backend == "outbox":
        return OutboxBackend()
    if backend == "http":
        return HttpBackend()
    raise ImproperlyConfigured(f"QUNYING_SMS_BACKEND must be one of {', '.join(BACKENDS)}, not {backend!r}.")


def simulator_enabled() -> bool:
    """The simulator page answers citizens' messages by hand: only with the console backend (development); the outbox
    backend feeds a real intranet gateway, so there citizens answer for themselves."""
    return settings.QUNYING_SMS_BACKEND == "console"
