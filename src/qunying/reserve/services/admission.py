"""Admission from a discovery suggestion: the door the reserve registers for discovery in ReserveConfig.ready()."""

from qunying.reserve.models import ReserveEntry
from qunying.reserve.services.tiers import propose_tier


def admit_from_suggestion(suggestion, *, tier: str, level: str, category: str, reason: str, by) -> ReserveEntry:
    """An accepted suggestion becomes a reserve proposal, which still needs its approval (PIPL art. 24: a person
    decides). `propose_tier` checks the user and writes the audit entry; the suggestion is linked by its id."""
    change = propose_tier(
        person=suggestion.person,
        to_tier=tier,
        reason=reason,
        level=level,
        category=category,
        suggestion_id=suggestion.pk,
        by=by,
    )
    return change.entry
