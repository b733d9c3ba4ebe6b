"""The quarterly publicity plan: items matched on creation or afterwards; done / pending / slipped."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from qunying.core.models import AuditEntry
from qunying.publicity import services
from qunying.publicity.models import PlanItem, PublicityPlan
from qunying.publicity.services.plans import quarter_bounds, quarter_of
from tests.factories import PersonFactory

TODAY = timezone.localdate()
YEAR, QUARTER = quarter_of(TODAY)
FIRST, LAST = quarter_bounds(YEAR, QUARTER)


@pytest.fixture
def plan(tree):
    return services.create_plan(unit=tree["station_a"], year=YEAR, quarter=QUARTER, by=None)


def item(plan, kind="placement", title="电视专题", due_on=LAST):
    return services.add_plan_item(plan, kind=kind, title=title, owner="王科长", due_on=due_on, by=None)


def placement(unit, plan_item=None, title="专题报道"):
    return services.create_placement(
        unit=unit, outlet="市电视台", channel="tv", date=TODAY, title=title, plan_item=plan_item, by=None
    )


def test_quarter_bounds():
    assert quarter_bounds(2026, 1) == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert quarter_bounds(2026, 4) == (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31))
    assert quarter_of(datetime.date(2026, 11, 29)) == (2026, 4)


def test_status_done_pending_and_slipped(plan, tree):
    pending = item(plan, due_on=LAST)
    slipped = item(plan, kind="story", title="人物稿", due_on=FIRST)
    done = item(plan, title="已完成")
    placement(tree["station_a"], plan_item=done)
    done.refresh_from_db()
    assert done.status_on(TODAY) == "done"
    assert pending.status_on(FIRST) == "pending"
    assert slipped.status_on(FIRST + datetime.timedelta(days=1)) == "slipped"
    assert slipped.status_on(FIRST) == "pending"  # due today is not late yet


def test_matching_afterwards(plan, tree):
    planned = item(plan)
    record = placement(tree["squad_a"])  # a subunit's placement carries out the station's plan
    services.match_plan_item(planned, record=record, by=None)
    planned.refresh_from_db()
    assert planned.placement == record
    assert AuditEntry.objects.filter(action="publicity.plan.item_matched").exists()
    with pytest.raises(ValidationError):  # the same record cannot carry out a second item
        services.match_plan_item(item(plan, title="另一项"), record=record, by=None)


def test_matching_refuses_another_kind_another_unit_and_a_done_item(plan, tree):
    planned = item(plan, kind="event")
    with pytest.raises(ValidationError):
        placement(tree["station_a"], plan_item=planned)  # a placement for an event item
    assert not PlanItem.objects.filter(placement__isnull=False).exists()
    placement_item = item(plan)
    with pytest.raises(ValidationError):
        placement(tree["station_b"], plan_item=placement_item)  # another unit's placement
    placement(tree["station_a"], plan_item=placement_item)
    with pytest.raises(PermissionDenied):  # publicity.match_plan_item: only an item not yet carried out
        placement(tree["station_a"], plan_item=placement_item, title="第二次")
    assert PlanItem.objects.get(pk=placement_item.pk).placement.title == "专题报道"


def test_bad_items_are_refused(plan):
    with pytest.raises(ValidationError) as caught:
        services.add_plan_item(
            plan, kind="poster", title="", owner="", due_on=LAST + datetime.timedelta(days=1), by=None
        )
    assert {"kind", "title", "owner", "due_on"} <= set(caught.value.message_dict)
    with pytest.raises(ValidationError):
        services.create_plan(unit=plan.unit, year=YEAR, quarter=QUARTER, by=None)  # one plan per quarter


def test_writers_outside_the_unit_cannot_plan(tree, role_user, plan):
    with pytest.raises(PermissionDenied):
        editor = role_user("publicity_editor", "station_a")
        services.create_plan(unit=tree["station_b"], year=YEAR, quarter=QUARTER, by=editor)
    with pytest.raises(PermissionDenied):
        item_by = role_user("leader")
        services.add_plan_item(plan, kind="story", title="t", owner="o", due_on=LAST, by=item_by)


def test_the_plan_page_shows_status_and_matches_afterwards(client, tree, plan, role_user):
    late = item(plan, kind="placement", title="迟到的专题", due_on=FIRST)
    record = placement(tree["station_a"], title="可匹配的报道")
    client.force_login(role_user("publicity_editor", "station_a"))
    url = reverse("publicity:plan_detail", args=[plan.pk])
    body = client.get(url).content.decode()
    assert "迟到的专题" in body and "可匹配的报道" in body
    if TODAY > FIRST:
        assert "已延误" in body
    client.post(reverse("publicity:plan_item_match", args=[late.pk]), {"record": record.pk})
    late.refresh_from_db()
    assert late.placement == record
    response = client.post(url, {"kind": "story", "title": "新稿件", "owner": "张干事", "due_on": LAST.isoformat()})
    assert response.status_code == 302 and plan.items.filter(title="新稿件").exists()
    response = client.post(url, {"kind": "story", "title": "超期", "owner": "张", "due_on": "2000-01-01"})
    assert response.status_code == 200 and "完成期限须在计划所属季度内" in response.content.decode()


def test_matching_another_units_record_is_refused_on_the_page(client, tree, plan, role_user):
    planned = item(plan)
    other = placement(tree["station_b"], title="乙所报道")
    client.force_login(role_user("publicity_editor"))
    client.post(reverse("publicity:plan_item_match", args=[planned.pk]), {"record": other.pk})
    planned.refresh_from_db()
    assert planned.placement is None


def test_plans_of_other_units_do_not_leak(client, tree, role_user):
    other = services.create_plan(unit=tree["station_b"], year=YEAR, quarter=QUARTER, by=None)
    client.force_login(role_user("publicity_editor", "station_a"))
    assert client.get(reverse("publicity:plan_detail", args=[other.pk])).status_code == 404
    assert "乙派出所" not in client.get(reverse("publicity:plan_list")).content.decode()


def test_a_leader_reads_but_does_not_change_a_plan(client, plan, role_user):
    planned = item(plan)
    client.force_login(role_user("leader"))
    url = reverse("publicity:plan_detail", args=[plan.pk])
    assert client.get(url).status_code == 200
    new_item = {"kind": "story", "title": "t", "owner": "o", "due_on": LAST.isoformat()}
    assert client.post(url, new_item).status_code == 403
    assert client.post(reverse("publicity:plan_item_match", args=[planned.pk]), {"record": 1}).status_code == 403
    assert client.get(reverse("publicity:plan_create")).status_code == 403


def test_creating_a_plan_on_the_page(client, tree, role_user):
    client.force_login(role_user("political_officer"))
    data = {"unit": tree["station_a"].pk, "year": YEAR, "quarter": QUARTER}
    response = client.post(reverse("publicity:plan_create"), data)
    plan = PublicityPlan.objects.get()
    assert response.url == reverse("publicity:plan_detail", args=[plan.pk])
    assert client.post(reverse("publicity:plan_create"), data).status_code == 200  # the same quarter again


@pytest.mark.parametrize("count", [1, 3])
def test_plan_list_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    for quarter in range(1, count + 1):
        plan = services.create_plan(unit=tree["station_a"], year=2025, quarter=quarter, by=None)
        item(plan, due_on=quarter_bounds(2025, quarter)[1])
    client.force_login(role_user("publicity_editor"))
    client.get(reverse("publicity:plan_list"))
    with django_assert_num_queries(10):
        body = client.get(reverse("publicity:plan_list")).content.decode()
    assert body.count("2025 Q") == count


@pytest.mark.parametrize("count", [1, 3])
def test_plan_page_query_count_does_not_grow(client, tree, plan, role_user, django_assert_num_queries, count):
    for i in range(count):
        planned = item(plan, title=f"事项{i}")
        placement(tree["station_a"], plan_item=planned if i % 2 else None, title=f"报道{i}")
        item(plan, kind="event", title=f"活动{i}")
    talk = services.create_event(
        unit=tree["station_a"], kind="speech", title="报告会", date=TODAY, place="礼堂",
        speakers=[PersonFactory(unit=tree["station_a"])], by=None,
    )  # fmt: skip
    assert talk.pk
    client.force_login(role_user("publicity_editor"))
    url = reverse("publicity:plan_detail", args=[plan.pk])
    client.get(url)
    with django_assert_num_queries(14):
        body = client.get(url).content.decode()
    assert body.count("事项") >= count


def test_a_story_written_on_the_page_carries_out_a_story_item(client, tree, plan, role_user):
    planned = item(plan, kind="story", title="人物稿")
    item(plan, kind="placement", title="不是稿件")
    client.force_login(role_user("publicity_editor", "station_a"))
    page = client.get(reverse("publicity:story_create")).content.decode()
    assert "人物稿" in page and "不是稿件" not in page  # only story items are offered
    client.post(
        reverse("publicity:story_create"),
        {"title": "路口守护人", "body": "正文", "unit": tree["station_a"].pk, "plan_item": planned.pk},
    )
    planned.refresh_from_db()
    assert planned.story.title == "路口守护人" and planned.status_on(TODAY) == "done"
