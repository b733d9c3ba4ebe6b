"""Reserve permissions: who reads the reserve, proposes tiers and approves them, runs practice activities, guidance
visits and the year-end evaluation (mirrored by reserve.queries)."""

import rules

from qunying.accounts.enums import Role
from qunying.accounts.rules import has_role, has_role_over
from qunying.reserve.enums import Tier

RESERVE_READERS = (Role.POLITICAL_OFFICER, Role.LEADER, Role.UNIT_MANAGER)
PROPOSERS = (Role.POLITICAL_OFFICER, Role.UNIT_MANAGER)
VISITORS = (Role.POLITICAL_OFFICER,)
DECIDERS = (Role.POLITICAL_OFFICER, Role.LEADER)


def approver_roles(to_tier: str, from_tier: str = "") -> tuple[str, ...]:
    """Anything touching the 典型 tier (into it or out of it) is a bureau decision (局党委 leader); 储备 and 重点 are
    approved by the political department."""
    return (Role.LEADER,) if Tier.EXEMPLAR in (to_tier, from_tier) else (Role.POLITICAL_OFFICER,)


rules.add_perm("reserve.view_reserve", has_role(*RESERVE_READERS))
rules.add_perm("reserve.view_entry", has_role_over(*RESERVE_READERS))
rules.add_perm("reserve.propose", has_role(*PROPOSERS))
rules.add_perm("reserve.propose_for", has_role_over(*PROPOSERS))
rules.add_perm("reserve.view_coverage", has_role(*RESERVE_READERS))
rules.add_perm("reserve.decide", has_role(*DECIDERS))
rules.add_perm("reserve.retire", has_role(*DECIDERS))

rules.add_perm("reserve.view_activities", has_role(*RESERVE_READERS))
rules.add_perm("reserve.add_activity", has_role(*PROPOSERS))
rules.add_perm("reserve.change_activity", has_role_over(*PROPOSERS))

rules.add_perm("reserve.view_visits", has_role(*RESERVE_READERS))
rules.add_perm("reserve.add_visit", has_role(*VISITORS))
rules.add_perm("reserve.change_visit", has_role_over(*VISITORS))
rules.add_perm("reserve.complete_follow_up", has_role_over(*PROPOSERS))

rules.add_perm("reserve.view_rounds", has_role(*RESERVE_READERS))
rules.add_perm("reserve.open_round", has_role(Role.POLITICAL_OFFICER))
rules.add_perm("reserve.record_evaluation", has_role_over(*PROPOSERS))
rules.add_perm("reserve.approve_evaluations", has_role(*DECIDERS))
