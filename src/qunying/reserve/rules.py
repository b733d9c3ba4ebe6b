"""Reserve permissions: who reads the reserve, proposes tiers and approves them (mirrored by reserve.queries)."""

import rules

from qunying.accounts.enums import Role
from qunying.accounts.rules import has_role, has_role_over
from qunying.reserve.enums import Tier

RESERVE_READERS = (Role.POLITICAL_OFFICER, Role.LEADER, Role.UNIT_MANAGER)
PROPOSERS = (Role.POLITICAL_OFFICER, Role.UNIT_MANAGER)


def approver_roles(to_tier: str) -> tuple[str, ...]:
    """The 典型 tier is a bureau decision (局党委 leader); 储备 and 重点 are approved by the political department."""
    return (Role.LEADER,) if to_tier == Tier.EXEMPLAR else (Role.POLITICAL_OFFICER,)


rules.add_perm("reserve.view_reserve", has_role(*RESERVE_READERS))
rules.add_perm("reserve.view_entry", has_role_over(*RESERVE_READERS))
rules.add_perm("reserve.propose", has_role(*PROPOSERS))
rules.add_perm("reserve.propose_for", has_role_over(*PROPOSERS))
rules.add_perm("reserve.view_coverage", has_role(*RESERVE_READERS))
rules.add_perm("reserve.decide", has_role(Role.POLITICAL_OFFICER, Role.LEADER))
