"""Dashboards: who may open them, a unit manager sees only their subtree, bad input, numbers linked to their lists,
and a query count that stays the same with one unit's or three units' worth of data."""

import pytest
from django.urls import reverse

from qunying.accounts.enums import Role
from qunying.reserve.enums import Tier
from tests.factories import UnitFactory
from tests.reports.builders import YEAR, honour, issuer, person, reserve_entry


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.POLITICAL_OFFICER, 200),
        (Role.LEADER, 200),
        (Role.UNIT_MANAGER, 200),
        (Role.JUDGE, 403),
        (Role.PUBLICITY_EDITOR, 403),
        (Role.CARE_OFFICER, 403),
        (Role.MEMBER, 403),
        (Role.SYS_ADMIN, 403),
        (Role.SECURITY_ADMIN, 403),
        (Role.AUDIT_ADMIN, 403),
    ],
)
def test_dashboard_and_figures_open_for_bureau_and_unit_roles_only(client, role_user, role, status):
    client.force_login(role_user(role))

    for name in ["reports:dashboard", "reports:figures", "reports:summary"]:
        assert client.get(reverse(name)).status_code == status, name


def test_anonymous_visitors_are_sent_to_sign_in(client, tree):
    response = client.get(reverse("reports:dashboard"))

    assert response.status_code == 302 and "login" in response["Location"]


def test_a_unit_managers_dashboard_shows_only_their_subtree(client, tree, role_user):
    officer = role_user(Role.POLITICAL_OFFICER)
    leader = role_user(Role.LEADER)
    mine = person(tree["squad_a"], name="甲所典型")
    theirs = person(tree["station_b"], name="乙所典型")
    for someone in (mine, theirs):
        honour(someone)
        reserve_entry(someone, Tier.EXEMPLAR, officer=officer, leader=leader)
    honour(person(tree["station_b"]), "merit_class_3")
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    client.force_login(manager)

    response = client.get(reverse("reports:dashboard"), {"year": YEAR})
    page = response.content.decode()

    honours = response.context["honours"]
    assert [row.label for row in honours.rows] == ["嘉奖"] and honours.rows[0].total.value == 1
    assert response.context["reserve"].rows[0].total.value == 1
    assert "三等功" not in page
    assert response.context["scope"].is_bureau is False
    assert "甲派出所" in page and "乙派出所" not in page  # coverage lists only the manager's units


def test_a_unit_outside_the_scope_is_refused_not_shown(client, tree, role_user):
    honour(person(tree["station_b"]), "merit_class_3")
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    response = client.get(reverse("reports:dashboard"), {"year": YEAR, "unit": tree["station_b"].pk})

    assert response.status_code == 200
    assert response.context["form"].errors["unit"]
    assert response.context["scope"].unit is None
    assert response.context["honours"].rows == []


@pytest.mark.parametrize("query", [{"year": "abc"}, {"year": "99999"}, {"unit": "x"}, {"year": "", "unit": ""}])
def test_bad_input_shows_the_form_errors_and_this_year(client, role_user, query):
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    response = client.get(reverse("reports:dashboard"), query)

    assert response.status_code == 200
    assert response.context["form"].errors


def test_numbers_link_to_the_filtered_lists(client, tree, role_user):
    officer = role_user(Role.POLITICAL_OFFICER)
    city = issuer("合肥市公安局", "合肥市局", level="city")
    honour(person(tree["station_a"]), source=city)
    honour(person(tree["station_a"]), source=issuer("合肥市委", level="city", kind="party"))
    client.force_login(officer)

    response = client.get(reverse("reports:dashboard"), {"year": YEAR, "unit": tree["station_a"].pk})

    cell = response.context["honours"].rows[0].cells[2]  # city level: both issuers
    assert cell.value == 2
    listed = client.get(cell.href)
    assert listed.status_code == 200 and listed.context["page"].paginator.count == 2
    clause, href = response.context["figure_links"][0]
    assert f"issuer={city.pk}" in href and f"unit={tree['station_a'].pk}" in href
    assert client.get(href).context["page"].paginator.count == clause.people
    assert f'href="{cell.href.replace("&", "&amp;")}"' in response.content.decode()


def test_the_page_embeds_chart_data_for_the_static_script(client, tree, role_user):
    honour(person(tree["station_a"]))
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    page = client.get(reverse("reports:dashboard"), {"year": YEAR}).content.decode()

    assert '<script id="qy-report-charts" type="application/json">' in page
    assert "vendor/echarts/echarts.min.js" in page and "reports/charts.js" in page
    assert 'data-qy-chart="honours"' in page


def _units_worth_of_data(count, officer, leader):
    """`count` stations, each with an honoured person in the reserve."""
    bureau = officer.role_assignments.get().unit
    for index in range(count):
        station = UnitFactory(name=f"第{index}派出所", parent=bureau)
        someone = person(station)
        honour(someone, source=issuer(f"机关{index}", level="city"))
        honour(person(station, category="auxiliary"), "aux_star", source=issuer(f"机关{index}", level="city"))
        reserve_entry(someone, Tier.FOCUS, officer=officer, leader=leader)


@pytest.mark.parametrize("count", [1, 3])
def test_dashboard_query_count_does_not_grow_with_the_data(client, tree, role_user, django_assert_num_queries, count):
    officer = role_user(Role.POLITICAL_OFFICER)
    _units_worth_of_data(count, officer, role_user(Role.LEADER))
    client.force_login(officer)

    with django_assert_num_queries(29):
        response = client.get(reverse("reports:dashboard"), {"year": YEAR})

    assert response.context["reserve"].rows[1].total.value == count
    assert response.context["figures"].selections[0].people == count


def test_the_dashboard_is_cached_until_a_write_changes_what_it_counts(
    client, tree, role_user, django_assert_max_num_queries
):
    officer = role_user(Role.POLITICAL_OFFICER)
    _units_worth_of_data(1, officer, role_user(Role.LEADER))
    client.force_login(officer)
    first = client.get(reverse("reports:dashboard"), {"year": YEAR}).context

    with django_assert_max_num_queries(12):
        again = client.get(reverse("reports:dashboard"), {"year": YEAR}).context
    reserve_entry(person(tree["station_a"]), Tier.FOCUS, officer=officer)
    after = client.get(reverse("reports:dashboard"), {"year": YEAR}).context

    assert again["reserve"].rows[1].total.value == first["reserve"].rows[1].total.value == 1
    assert after["reserve"].rows[1].total.value == 2


def test_the_cache_is_per_user_scope(client, tree, role_user):
    honour(person(tree["station_a"]))
    honour(person(tree["station_b"]))
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    everything = client.get(reverse("reports:figures"), {"year": YEAR}).context["figures"]
    client.force_login(role_user(Role.UNIT_MANAGER, "station_b"))
    theirs = client.get(reverse("reports:figures"), {"year": YEAR}).context["figures"]

    assert sum(c.people for c in everything.clauses) == 2
    assert sum(c.people for c in theirs.clauses) == 1
