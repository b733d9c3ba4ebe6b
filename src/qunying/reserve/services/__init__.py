"""Reserve writes: tier proposals and their decisions (the only way a tier changes), retirement, plans, practice
activities, guidance visits, the year-end evaluation and the export."""

from qunying.reserve.services.export import export_entries
from qunying.reserve.services.tiers import decide_tier_change, propose_tier, retire_entry

__all__ = ["decide_tier_change", "export_entries", "propose_tier", "retire_entry"]
