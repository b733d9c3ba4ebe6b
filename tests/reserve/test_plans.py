"""Cultivation plans level by level, milestones with evidence, overdue highlighted, scope."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.reserve.models import CultivationPlan, Milestone
from qunying.reserve.services import decide_tier_change, propose_tier
from qunying.reserve.services.plans import add_milestone, complete_milestone, create_plan
from tests.factories import PersonFactory


@pytest.fixture
def entry(tree, role_user):
    officer = role_user(Role.POLITICAL_OFFICER)
    change = propose_tier(
        person=PersonFactory(unit=tree["squad_a"], name="培养对象"),
        to_tier="reserve",
        reason="好",
        level="unit",
        category="public",
        by=officer,
    )
    decide_tier_change(change, approve=True, by=officer)
    change.entry.refresh_from_db()
    return change.entry


# (role, unit of the role, plan level, owner unit) → allowed
LEVEL_TABLE = [
    (Role.UNIT_MANAGER, "station_a", "unit", "squad_a", True),
    (Role.UNIT_MANAGER, "station_a", "unit", "station_a", True),
    (Role.UNIT_MANAGER, "station_a", "county", "bureau", False),
    (Role.POLITICAL_OFFICER, "bureau", "county", "bureau", True),
    (Role.POLITICAL_OFFICER, "bureau", "county", "station_a", False),  # county plans belong to the political department
    (Role.POLITICAL_OFFICER, "bureau", "unit", "bureau", False),  # unit plans belong to the unit
    (Role.UNIT_MANAGER, "station_b", "unit", "station_b", False),  # not the person's unit (refused outright)
]


@pytest.mark.parametrize(("role", "where", "level", "owner", "allowed"), LEVEL_TABLE)
def test_plans_are_set_level_by_level(tree, role_user, entry, role, where, level, owner, allowed):
    user = role_user(role, where)
    if allowed:
        plan = create_plan(entry, level=level, owner_unit=tree[owner], goals="一年内形成可宣传事迹", by=user)
        assert plan.owner_unit == tree[owner]
    else:
        with pytest.raises((ValidationError, PermissionDenied)):
            create_plan(entry, level=level, owner_unit=tree[owner], goals="一年内形成可宣传事迹", by=user)
        assert not CultivationPlan.objects.exists()


def test_completing_a_milestone_needs_evidence(tree, role_user, entry):
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    plan = create_plan(entry, level="unit", owner_unit=tree["station_a"], goals="提升业务能力", by=manager)
    milestone = add_milestone(plan, title="参加业务培训", due_on=datetime.date(2026, 3, 1), by=manager)
    with pytest.raises(ValidationError):
        complete_milestone(milestone, done_on=datetime.date(2026, 2, 1), evidence=" ", by=manager)
    complete_milestone(milestone, done_on=datetime.date(2026, 2, 1), evidence="培训结业证书", by=manager)
    milestone.refresh_from_db()
    assert (milestone.done_on, milestone.evidence) == (datetime.date(2026, 2, 1), "培训结业证书")


def test_overdue_milestones_are_highlighted_on_the_entry_page(client, tree, role_user, entry):
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    plan = create_plan(entry, level="unit", owner_unit=tree["station_a"], goals="提升业务能力", by=manager)
    add_milestone(plan, title="撰写事迹材料", due_on=datetime.date(2020, 1, 1), by=manager)
    add_milestone(plan, title="远期目标", due_on=datetime.date(2100, 1, 1), by=manager)
    client.force_login(manager)

    page = client.get(reverse("reserve:entry_detail", args=[entry.pk])).content.decode()

    assert page.count("已逾期") == 1
    assert "撰写事迹材料" in page and "远期目标" in page


def test_plan_pages_work_and_other_units_do_not_leak(client, tree, role_user, entry):
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    client.force_login(manager)
    response = client.post(
        reverse("reserve:plan_create", args=[entry.pk]),
        {"level": "unit", "owner_unit": tree["station_a"].pk, "goals": "结对帮带", "mentor_badge": ""},
    )
    assert response.status_code == 302
    plan = CultivationPlan.objects.get()
    client.post(reverse("reserve:milestone_add", args=[plan.pk]), {"title": "事迹报告会", "due_on": "2026-06-30"})
    milestone = Milestone.objects.get()

    client.force_login(role_user(Role.UNIT_MANAGER, "station_b"))
    assert client.get(reverse("reserve:plan_create", args=[entry.pk])).status_code == 404
    assert client.get(reverse("reserve:milestone_add", args=[plan.pk])).status_code == 404
    assert (
        client.post(
            reverse("reserve:milestone_complete", args=[milestone.pk]), {"done_on": "2026-06-01", "evidence": "x"}
        ).status_code
        == 404
    )
    assert Milestone.objects.get().done_on is None


def test_a_mentor_badge_outside_the_users_units_is_answered_like_an_unknown_one(client, tree, role_user, entry):
    PersonFactory(unit=tree["station_b"], badge_number="B0001")  # serves in another station
    PersonFactory(unit=tree["squad_a"], badge_number="A0001")
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))
    url = reverse("reserve:plan_create", args=[entry.pk])

    def answer(badge):
        data = {"level": "unit", "owner_unit": tree["station_a"].pk, "goals": "结对帮带", "mentor_badge": badge}
        response = client.post(url, data)
        return response.status_code, response.context["form"].errors.as_data()["mentor_badge"][0].messages

    assert answer("B0001") == answer("NOSUCHBADGE") == (200, ["没有该警号的人员。"])
    assert not CultivationPlan.objects.exists()
    client.post(url, {"level": "unit", "owner_unit": tree["station_a"].pk, "goals": "帮带", "mentor_badge": "A0001"})
    assert CultivationPlan.objects.get().mentor.badge_number == "A0001"
