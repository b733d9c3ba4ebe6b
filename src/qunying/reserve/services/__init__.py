"""Reserve writes: tier proposals and their decisions (the only way a tier changes)."""

from qunying.reserve.services.tiers import decide_tier_change, propose_tier

__all__ = ["decide_tier_change", "propose_tier"]
