"""Reserve policy: who reads the reserve, proposes tiers and decides them, sets plans, runs practice activities,
guidance visits and the year-end evaluation, in which units and in which state (reserve.queries filters by it)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qunying.core.policy import Policy, anywhere, only, over
from qunying.core.roles import Role
from qunying.org.enums import UnitKind
from qunying.reserve.enums import (
    CultivationLevel,
    EntryStatus,
    EvaluationOutcome,
    EvaluationStatus,
    RoundStatus,
    Tier,
    TierChangeStatus,
)

READERS = (Role.POLITICAL_OFFICER, Role.LEADER, Role.UNIT_MANAGER)
PROPOSERS = (Role.POLITICAL_OFFICER, Role.UNIT_MANAGER)
# Units with a political department of their own: they own county-level or higher plans and open evaluation rounds.
POLITICAL_DEPARTMENT_KINDS = (UnitKind.BUREAU, UnitKind.DEPARTMENT)

# Anything touching the 典型 tier (into it or out of it) is a bureau decision (局党委 leader); 储备 and 重点 are
# decided by the political department. The same rule holds for a tier change, retiring an entry and an evaluation.
CHANGE_TOUCHES_EXEMPLAR = Q(to_tier=Tier.EXEMPLAR) | Q(from_tier=Tier.EXEMPLAR)
ENTRY_TOUCHES_EXEMPLAR = Q(tier=Tier.EXEMPLAR)
EVALUATION_TOUCHES_EXEMPLAR = Q(entry__tier=Tier.EXEMPLAR) | Q(
    entry__tier=Tier.FOCUS, outcome=EvaluationOutcome.UPGRADE
)
UNIT_LEVEL = Q(level=CultivationLevel.UNIT)
PENDING_CHANGE = Q(tier_changes__status=TierChangeStatus.PROPOSED)
OPEN_EVALUATION = Q(round__status=RoundStatus.OPEN)


def decided_by_rank(unit: str, touches_exemplar: Q) -> tuple:
    """A leader over `unit` for what touches the exemplar tier, the political department for the rest."""
    return (
        only(over(Role.LEADER, unit=unit), when=touches_exemplar),
        only(over(Role.POLITICAL_OFFICER, unit=unit), when=~touches_exemplar),
    )


policy = Policy("reserve")

# --- Entries, tier changes and plans ---------------------------------------------------------------------------------
for name in ("view_reserve", "view_entry"):  # the list page and one entry: the entry's person's unit decides
    policy.action(
        name,
        over(*READERS, unit="person__unit"),
        reason=_("The reserve is read by the political department, leaders and unit managers, within their units."),
    )
policy.action(
    "view_coverage",
    over(*READERS, unit=""),
    reason=_("Coverage is read by the political department, leaders and unit managers, within their units."),
)
# On a person: proposing them for the reserve, featuring them in an activity, naming them as a mentor.
policy.action(
    "propose_for",
    over(*PROPOSERS, unit="unit"),
    reason=_("Only the unit's manager or the political department proposes people of this unit for the reserve."),
)
policy.action(
    "propose_tier_change",
    over(*PROPOSERS, unit="person__unit"),
    when=Q(status=EntryStatus.ACTIVE) & ~PENDING_CHANGE,
    reason=_("Another tier is proposed for a person in the reserve with no proposal awaiting approval."),
)
policy.action(
    "decide",
    *decided_by_rank("entry__person__unit", CHANGE_TOUCHES_EXEMPLAR),
    when=Q(status=TierChangeStatus.PROPOSED),
    reason=_(
        "A proposal awaiting approval is decided by a bureau leader when it touches the exemplar tier, "
        "otherwise by the political department."
    ),
)
policy.action(
    "retire",
    *decided_by_rank("person__unit", ENTRY_TOUCHES_EXEMPLAR),
    when=Q(status=EntryStatus.ACTIVE),
    reason=_(
        "An entry in the reserve is retired by a bureau leader when it is an exemplar, "
        "otherwise by the political department."
    ),
)
policy.action(
    "add_plan",
    over(*PROPOSERS, unit="person__unit"),
    when=Q(status=EntryStatus.ACTIVE),
    reason=_("Plans are set for people in the reserve, by their unit's manager or the political department."),
)
# Level by level: a unit-level plan belongs to its owner unit's manager too, a higher one to the political department.
policy.action(
    "change_plan",
    only(over(*PROPOSERS, unit="owner_unit"), when=UNIT_LEVEL),
    only(over(Role.POLITICAL_OFFICER, unit="owner_unit"), when=~UNIT_LEVEL),
    reason=_(
        "A unit-level plan is set by the owner unit's manager or the political department; "
        "a county-level or higher plan only by the political department."
    ),
)

# Importing the reserve's history (典型储备库): each row is then proposed (`propose_for`, the importer's units) and
# approved (`decide`, by rank: a 典型 row needs a leader too) through the tier services, so the scope holds row by row.
policy.action(
    "import_reserve",
    anywhere(Role.POLITICAL_OFFICER),
    reason=_("Only the political department imports the reserve's history."),
)

# --- Practice activities and guidance visits -------------------------------------------------------------------------
policy.action(
    "view_activities",
    over(*READERS, unit="unit"),
    reason=_(
        "Practice activities are read by the political department, leaders and unit managers, within their units."
    ),
)
policy.action(
    "add_activity",  # on the organising unit
    over(*PROPOSERS, unit=""),
    reason=_("You may not organise activities for this unit."),
)
policy.action(
    "change_activity",
    over(*PROPOSERS, unit="unit"),
    reason=_("Only the organising unit's manager or the political department changes this activity."),
)
policy.action(
    "view_visits",
    over(*READERS, unit="unit"),
    reason=_("Guidance visits are read by the political department, leaders and unit managers, within their units."),
)
policy.action(
    "add_visit",  # on the unit visited
    over(Role.POLITICAL_OFFICER, unit=""),
    reason=_("Only the political department records guidance visits to this unit."),
)
policy.action(
    "change_visit",
    over(Role.POLITICAL_OFFICER, unit="unit"),
    reason=_("Only the political department changes this visit."),
)
# The visited unit's manager does the follow-ups; the political department may record them too.
policy.action(
    "complete_follow_up",
    over(*PROPOSERS, unit="visit__unit"),
    when=Q(done_on__isnull=True),
    reason=_("An open follow-up item is completed by the visited unit's manager or the political department."),
)

# --- Year-end evaluation ---------------------------------------------------------------------------------------------
# A station reads the bureau's round through the evaluations of its own people.
policy.action(
    "view_rounds",
    over(*READERS, unit=("unit", "evaluations__entry__person__unit")),
    reason=_("Evaluation rounds are read by the political department, leaders and unit managers, within their units."),
)
policy.action(
    "view_evaluation",
    over(*READERS, unit="entry__person__unit"),
    reason=_("Evaluations are read by the political department, leaders and unit managers, within their units."),
)
policy.action(
    "open_round",  # on the unit whose subtree the round covers
    over(Role.POLITICAL_OFFICER, unit=""),
    when=Q(kind__in=POLITICAL_DEPARTMENT_KINDS),
    reason=_("The political department opens the round for its bureau or department."),
)
policy.action(
    "manage_round",
    over(Role.POLITICAL_OFFICER, unit="unit"),
    when=Q(status=RoundStatus.OPEN),
    reason=_("Only the political department changes or closes an open round."),
)
policy.action(
    "record_evaluation",
    over(*PROPOSERS, unit="entry__person__unit"),
    when=OPEN_EVALUATION
    & Q(entry__status=EntryStatus.ACTIVE)
    & Q(status__in=[EvaluationStatus.DUE, EvaluationStatus.RECORDED, EvaluationStatus.RETURNED]),
    reason=_(
        "An evaluation of an open round is recorded, until it is approved, by the unit's manager or the political "
        "department, while the person is in the reserve."
    ),
)
policy.action(
    "approve_evaluations",
    *decided_by_rank("entry__person__unit", EVALUATION_TOUCHES_EXEMPLAR),
    when=OPEN_EVALUATION & Q(status=EvaluationStatus.RECORDED),
    reason=_(
        "A recorded evaluation of an open round is decided by a bureau leader when it touches the exemplar tier, "
        "otherwise by the political department."
    ),
)


def permits(by, name: str, obj=None) -> bool:
    """The service check as a yes or no (`by=None` is the system), for a refusal reported on a form field."""
    try:
        policy.require(by, name, obj)
    except PermissionDenied:
        return False
    return True


def reason(name: str) -> str:
    return policy.actions[name].reason
