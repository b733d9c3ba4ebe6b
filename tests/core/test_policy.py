"""The declared policy: one declaration answers "may I?", "which ones?" and the service check alike."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q

from qunying.core.policy import Policy, anywhere, covering_paths, holders_over, matches, only, over, own, within
from qunying.core.roles import Role
from qunying.core.workflow import transition
from qunying.org.enums import PersonStatus
from qunying.org.models import Person, Unit
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy():
    declared = Policy("policytest")
    declared.action("view_person", over(Role.UNIT_MANAGER, unit="unit"), own("user"))
    declared.action(
        "retire_person",
        over(Role.POLITICAL_OFFICER, unit="unit"),
        when=Q(status=PersonStatus.ACTIVE),
        reason="只有政治处可以办理。",
    )
    declared.action("edit_unit", over(Role.POLITICAL_OFFICER, unit=""))
    declared.action("configure", anywhere(Role.POLITICAL_OFFICER, at_root=True))
    return declared


@pytest.fixture
def people(tree):
    return {
        "a": PersonFactory(unit=tree["squad_a"], status=PersonStatus.ACTIVE),
        "b": PersonFactory(unit=tree["station_b"], status=PersonStatus.ACTIVE),
        "gone": PersonFactory(unit=tree["station_a"], status=PersonStatus.RETIRED),
    }


def test_over_answers_object_and_list_alike(policy, role_user, people):
    manager = role_user(Role.UNIT_MANAGER, "station_a")

    visible = set(policy.filter(manager, "view_person", Person.objects.all()))

    assert visible == {people["a"], people["gone"]}
    assert [p for p in people.values() if policy.allows(manager, "view_person", p)] == [people["a"], people["gone"]]
    assert manager.has_perm("policytest.view_person", people["a"])
    assert not manager.has_perm("policytest.view_person", people["b"])
    assert manager.has_perm("policytest.view_person")


def test_own_records_are_visible_without_a_role(policy, people):
    member = UserFactory()
    people["b"].user = member
    people["b"].save(update_fields=["user"])

    assert list(policy.filter(member, "view_person", Person.objects.all())) == [people["b"]]
    assert policy.allows(member, "view_person", people["b"])
    assert not policy.allows(member, "view_person", people["a"])


def test_state_condition_applies_to_object_list_and_service(policy, role_user, people):
    officer = role_user(Role.POLITICAL_OFFICER)

    assert set(policy.filter(officer, "retire_person", Person.objects.all())) == {people["a"], people["b"]}
    assert not policy.allows(officer, "retire_person", people["gone"])
    with pytest.raises(PermissionDenied, match="只有政治处"):
        policy.require(officer, "retire_person", people["gone"])
    with pytest.raises(PermissionDenied):
        policy.require(None, "retire_person", people["gone"])
    policy.require(None, "retire_person", people["a"])
    policy.require(officer, "retire_person", people["a"])


def test_unit_itself_and_root_only_grants(policy, role_user, tree):
    station_officer = role_user(Role.POLITICAL_OFFICER, "station_a")
    bureau_officer = role_user(Role.POLITICAL_OFFICER)

    assert set(policy.filter(station_officer, "edit_unit", Unit.objects.all())) == {tree["station_a"], tree["squad_a"]}
    assert not policy.allows(station_officer, "edit_unit", tree["bureau"])
    assert not policy.allows(station_officer, "configure")
    assert policy.allows(bureau_officer, "configure")


def test_roles_without_scope_see_nothing(policy, role_user, people):
    judge = role_user(Role.JUDGE)

    assert not policy.filter(judge, "view_person", Person.objects.all()).exists()
    assert not policy.allows(judge, "view_person", people["a"])
    assert not judge.has_perm("policytest.edit_unit")
    assert judge.has_perm("policytest.view_person")  # their own record, were there one


def test_matches_reads_q_like_sql(people):
    person = people["a"]

    assert matches(person, Q(status__in=[PersonStatus.ACTIVE, PersonStatus.RETIRED]))
    assert matches(person, ~Q(status=PersonStatus.RETIRED) & Q(unit=person.unit))
    assert matches(person, Q(status=PersonStatus.RETIRED) | Q(unit__parent=person.unit.parent))
    assert not matches(person, Q(user__isnull=False))


def test_declaring_an_action_twice_is_refused(policy):
    with pytest.raises(ValueError):
        policy.action("configure", anywhere(Role.LEADER))


def test_transition_follows_the_map(people):
    person = people["a"]
    allowed = {PersonStatus.ACTIVE: {PersonStatus.RETIRED}, PersonStatus.RETIRED: set()}

    assert transition(person, PersonStatus.RETIRED, allowed) == ["status"]
    assert person.status == PersonStatus.RETIRED
    with pytest.raises(ValidationError):
        transition(person, PersonStatus.ACTIVE, allowed)


def test_only_limits_a_grant_to_a_state(role_user, people):
    declared = Policy("policytest")
    declared.action(
        "settle",
        only(over(Role.POLITICAL_OFFICER, unit="unit"), when=Q(status=PersonStatus.ACTIVE)),
        only(over(Role.LEADER, unit="unit"), when=Q(status=PersonStatus.RETIRED)),
    )
    officer, leader = role_user(Role.POLITICAL_OFFICER), role_user(Role.LEADER)

    assert set(declared.filter(officer, "settle", Person.objects.all())) == {people["a"], people["b"]}
    assert set(declared.filter(leader, "settle", Person.objects.all())) == {people["gone"]}
    assert declared.allows(officer, "settle", people["a"]) and not declared.allows(officer, "settle", people["gone"])
    assert declared.allows(leader, "settle", people["gone"]) and not declared.allows(leader, "settle", people["a"])
    assert declared.allows(officer, "settle") and declared.allows(leader, "settle")


def test_over_a_to_many_path_asks_the_database_once(role_user, tree, django_assert_num_queries):
    declared = Policy("policytest")
    declared.action("see_user", over(Role.UNIT_MANAGER, unit="role_assignments__unit"))
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    inside, outside = role_user(Role.JUDGE, "squad_a"), role_user(Role.JUDGE, "station_b")
    declared.allows(manager, "see_user")  # loads the manager's own assignments

    with django_assert_num_queries(2):
        assert declared.allows(manager, "see_user", inside)
        assert not declared.allows(manager, "see_user", outside)
    assert set(declared.filter(manager, "see_user", type(manager).objects.all())) == {manager, inside}


def test_anywhere_beside_another_grant_still_lists_everything(role_user, people):
    declared = Policy("policytest")
    declared.action("see_person", over(Role.UNIT_MANAGER, unit="unit"), anywhere(Role.POLITICAL_OFFICER, at_root=True))
    officer = role_user(Role.POLITICAL_OFFICER)

    assert set(declared.filter(officer, "see_person", Person.objects.all())) == set(people.values())


def test_holders_over_a_unit_are_those_on_it_or_above_it(role_user, tree):
    bureau, station, squad = (
        role_user(Role.LEADER),
        role_user(Role.LEADER, "station_a"),
        role_user(Role.LEADER, "squad_a"),
    )
    role_user(Role.LEADER, "station_b")
    role_user(Role.JUDGE, "station_a")

    assert covering_paths(tree["squad_a"].path) == [tree["bureau"].path, tree["station_a"].path, tree["squad_a"].path]
    assert set(holders_over(tree["station_a"].path, [Role.LEADER])) == {bureau, station}
    assert squad not in holders_over(tree["station_a"].path, [Role.LEADER])


def test_a_subtree_is_a_path_range_that_stops_at_the_next_sibling_id(tree):
    """/1/ must not take /10/ or /11/: the range ends below "/10" however many units follow."""
    units = {unit.pk: unit for unit in Unit.objects.all()}
    for unit in units.values():
        expected = {pk for pk, other in units.items() if other.path.startswith(unit.path)}
        found = set(Unit.objects.filter(within("path", unit.path)).values_list("pk", flat=True))
        assert found == expected
    assert not Unit.objects.filter(within("path", "/1")).exclude(path__startswith="/1").exists()


def test_a_narrow_scope_is_a_union_and_lists_what_the_objects_answer(policy, role_user, people):
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    people["b"].user = manager
    people["b"].save(update_fields=["user"])

    condition = policy.q(manager, "view_person", Person)
    visible = set(Person.objects.filter(condition))

    assert "UNION" in str(Person.objects.filter(condition).query)
    assert visible == {people["a"], people["gone"], people["b"]}
    assert visible == {p for p in Person.objects.all() if policy.allows(manager, "view_person", p)}


def test_the_decider_answers_as_allows_reading_the_roles_once(policy, role_user, people, django_assert_num_queries):
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    rows = list(Person.objects.select_related("unit"))

    with django_assert_num_queries(1):  # the role assignments, once
        decide = policy.decider(manager, "view_person")
        answers = [decide(person) for person in rows]

    assert answers == [policy.allows(manager, "view_person", person) for person in rows]
    assert sum(answers) == 2
