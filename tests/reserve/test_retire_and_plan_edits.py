"""Retiring an entry from its page (reason, audit, the approving role by tier) and editing or deleting plans."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.core.models import AuditEntry
from qunying.reserve.models import CultivationPlan, Milestone, ReserveEntry
from qunying.reserve.services import retire_entry
from qunying.reserve.services.plans import add_milestone, create_plan, delete_plan, update_plan
from tests.factories import PersonFactory
from tests.reserve.conftest import admit


def test_retiring_from_the_page_records_the_reason_and_audits(client, tree, officer):
    entry = admit(PersonFactory(unit=tree["squad_a"], name="退出人员"), "reserve", officer)
    client.force_login(officer)

    response = client.post(reverse("reserve:retire", args=[entry.pk]), {"reason": "调离公安机关"})

    entry.refresh_from_db()
    assert response.status_code == 302
    assert (entry.status, entry.retired_reason) == ("retired", "调离公安机关")
    audit = AuditEntry.objects.get(action="reserve.entry.retired")
    assert audit.object_id == str(entry.pk) and audit.data["reason"] == "调离公安机关"
    page = client.get(reverse("reserve:entry_detail", args=[entry.pk])).content.decode()
    assert "调离公安机关" in page


def test_retiring_needs_a_reason_and_an_active_entry(client, tree, officer):
    entry = admit(PersonFactory(unit=tree["squad_a"]), "reserve", officer)
    client.force_login(officer)
    assert client.post(reverse("reserve:retire", args=[entry.pk]), {"reason": " "}).status_code == 200
    assert ReserveEntry.objects.get(pk=entry.pk).status == "active"
    retire_entry(entry, reason="调离", by=officer)
    with pytest.raises(PermissionDenied):
        retire_entry(entry, reason="again", by=officer)


@pytest.mark.parametrize(
    ("tier", "role", "allowed"),
    [
        ("reserve", Role.POLITICAL_OFFICER, True),
        ("focus", Role.POLITICAL_OFFICER, True),
        ("exemplar", Role.POLITICAL_OFFICER, False),
        ("exemplar", Role.LEADER, True),
        ("reserve", Role.LEADER, False),
        ("reserve", Role.UNIT_MANAGER, False),
    ],
)
def test_who_may_retire_which_tier(tree, officer, leader, role_user, tier, role, allowed):
    entry = admit(PersonFactory(unit=tree["squad_a"]), tier, officer, leader)
    user = role_user(role, "station_a" if role == Role.UNIT_MANAGER else "bureau")
    if allowed:
        retire_entry(entry, reason="调离", by=user)
        assert ReserveEntry.objects.get(pk=entry.pk).status == "retired"
    else:
        with pytest.raises(PermissionDenied):
            retire_entry(entry, reason="调离", by=user)
        assert ReserveEntry.objects.get(pk=entry.pk).status == "active"


def test_a_manager_gets_no_retire_page_and_other_units_are_hidden(client, tree, officer, role_user):
    mine = admit(PersonFactory(unit=tree["squad_a"]), "reserve", officer)
    theirs = admit(PersonFactory(unit=tree["station_b"]), "reserve", officer)
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))
    assert client.post(reverse("reserve:retire", args=[mine.pk]), {"reason": "x"}).status_code == 403
    client.force_login(role_user(Role.POLITICAL_OFFICER, "station_a"))
    assert client.post(reverse("reserve:retire", args=[theirs.pk]), {"reason": "x"}).status_code == 404
    assert ReserveEntry.objects.filter(status="retired").count() == 0


@pytest.fixture
def unit_plan(tree, officer, role_user):
    entry = admit(PersonFactory(unit=tree["squad_a"], name="培养对象"), "reserve", officer)
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    plan = create_plan(entry, level="unit", owner_unit=tree["station_a"], goals="提升业务能力", by=manager)
    add_milestone(plan, title="参加培训", due_on=entry.since, by=manager)
    return plan


def test_editing_a_plan_checks_level_by_level_and_audits(tree, officer, role_user, unit_plan):
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    update_plan(unit_plan, level="unit", owner_unit=tree["squad_a"], goals="结对帮带", by=manager)
    unit_plan.refresh_from_db()
    assert (unit_plan.owner_unit, unit_plan.goals) == (tree["squad_a"], "结对帮带")
    assert AuditEntry.objects.get(action="reserve.plan.updated").data["after"]["owner"] == tree["squad_a"].pk

    with pytest.raises(ValidationError):  # a manager cannot lift the plan to county level
        update_plan(unit_plan, level="county", owner_unit=tree["bureau"], goals="x", by=manager)
    with pytest.raises(PermissionDenied):  # another unit's manager
        update_plan(
            unit_plan, level="unit", owner_unit=tree["squad_a"], goals="x", by=role_user(Role.UNIT_MANAGER, "station_b")
        )
    update_plan(unit_plan, level="county", owner_unit=tree["bureau"], goals="县级培养", by=officer)
    with pytest.raises(PermissionDenied):  # a county plan is the political department's
        update_plan(unit_plan, level="unit", owner_unit=tree["station_a"], goals="x", by=manager)
    unit_plan.refresh_from_db()
    assert (unit_plan.level, unit_plan.goals) == ("county", "县级培养")


def test_deleting_a_plan_removes_its_milestones_and_audits(client, tree, role_user, unit_plan):
    client.force_login(role_user(Role.UNIT_MANAGER, "station_b"))
    assert client.post(reverse("reserve:plan_delete", args=[unit_plan.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        delete_plan(unit_plan, by=role_user(Role.LEADER))

    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))
    assert client.get(reverse("reserve:plan_delete", args=[unit_plan.pk])).status_code == 200
    response = client.post(reverse("reserve:plan_delete", args=[unit_plan.pk]))

    assert response.status_code == 302
    assert not CultivationPlan.objects.exists() and not Milestone.objects.exists()
    assert AuditEntry.objects.get(action="reserve.plan.deleted").data["milestones"] == ["参加培训"]


def test_plan_edit_page_with_bad_input_changes_nothing(client, tree, role_user, unit_plan):
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))
    url = reverse("reserve:plan_update", args=[unit_plan.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"level": "unit", "owner_unit": tree["station_a"].pk, "goals": "x", "mentor_badge": "NOBODY"}
    )
    assert response.status_code == 200
    response = client.post(url, {"level": "nonsense", "owner_unit": "abc", "goals": ""})
    assert response.status_code == 200
    unit_plan.refresh_from_db()
    assert unit_plan.goals == "提升业务能力"
