"""Organisation's declared policy: role × position of the unit → allowed, and the list filter and the service answer
as the permission does (a list and a page never disagree)."""

import pytest
from django.core.exceptions import PermissionDenied

from qunying.core.roles import Role
from qunying.org.enums import RosterImportStatus
from qunying.org.models import RosterImport, Unit
from qunying.org.queries import (
    people_editable_by,
    people_visible_to,
    roster_imports_visible_to,
    units_editable_by,
    units_for_people_editing,
    units_visible_to,
)
from qunying.org.services import create_aux_tier, create_unit, update_person
from tests.factories import PersonFactory, UserFactory

# Position of the target relative to the unit the role is held over (station_a).
POSITIONS = {"own": "station_a", "child": "squad_a", "sibling": "station_b", "parent": "bureau"}
INSIDE = {"own": True, "child": True, "sibling": False, "parent": False}
READERS = {Role.POLITICAL_OFFICER, Role.LEADER, Role.UNIT_MANAGER, Role.PUBLICITY_EDITOR, Role.CARE_OFFICER}
EDITORS = {Role.POLITICAL_OFFICER, Role.UNIT_MANAGER}

# action on a unit → (roles granted, the list that must agree)
UNIT_ACTIONS = {
    "view_unit": (READERS, units_visible_to),
    "change_unit": ({Role.POLITICAL_OFFICER}, units_editable_by),
    "add_person": (EDITORS, units_for_people_editing),
}
# action on a person → (roles granted over the person's unit, the list that must agree or None)
PERSON_ACTIONS = {
    "view_person": (READERS, people_visible_to),
    "change_person": (EDITORS, people_editable_by),
    "view_person_phone": (EDITORS, None),
    "view_person_id_number": ({Role.POLITICAL_OFFICER}, None),
    "link_person_account": ({Role.POLITICAL_OFFICER}, None),
}
# actions without an object → roles holding them anywhere
GLOBAL_ACTIONS = {
    "view_unit_tree": READERS,
    "view_people": READERS,
    "import_roster": EDITORS,
    "manage_aux_tiers": {Role.POLITICAL_OFFICER},
    "view_own_record": {Role.MEMBER},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("position", list(POSITIONS))
@pytest.mark.parametrize("action", list(UNIT_ACTIONS))
def test_unit_actions_follow_role_and_position(tree, role_user, role, position, action):
    user = role_user(role, "station_a")
    unit = tree[POSITIONS[position]]
    roles, listing = UNIT_ACTIONS[action]
    expected = role in roles and INSIDE[position]

    assert user.has_perm(f"org.{action}", unit) is expected
    assert listing(user).filter(pk=unit.pk).exists() is expected


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("position", list(POSITIONS))
@pytest.mark.parametrize("action", list(PERSON_ACTIONS))
def test_person_actions_follow_role_and_position(tree, role_user, role, position, action):
    user = role_user(role, "station_a")
    person = PersonFactory(unit=tree[POSITIONS[position]])
    roles, listing = PERSON_ACTIONS[action]
    expected = role in roles and INSIDE[position]

    assert user.has_perm(f"org.{action}", person) is expected
    if listing is not None:
        assert listing(user).filter(pk=person.pk).exists() is expected


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(GLOBAL_ACTIONS))
def test_actions_without_an_object_follow_the_role(role_user, role, action):
    assert role_user(role).has_perm(f"org.{action}") is (role in GLOBAL_ACTIONS[action])


@pytest.mark.parametrize("action", ["view_person", "view_person_phone", "view_person_id_number"])
def test_own_record_is_readable_without_a_role(tree, action):
    member = UserFactory()
    own, other = PersonFactory(unit=tree["station_a"], user=member), PersonFactory(unit=tree["station_a"])

    assert member.has_perm(f"org.{action}", own)
    assert not member.has_perm(f"org.{action}", other)
    assert list(people_visible_to(member)) == [own]


@pytest.mark.parametrize(
    ("status", "expected"),
    [(status, status == RosterImportStatus.READY) for status in RosterImportStatus],
)
def test_only_the_uploader_confirms_and_only_a_ready_import(tree, role_user, status, expected):
    uploader, colleague = role_user(Role.UNIT_MANAGER, "station_a"), role_user(Role.UNIT_MANAGER, "station_a")
    roster_import = RosterImport.objects.create(original_filename="名册.xlsx", created_by=uploader, status=status)

    assert uploader.has_perm("org.confirm_roster_import", roster_import) is expected
    assert not colleague.has_perm("org.confirm_roster_import", roster_import)
    assert list(roster_imports_visible_to(uploader)) == [roster_import]
    assert not roster_imports_visible_to(colleague).exists()


def test_a_new_unit_needs_a_parent_in_the_political_departments_subtree(tree, role_user):
    officer = role_user(Role.POLITICAL_OFFICER, "station_a")

    with pytest.raises(PermissionDenied, match="政治处"):
        create_unit(name="乙所二中队", kind="squad", parent=tree["station_b"], by=officer)
    with pytest.raises(PermissionDenied):
        create_unit(name="新局", kind="bureau", parent=None, by=officer)
    created = create_unit(name="甲所二中队", kind="squad", parent=tree["station_a"], by=officer)

    assert created.parent == tree["station_a"]
    assert not Unit.objects.filter(name__in=["乙所二中队", "新局"]).exists()


def test_a_transfer_needs_the_new_unit_in_scope_too(tree, role_user):
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    person = PersonFactory(unit=tree["squad_a"])

    with pytest.raises(PermissionDenied):
        update_person(person, by=manager, unit=tree["station_b"])

    person.refresh_from_db()
    assert person.unit == tree["squad_a"]


def test_aux_tiers_are_kept_by_the_political_department(role_user):
    with pytest.raises(PermissionDenied, match="政治处"):
        create_aux_tier(name="一级辅警", level=1, by=role_user(Role.UNIT_MANAGER))

    assert create_aux_tier(name="一级辅警", level=1, by=role_user(Role.POLITICAL_OFFICER)).name == "一级辅警"
