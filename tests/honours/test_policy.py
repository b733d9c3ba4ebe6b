"""The honours policy (honours.rules): role × unit × state → allowed, the same for a page, a list and a service."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from qunying.core.roles import Role
from qunying.honours import services
from qunying.honours.enums import HonourStatus
from qunying.honours.models import Honour
from qunying.honours.rules import policy
from tests.factories import HonourFactory


@pytest.fixture
def honour(people, issuers):
    return HonourFactory(person=people["a"], issuer=issuers["county_police"], awarded_on=datetime.date(2022, 6, 28))


@pytest.mark.parametrize(
    ("role", "unit", "status", "allowed"),
    [
        (Role.LEADER, "bureau", HonourStatus.ACTIVE, True),
        (Role.LEADER, "station_a", HonourStatus.ACTIVE, True),
        (Role.POLITICAL_OFFICER, "bureau", HonourStatus.ACTIVE, True),
        (Role.LEADER, "bureau", HonourStatus.REVOKED, False),
        (Role.LEADER, "squad_a", HonourStatus.ACTIVE, False),  # the honour's person serves above the squad
        (Role.LEADER, "station_b", HonourStatus.ACTIVE, False),
        (Role.UNIT_MANAGER, "station_a", HonourStatus.ACTIVE, False),
        (Role.CARE_OFFICER, "bureau", HonourStatus.ACTIVE, False),
    ],
)
def test_revoke_honour_by_role_unit_and_state(honour, role_user, role, unit, status, allowed):
    Honour.objects.filter(pk=honour.pk).update(status=status, revoked_on=honour.awarded_on)
    honour.refresh_from_db()
    user = role_user(role, unit)

    assert user.has_perm("honours.revoke_honour", honour) is allowed
    assert policy.filter(user, "revoke_honour", Honour.objects.all()).exists() is allowed
    if not allowed:
        with pytest.raises(PermissionDenied):
            services.revoke_honour(
                honour,
                ground="事迹不实",
                approved_by=user,
                revoked_on=datetime.date(2023, 1, 5),
                document_number="巢公政〔2023〕1号",
                by=user,
            )


@pytest.mark.parametrize(
    ("role", "unit", "visible"),
    [
        (Role.UNIT_MANAGER, "station_a", True),
        (Role.PUBLICITY_EDITOR, "bureau", True),
        (Role.UNIT_MANAGER, "squad_a", False),
        (Role.LEADER, "station_b", False),
        (Role.MEMBER, "station_a", False),
        (Role.JUDGE, "bureau", False),
    ],
)
def test_view_honour_by_role_and_unit(honour, role_user, role, unit, visible):
    user = role_user(role, unit)

    assert user.has_perm("honours.view_honour", honour) is visible
    assert policy.filter(user, "view_honour", Honour.objects.all()).exists() is visible


@pytest.mark.parametrize(
    ("role", "unit", "person", "allowed"),
    [
        (Role.POLITICAL_OFFICER, "bureau", "b", True),
        (Role.POLITICAL_OFFICER, "station_a", "squad", True),
        (Role.POLITICAL_OFFICER, "station_a", "b", False),
        (Role.LEADER, "bureau", "a", False),
        (Role.UNIT_MANAGER, "station_a", "a", False),
    ],
)
def test_record_for_and_override_by_role_and_unit(people, role_user, role, unit, person, allowed):
    user, subject = role_user(role, unit), people[person].unit

    assert user.has_perm("honours.record_for", subject) is allowed
    assert user.has_perm("honours.override_once_per_deed", subject) is allowed


@pytest.mark.parametrize(
    ("role", "unit", "allowed"),
    [(Role.POLITICAL_OFFICER, "bureau", True), (Role.LEADER, "bureau", False), (Role.UNIT_MANAGER, "bureau", False)],
)
def test_manage_catalogue_by_role(role_user, role, unit, allowed):
    user = role_user(role, unit)

    assert user.has_perm("honours.manage_catalogue") is allowed
    if not allowed:
        with pytest.raises(PermissionDenied):
            services.create_issuer(name="某市公安局", level="city", kind="police", by=user)
