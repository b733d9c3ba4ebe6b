"""The audit log: one entry per service write, with actor and IP; append-only in the app, the admin and the database."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.core.middleware import RequestContextMiddleware
from qunying.core.models import AuditEntry
from qunying.core.services import log_action
from tests.factories import UserFactory


@pytest.fixture
def entry(tree):
    return log_action(tree["bureau"], "tests.something.done", by=None, data={"n": 1})


def test_log_action_records_actor_ip_and_object_of_the_current_request(tree):
    actor = UserFactory()
    request = RequestFactory().post("/", REMOTE_ADDR="192.168.7.8")

    def view(request):
        log_action(tree["station_a"], "tests.unit.touched", by=actor, data={"why": "测试"})
        return None

    RequestContextMiddleware(view)(request)

    entry = AuditEntry.objects.get(action="tests.unit.touched")
    assert (entry.actor, entry.actor_name, entry.ip_address) == (actor, actor.username, "192.168.7.8")
    assert (entry.object_id, entry.object_repr, entry.data) == (
        str(tree["station_a"].pk),
        "甲派出所",
        {"why": "测试"},
    )


def test_log_action_outside_a_request_has_no_ip(entry):
    assert entry.ip_address is None
    assert entry.actor is None


def test_entries_cannot_be_changed_or_deleted_through_the_orm(entry):
    entry.action = "tampered"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="tampered")
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).delete()

    assert AuditEntry.objects.get(pk=entry.pk).action == "tests.something.done"


def test_the_database_refuses_to_update_entries(entry):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET action = 'tampered' WHERE id = %s", [entry.pk])

    assert AuditEntry.objects.get(pk=entry.pk).action == "tests.something.done"


def test_admin_shows_entries_read_only(client, entry):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    change_page = client.get(reverse("admin:core_auditentry_change", args=[entry.pk]))
    delete_page = client.post(reverse("admin:core_auditentry_delete", args=[entry.pk]), {"post": "yes"})
    add_page = client.get(reverse("admin:core_auditentry_add"))

    assert change_page.status_code == 200
    assert 'name="_save"' not in change_page.content.decode()
    assert delete_page.status_code == 403
    assert add_page.status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_audit_page_filters_by_action_prefix(client, role_user, entry, tree):
    log_action(tree["station_b"], "accounts.role.assigned", by=None)
    client.force_login(role_user(Role.AUDIT_ADMIN))

    page = client.get(reverse("core:audit_list"), {"action": "accounts.role"}).content.decode()

    assert "角色分配" in page and "accounts.role.assigned" not in page  # the action's label, not its code
    assert "tests.something.done" not in page


def test_audit_page_survives_bad_filter_input(client, role_user, entry):
    client.force_login(role_user(Role.AUDIT_ADMIN))

    response = client.get(reverse("core:audit_list"), {"date_from": "not-a-date", "page": "999"})

    assert response.status_code == 200
    assert "tests.something.done" in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_audit_page_query_count_does_not_grow(client, role_user, tree, django_assert_num_queries, count):
    client.force_login(role_user(Role.AUDIT_ADMIN))
    for n in range(count):
        log_action(tree["station_a"], f"tests.entry.{n}", by=UserFactory())

    # The page includes the latest check of the hash chain, and the actors' units (姓名（单位）) in two prefetches.
    with django_assert_num_queries(13):
        response = client.get(reverse("core:audit_list"))

    assert response.content.decode().count("tests.entry.") == count
