"""Guidance visits: recorded by the political department, follow-ups done by the visited unit, overdue highlighted,
scope, bad input, list queries."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.core.models import AuditEntry
from qunying.reserve.models import FollowUp, GuidanceVisit
from qunying.reserve.services.activities import add_follow_up, complete_follow_up, create_visit

VISIT_DAY = datetime.date(2026, 3, 12)


def make_visit(unit, by, *, findings="缺少重点培养对象"):
    return create_visit(unit=unit, date=VISIT_DAY, visitors="政治处主任", findings=findings, by=by)


def test_a_visit_with_follow_ups_is_recorded_and_audited(tree, officer, role_user):
    visit = make_visit(tree["station_a"], officer)
    item = add_follow_up(visit, title="确定重点培养对象", owner="所长", due_on=datetime.date(2026, 5, 31), by=officer)
    manager = role_user(Role.UNIT_MANAGER, "station_a")

    complete_follow_up(item, done_on=datetime.date(2026, 5, 1), note="已报政治处", by=manager)

    item.refresh_from_db()
    assert (item.done_on, item.done_note) == (datetime.date(2026, 5, 1), "已报政治处")
    actions = AuditEntry.objects.filter(object_id=str(visit.pk), action__startswith="reserve.visit").order_by("pk")
    assert list(actions.values_list("action", flat=True)) == [
        "reserve.visit.created",
        "reserve.visit.follow_up_added",
        "reserve.visit.follow_up_done",
    ]


def test_a_unit_manager_cannot_record_visits_nor_complete_another_units_items(client, tree, officer, role_user):
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    with pytest.raises(PermissionDenied):
        make_visit(tree["station_a"], manager)
    client.force_login(manager)
    assert client.get(reverse("reserve:visit_create")).status_code == 403

    visit = make_visit(tree["station_b"], officer)
    item = add_follow_up(visit, title="整理台账", owner="教导员", due_on=datetime.date(2026, 4, 30), by=officer)
    with pytest.raises(PermissionDenied):
        complete_follow_up(item, done_on=datetime.date(2026, 4, 1), note="x", by=manager)
    assert FollowUp.objects.get().done_on is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"findings": " "}, "findings"),
        ({"visitors": ""}, "visitors"),
        ({"date": datetime.date(2100, 1, 1)}, "date"),
    ],
)
def test_bad_visit_input_is_refused(tree, officer, changes, field):
    data = {"unit": tree["station_a"], "date": VISIT_DAY, "visitors": "政治处", "findings": "……", "by": officer}
    with pytest.raises(ValidationError) as error:
        create_visit(**{**data, **changes})
    assert field in error.value.error_dict
    assert not GuidanceVisit.objects.exists()


def test_bad_follow_up_input_shows_messages_not_errors(client, tree, officer):
    visit = make_visit(tree["station_a"], officer)
    client.force_login(officer)
    response = client.post(
        reverse("reserve:follow_up_add", args=[visit.pk]), {"title": "x", "owner": "所长", "due_on": "2020-01-01"}
    )
    assert response.status_code == 200 and "不能早于" in response.content.decode()
    response = client.post(reverse("reserve:follow_up_add", args=[visit.pk]), {"title": "", "due_on": "nonsense"})
    assert response.status_code == 200
    assert not FollowUp.objects.exists()


def test_overdue_follow_ups_are_highlighted_and_filtered(client, tree, officer):
    late = make_visit(tree["station_a"], officer, findings="逾期事项的调研")
    add_follow_up(late, title="逾期事项", owner="所长", due_on=datetime.date(2026, 3, 20), by=officer)
    on_time = make_visit(tree["station_b"], officer, findings="按期事项的调研")
    add_follow_up(on_time, title="远期事项", owner="所长", due_on=datetime.date(2100, 1, 1), by=officer)
    client.force_login(officer)

    page = client.get(reverse("reserve:visit_detail", args=[late.pk])).content.decode()
    assert "逾期事项" in page and page.count("已逾期") == 1
    listed = client.get(reverse("reserve:visit_list"), {"overdue": "on"}).content.decode()
    assert "逾期事项的调研" in listed and "按期事项的调研" not in listed


def test_another_units_visits_do_not_leak(client, tree, officer, role_user):
    make_visit(tree["station_a"], officer, findings="甲所调研发现")
    theirs = make_visit(tree["station_b"], officer, findings="乙所调研发现")
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    page = client.get(reverse("reserve:visit_list")).content.decode()
    assert "甲所调研发现" in page and "乙所调研发现" not in page
    assert client.get(reverse("reserve:visit_detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("reserve:visit_update", args=[theirs.pk])).status_code == 404


def test_editing_a_visit_through_the_page(client, tree, officer):
    visit = make_visit(tree["station_a"], officer)
    client.force_login(officer)
    response = client.post(
        reverse("reserve:visit_update", args=[visit.pk]),
        {"unit": tree["station_a"].pk, "date": "2026-03-13", "visitors": "政治处副主任", "findings": "已改"},
    )
    visit.refresh_from_db()
    assert response.status_code == 302
    assert (visit.date, visit.visitors, visit.findings) == (datetime.date(2026, 3, 13), "政治处副主任", "已改")
    assert AuditEntry.objects.filter(action="reserve.visit.updated").exists()


@pytest.mark.parametrize("count", [1, 3])
def test_visit_list_query_count_does_not_grow(client, tree, officer, django_assert_num_queries, count):
    for _index in range(count):
        visit = make_visit(tree["station_a"], officer)
        add_follow_up(visit, title="事项", owner="所长", due_on=datetime.date(2026, 3, 20), by=officer)
    client.force_login(officer)

    with django_assert_num_queries(11):
        response = client.get(reverse("reserve:visit_list"))

    assert len(response.context["page"].object_list) == count
