"""The 三员: sys_admin manages accounts, security_admin grants roles, audit_admin reads the log — none crosses over."""

import pytest
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.accounts.models import RoleAssignment, User
from qunying.core.models import AuditEntry
from tests.factories import UserFactory

ADMIN_PAGES = {
    Role.SYS_ADMIN: "accounts:user_list",
    Role.SECURITY_ADMIN: "accounts:role_list",
    Role.AUDIT_ADMIN: "core:audit_list",
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("page_role", list(ADMIN_PAGES))
def test_each_admin_page_opens_only_for_its_role(client, role_user, role, page_role):
    client.force_login(role_user(role))

    response = client.get(reverse(ADMIN_PAGES[page_role]))

    assert response.status_code == (200 if role == page_role else 403)


def test_sys_admin_creates_an_account_with_one_audit_entry(client, role_user):
    admin = role_user(Role.SYS_ADMIN)
    client.force_login(admin)

    response = client.post(
        reverse("accounts:user_create"),
        {"username": "wangwu", "full_name": "王五", "email": "", "password": "Start#2026ab"},
        REMOTE_ADDR="10.1.2.3",
    )

    assert response.status_code == 302
    created = User.objects.get(username="wangwu")
    assert created.must_change_password is True
    entries = AuditEntry.objects.filter(action="accounts.user.created")
    assert entries.count() == 1
    entry = entries.get()
    assert (entry.actor, entry.ip_address, entry.object_id) == (admin, "10.1.2.3", str(created.pk))


def test_sys_admin_sees_a_weak_password_refused_and_nothing_created(client, role_user):
    client.force_login(role_user(Role.SYS_ADMIN))

    response = client.post(
        reverse("accounts:user_create"), {"username": "weak", "full_name": "弱", "password": "12345678"}
    )

    assert response.status_code == 200
    assert "至少 3 类" in response.content.decode()
    assert not User.objects.filter(username="weak").exists()
    assert not AuditEntry.objects.filter(action="accounts.user.created").exists()


def test_sys_admin_resets_password_and_deactivates(client, role_user):
    client.force_login(role_user(Role.SYS_ADMIN))
    account = UserFactory(username="zhaoliu")

    client.post(reverse("accounts:user_password_reset", args=[account.pk]), {"password": "Temp#2026abc"})
    client.post(reverse("accounts:user_active", args=[account.pk]), {"active": "0"})

    account.refresh_from_db()
    assert account.check_password("Temp#2026abc") and account.must_change_password
    assert account.is_active is False
    actions = set(AuditEntry.objects.filter(object_id=str(account.pk)).values_list("action", flat=True))
    assert {"accounts.user.password_reset", "accounts.user.deactivated"} <= actions


def test_security_admin_assigns_a_role_within_scope(client, tree, role_user):
    admin = role_user(Role.SECURITY_ADMIN)
    target = UserFactory()
    client.force_login(admin)

    response = client.post(
        reverse("accounts:role_list"),
        {"user": target.pk, "role": Role.UNIT_MANAGER, "unit": tree["station_a"].pk},
    )

    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=target)
    assert (assignment.role, assignment.unit, assignment.granted_by) == (
        Role.UNIT_MANAGER,
        tree["station_a"],
        admin,
    )
    assert AuditEntry.objects.filter(action="accounts.role.assigned", actor=admin).count() == 1


def test_security_admin_cannot_grant_outside_their_subtree(client, tree, role_user):
    client.force_login(role_user(Role.SECURITY_ADMIN, "station_a"))
    target = UserFactory()

    response = client.post(
        reverse("accounts:role_list"), {"user": target.pk, "role": Role.LEADER, "unit": tree["station_b"].pk}
    )

    assert response.status_code == 200
    assert not RoleAssignment.objects.filter(user=target).exists()


def test_admin_roles_cannot_be_combined_with_other_roles(client, tree, role_user):
    client.force_login(role_user(Role.SECURITY_ADMIN))
    auditor = role_user(Role.AUDIT_ADMIN)

    response = client.post(
        reverse("accounts:role_list"),
        {"user": auditor.pk, "role": Role.POLITICAL_OFFICER, "unit": tree["bureau"].pk},
    )

    assert "不得兼任" in response.content.decode()
    assert list(RoleAssignment.objects.filter(user=auditor).values_list("role", flat=True)) == [Role.AUDIT_ADMIN]


def test_security_admin_cannot_grant_to_themselves(client, tree, role_user):
    admin = role_user(Role.SECURITY_ADMIN)
    client.force_login(admin)

    response = client.post(
        reverse("accounts:role_list"),
        {"user": admin.pk, "role": Role.SECURITY_ADMIN, "unit": tree["station_a"].pk},
    )

    assert "不能给自己授权" in response.content.decode()
    assert RoleAssignment.objects.filter(user=admin).count() == 1


def test_security_admin_revokes_a_role(client, tree, role_user):
    client.force_login(role_user(Role.SECURITY_ADMIN))
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    assignment = manager.role_assignments.get()

    client.post(reverse("accounts:role_revoke", args=[assignment.pk]))

    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    assert AuditEntry.objects.filter(action="accounts.role.revoked", object_id=str(assignment.pk)).count() == 1


def test_role_list_hides_assignments_outside_the_admins_subtree(client, tree, role_user):
    client.force_login(role_user(Role.SECURITY_ADMIN, "station_a"))
    role_user(Role.UNIT_MANAGER, "squad_a", full_name="甲所中队长")
    role_user(Role.UNIT_MANAGER, "station_b", full_name="乙所所长")

    page = client.get(reverse("accounts:role_list")).content.decode()

    # Accounts are not unit data (the grant form lists them all); the assignments table is scoped.
    table = page[page.index("<tbody>") : page.index("</tbody>")]
    assert "甲所中队长" in table
    assert "乙所所长" not in table


@pytest.mark.parametrize("count", [1, 3])
def test_user_list_query_count_does_not_grow(client, role_user, django_assert_num_queries, count):
    client.force_login(role_user(Role.SYS_ADMIN))
    UserFactory.create_batch(count)

    with django_assert_num_queries(10):
        response = client.get(reverse("accounts:user_list"))

    assert len(response.context["page"].object_list) == count + 1


@pytest.mark.parametrize("count", [1, 3])
def test_role_list_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    client.force_login(role_user(Role.SECURITY_ADMIN))
    for _ in range(count):
        role_user(Role.MEMBER, "station_a")

    with django_assert_num_queries(12):
        response = client.get(reverse("accounts:role_list"))

    assert len(response.context["page"].object_list) == count + 1
