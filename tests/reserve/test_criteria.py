"""The reserve's computed criterion for party branch star ratings."""

from django.utils import timezone

from qunying.accounts.enums import Role
from qunying.branches.criteria import REGISTRY, compute
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
