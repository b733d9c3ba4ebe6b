"""Honours writes: the catalogue (catalogue.py), honours, their approval and revocation hook (honours.py), exports."""

from qunying.honours.services.approval import (
    approval_refusal,
    approve_honour,
    decline_honour,
    decline_refusal,
    withdraw_honour,
    withdrawal_refusal,
)
from qunying.honours.services.catalogue import (
    create_authority_rule,
    create_award_type,
    create_issuer,
    delete_authority_rule,
    update_authority_rule,
    update_award_type,
    update_issuer,
)
from qunying.honours.services.export import export_honours
from qunying.honours.services.honours import (
    authority_limit,
    check_authority,
    check_revocation,
    earlier_awards,
    earlier_awards_within_a_year,
    is_revocation_approver,
    on_honour_revoked,
    record_honour,
    revoke_honour,
    reward_conflicts,
)

__all__ = [
    "approval_refusal",
    "approve_honour",
    "authority_limit",
    "check_authority",
    "check_revocation",
    "create_authority_rule",
    "create_award_type",
    "create_issuer",
    "decline_honour",
    "decline_refusal",
    "delete_authority_rule",
    "earlier_awards",
    "earlier_awards_within_a_year",
    "export_honours",
    "is_revocation_approver",
    "on_honour_revoked",
    "record_honour",
    "revoke_honour",
    "reward_conflicts",
    "update_authority_rule",
    "update_award_type",
    "update_issuer",
    "withdraw_honour",
    "withdrawal_refusal",
]
