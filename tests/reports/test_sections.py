"""Sections read through other modules: publicity done against plan (for plan readers only), practice platforms,
and the care section that appears only to a care officer (care records are need-to-know)."""

import datetime

import pytest
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.accounts.models import RoleAssignment
from qunying.reports.queries.optional import care_items_due, publicity_progress
from qunying.reports.queries.scope import ReportScope
from tests.reports.builders import YEAR


def test_publicity_counts_planned_items_done_pending_and_slipped(tree, role_user):
    from qunying.publicity.services.plans import add_plan_item, create_plan

    officer = role_user(Role.POLITICAL_OFFICER)
    editor = role_user(Role.PUBLICITY_EDITOR)
    plan = create_plan(unit=tree["station_a"], year=YEAR, quarter=2, by=editor)
    for title in ("电视专访", "报纸专版"):
        add_plan_item(plan, kind="placement", title=title, owner="宣传科", due_on=datetime.date(YEAR, 5, 1), by=editor)
    other = create_plan(unit=tree["station_b"], year=YEAR, quarter=2, by=editor)
    add_plan_item(other, kind="event", title="微党课", owner="宣传科", due_on=datetime.date(YEAR, 6, 1), by=editor)

    whole = publicity_progress(ReportScope(user=officer, year=YEAR))
    station = publicity_progress(ReportScope(user=officer, year=YEAR, unit=tree["station_a"]))

    assert [(label, d.value, p.value, s.value) for label, d, p, s in whole.quarters][1] == ("Q2", 0, 0, 3)
    assert station.planned == 2 and station.done == 0
    assert whole.chart()["categories"] == ["Q1", "Q2", "Q3", "Q4"]


@pytest.mark.parametrize(("role", "shown"), [(Role.POLITICAL_OFFICER, True), (Role.UNIT_MANAGER, False)])
def test_publicity_section_shows_to_plan_readers_only(client, tree, role_user, role, shown):
    client.force_login(role_user(role))

    response = client.get(reverse("reports:dashboard"))

    assert (response.context["publicity"] is not None) is shown
    assert ('data-qy-chart="publicity"' in response.content.decode()) is shown


def test_practice_platforms_are_linked_to_the_activity_list(client, tree, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    response = client.get(reverse("reports:dashboard"), {"year": YEAR})

    practice = response.context["practice"]
    assert [cell.value for _label, cell in practice.activities] == [0, 0, 0]
    assert client.get(practice.activities[0][1].href).status_code == 200
    assert client.get(practice.overdue_visits.href).status_code == 200


def test_care_details_go_to_care_officers_and_others_get_two_unlinked_counts(tree, role_user):
    from qunying.care.services.welfare import plan_visit
    from tests.reports.builders import honour, issuer, person

    officer = role_user(Role.POLITICAL_OFFICER)
    source = issuer("测试颁授机关", level="county")
    honour(person(tree["squad_a"]), source=source, on=datetime.date(YEAR, 1, 5), by=officer)
    carer = role_user(Role.CARE_OFFICER)
    for unit in ("station_a", "station_b"):
        plan_visit(person=person(tree[unit]), reason="festival", due_on=datetime.date(YEAR, 2, 1), by=carer)

    manager = care_items_due(ReportScope(user=role_user(Role.UNIT_MANAGER, "station_a"), year=YEAR))
    bureau = care_items_due(ReportScope(user=officer, year=YEAR))

    assert [(cell.value, cell.href) for _label, cell in manager.items] == [(1, ""), (1, "")]
    assert [cell.value for _label, cell in bureau.items] == [1, 2]
    RoleAssignment.objects.create(user=officer, role=Role.CARE_OFFICER, unit=tree["bureau"])
    officer = type(officer).objects.get(pk=officer.pk)  # roles are cached per user object
    section = care_items_due(ReportScope(user=officer, year=YEAR))
    assert [cell.value for _label, cell in section.items] == [1, 2, 0, 0]
    assert all(cell.href for _label, cell in section.items)


def test_care_counts_collective_honours_awaiting_delivery_within_the_chosen_unit(tree, role_user):
    from tests.reports.builders import honour, issuer, person

    officer = role_user(Role.CARE_OFFICER)
    recorder = role_user(Role.POLITICAL_OFFICER)
    source = issuer("测试颁授机关", level="county")
    long_ago = datetime.date(YEAR, 1, 5)
    honour(person(tree["squad_a"]), source=source, on=long_ago, by=recorder)
    honour(None, unit=tree["station_a"], source=source, on=long_ago, by=recorder)
    honour(person(tree["station_b"]), source=source, on=long_ago, by=recorder)

    whole = care_items_due(ReportScope(user=officer, year=YEAR))
    station = care_items_due(ReportScope(user=officer, year=YEAR, unit=tree["station_a"]))

    assert whole.items[0][1].value == 3 and station.items[0][1].value == 2
