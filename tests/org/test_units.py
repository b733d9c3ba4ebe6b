"""The unit tree: counts, scope, create, edit and moving a subtree."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from qunying.core.models import AuditEntry
from qunying.core.roles import Role
from qunying.org.models import Unit
from qunying.org.queries import unit_tree_with_counts, units_visible_to
from qunying.org.services import create_unit, move_unit
from tests.factories import PersonFactory, UnitFactory


def test_tree_counts_people_in_each_unit_and_subtree(tree):
    PersonFactory.create_batch(2, unit=tree["station_a"])
    PersonFactory(unit=tree["squad_a"], category="auxiliary", auxiliary_kind="duty", police_rank="")
    PersonFactory(unit=tree["station_b"], status="retired")

    rows = {row.unit.name: row for row in unit_tree_with_counts(Unit.objects.all())}

    assert (rows["甲派出所"].police, rows["甲派出所"].subtree_total) == (2, 3)
    assert (rows["甲所一中队"].auxiliary, rows["甲所一中队"].level) == (1, 2)
    assert rows["乙派出所"].total == 0  # retired people are not counted
    assert rows["测试市公安局"].subtree_total == 3


def test_tree_page_shows_only_the_managers_subtree(client, tree, role_user):
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    page = client.get(reverse("org:unit_tree")).content.decode()

    assert "甲派出所" in page and "甲所一中队" in page
    assert "乙派出所" not in page and "测试市公安局" not in page


@pytest.mark.parametrize("count", [1, 3])
def test_tree_page_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    for n in range(count):
        PersonFactory(unit=UnitFactory(parent=tree["station_b"], name=f"新中队{n}"))

    with django_assert_num_queries(10):
        response = client.get(reverse("org:unit_tree"))

    assert len(response.context["rows"]) == 4 + count


@pytest.mark.parametrize("role", [Role.UNIT_MANAGER, Role.LEADER, Role.POLITICAL_OFFICER, Role.CARE_OFFICER])
def test_unit_outside_the_scope_is_a_404(client, tree, role_user, role):
    client.force_login(role_user(role, "station_a"))

    assert client.get(reverse("org:unit_detail", args=[tree["station_b"].pk])).status_code == 404
    assert client.get(reverse("org:unit_detail", args=[tree["squad_a"].pk])).status_code == 200


def test_political_officer_creates_a_subunit_through_the_page(client, tree, role_user):
    officer = role_user(Role.POLITICAL_OFFICER)
    client.force_login(officer)

    response = client.post(
        reverse("org:unit_create"),
        {"parent": tree["station_b"].pk, "name": "乙所二中队", "kind": "squad", "sort_order": 2},
    )

    unit = Unit.objects.get(name="乙所二中队")
    assert response.url == reverse("org:unit_detail", args=[unit.pk])
    assert unit.path == f"{tree['station_b'].path}{unit.pk}/" and unit.depth == 2
    assert AuditEntry.objects.filter(action="org.unit.created", actor=officer, object_id=str(unit.pk)).exists()


def test_duplicate_sibling_name_is_refused_with_a_message(client, tree, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    response = client.post(
        reverse("org:unit_create"),
        {"parent": tree["bureau"].pk, "name": "甲派出所", "kind": "police_station", "sort_order": 0},
    )

    assert response.status_code == 200
    assert "已有同名单位" in response.content.decode()
    assert Unit.objects.filter(name="甲派出所").count() == 1


def test_unit_manager_cannot_create_units(client, tree, role_user):
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    client.force_login(manager)

    assert client.get(reverse("org:unit_create")).status_code == 403
    with pytest.raises(PermissionDenied):
        create_unit(name="私设中队", kind="squad", parent=tree["station_a"], by=manager)


def test_moving_a_unit_moves_its_subtree_and_role_scopes_follow(tree, role_user):
    officer = role_user(Role.POLITICAL_OFFICER)
    squad_manager = role_user(Role.UNIT_MANAGER, "squad_a")
    station_b_manager = role_user(Role.UNIT_MANAGER, "station_b")
    station_a_manager = role_user(Role.UNIT_MANAGER, "station_a")
    deeper = UnitFactory(name="甲所一中队一组", kind="office", parent=tree["squad_a"])

    move_unit(tree["squad_a"], new_parent=tree["station_b"], by=officer)

    squad, deeper = Unit.objects.get(pk=tree["squad_a"].pk), Unit.objects.get(pk=deeper.pk)
    assert squad.parent == tree["station_b"]
    assert squad.path == f"{tree['station_b'].path}{squad.pk}/" and deeper.path == f"{squad.path}{deeper.pk}/"
    assert (squad.depth, deeper.depth) == (2, 3)
    assert station_b_manager.has_perm("org.view_unit", deeper)
    assert not station_a_manager.has_perm("org.view_unit", deeper)
    assert squad_manager.has_perm("org.view_unit", deeper)
    assert deeper in units_visible_to(station_b_manager)
    assert AuditEntry.objects.filter(action="org.unit.moved", object_id=str(squad.pk)).count() == 1


def test_a_unit_cannot_move_into_its_own_subtree(tree, role_user):
    officer = role_user(Role.POLITICAL_OFFICER)

    with pytest.raises(ValidationError):
        move_unit(tree["station_a"], new_parent=tree["squad_a"], by=officer)

    assert Unit.objects.get(pk=tree["station_a"].pk).parent == tree["bureau"]


def test_move_page_moves_and_refuses_targets_outside_scope(client, tree, role_user):
    client.force_login(role_user(Role.POLITICAL_OFFICER, "station_a"))
    outside = tree["station_b"]

    response = client.post(reverse("org:unit_move", args=[tree["squad_a"].pk]), {"new_parent": outside.pk})

    assert response.status_code == 200  # not a valid choice
    assert Unit.objects.get(pk=tree["squad_a"].pk).parent == tree["station_a"]


def test_tree_page_shows_three_levels_and_opens_a_deeper_unit_on_demand(client, tree, role_user):
    team = UnitFactory(parent=tree["squad_a"], name="甲所一中队一组")
    PersonFactory.create_batch(2, unit=team)
    client.force_login(role_user(Role.POLITICAL_OFFICER))

    response = client.get(reverse("org:unit_tree"))
    children_url = reverse("org:unit_children", args=[tree["squad_a"].pk])

    page = response.content.decode()
    assert "甲所一中队" in page and "甲所一中队一组" not in page  # the fourth level waits to be opened
    assert f'hx-get="{children_url}?level=2"' in page
    assert {row.unit.name: row.subtree_total for row in response.context["rows"]}["甲派出所"] == 2
    rows = client.get(children_url, {"level": "2"}).content.decode()
    assert "甲所一中队一组" in rows and "qy-indent-3" in rows and "<tr>" in rows


def test_a_units_children_outside_the_scope_are_a_404(client, tree, role_user):
    client.force_login(role_user(Role.UNIT_MANAGER, "station_a"))

    assert client.get(reverse("org:unit_children", args=[tree["station_b"].pk])).status_code == 404
    assert client.get(reverse("org:unit_children", args=[tree["bureau"].pk])).status_code == 404
    assert "甲所一中队" in client.get(reverse("org:unit_children", args=[tree["station_a"].pk])).content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_unit_children_query_count_does_not_grow(client, tree, role_user, django_assert_num_queries, count):
    client.force_login(role_user(Role.POLITICAL_OFFICER))
    for n in range(count):
        PersonFactory(unit=UnitFactory(parent=tree["station_b"], name=f"新中队{n}"))

    with django_assert_num_queries(9):
        response = client.get(reverse("org:unit_children", args=[tree["station_b"].pk]), {"level": "1"})

    assert len(response.context["rows"]) == count
