"""Revocation: the honour stays in history marked revoked, the hook flags what was derived from it — through the
service and through the page; refusals change nothing and call no callback."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.core.models import AuditEntry
from qunying.honours import services
from qunying.honours.enums import HonourStatus
from qunying.honours.models import Honour
from tests.factories import HonourFactory, UserFactory

REVOKED_ON = datetime.date(2023, 3, 15)


@pytest.fixture
def honour(people, issuers):
    return HonourFactory(
        person=people["a"],
        issuer=issuers["county_police"],
        awarded_on=datetime.date(2022, 6, 28),
        document_number="巢公政〔2022〕18号",
    )


@pytest.fixture
def revoked_calls(monkeypatch):
    """A subscriber as a later module would register it; the registry is restored after the test."""
    monkeypatch.setattr(services.honours, "_revocation_callbacks", [])
    calls = []
    services.on_honour_revoked(lambda honour: calls.append((honour.pk, honour.status)))
    return calls


def revoke(honour, *, by, approved_by=None, **overrides):
    fields = {
        "ground": "经查，该同志所报事迹与实际不符",
        "approved_by": approved_by or by,
        "revoked_on": REVOKED_ON,
        "document_number": "巢公政〔2023〕7号",
    }
    return services.revoke_honour(honour, by=by, **{**fields, **overrides})


@pytest.mark.parametrize("role", [Role.LEADER, Role.POLITICAL_OFFICER])
def test_revocation_keeps_the_honour_marks_it_and_audits_once(honour, role_user, revoked_calls, role):
    actor = role_user(role)

    revoke(honour, by=actor)

    honour.refresh_from_db()
    assert honour.status == HonourStatus.REVOKED
    assert (honour.revoked_on, honour.revocation_document_number) == (REVOKED_ON, "巢公政〔2023〕7号")
    assert honour.revocation_approved_by == actor and honour.revocation_ground == "经查，该同志所报事迹与实际不符"
    entries = AuditEntry.objects.filter(action="honours.honour.revoked", object_id=str(honour.pk))
    assert entries.count() == 1 and entries.get().actor == actor


def test_the_hook_is_called_once_with_the_revoked_honour(honour, role_user, revoked_calls):
    leader = role_user(Role.LEADER)

    revoke(honour, by=leader)
    with pytest.raises(PermissionDenied, match="已撤销"):
        revoke(honour, by=leader)

    assert revoked_calls == [(honour.pk, HonourStatus.REVOKED)]


def test_registering_a_callback_twice_calls_it_once(honour, role_user, monkeypatch):
    monkeypatch.setattr(services.honours, "_revocation_callbacks", [])
    calls = []

    def flag(revoked):
        calls.append(revoked.pk)

    services.on_honour_revoked(flag)
    services.on_honour_revoked(flag)
    revoke(honour, by=role_user(Role.LEADER))

    assert calls == [honour.pk]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ground": " "}, "ground"),
        ({"document_number": ""}, "document_number"),
        ({"revoked_on": datetime.date(2022, 1, 1)}, "revoked_on"),
        ({"revoked_on": datetime.date(2999, 1, 1)}, "revoked_on"),
    ],
)
def test_a_refused_revocation_changes_nothing_and_calls_no_callback(honour, role_user, revoked_calls, overrides, field):
    with pytest.raises(ValidationError) as refusal:
        revoke(honour, by=role_user(Role.LEADER), **overrides)

    assert field in refusal.value.message_dict
    honour.refresh_from_db()
    assert honour.status == HonourStatus.ACTIVE and honour.revoked_on is None
    assert revoked_calls == []
    assert not AuditEntry.objects.filter(action="honours.honour.revoked").exists()


def test_the_approver_must_be_a_leader_or_political_officer_over_the_honour(honour, role_user, revoked_calls):
    leader = role_user(Role.LEADER)
    for approver in (role_user(Role.UNIT_MANAGER, "station_a"), role_user(Role.LEADER, "station_b"), UserFactory()):
        with pytest.raises(ValidationError) as refusal:
            revoke(honour, by=leader, approved_by=approver)
        assert "批准人必须是对该奖励有管辖权的局领导或政工干部。" in refusal.value.message_dict["approved_by"]
    assert revoked_calls == []


@pytest.mark.parametrize(("role", "unit"), [(Role.UNIT_MANAGER, "station_a"), (Role.LEADER, "station_b")])
def test_others_may_not_revoke(honour, role_user, revoked_calls, role, unit):
    with pytest.raises(PermissionDenied):
        revoke(honour, by=role_user(role, unit), approved_by=role_user(Role.LEADER))

    assert revoked_calls == []


def test_a_failing_subscriber_undoes_the_revocation(honour, role_user, monkeypatch):
    monkeypatch.setattr(services.honours, "_revocation_callbacks", [])

    def broken(revoked):
        raise RuntimeError("care module down")

    services.on_honour_revoked(broken)
    with pytest.raises(RuntimeError):
        revoke(honour, by=role_user(Role.LEADER))

    honour.refresh_from_db()
    assert honour.status == HonourStatus.ACTIVE
    assert not AuditEntry.objects.filter(action="honours.honour.revoked").exists()


# --- the page --------------------------------------------------------------------------------------------------------


def test_a_leader_revokes_through_the_page(client, honour, role_user, revoked_calls):
    leader = role_user(Role.LEADER, full_name="王局长")
    client.force_login(leader)
    url = reverse("honours:honour_revoke", args=[honour.pk])

    fields = {
        "ground": "经查，所报事迹与实际不符",
        "approved_by": leader.pk,
        "revoked_on": "2023-03-15",
        "document_number": "巢公政〔2023〕7号",
    }

    form = client.get(url).content.decode()
    # Without JavaScript the first POST answers with a confirmation page that posts the same fields again.
    asked = client.post(url, fields).content.decode()
    unchanged = Honour.objects.get(pk=honour.pk).status
    response = client.post(url, {**fields, "confirmed": "1"})

    assert "王局长" in form and "data-confirm=" in form  # with JavaScript, the <dialog> of core/confirm.js asks
    assert "data-confirmation" in asked and "撤销这项奖励？" in asked and "不可恢复" in asked
    assert 'name="confirmed" value="1"' in asked and 'value="巢公政〔2023〕7号"' in asked
    assert unchanged == HonourStatus.ACTIVE
    assert response.url == reverse("honours:honour_detail", args=[honour.pk])
    detail = client.get(response.url).content.decode()
    assert "已撤销" in detail and "巢公政〔2023〕7号" in detail and "经查，所报事迹与实际不符" in detail
    assert revoked_calls == [(honour.pk, HonourStatus.REVOKED)]


def test_the_page_refuses_an_incomplete_revocation_with_a_message(client, honour, role_user, revoked_calls):
    leader = role_user(Role.LEADER)
    client.force_login(leader)

    response = client.post(
        reverse("honours:honour_revoke", args=[honour.pk]),
        {
            "ground": "理由",
            "approved_by": leader.pk,
            "revoked_on": "2022-01-01",
            "document_number": "巢公政〔2023〕7号",
        },
    )

    assert response.status_code == 200
    assert "撤销日期不能早于奖励日期。" in response.content.decode()
    assert "data-confirmation" not in response.content.decode()  # refused before anyone is asked to confirm
    assert Honour.objects.get(pk=honour.pk).status == HonourStatus.ACTIVE
    assert revoked_calls == []


def test_a_revoked_honour_offers_no_second_revocation(client, honour, role_user):
    leader = role_user(Role.LEADER)
    revoke(honour, by=leader)
    client.force_login(leader)

    detail = client.get(reverse("honours:honour_detail", args=[honour.pk])).content.decode()
    again = client.get(reverse("honours:honour_revoke", args=[honour.pk]))

    assert reverse("honours:honour_revoke", args=[honour.pk]) not in detail
    assert again.status_code == 403


@pytest.mark.parametrize(
    ("role", "unit", "status"),
    [
        (Role.UNIT_MANAGER, "station_a", 403),  # reads the honour, may not revoke it
        (Role.LEADER, "station_b", 404),
        (Role.MEMBER, "bureau", 404),
    ],
)
def test_the_revocation_page_is_closed_to_others(client, honour, role_user, role, unit, status):
    client.force_login(role_user(role, unit))
    url = reverse("honours:honour_revoke", args=[honour.pk])

    assert client.get(url).status_code == status
    assert client.post(url, {"ground": "x"}).status_code == status
    assert Honour.objects.get(pk=honour.pk).status == HonourStatus.ACTIVE
