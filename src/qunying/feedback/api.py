"""Citizen ratings API: interactions from the dispatch system (token), and the SMS gateway's inbound webhook (HMAC).

The webhook is the contract in DESIGN.md: POST /api/sms/inbound with {"message_id", "from", "text", "received_at"},
signed with X-Qunying-Signature: sha256=<hex HMAC-SHA256 of the raw body with QUNYING_SMS_WEBHOOK_SECRET>. It answers
200 {"status": "accepted"} or {"status": "duplicate"}, 401 for a bad or missing signature, 400/413/422 for a body it
cannot take, and never 500: an unexpected failure is a 503, which the gateway retries.
"""

import datetime
import json
import logging
from typing import Annotated, Literal

import pydantic
from django.conf import settings
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.utils import timezone, translation
from ninja import Field, Router, Schema, Status

from qunying.accounts.api import api_token_auth
from qunying.feedback import services
from qunying.feedback.enums import InteractionKind
from qunying.feedback.importer import KIND_ALIASES
from qunying.feedback.sms import SIGNATURE_HEADER, signature_matches

logger = logging.getLogger(__name__)
router = Router(tags=["Citizen ratings"])

MAX_BODY = 64 * 1024  # an SMS webhook body is a few hundred bytes


class Message(Schema):
    detail: str | list


def kind_names() -> list[str]:
    """Every spelling the server takes for a kind: its code, its Chinese label and the dispatch systems' aliases."""
    with translation.override("zh-hans"):
        names = [*InteractionKind.values, *(str(label) for label in InteractionKind.labels), *KIND_ALIASES]
    return list(dict.fromkeys(names))


KindName = Literal[tuple(kind_names())]


class InteractionIn(Schema):
    """What the schema cannot say is checked against the database and answered 422 with a message: every badge
    number must be a person's, and the time may not lie more than an hour in the future."""

    incident_number: str = Field(
        ..., min_length=1, max_length=40, pattern=r"^[\x21-\x7e]+$", description="接警编号: the idempotency key"
    )
    kind: KindName = Field(..., description="Kind code (alarm_110, household …), its Chinese label or an alias")
    occurred_at: datetime.datetime = Field(..., description="ISO 8601; Asia/Shanghai when no offset is given")
    officers: list[Annotated[str, Field(min_length=1, max_length=20, pattern=r"^[0-9A-Za-z]+$")]] = Field(
        ..., min_length=1, max_length=10, description="Badge numbers (警号) of the officers"
    )
    phone: str = Field(
        "",
        max_length=30,
        pattern=r"^[0-9+() -]*$",
        description="Citizen's mobile number (+86 and separators allowed); a landline is accepted and not kept",
    )
    sensitive: bool = Field(False, strict=True, description="A sensitive case is never surveyed (true/false)")

    @pydantic.field_validator("occurred_at", mode="before")
    @classmethod
    def _time_as_text(cls, value):
        """As the schema says, a string: pydantic would otherwise read a number as seconds since 1970."""
        if not isinstance(value, str):
            raise ValueError("must be an ISO 8601 string")  # pydantic answers it as a 422
        return value


class InteractionOut(Schema):
    status: Literal["created", "duplicate"]
    incident_number: str
    survey_decision: str


class InboundSms(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="ignore", populate_by_name=True)

    message_id: str = pydantic.Field(..., min_length=1, max_length=100, pattern=r"^[\x21-\x7e]+$")
    sender: str = pydantic.Field(..., alias="from", min_length=3, max_length=32)
    text: str = pydantic.Field(..., max_length=2000)
    received_at: datetime.datetime


class InboundOut(Schema):
    status: Literal["accepted", "duplicate"]


@router.post(
    "/interactions",
    auth=api_token_auth,
    response={200: InteractionOut, 201: InteractionOut, 400: Message, 401: Message, 422: Message},
    summary="Record a service interaction (idempotent by incident number)",
)
def create_interaction(request, payload: InteractionIn):
    values = payload.dict()
    values["officers"] = " ".join(values["officers"])
    try:
        interaction, created = services.record_interaction_from_api(values, token=request.auth)
    except ValidationError as error:
        return Status(422, {"detail": error.messages})
    body = {
        "status": "created" if created else "duplicate",
        "incident_number": interaction.incident_number,
        "survey_decision": interaction.survey.decision,
    }
    return Status(201 if created else 200, body)


INBOUND_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": InboundSms.model_json_schema(by_alias=True)}},
    },
    "parameters": [
        {
            "in": "header",
            "name": SIGNATURE_HEADER,
            "required": True,
            "schema": {"type": "string", "pattern": "^sha256=[0-9a-f]{64}$"},
            "description": "sha256=<hex HMAC-SHA256 of the raw body with QUNYING_SMS_WEBHOOK_SECRET>",
        }
    ],
}


@router.post(
    "/sms/inbound",
    auth=None,
    response={200: InboundOut, 400: Message, 401: Message, 413: Message, 422: Message, 503: Message},
    summary="A citizen's SMS reply, from the SMS gateway",
    openapi_extra=INBOUND_BODY,
)
def sms_inbound(request):
    # The body is read raw: the signature covers its exact bytes, so it is checked before anything is parsed.
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return Status(400, {"detail": "Bad Content-Length."})
    if declared > MAX_BODY:
        return Status(413, {"detail": f"The body may be at most {MAX_BODY} bytes."})
    try:
        body = request.body
    except RequestDataTooBig:
        return Status(413, {"detail": f"The body may be at most {MAX_BODY} bytes."})
    if len(body) > MAX_BODY:
        return Status(413, {"detail": f"The body may be at most {MAX_BODY} bytes."})
    if not signature_matches(body, request.headers.get(SIGNATURE_HEADER), settings.QUNYING_SMS_WEBHOOK_SECRET):
        return Status(401, {"detail": "Missing or wrong signature."})
    try:
        data = json.loads(body)
    except ValueError:  # includes undecodable bytes
        return Status(400, {"detail": "The body is not JSON."})
    if not isinstance(data, dict):
        return Status(400, {"detail": "The body must be a JSON object."})
    try:
        message = InboundSms.model_validate(data)
    except pydantic.ValidationError as error:
        problems = [{"field": ".".join(map(str, e["loc"])), "message": e["msg"]} for e in error.errors()]
        return Status(422, {"detail": problems})
    received_at = message.received_at
    if timezone.is_naive(received_at):
        received_at = timezone.make_aware(received_at)
    try:
        _, created = services.receive_sms_reply(
            message_id=message.message_id, phone=message.sender, text=message.text, received_at=received_at
        )
    except Exception:  # the contract: never a 500; the gateway retries a 503, and the message id keeps it once
        logger.exception("Inbound SMS %s could not be recorded", message.message_id)
        return Status(503, {"detail": "Temporarily unable to record the message; please retry."})
    return Status(200, {"status": "accepted" if created else "duplicate"})
