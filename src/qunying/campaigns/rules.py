"""Campaigns permissions: the role decides who may act, the campaign's phase flags decide when (as pretalx does).
Mirrored by campaigns.queries."""

import rules

from qunying.accounts.enums import Role
from qunying.accounts.queries import assignments_of
from qunying.accounts.rules import has_role

CAMPAIGN_READERS = (Role.POLITICAL_OFFICER, Role.LEADER, Role.UNIT_MANAGER, Role.JUDGE)
ORGANISERS = (Role.POLITICAL_OFFICER,)
NOMINATORS = (Role.UNIT_MANAGER, Role.POLITICAL_OFFICER)
APPROVERS = (Role.LEADER,)
JUDGES = (Role.JUDGE,)


def phase_has(flag: str):
    """Predicate: the campaign's current phase opens `flag`."""

    @rules.predicate(name=f"phase_has({flag})")
    def predicate(user, campaign) -> bool:
        return campaign is not None and campaign.has_flag(flag)

    return predicate


@rules.predicate
def is_not_closed(user, campaign) -> bool:
    return campaign is not None and campaign.phase != "closed"


@rules.predicate
def is_in_notice(user, campaign) -> bool:
    return campaign is not None and campaign.phase == "notice"


@rules.predicate
def is_bureau_political_officer(user) -> bool:
    """Campaign types hold for the whole bureau: they are set by the political department at the top of the tree."""
    return any(a.role == Role.POLITICAL_OFFICER and a.unit.parent_id is None for a in assignments_of(user))


is_organiser = has_role(*ORGANISERS)

rules.add_perm("campaigns.view_campaigns", has_role(*CAMPAIGN_READERS))
rules.add_perm("campaigns.view_campaign", has_role(*CAMPAIGN_READERS))
rules.add_perm("campaigns.manage_campaign", is_organiser & is_not_closed)
rules.add_perm("campaigns.nominate", has_role(*NOMINATORS) & phase_has("nominations_open"))
rules.add_perm("campaigns.assign_judges", is_organiser & (phase_has("nominations_open") | phase_has("judging_open")))
rules.add_perm("campaigns.score", has_role(*JUDGES) & phase_has("judging_open"))
rules.add_perm("campaigns.propose_winners", is_organiser & phase_has("deciding_open"))
rules.add_perm("campaigns.approve_winners", has_role(*APPROVERS) & phase_has("deciding_open"))
rules.add_perm("campaigns.resolve_objections", is_organiser & phase_has("objections_open"))
rules.add_perm("campaigns.close", is_organiser & is_in_notice)
rules.add_perm("campaigns.view_results", (is_organiser | has_role(*APPROVERS)) & phase_has("results_visible"))
rules.add_perm("campaigns.manage_holds", is_organiser)
rules.add_perm("campaigns.manage_types", is_bureau_political_officer)
rules.add_perm("campaigns.release_results", is_organiser & phase_has("results_visible") & ~is_not_closed)
# Nominees (members) and nominating units' managers read the results addressed to them.
rules.add_perm("campaigns.view_own_notices", has_role(*CAMPAIGN_READERS, Role.MEMBER))
