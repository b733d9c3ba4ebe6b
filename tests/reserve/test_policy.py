"""The reserve policy as tables: role × state → allowed, for the actions whose state decides as much as the role."""

import datetime

import pytest
from django.utils import timezone

from qunying.accounts.enums import Role
from qunying.reserve.enums import EvaluationStatus, RoundStatus, Tier
from qunying.reserve.models import AnnualEvaluation, EvaluationRound, FollowUp
from qunying.reserve.services import propose_tier
from qunying.reserve.services.activities import add_follow_up, create_visit
from qunying.reserve.services.evaluations import open_round
from tests.factories import PersonFactory
from tests.reserve.conftest import admit

YEAR = timezone.localdate().year
ROLES = [Role.POLITICAL_OFFICER, Role.LEADER, Role.UNIT_MANAGER, Role.JUDGE]


def _user(role_user, role):
    return role_user(role, "station_a" if role == Role.UNIT_MANAGER else "bureau")


# (evaluation status, round open) → roles that may record it / decide it (a reserve keep: no exemplar involved)
EVALUATION_TABLE = [
    (EvaluationStatus.DUE, True, {Role.POLITICAL_OFFICER, Role.UNIT_MANAGER}, set()),
    (EvaluationStatus.RECORDED, True, {Role.POLITICAL_OFFICER, Role.UNIT_MANAGER}, {Role.POLITICAL_OFFICER}),
    (EvaluationStatus.RETURNED, True, {Role.POLITICAL_OFFICER, Role.UNIT_MANAGER}, set()),
    (EvaluationStatus.APPROVED, True, set(), set()),
    (EvaluationStatus.WITHDRAWN, True, set(), set()),
    (EvaluationStatus.RECORDED, False, set(), set()),
]


@pytest.mark.parametrize(("status", "round_open", "recorders", "deciders"), EVALUATION_TABLE)
def test_who_may_record_and_decide_an_evaluation_in_each_state(
    tree, role_user, status, round_open, recorders, deciders
):
    officer = role_user(Role.POLITICAL_OFFICER)
    admit(PersonFactory(unit=tree["squad_a"]), Tier.RESERVE, officer)
    evaluation_round = open_round(year=YEAR, unit=tree["bureau"], by=officer)
    AnnualEvaluation.objects.update(status=status, outcome="keep")
    if not round_open:
        EvaluationRound.objects.update(status=RoundStatus.CLOSED)
    evaluation = AnnualEvaluation.objects.select_related("round", "entry__person__unit").get(round=evaluation_round)

    users = {role: _user(role_user, role) for role in ROLES}
    assert {r for r, u in users.items() if u.has_perm("reserve.record_evaluation", evaluation)} == recorders
    assert {r for r, u in users.items() if u.has_perm("reserve.approve_evaluations", evaluation)} == deciders


@pytest.mark.parametrize(("done", "allowed"), [(False, {Role.POLITICAL_OFFICER, Role.UNIT_MANAGER}), (True, set())])
def test_who_may_complete_a_follow_up_item_open_or_done(tree, role_user, done, allowed):
    officer = role_user(Role.POLITICAL_OFFICER)
    day = datetime.date(2025, 3, 1)
    visit = create_visit(unit=tree["station_a"], date=day, visitors="王", findings="好", by=officer)
    add_follow_up(visit, title="整改", owner="所长", due_on=datetime.date(2025, 4, 1), by=officer)
    if done:
        FollowUp.objects.update(done_on=datetime.date(2025, 3, 20))
    item = FollowUp.objects.select_related("visit__unit").get()

    users = {role: _user(role_user, role) for role in ROLES}
    assert {r for r, u in users.items() if u.has_perm("reserve.complete_follow_up", item)} == allowed
    assert not role_user(Role.UNIT_MANAGER, "station_b").has_perm("reserve.complete_follow_up", item)


@pytest.mark.parametrize(("pending", "allowed"), [(False, {Role.POLITICAL_OFFICER, Role.UNIT_MANAGER}), (True, set())])
def test_another_tier_is_proposed_only_without_a_pending_proposal(tree, role_user, pending, allowed):
    officer = role_user(Role.POLITICAL_OFFICER)
    entry = admit(PersonFactory(unit=tree["squad_a"]), Tier.RESERVE, officer)
    if pending:
        propose_tier(person=entry.person, to_tier=Tier.FOCUS, reason="表现突出", by=officer)

    users = {role: _user(role_user, role) for role in ROLES}
    assert {r for r, u in users.items() if u.has_perm("reserve.propose_tier_change", entry)} == allowed
