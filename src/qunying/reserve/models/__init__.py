"""Exemplar reserve models: entries and tier history, plans, practice activities, guidance visits, evaluations."""

from qunying.reserve.models.activities import ActivityMaterial, FollowUp, GuidanceVisit, PracticeActivity
from qunying.reserve.models.entries import (
    ENTRY_TRANSITIONS,
    TIER_CHANGE_TRANSITIONS,
    CultivationPlan,
    Milestone,
    ReserveEntry,
    TierChange,
)
from qunying.reserve.models.evaluations import (
    DONE_STATUSES,
    EVALUATION_TRANSITIONS,
    ROUND_TRANSITIONS,
    AnnualEvaluation,
    EvaluationRound,
)

__all__ = [
    "DONE_STATUSES",
    "ENTRY_TRANSITIONS",
    "EVALUATION_TRANSITIONS",
    "ROUND_TRANSITIONS",
    "TIER_CHANGE_TRANSITIONS",
    "ActivityMaterial",
    "AnnualEvaluation",
    "CultivationPlan",
    "EvaluationRound",
    "FollowUp",
    "GuidanceVisit",
    "Milestone",
    "PracticeActivity",
    "ReserveEntry",
    "TierChange",
]
