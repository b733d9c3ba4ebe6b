"""Tier changes: one propose service, one decide service, the approving role per tier, history and audit."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qunying.accounts.enums import Role
from qunying.core.models import AuditEntry
from qunying.reserve.enums import EntryStatus, Tier, TierChangeStatus
from qunying.reserve.models import ReserveEntry, TierChange
from qunying.reserve.services import decide_tier_change, propose_tier
from tests.factories import PersonFactory


def _propose(person, by, tier=Tier.RESERVE):
    return propose_tier(
        person=person, to_tier=tier, reason="防汛抢险表现突出", level="unit", category="frontline", by=by
    )


def test_first_proposal_creates_a_pending_entry_and_approval_activates_it(tree, role_user):
    person = PersonFactory(unit=tree["squad_a"])
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    officer = role_user(Role.POLITICAL_OFFICER)

    change = _propose(person, manager)
    entry = ReserveEntry.objects.get(person=person)
    assert (entry.status, entry.tier, change.from_tier, change.to_tier) == ("proposed", "", "", "reserve")

    decide_tier_change(change, approve=True, note="同意", by=officer)

    entry.refresh_from_db()
    assert (entry.status, entry.tier) == (EntryStatus.ACTIVE, Tier.RESERVE)
    assert entry.since is not None
    assert list(
        AuditEntry.objects.filter(object_id=str(entry.pk), action__startswith="reserve.")
        .values_list("action", flat=True)
        .order_by("pk")
    ) == [
        "reserve.tier.proposed",
        "reserve.tier.approved",
    ]


# role of the decider × proposed tier → allowed
DECISION_TABLE = [
    (Role.POLITICAL_OFFICER, Tier.RESERVE, True),
    (Role.POLITICAL_OFFICER, Tier.FOCUS, True),
    (Role.POLITICAL_OFFICER, Tier.EXEMPLAR, False),
    (Role.LEADER, Tier.RESERVE, False),
    (Role.LEADER, Tier.FOCUS, False),
    (Role.LEADER, Tier.EXEMPLAR, True),
    (Role.UNIT_MANAGER, Tier.RESERVE, False),
    (Role.UNIT_MANAGER, Tier.FOCUS, False),
    (Role.UNIT_MANAGER, Tier.EXEMPLAR, False),
]


@pytest.mark.parametrize(("role", "tier", "allowed"), DECISION_TABLE)
def test_who_may_approve_which_tier(tree, role_user, role, tier, allowed):
    person = PersonFactory(unit=tree["squad_a"])
    change = _propose(person, role_user(Role.UNIT_MANAGER, "station_a"), tier)
    decider = role_user(role)

    if allowed:
        decide_tier_change(change, approve=True, by=decider)
        assert ReserveEntry.objects.get(person=person).tier == tier
    else:
        with pytest.raises(PermissionDenied):
            decide_tier_change(change, approve=True, by=decider)
        change.refresh_from_db()
        assert change.status == TierChangeStatus.PROPOSED
        assert ReserveEntry.objects.get(person=person).tier == ""


def test_unit_manager_cannot_approve_exemplar_even_over_own_unit(tree, role_user):
    manager = role_user(Role.UNIT_MANAGER, "station_a")
    change = _propose(PersonFactory(unit=tree["squad_a"]), manager, Tier.EXEMPLAR)

    with pytest.raises(PermissionDenied, match="局领导"):
        decide_tier_change(change, approve=True, by=manager)


@pytest.mark.parametrize(
    ("status", "allowed"),
    [(TierChangeStatus.PROPOSED, True), (TierChangeStatus.APPROVED, False), (TierChangeStatus.REJECTED, False)],
)
def test_only_a_pending_proposal_can_be_decided(tree, role_user, status, allowed):
    officer = role_user(Role.POLITICAL_OFFICER)
    change = _propose(PersonFactory(unit=tree["squad_a"]), officer)
    TierChange.objects.filter(pk=change.pk).update(status=status)

    if allowed:
        decide_tier_change(change, approve=False, note="材料不足", by=officer)
        assert ReserveEntry.objects.get(pk=change.entry_id).status == EntryStatus.DECLINED
    else:
        with pytest.raises(PermissionDenied):
            decide_tier_change(change, approve=False, note="材料不足", by=officer)
        with pytest.raises(PermissionDenied):  # not even the system decides twice
            decide_tier_change(change, approve=False, note="材料不足", by=None)


def test_tier_change_history_is_kept(tree, role_user):
    officer = role_user(Role.POLITICAL_OFFICER)
    leader = role_user(Role.LEADER)
    person = PersonFactory(unit=tree["squad_a"])
    decide_tier_change(_propose(person, officer), approve=True, by=officer)
    entry = ReserveEntry.objects.get(person=person)

    change = propose_tier(person=person, to_tier=Tier.EXEMPLAR, reason="荣立二等功", by=officer)
    decide_tier_change(change, approve=True, by=leader)

    entry.refresh_from_db()
    assert entry.tier == Tier.EXEMPLAR
    assert list(entry.tier_changes.order_by("pk").values_list("from_tier", "to_tier", "status")) == [
        ("", "reserve", "approved"),
        ("reserve", "exemplar", "approved"),
    ]


def test_a_second_pending_proposal_is_refused(tree, role_user):
    officer = role_user(Role.POLITICAL_OFFICER)
    person = PersonFactory(unit=tree["squad_a"])
    _propose(person, officer)

    with pytest.raises(ValidationError) as error:
        _propose(person, officer, Tier.FOCUS)
    assert "已有待审批" in str(error.value)
    assert TierChange.objects.count() == 1


def test_a_unit_manager_cannot_propose_another_units_people(tree, role_user):
    with pytest.raises(PermissionDenied):
        _propose(PersonFactory(unit=tree["station_b"]), role_user(Role.UNIT_MANAGER, "station_a"))
    assert not ReserveEntry.objects.exists()


def test_rejecting_needs_a_reason(tree, role_user):
    officer = role_user(Role.POLITICAL_OFFICER)
    change = _propose(PersonFactory(unit=tree["squad_a"]), officer)
    with pytest.raises(ValidationError):
        decide_tier_change(change, approve=False, note=" ", by=officer)


def test_leaving_the_exemplar_tier_is_a_leaders_decision(tree, role_user):
    from qunying.reserve.queries import changes_awaiting

    officer, leader = role_user(Role.POLITICAL_OFFICER), role_user(Role.LEADER)
    person = PersonFactory(unit=tree["squad_a"])
    decide_tier_change(_propose(person, officer, Tier.EXEMPLAR), approve=True, by=leader)
    change = propose_tier(person=person, to_tier=Tier.FOCUS, reason="年度表现下滑", by=officer)

    assert list(changes_awaiting(officer)) == []
    assert list(changes_awaiting(leader)) == [change]
    with pytest.raises(PermissionDenied, match="局领导"):
        decide_tier_change(change, approve=True, by=officer)
    decide_tier_change(change, approve=True, by=leader)
    assert ReserveEntry.objects.get(person=person).tier == Tier.FOCUS
