"""Reserve forms: entries, plans, practice activities, guidance visits and the year-end evaluation."""

from qunying.reserve.forms.activities import (
    ActivityFilterForm,
    ActivityForm,
    FollowUpDoneForm,
    FollowUpForm,
    MaterialForm,
    VisitFilterForm,
    VisitForm,
)
from qunying.reserve.forms.entries import (
    CompleteMilestoneForm,
    DecisionForm,
    EntryFilterForm,
    MilestoneForm,
    PlanForm,
    ProposalForm,
    RetireForm,
)
from qunying.reserve.forms.evaluations import (
    EvaluationDecisionForm,
    EvaluationFilterForm,
    EvaluationForm,
    RoundOpenForm,
)

__all__ = [
    "ActivityFilterForm",
    "ActivityForm",
    "CompleteMilestoneForm",
    "DecisionForm",
    "EntryFilterForm",
    "EvaluationDecisionForm",
    "EvaluationFilterForm",
    "EvaluationForm",
    "FollowUpDoneForm",
    "FollowUpForm",
    "MaterialForm",
    "MilestoneForm",
    "PlanForm",
    "ProposalForm",
    "RetireForm",
    "RoundOpenForm",
    "VisitFilterForm",
    "VisitForm",
]
