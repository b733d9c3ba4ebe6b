"""API tokens: issued and revoked by sys_admin only, shown once, stored as a SHA-256 (the API's use of them is in
tests/feedback/test_api.py)."""

import hashlib
import json

import pytest
from django.urls import reverse

from qunying.accounts import services
from qunying.accounts.enums import Role
from qunying.accounts.models import ApiToken
from qunying.core.models import AuditEntry


@pytest.fixture
def sys_admin(role_user):
    return role_user(Role.SYS_ADMIN)


def test_sys_admin_issues_a_token_shown_once_and_stored_as_a_hash(client, sys_admin):
    client.force_login(sys_admin)

    response = client.post(reverse("accounts:api_token_list"), {"name": "110接处警系统"})

    token = response.context["new_token"]
    page = response.content.decode()
    assert token.startswith("qy_") and token in page
    assert "不会再次显示" in page
    stored = ApiToken.objects.get()
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert stored.created_by == sys_admin
    assert token not in client.get(reverse("accounts:api_token_list")).content.decode()
    entry = AuditEntry.objects.get(action="accounts.api_token.issued")
    assert entry.actor == sys_admin and token not in json.dumps(entry.data)


@pytest.mark.parametrize("role", [Role.POLITICAL_OFFICER, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN, Role.MEMBER])
def test_only_the_system_administrator_manages_tokens(client, role_user, role):
    client.force_login(role_user(role))

    assert client.get(reverse("accounts:api_token_list")).status_code == 403
    assert client.post(reverse("accounts:api_token_list"), {"name": "x"}).status_code == 403
    assert not ApiToken.objects.exists()


def test_a_revoked_token_cannot_be_revoked_twice(sys_admin):
    api_token, _ = services.issue_api_token(name="dispatch", by=sys_admin)
    services.revoke_api_token(api_token, by=sys_admin)

    with pytest.raises(services.ValidationError):
        services.revoke_api_token(api_token, by=sys_admin)


@pytest.mark.parametrize("count", [1, 3])
def test_token_list_query_count_does_not_grow(client, sys_admin, django_assert_num_queries, count):
    for number in range(count):
        services.issue_api_token(name=f"system {number}", by=sys_admin)
    client.force_login(sys_admin)

    with django_assert_num_queries(11):
        response = client.get(reverse("accounts:api_token_list"))

    assert len(response.context["page"].object_list) == count
