"""The inbound SMS webhook exactly as DESIGN.md states it: signed, idempotent by message id, 4xx for bad bodies,
never a 500."""

import json

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qunying.core.models import AuditEntry
from qunying.feedback.enums import Rating, SurveyStatus
from qunying.feedback.models import SurveyReply
from qunying.feedback.sms import sign
from tests.feedback.conftest import PHONE, sent_survey

URL = "/api/sms/inbound"
SECRET = "webhook-test-secret"


def message(**overrides) -> dict:
    return {
        "message_id": "gw-0001",
        "from": PHONE,
        "text": "1",
        "received_at": timezone.now().isoformat(),
        **overrides,
    }


def post(client, body, *, signature: str | None = "sign", secret: str = SECRET):
    raw = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
    headers = {}
    if signature == "sign":
        headers["X-Qunying-Signature"] = sign(raw, secret)
    elif signature is not None:
        headers["X-Qunying-Signature"] = signature
    return client.post(URL, raw, content_type="application/json", headers=headers)


@pytest.mark.parametrize(
    "signature",
    [None, "", "sha256=", "sha256=" + "0" * 64, "md5=abc", "wrong-secret"],
)
def test_a_bad_or_missing_signature_is_401_and_stores_nothing(client, db, signature):
    if signature == "wrong-secret":
        response = post(client, message(), secret="someone-else")
    else:
        response = post(client, message(), signature=signature)

    assert response.status_code == 401
    assert not SurveyReply.objects.exists()
    assert not AuditEntry.objects.filter(action="feedback.reply.received").exists()


def test_a_signed_reply_is_accepted_matched_and_counted(client, officers):
    survey = sent_survey(officers["a"])

    response = post(client, message())

    assert response.status_code == 200 and response.json() == {"status": "accepted"}
    reply = SurveyReply.objects.get()
    assert (reply.survey, reply.rating, reply.counted) == (survey, Rating.SATISFIED, True)
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.REPLIED


def test_the_same_message_id_twice_stores_one_reply_and_answers_duplicate(client, officers):
    sent_survey(officers["a"])

    first = post(client, message(text="1"))
    second = post(client, message(text="3"))

    assert [first.json(), second.json()] == [{"status": "accepted"}, {"status": "duplicate"}]
    assert SurveyReply.objects.count() == 1
    assert SurveyReply.objects.get().rating == Rating.SATISFIED


def test_the_sender_may_carry_a_country_code(client, officers):
    survey = sent_survey(officers["a"])

    post(client, message(**{"from": "+86 138-5555-6666"}))

    assert SurveyReply.objects.get().survey == survey


@pytest.mark.parametrize(
    "body",
    [
        b"not json at all",
        b"",
        b"\xff\xfe\x00garbage",
        b"[1, 2, 3]",
        b'"just a string"',
        b"{",
    ],
)
def test_garbage_bodies_are_400(client, db, body):
    response = post(client, body)

    assert response.status_code == 400
    assert not SurveyReply.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {k: v for k, v in message().items() if k != "message_id"},
        {k: v for k, v in message().items() if k != "from"},
        {k: v for k, v in message().items() if k != "text"},
        {k: v for k, v in message().items() if k != "received_at"},
        message(message_id=""),
        message(message_id=12),
        message(message_id="has space"),
        message(received_at="yesterday"),
        message(text=None),
        message(text="x" * 5000),
        {},
    ],
)
def test_missing_or_malformed_fields_are_422(client, db, body):
    response = post(client, body)

    assert response.status_code == 422
    assert not SurveyReply.objects.exists()


def test_a_one_megabyte_body_is_refused_with_a_4xx(client, db):
    body = json.dumps(message(text="1" + " " * 1_000_000)).encode()

    response = post(client, body)

    assert 400 <= response.status_code < 500
    assert not SurveyReply.objects.exists()


def test_get_is_not_allowed(client, db):
    assert client.get(URL).status_code == 405


def test_a_reply_from_an_unknown_phone_is_kept_but_belongs_to_no_survey(client, db):
    response = post(client, message(**{"from": "13900000000"}))

    assert response.json() == {"status": "accepted"}
    reply = SurveyReply.objects.get()
    assert reply.survey is None and not reply.counted


def test_the_audit_entry_holds_neither_the_phone_nor_the_text(client, officers):
    sent_survey(officers["a"])

    post(client, message(text="1 我叫张三"))

    entry = AuditEntry.objects.get(action="feedback.reply.received")
    assert PHONE not in json.dumps(entry.data, ensure_ascii=False)
    assert "张三" not in json.dumps(entry.data, ensure_ascii=False)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    message_id=st.text(min_size=1, max_size=120),
    sender=st.text(max_size=40),
    text=st.text(max_size=300),
)
def test_no_signed_body_ever_gets_a_500(client, db, message_id, sender, text):
    response = post(client, message(message_id=message_id, text=text, **{"from": sender}))

    assert response.status_code in {200, 422}


@pytest.mark.parametrize("signature", ["sha256=é", "sha256=签名", "sha256=" + "é" * 64])
def test_a_non_ascii_signature_is_401_not_500(client, db, signature):
    response = post(client, message(), signature=signature)

    assert response.status_code == 401
    assert not SurveyReply.objects.exists()
