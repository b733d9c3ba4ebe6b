"""The reserve's computed criterion for party branch star ratings."""

from django.utils import timezone

from qunying.accounts.enums import Role
from qunying.branches.criteria import compute, scope_of
from qunying.core.criteria import REGISTRY, compute_for
from qunying.reserve.models import ReserveEntry
from qunying.reserve.services import decide_tier_change, propose_tier
from tests.branches.conftest import make_branch
from tests.factories import PersonFactory


def _admit(person, officer, leader=None, *, exemplar=False):
    change = propose_tier(person=person, to_tier="reserve", reason="好", level="unit", category="public", by=officer)
    decide_tier_change(change, approve=True, by=officer)
    if exemplar:
        decide_tier_change(
            propose_tier(person=person, to_tier="exemplar", reason="好", by=officer), approve=True, by=leader
        )
    return ReserveEntry.objects.get(person=person)


def test_reserve_criterion_counts_the_branchs_people_by_tier(tree, role_user):
    officer, leader = role_user(Role.POLITICAL_OFFICER), role_user(Role.LEADER)
    branch_a = make_branch(tree["station_a"])
    make_branch(tree["station_b"])
    reserve = _admit(PersonFactory(unit=tree["station_a"]), officer)
    exemplar = _admit(PersonFactory(unit=tree["station_a"]), officer, leader, exemplar=True)
    _admit(PersonFactory(unit=tree["station_b"]), officer)
    year = timezone.localdate().year

    assert "reserve.entries" in REGISTRY
    assert set(compute("reserve.entries", branch_a, year, 1).ids) == {reserve.pk, exemplar.pk}
    assert compute("reserve.entries", branch_a, year, 3).ids == (exemplar.pk,)
    assert compute("reserve.entries", branch_a, year - 1, 1).count == 0


def test_practice_activities_criterion_counts_by_organiser_and_members(tree, role_user, django_assert_num_queries):
    import datetime

    from qunying.reserve.services.activities import create_activity
    from tests.branches.conftest import party_member

    officer = role_user(Role.POLITICAL_OFFICER)
    member = party_member(tree["squad_a"])  # squad_a is not a covered unit: counts through membership only
    branch_a = make_branch(tree["station_a"], members=[member])
    branch_b = make_branch(tree["station_b"])
    person_a = _admit(PersonFactory(unit=tree["station_a"]), officer).person
    person_b = _admit(PersonFactory(unit=tree["station_b"]), officer).person
    _admit(member, officer)
    person_c = _admit(PersonFactory(unit=tree["bureau"]), officer).person

    def activity(unit, people, date):
        return create_activity(
            kind="deeds_report_meeting",
            title="报告会",
            date=date,
            place="礼堂",
            unit=unit,
            people=people,
            audience_size=50,
            by=officer,
        )

    organised = activity(tree["station_a"], [person_c], datetime.date(2025, 3, 1))  # organised by station_a
    featured = activity(tree["bureau"], [person_a, person_c], datetime.date(2025, 6, 1))  # features station_a's person
    by_member = activity(tree["bureau"], [member], datetime.date(2025, 9, 1))  # a member of branch a
    for_b = activity(tree["bureau"], [person_b, person_a], datetime.date(2025, 9, 2))  # both branches
    activity(tree["bureau"], [person_c], datetime.date(2025, 10, 1))  # nobody of either branch
    activity(tree["station_a"], [person_a], datetime.date(2024, 12, 31))  # another year
    activity(tree["station_b"], [person_b], datetime.date(2026, 1, 1))  # another year

    scope = scope_of([branch_a, branch_b])
    with django_assert_num_queries(1):
        counted = compute_for("reserve.practice_activities", scope, 2025)

    assert counted[branch_a.pk].ids == tuple(sorted([organised.pk, featured.pk, by_member.pk, for_b.pk]))
    assert counted[branch_b.pk].ids == (for_b.pk,)
    rows = REGISTRY["reserve.practice_activities"].describe([featured.pk])
    assert rows[0].people.count("、") == 1 and "报告会" in rows[0].title
