"""The party branch list export: the page's filters and scope, formula text neutralised, constant queries."""

import pytest
from django.urls import reverse

from qunying.core.models import AuditEntry
from tests.branches.conftest import make_branch, make_scheme, opened_round, party_member
from tests.factories import UnitFactory
from tests.xlsx import export_rows


def test_export_holds_the_units_branches_only(client, tree, role_user):
    make_branch(tree["station_a"], name='=HYPERLINK("http://x")', members=[party_member(tree["station_a"])])
    make_branch(tree["station_b"], name="乙所党支部")
    client.force_login(role_user("political_officer", "station_a"))

    rows = export_rows(client.get(reverse("branches:branch_export")))

    assert rows[0][:3] == ("党支部", "单位", "书记")
    assert [row[0] for row in rows[1:]] == ['\'=HYPERLINK("http://x")']
    assert rows[1][1] == "甲派出所"
    assert AuditEntry.objects.filter(action="branches.branches.exported").exists()


def test_export_takes_the_pages_filters_and_refuses_a_unit_outside_the_scope(client, tree, role_user):
    make_branch(tree["station_a"], name="甲所党支部")
    make_branch(tree["squad_a"], name="中队党支部")
    client.force_login(role_user("political_officer", "station_a"))

    rows = export_rows(client.get(reverse("branches:branch_export"), {"q": "中队"}))

    assert [row[0] for row in rows[1:]] == ["中队党支部"]
    assert client.get(reverse("branches:branch_export"), {"unit": tree["station_b"].pk}).status_code == 404


def test_export_is_refused_to_the_admins(client, role_user):
    client.force_login(role_user("audit_admin"))

    assert client.get(reverse("branches:branch_export")).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_export_runs_a_constant_number_of_queries(client, tree, role_user, django_assert_num_queries, count):
    for index in range(count):
        make_branch(UnitFactory(name=f"第{index}中队", kind="squad", parent=tree["station_a"]), name=f"第{index}党支部")
    client.force_login(role_user("political_officer"))

    with django_assert_num_queries(9):
        export_rows(client.get(reverse("branches:branch_export")))


def test_round_list_export_holds_the_rounds_in_scope(client, tree, role_user):
    make_branch(tree["station_a"], name="甲所党支部")
    make_branch(tree["station_b"], name="乙所党支部")
    opened_round(make_scheme(year=2025, thresholds=(1, 2, 3, 4, 5)), tree["station_a"])
    opened_round(make_scheme(year=2024, thresholds=(1, 2, 3, 4, 5)), tree["station_b"])
    client.force_login(role_user("political_officer", "station_a"))

    rows = export_rows(client.get(reverse("branches:round_list_export")))

    assert rows[0][:2] == ("年度", "单位")
    assert [(row[0], row[1], row[4]) for row in rows[1:]] == [(2025, "甲派出所", 1)]


@pytest.mark.parametrize("count", [1, 3])
def test_round_list_export_runs_a_constant_number_of_queries(client, tree, role_user, django_assert_num_queries, count):
    make_branch(tree["station_a"], name="甲所党支部")
    for index in range(count):
        opened_round(make_scheme(year=2020 + index, thresholds=(1, 2, 3, 4, 5)), tree["station_a"])
    client.force_login(role_user("political_officer"))

    with django_assert_num_queries(9):
        export_rows(client.get(reverse("branches:round_list_export")))
