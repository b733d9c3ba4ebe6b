"""Reserve test helpers: entries admitted through the tier services, the way the pages do it."""

import pytest

from qunying.accounts.enums import Role
from qunying.reserve.enums import Tier
from qunying.reserve.models import ReserveEntry
from qunying.reserve.services import decide_tier_change, propose_tier


def admit(person, tier, officer, leader=None, *, category="grassroots"):
    """An active entry of `person` at `tier` (储备 first, then the tier), approved by the right role."""
    change = propose_tier(
        person=person, to_tier=Tier.RESERVE, reason="表现突出", level="unit", category=category, by=officer
    )
    decide_tier_change(change, approve=True, by=officer)
    if tier != Tier.RESERVE:
        change = propose_tier(person=person, to_tier=tier, reason="晋升层级", by=officer)
        decide_tier_change(change, approve=True, by=leader if tier == Tier.EXEMPLAR else officer)
    return ReserveEntry.objects.select_related("person__unit").get(person=person, status="active")


@pytest.fixture
def officer(role_user):
    return role_user(Role.POLITICAL_OFFICER)


@pytest.fixture
def leader(role_user):
    return role_user(Role.LEADER)
