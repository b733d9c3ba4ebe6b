"""Callbacks: assigned, worked and closed with an outcome; overdue cases highlighted for the unit; scope."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from qunying.core.models import AuditEntry
from qunying.feedback.enums import CallbackStatus
from qunying.feedback.models import Callback
from qunying.feedback.services import update_callback
from tests.feedback.conftest import reply, sent_survey


@pytest.fixture
def callback(officers):
    sent_survey(officers["a"])
    reply("3 太慢了")
    return Callback.objects.get()


def test_a_callback_is_assigned_worked_and_closed(callback, role_user):
    manager = role_user("unit_manager", "station_a")

    update_callback(callback, status=CallbackStatus.IN_PROGRESS, assignee=manager, by=manager)
    update_callback(
        callback,
        status=CallbackStatus.CLOSED,
        assignee=manager,
        outcome="已电话回访，群众表示理解。",
        rectification="调整夜间备勤。",
        by=manager,
    )

    callback.refresh_from_db()
    assert (callback.status, callback.assignee, callback.closed_at is not None) == (
        CallbackStatus.CLOSED,
        manager,
        True,
    )
    entries = AuditEntry.objects.filter(action="feedback.callback.updated", object_id=str(callback.pk))
    assert entries.count() == 2
    assert all("群众表示理解" not in str(entry.data) for entry in entries)


def test_closing_needs_an_outcome_with_a_chinese_message(client, callback, role_user):
    client.force_login(role_user("unit_manager", "station_a"))

    response = client.post(reverse("feedback:callback_detail", args=[callback.pk]), {"status": "closed", "outcome": ""})

    assert response.status_code == 200
    assert "办结前请填写回访结果" in response.content.decode()
    callback.refresh_from_db()
    assert callback.status == CallbackStatus.OPEN


def test_a_closed_callback_stays_closed(callback, role_user):
    officer = role_user("political_officer")
    update_callback(callback, status=CallbackStatus.CLOSED, outcome="已回访", by=officer)

    with pytest.raises(Exception, match=r"不能|已办结"):
        update_callback(callback, status=CallbackStatus.IN_PROGRESS, by=officer)


def test_the_assignee_must_handle_that_unit(callback, role_user):
    other = role_user("unit_manager", "station_b")

    with pytest.raises(Exception, match="承办人"):
        update_callback(callback, status=CallbackStatus.IN_PROGRESS, assignee=other, by=role_user("political_officer"))


def test_a_leader_reads_callbacks_but_cannot_change_them(client, callback, role_user):
    client.force_login(role_user("leader"))

    page = client.get(reverse("feedback:callback_detail", args=[callback.pk]))
    response = client.post(reverse("feedback:callback_detail", args=[callback.pk]), {"status": "in_progress"})

    assert page.status_code == 200 and "<textarea" not in page.content.decode()
    assert response.status_code == 403
    callback.refresh_from_db()
    assert callback.status == CallbackStatus.OPEN


def test_overdue_callbacks_are_highlighted_on_the_units_page(client, callback, role_user):
    Callback.objects.filter(pk=callback.pk).update(due_at=timezone.now() - datetime.timedelta(hours=1))
    client.force_login(role_user("unit_manager", "station_a"))

    page = client.get(reverse("feedback:callback_list")).content.decode()
    dashboard = client.get(reverse("feedback:dashboard")).content.decode()
    overdue_only = client.get(reverse("feedback:callback_list"), {"overdue": "on"})

    assert 'class="table-danger"' in page and "已逾期" in page
    assert "1 件回访已超期" in dashboard
    assert list(overdue_only.context["page"].object_list) == [callback]


def test_callbacks_of_another_unit_do_not_leak(client, callback, role_user):
    client.force_login(role_user("unit_manager", "station_b"))

    listing = client.get(reverse("feedback:callback_list"))

    assert list(listing.context["page"].object_list) == []
    assert client.get(reverse("feedback:callback_detail", args=[callback.pk])).status_code == 404
    assert client.post(reverse("feedback:callback_detail", args=[callback.pk]), {"status": "closed"}).status_code == 404
