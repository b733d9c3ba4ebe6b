"""Campaigns writes: phases.py (opening, phases), nominations.py, judging.py, decision.py (winners, 公示, objections,
closing) and voting.py (public voting)."""

from qunying.campaigns.services.decision import (
    approval_problems,
    approve_winners,
    close_campaign,
    closing_problems,
    propose_winners,
    raise_objection,
    resolve_objection,
)
from qunying.campaigns.services.evidence import link_rating
from qunying.campaigns.services.history import record_past_campaign, record_past_winner
from qunying.campaigns.services.judging import (
    assign_judge,
    balance_judges,
    conflict_of,
    declare_conflict,
    submit_scores,
    unassign_judge,
)
from qunying.campaigns.services.nominations import eligibility_problems, nominate, place_hold, withdraw_nomination
from qunying.campaigns.services.phases import (
    advance_due_campaigns,
    advance_phase,
    notice_end,
    open_campaign,
    open_due_campaigns,
    period_of,
    phase_choices,
    set_issuer,
)
from qunying.campaigns.services.release import mark_notices_read, release_results
from qunying.campaigns.services.voting import (
    cast_vote,
    phone_hash,
    release_vote,
    send_vote_code,
    verify_vote_code,
    vote_refusal,
)

__all__ = [
    "advance_due_campaigns",
    "advance_phase",
    "approval_problems",
    "approve_winners",
    "assign_judge",
    "balance_judges",
    "cast_vote",
    "close_campaign",
    "closing_problems",
    "conflict_of",
    "declare_conflict",
    "eligibility_problems",
    "link_rating",
    "mark_notices_read",
    "nominate",
    "notice_end",
    "open_campaign",
    "open_due_campaigns",
    "period_of",
    "phase_choices",
    "phone_hash",
    "place_hold",
    "propose_winners",
    "raise_objection",
    "record_past_campaign",
    "record_past_winner",
    "release_results",
    "release_vote",
    "resolve_objection",
    "send_vote_code",
    "set_issuer",
    "submit_scores",
    "unassign_judge",
    "verify_vote_code",
    "vote_refusal",
    "withdraw_nomination",
]
