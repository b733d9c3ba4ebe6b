"""The unit export (tree order, head counts, scope) and the query counts of the organisation's exports."""

import pytest
from django.urls import reverse

from qunying.core.models import AuditEntry
from tests.factories import PersonFactory, UnitFactory
from tests.xlsx import export_rows


def test_unit_export_lists_the_subtree_in_tree_order_with_counts(client, tree, role_user):
    UnitFactory(name="=甲所二中队", kind="squad", parent=tree["station_a"])
    PersonFactory(unit=tree["squad_a"])
    PersonFactory(unit=tree["station_a"], category="auxiliary", police_rank="")
    client.force_login(role_user("political_officer", "station_a"))

    rows = export_rows(client.get(reverse("org:unit_export")))

    assert rows[0] == ("单位", "上级单位", "类别", "层级", "民警", "辅警", "含下级合计")
    assert [row[0] for row in rows[1:]] == ["甲派出所", "'=甲所二中队", "甲所一中队"]
    station = rows[1]
    assert station[1] == "测试市公安局" and station[3:] == (1, 0, 1, 2)
    assert "乙派出所" not in [row[0] for row in rows]
    assert AuditEntry.objects.filter(action="org.units.exported").exists()


def test_unit_export_is_refused_to_the_admins(client, role_user):
    client.force_login(role_user("audit_admin"))

    assert client.get(reverse("org:unit_export")).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_unit_export_runs_a_constant_number_of_queries(client, tree, role_user, django_assert_num_queries, count):
    for index in range(count):
        PersonFactory(unit=UnitFactory(name=f"第{index}中队", kind="squad", parent=tree["station_a"]))
    client.force_login(role_user("political_officer"))

    with django_assert_num_queries(10):
        export_rows(client.get(reverse("org:unit_export")))


@pytest.mark.parametrize("count", [1, 3])
def test_roster_export_runs_a_constant_number_of_queries(client, tree, role_user, django_assert_num_queries, count):
    for _ in range(count):
        PersonFactory(unit=tree["station_a"])
    client.force_login(role_user("political_officer"))

    with django_assert_num_queries(10):
        export_rows(client.get(reverse("org:roster_export")))
