"""The JSON API: interactions from the dispatch system (bearer token, idempotent by incident number), the OpenAPI
document at /api/openapi.json and a docs page that loads nothing from outside."""

import json

import pytest

from qunying.accounts.enums import Role
from qunying.accounts.services import issue_api_token, revoke_api_token
from qunying.core.models import AuditEntry
from qunying.feedback.enums import SurveyDecision
from qunying.feedback.models import ServiceInteraction
from tests.test_every_page import EXTERNAL_URL


@pytest.fixture
def token(role_user):
    _, plaintext = issue_api_token(name="110接处警系统", by=role_user(Role.SYS_ADMIN))
    return plaintext


def post(client, payload, token: str | None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return client.post("/api/interactions", body, content_type="application/json", headers=headers)


def payload(**overrides):
    return {
        "incident_number": "J2026112800001",
        "kind": "alarm_110",
        "occurred_at": "2026-11-29T09:00:00+08:00",
        "officers": ["340101", "340102"],
        "phone": "13855556666",
        **overrides,
    }


def test_an_interaction_is_recorded_once_per_incident_number(client, officers, token, settings):
    settings.QUNYING_SMS_SAMPLING_MAX_AGE_HOURS = 10**6

    first = post(client, payload(), token)
    second = post(client, payload(kind="household"), token)

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json() == {
        "status": "created",
        "incident_number": "J2026112800001",
        "survey_decision": SurveyDecision.SAMPLED,
    }
    assert second.json()["status"] == "duplicate"
    interaction = ServiceInteraction.objects.get()
    assert (interaction.kind, interaction.source, interaction.officers.count()) == ("alarm_110", "api", 2)
    entry = AuditEntry.objects.get(action="feedback.interaction.recorded")
    assert entry.data["api_token"] == "110接处警系统" and "13855556666" not in str(entry.data)


def test_kinds_may_be_sent_as_their_chinese_label(client, officers, token):
    response = post(client, payload(kind="户籍业务"), token)

    assert response.status_code == 201
    assert ServiceInteraction.objects.get().kind == "household"


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"officers": ["999999"]}, "没有警号为 999999 的民警"),
        ({"occurred_at": "2099-01-01T00:00:00+08:00"}, "晚于当前时间"),
    ],
)
def test_bad_values_are_422_with_a_message_and_nothing_is_recorded(client, officers, token, overrides, expected):
    response = post(client, payload(**overrides), token)

    assert response.status_code == 422
    assert expected in " ".join(response.json()["detail"])
    assert not ServiceInteraction.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kind": "night patrol"}, "kind"),
        ({"kind": ""}, "kind"),
        ({"officers": [""]}, "officers"),
        ({"phone": "call me"}, "phone"),
        ({"occurred_at": 1764378000}, "occurred_at"),
        ({"sensitive": "yes"}, "sensitive"),
    ],
)
def test_values_the_schema_excludes_are_422_naming_the_field(client, officers, token, overrides, field):
    """The OpenAPI document says what is allowed (the kinds, badge numbers' characters, a time as ISO text): the
    server refuses exactly what it excludes (tests/test_api_contract.py checks the rest with schemathesis)."""
    response = post(client, payload(**overrides), token)

    assert response.status_code == 422
    assert field in {part for problem in response.json()["detail"] for part in problem["loc"]}
    assert not ServiceInteraction.objects.exists()


def test_the_openapi_document_states_the_constraints_and_every_status(client, db):
    document = client.get("/api/openapi.json").json()

    operation = document["paths"]["/api/interactions"]["post"]
    assert {"200", "201", "400", "401", "422"} <= set(operation["responses"])
    schema = document["components"]["schemas"]["InteractionIn"]["properties"]
    assert "alarm_110" in schema["kind"]["enum"] and "" not in schema["kind"]["enum"]
    assert schema["officers"]["items"]["minLength"] == 1 and schema["officers"]["items"]["pattern"]
    inbound = document["paths"]["/api/sms/inbound"]["post"]
    assert {"200", "400", "401", "413", "422", "503"} <= set(inbound["responses"])
    header = next(p for p in inbound["parameters"] if p["in"] == "header")
    assert header["name"] == "X-Qunying-Signature" and header["required"]


@pytest.mark.parametrize(
    "body",
    ["not json", "[]", json.dumps({"incident_number": "J1"}), json.dumps(payload(officers=[]))],
)
def test_malformed_bodies_are_4xx(client, officers, token, body):
    response = post(client, body, token)

    assert 400 <= response.status_code < 500
    assert not ServiceInteraction.objects.exists()


@pytest.mark.parametrize("case", ["missing", "unknown", "revoked"])
def test_without_a_valid_token_the_api_answers_401(client, officers, role_user, case):
    admin = role_user(Role.SYS_ADMIN)
    api_token, plaintext = issue_api_token(name="dispatch", by=admin)
    if case == "revoked":
        revoke_api_token(api_token, by=admin)
    token = {"missing": None, "unknown": "qy_" + "x" * 43, "revoked": plaintext}[case]

    response = post(client, payload(), token)

    assert response.status_code == 401
    assert not ServiceInteraction.objects.exists()


def test_a_valid_token_records_when_it_was_last_used(client, officers, role_user):
    api_token, plaintext = issue_api_token(name="dispatch", by=role_user(Role.SYS_ADMIN))

    post(client, payload(), plaintext)

    api_token.refresh_from_db()
    assert api_token.last_used_at is not None


def test_the_openapi_document_lists_both_interfaces(client, db):
    document = client.get("/api/openapi.json").json()

    assert {"/api/interactions", "/api/sms/inbound"} <= set(document["paths"])
    inbound = document["paths"]["/api/sms/inbound"]["post"]
    assert set(inbound["requestBody"]["content"]["application/json"]["schema"]["properties"]) == {
        "message_id",
        "from",
        "text",
        "received_at",
    }


def test_the_docs_page_loads_nothing_from_outside(client, db):
    response = client.get("/api/docs")

    page = response.content.decode()
    assert response.status_code == 200
    assert not EXTERNAL_URL.search(page)
    assert "/static/ninja/swagger-ui-bundle.js" in page and '"validatorUrl": null' in page
