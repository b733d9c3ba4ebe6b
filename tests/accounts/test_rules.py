"""Role predicates: a role covers its unit and the subtree below, never siblings or parents."""

import pytest

from qunying.accounts.enums import Role
from qunying.accounts.queries import scope_filter
from qunying.accounts.rules import has_role, has_role_over
from qunying.org.models import Unit

# Position of the target unit relative to the unit the role is held over (station_a).
POSITIONS = {"own": "station_a", "child": "squad_a", "sibling": "station_b", "parent": "bureau"}
EXPECTED = {"own": True, "child": True, "sibling": False, "parent": False}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("position", list(POSITIONS))
def test_has_role_over_follows_unit_position(tree, role_user, role, position):
    user = role_user(role, "station_a")
    target = tree[POSITIONS[position]]

    assert has_role_over(role)(user, target) is EXPECTED[position]
    # The same answer from the query side, so lists and detail pages agree.
    in_list = Unit.objects.filter(scope_filter(user, [role], path_field="path"), pk=target.pk).exists()
    assert in_list is EXPECTED[position]


def test_has_role_over_is_false_for_another_role(tree, role_user):
    user = role_user(Role.UNIT_MANAGER, "station_a")

    assert has_role_over(Role.POLITICAL_OFFICER)(user, tree["station_a"]) is False
    assert has_role(Role.UNIT_MANAGER)(user) is True
    assert has_role(Role.LEADER)(user) is False


def test_has_role_over_is_false_for_anonymous_and_inactive_users(tree, role_user):
    from django.contrib.auth.models import AnonymousUser

    inactive = role_user(Role.LEADER, is_active=False)

    assert has_role_over(Role.LEADER)(AnonymousUser(), tree["bureau"]) is False
    assert has_role_over(Role.LEADER)(inactive, tree["bureau"]) is False


def test_scope_filter_matches_nothing_without_the_role(tree, role_user):
    user = role_user(Role.MEMBER, "station_a")

    assert not Unit.objects.filter(scope_filter(user, [Role.POLITICAL_OFFICER], path_field="path")).exists()


def test_has_role_over_accepts_objects_that_belong_to_a_unit(tree, role_user):
    user = role_user(Role.UNIT_MANAGER, "station_a")

    class Record:
        unit = tree["squad_a"]

    assert has_role_over(Role.UNIT_MANAGER)(user, Record()) is True
