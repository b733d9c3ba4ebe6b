"""Campaigns policy: the role decides who may act, the campaign's phase flags decide when (as pretalx does), the
nominee's unit decides where. campaigns.queries filters by the same declarations."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qunying.campaigns.enums import PHASE_FLAGS, NominationStatus, ObjectionStatus, Phase
from qunying.core.policy import NOTHING, Policy, anywhere, custom, only, over, own, roles_of
from qunying.core.roles import Role

READERS = (Role.POLITICAL_OFFICER, Role.LEADER, Role.UNIT_MANAGER, Role.JUDGE)
NOMINATORS = (Role.UNIT_MANAGER, Role.POLITICAL_OFFICER)
LIVE_NOMINATIONS = (NominationStatus.NOMINATED, NominationStatus.PROPOSED, NominationStatus.APPROVED)


def phase_has(*flags: str, phase: str = "phase") -> Q:
    """The campaign's phase opens one of `flags` (`phase` is the path to the campaign's phase field)."""
    return Q(**{f"{phase}__in": [p for p, opened in PHASE_FLAGS.items() if opened & set(flags)]})


NOT_CLOSED = ~Q(phase=Phase.CLOSED)


def _judge_of(user, nomination) -> bool:
    return Role.JUDGE in roles_of(user) and nomination.assignments.filter(judge=user.pk, recused=False).exists()


def _judged_by(user) -> Q:
    """One condition on the same assignment row (judge and not recused); lists add distinct()."""
    if Role.JUDGE not in roles_of(user):
        return NOTHING
    return Q(assignments__judge=user.pk, assignments__recused=False)


# A judge reads the nominations assigned to them, unless recused: a condition on one related row, which the
# declarative grants cannot say.
ASSIGNED_JUDGE = custom(lambda user: Role.JUDGE in roles_of(user), _judge_of, _judged_by)

policy = Policy("campaigns")

# --- Campaigns (bureau-wide: the phase decides) ----------------------------------------------------------------------
for name in ("view_campaigns", "view_campaign"):
    policy.action(
        name,
        anywhere(*READERS),
        reason=_("Campaigns are for the political department, leaders, unit managers and judges."),
    )
policy.action(
    "manage_campaign",  # move it to its next phase
    anywhere(Role.POLITICAL_OFFICER),
    when=NOT_CLOSED,
    reason=_("Only the political department runs a campaign, until it is closed."),
)
policy.action(
    "open_campaign",  # on its campaign type
    anywhere(Role.POLITICAL_OFFICER),
    reason=_("Only the political department opens a campaign."),
)
policy.action(
    "nominate",
    anywhere(*NOMINATORS),
    when=phase_has("nominations_open"),
    reason=_("Unit managers and the political department nominate while nominations are open."),
)
policy.action(
    "assign_judges",
    anywhere(Role.POLITICAL_OFFICER),
    when=phase_has("nominations_open", "judging_open"),
    reason=_("The political department assigns judges until judging closes."),
)
policy.action(
    "score",
    anywhere(Role.JUDGE),
    when=phase_has("judging_open"),
    reason=_("Judges score while judging is open."),
)
policy.action(
    "propose_winners",
    anywhere(Role.POLITICAL_OFFICER),
    when=phase_has("deciding_open"),
    reason=_("The political department proposes winners in the deciding phase."),
)
policy.action(
    "approve_winners",
    anywhere(Role.LEADER),
    when=phase_has("deciding_open"),
    reason=_("A bureau leader approves the winners in the deciding phase."),
)
policy.action(
    "resolve_objections",
    anywhere(Role.POLITICAL_OFFICER),
    when=phase_has("objections_open"),
    reason=_("The political department resolves objections during the public notice."),
)
policy.action(
    "close",
    anywhere(Role.POLITICAL_OFFICER),
    when=Q(phase=Phase.NOTICE),
    reason=_("The political department closes a campaign after its public notice."),
)
policy.action(
    "view_results",
    anywhere(Role.POLITICAL_OFFICER, Role.LEADER),
    when=phase_has("results_visible"),
    reason=_("The results are for the political department and leaders, once judging is over."),
)
policy.action(
    "release_results",
    anywhere(Role.POLITICAL_OFFICER),
    when=Q(phase=Phase.CLOSED),
    reason=_("The political department releases the results of a closed campaign."),
)
policy.action(
    "view_objections",  # a campaign's objections: those who decide on its results
    anywhere(Role.POLITICAL_OFFICER, Role.LEADER),
    reason=_("Objections are read by the political department and leaders."),
)
policy.action(
    "review_votes",  # the quarantined votes of a campaign
    anywhere(Role.POLITICAL_OFFICER),
    reason=_("Only the political department reviews quarantined votes."),
)
policy.action(
    "release_vote",
    anywhere(Role.POLITICAL_OFFICER),
    when=Q(quarantined=True),
    reason=_("Only the political department lets a quarantined vote count."),
)
# Campaign types hold for the whole bureau: they are set by the political department at the top of the tree.
policy.action(
    "manage_types",
    anywhere(Role.POLITICAL_OFFICER, at_root=True),
    reason=_("Only the bureau's political department configures campaign types."),
)
# Nominees (members) and nominating units' managers read the results addressed to them.
policy.action(
    "view_own_notices",
    anywhere(*READERS, Role.MEMBER),
    reason=_("Result notices are for the people they are addressed to."),
)

# --- People and nominations (the unit decides) -----------------------------------------------------------------------
policy.action(
    "nominate_person",
    over(*NOMINATORS, unit="unit"),
    reason=_("Only the unit's manager or the political department nominates people of this unit."),
)
policy.action(
    "manage_holds",  # a discipline hold on a person
    over(Role.POLITICAL_OFFICER, unit="unit"),
    reason=_("Only the political department places discipline holds on people of its units."),
)
policy.action(
    "view_nomination",
    over(Role.POLITICAL_OFFICER, Role.LEADER, Role.UNIT_MANAGER, unit="unit"),
    ASSIGNED_JUDGE,
    reason=_("Nominations are read within the nominating units, and by the judges assigned to them."),
)
policy.action(
    "change_nomination",  # withdraw it, add evidence
    over(*NOMINATORS, unit="unit"),
    when=phase_has("nominations_open", phase="campaign__phase"),
    reason=_("The unit's manager or the political department changes a nomination while nominations are open."),
)
policy.action(
    "assign_judge",
    over(Role.POLITICAL_OFFICER, unit="unit"),
    when=phase_has("nominations_open", "judging_open", phase="campaign__phase") & Q(status__in=LIVE_NOMINATIONS),
    reason=_("The political department assigns judges to standing nominations of its units before judging closes."),
)

# --- A judge's review ------------------------------------------------------------------------------------------------
policy.action(
    "review",  # score, abstain or declare a conflict
    own("judge"),
    reason=_("Only the assigned judge works on a review."),
)
policy.action(
    "see_other_scores",
    anywhere(Role.POLITICAL_OFFICER, Role.LEADER),
    only(own("judge"), when=Q(submitted_at__isnull=False)),
    reason=_("A judge sees the other judges' scores only after submitting their own review."),
)

# --- Objections during the public notice -----------------------------------------------------------------------------
policy.action(
    "resolve_objection",
    anywhere(Role.POLITICAL_OFFICER),
    when=Q(status=ObjectionStatus.OPEN) & phase_has("objections_open", phase="campaign__phase"),
    reason=_("The political department resolves an open objection during the public notice."),
)

# --- Past selections brought in from a bureau's spreadsheets (campaigns.imports, issue 23) ---------------------------
policy.action(
    "import_selections",
    anywhere(Role.POLITICAL_OFFICER),
    reason=_("Only the political department imports past selections."),
)
# Asked of the winner's unit (org.Unit): the political department records past winners within its subtree.
policy.action(
    "record_past_winner",
    over(Role.POLITICAL_OFFICER, unit=""),
    reason=_("Only the political department records past winners of its units."),
)
