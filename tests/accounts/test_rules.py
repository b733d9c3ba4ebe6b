"""Accounts' declared policy: each of the 三员 holds only their own actions; roles are granted and revoked inside the
security administrator's subtree, and the page, the list and the service answer alike."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from qunying.accounts import services
from qunying.accounts.models import RoleAssignment
from qunying.accounts.queries import (
    accounts_for_second_factor_reset,
    role_assignments_visible_to,
    units_for_role_grants,
    users_visible_to,
)
from qunying.core.roles import Role
from tests.factories import UserFactory

HOLDERS = {
    "manage_users": {Role.SYS_ADMIN},
    "manage_api_tokens": {Role.SYS_ADMIN},
    "view_accounts": {Role.SYS_ADMIN, Role.SECURITY_ADMIN},
    "manage_roles": {Role.SECURITY_ADMIN},
    "grant_role_in": {Role.SECURITY_ADMIN},
    "revoke_role": {Role.SECURITY_ADMIN},
    "reset_second_factor": {Role.SECURITY_ADMIN},
}

# Position of the target unit relative to the unit the security administrator holds the role over (station_a).
POSITIONS = {"own": "station_a", "child": "squad_a", "sibling": "station_b", "parent": "bureau"}
INSIDE = {"own": True, "child": True, "sibling": False, "parent": False}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(HOLDERS))
def test_accounts_action_is_held_by_its_admin_role_only(role_user, role, action):
    user = role_user(role)

    assert user.has_perm(f"accounts.{action}") is (role in HOLDERS[action])


@pytest.mark.parametrize("position", list(POSITIONS))
def test_grant_role_in_follows_the_unit_position(tree, role_user, position):
    admin = role_user(Role.SECURITY_ADMIN, "station_a")
    target = tree[POSITIONS[position]]

    assert admin.has_perm("accounts.grant_role_in", target) is INSIDE[position]
    # The same answer from the list the grant form offers.
    assert units_for_role_grants(admin).filter(pk=target.pk).exists() is INSIDE[position]


@pytest.mark.parametrize("position", list(POSITIONS))
def test_revoke_role_follows_the_assignment_unit(tree, role_user, position):
    admin = role_user(Role.SECURITY_ADMIN, "station_a")
    assignment = role_user(Role.UNIT_MANAGER, POSITIONS[position]).role_assignments.get()

    assert admin.has_perm("accounts.revoke_role", assignment) is INSIDE[position]
    assert role_assignments_visible_to(admin).filter(pk=assignment.pk).exists() is INSIDE[position]


@pytest.mark.parametrize("position", list(POSITIONS))
def test_reset_second_factor_follows_the_units_the_holder_has_roles_in(tree, role_user, position):
    admin = role_user(Role.SECURITY_ADMIN, "station_a")
    holder = role_user(Role.UNIT_MANAGER, POSITIONS[position])

    assert admin.has_perm("accounts.reset_second_factor", holder) is INSIDE[position]
    assert accounts_for_second_factor_reset(admin).filter(pk=holder.pk).exists() is INSIDE[position]


def test_accounts_actions_refuse_anonymous_and_inactive_users(tree, role_user):
    inactive = role_user(Role.SECURITY_ADMIN, is_active=False)

    for user in (AnonymousUser(), inactive):
        assert not user.has_perm("accounts.manage_roles")
        assert not user.has_perm("accounts.grant_role_in", tree["bureau"])
        assert not users_visible_to(user).exists()


def test_assign_role_outside_the_admins_subtree_is_refused_with_the_reason(tree, role_user):
    admin = role_user(Role.SECURITY_ADMIN, "station_a")
    target = UserFactory()

    with pytest.raises(PermissionDenied, match="安全管理员"):
        services.assign_role(user=target, role=Role.LEADER, unit=tree["station_b"], by=admin)

    assert not RoleAssignment.objects.filter(user=target).exists()


def test_revoke_role_outside_the_admins_subtree_is_refused(tree, role_user):
    admin = role_user(Role.SECURITY_ADMIN, "station_a")
    assignment = role_user(Role.UNIT_MANAGER, "station_b").role_assignments.get()

    with pytest.raises(PermissionDenied):
        services.revoke_role(assignment, by=admin)

    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_security_admin_cannot_open_accounts(role_user):
    with pytest.raises(PermissionDenied, match="系统管理员"):
        services.create_user(
            username="lisi", full_name="李四", password="Start#2026ab", by=role_user(Role.SECURITY_ADMIN)
        )
