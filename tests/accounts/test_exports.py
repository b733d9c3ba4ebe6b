"""The account list export (system administrator only): the page's search, formula text neutralised, constant
queries, refused to everyone else."""

import pytest
from django.urls import reverse

from qunying.core.models import AuditEntry
from tests.factories import UserFactory
from tests.xlsx import export_rows


def test_the_system_administrator_exports_the_accounts_with_the_search(client, role_user):
    UserFactory(username="wangfang", full_name="=王芳")
    UserFactory(username="liqiang", full_name="李强", is_active=False)
    client.force_login(role_user("sys_admin"))

    everyone = export_rows(client.get(reverse("accounts:user_export")))
    found = export_rows(client.get(reverse("accounts:user_export"), {"q": "liq"}))

    assert everyone[0] == ("用户名", "姓名", "状态", "最近登录", "密码修改日期")
    assert ("wangfang", "'=王芳") in [row[:2] for row in everyone[1:]]
    assert found[1:] == [("liqiang", "李强", "停用", None, found[1][4])]
    assert AuditEntry.objects.filter(action="accounts.users.exported").count() == 2


@pytest.mark.parametrize("role", ["political_officer", "leader", "security_admin", "audit_admin", "member"])
def test_other_roles_cannot_export_the_accounts(client, role_user, role):
    client.force_login(role_user(role))

    assert client.get(reverse("accounts:user_export")).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_the_export_runs_a_constant_number_of_queries(client, role_user, django_assert_num_queries, count):
    UserFactory.create_batch(count)
    client.force_login(role_user("sys_admin"))

    with django_assert_num_queries(9):
        export_rows(client.get(reverse("accounts:user_export")))


def test_the_security_administrator_exports_the_role_assignments_in_scope(client, role_user):
    role_user("political_officer", "squad_a", username="zhengzhi", full_name="@政工")
    role_user("leader", "station_b", username="lingdao")
    client.force_login(role_user("security_admin", "station_a"))

    rows = export_rows(client.get(reverse("accounts:role_export")))
    leaders = export_rows(client.get(reverse("accounts:role_export"), {"role": "leader"}))

    assert rows[0][:4] == ("用户名", "姓名", "角色", "范围")
    assert [row[:4] for row in rows[1:] if row[0] == "zhengzhi"] == [("zhengzhi", "'@政工", "政治处干部", "甲所一中队")]
    assert "lingdao" not in [row[0] for row in rows[1:]]  # another unit's assignment
    assert leaders[1:] == []


@pytest.mark.parametrize("role", ["sys_admin", "audit_admin", "political_officer"])
def test_only_the_security_administrator_exports_role_assignments(client, role_user, role):
    client.force_login(role_user(role))

    assert client.get(reverse("accounts:role_export")).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_the_role_export_runs_a_constant_number_of_queries(client, role_user, django_assert_num_queries, count):
    for _ in range(count):
        role_user("political_officer", "station_a")
    client.force_login(role_user("security_admin"))

    with django_assert_num_queries(9):
        export_rows(client.get(reverse("accounts:role_export")))
