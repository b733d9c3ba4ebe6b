"""Party branch policy: who reads branches, schemes and ratings, and who moves a rating through its workflow, in
which units and in which state; branches.queries filters by the same declarations, so one table of
role × state → allowed describes the whole flow (tests/branches/test_workflow.py)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qunying.branches.enums import RatingStatus, RoundStatus
from qunying.core.policy import (
    NOTHING,
    Policy,
    anywhere,
    covering_paths,
    custom,
    only,
    over,
    own,
    roles_of,
    scope_paths,
)
from qunying.core.roles import Role

READERS = (Role.POLITICAL_OFFICER, Role.LEADER, Role.UNIT_MANAGER)
# The unit's manager is often the branch secretary too (所队负责人 / 党支部书记): either may fill the self-assessment.
SELF_ASSESSORS = (Role.POLITICAL_OFFICER, Role.UNIT_MANAGER)
RATING_UNIT = "branch__unit"
# A scheme scored by an opened round no longer changes: ratings were scored against it.
SCHEME_IN_USE = Q(rounds__status__in=[RoundStatus.OPEN, RoundStatus.CLOSED])
SECRETARY = "branch__secretary__user"


def _round_above(user, rating_round) -> bool:
    return any(path.startswith(rating_round.unit.path) for path in scope_paths(user, READERS))


def _rounds_above(user) -> Q:
    paths = scope_paths(user, READERS)
    return Q(unit__path__in={above for path in paths for above in covering_paths(path)}) if paths else NOTHING


# A round set above the user's units rates the branches in them: readers of those units see it too.
ROUND_ABOVE = custom(lambda user: bool(roles_of(user) & set(READERS)), _round_above, _rounds_above)

policy = Policy("branches")

# --- Branches --------------------------------------------------------------------------------------------------------
# The nav entry: every officer may be a secretary, and knowing which would cost a query on every page.
policy.action(
    "view_branch_list",
    anywhere(*READERS, Role.MEMBER),
    reason=_("Party branches are read by staff of their units and by their secretaries."),
)
policy.action(
    "view_branch",
    over(*READERS, unit="unit"),
    own("secretary__user"),
    reason=_("Party branches are read by staff of their units and by their secretaries."),
)
policy.action(
    "view_unit_branches",  # on a unit: the branches of its subtree
    over(*READERS, unit=""),
    reason=_("Party branches are read by staff of their units and by their secretaries."),
)
policy.action(
    "enrol_member",  # on a person: as a branch's secretary or member
    over(Role.POLITICAL_OFFICER, unit="unit"),
    reason=_("Party branches are changed by the political department of their units."),
)
policy.action(
    "add_branch",  # on the unit the branch belongs to
    over(Role.POLITICAL_OFFICER, unit=""),
    reason=_("Party branches are registered by the political department for its units."),
)
policy.action(
    "change_branch",
    over(Role.POLITICAL_OFFICER, unit="unit"),
    reason=_("Party branches are changed by the political department of their units."),
)

# --- Schemes: bureau-wide configuration, like the auxiliary tiers ----------------------------------------------------
policy.action(
    "view_schemes",
    anywhere(*READERS),
    reason=_("Rating schemes are read by the political department, leaders and unit managers."),
)
policy.action(
    "manage_schemes",
    anywhere(Role.POLITICAL_OFFICER),
    reason=_("Rating schemes are kept by the political department."),
)
policy.action(
    "change_scheme",  # a scheme scored by an opened round no longer changes
    anywhere(Role.POLITICAL_OFFICER),
    when=~SCHEME_IN_USE,
    reason=_("This scheme is in use by an opened rating round and can no longer be changed."),
)

# --- Rounds ----------------------------------------------------------------------------------------------------------
policy.action(
    "view_rounds",
    over(*READERS, unit="unit"),
    ROUND_ABOVE,
    reason=_("Rating rounds are read by the political department, leaders and unit managers of the units rated."),
)
policy.action(
    "add_round",  # on the unit whose branches the round rates
    over(Role.POLITICAL_OFFICER, unit=""),
    reason=_("Rating rounds are set by the political department for its units."),
)
for name, state, reason in (
    ("open_round", RoundStatus.DRAFT, _("A round being prepared is opened by the political department of its unit.")),
    ("refresh_round", RoundStatus.OPEN, _("An open round is recounted by the political department of its unit.")),
    ("close_round", RoundStatus.OPEN, _("An open round is closed by the political department of its unit.")),
):
    policy.action(name, over(Role.POLITICAL_OFFICER, unit="unit"), when=Q(status=state), reason=reason)

# --- One branch's rating: self-assessment → submitted → reviewed → approved → published ------------------------------
SELF_ASSESSING = Q(status=RatingStatus.SELF_ASSESSMENT)
SUBMITTED = Q(status=RatingStatus.SUBMITTED)
REVIEWED = Q(status=RatingStatus.REVIEWED)

policy.action(
    "view_rating",
    over(*READERS, unit=RATING_UNIT),
    own(SECRETARY),
    reason=_("A rating is read by staff of the branch's unit and by its secretary."),
)
policy.action(
    "self_assess_rating",
    over(*SELF_ASSESSORS, unit=RATING_UNIT),
    own(SECRETARY),
    when=SELF_ASSESSING,
    reason=_(
        "The self-assessment is filled by the branch's secretary, its unit's manager or the political department."
    ),
)
policy.action(
    "refresh_rating",  # computed criteria follow the records until the rating is reviewed
    only(over(*SELF_ASSESSORS, unit=RATING_UNIT), when=SELF_ASSESSING),
    only(own(SECRETARY), when=SELF_ASSESSING),
    only(over(Role.POLITICAL_OFFICER, unit=RATING_UNIT), when=SUBMITTED),
    reason=_("Computed criteria are recounted by the self-assessor, and by the political department under review."),
)
policy.action(
    "review_rating",
    over(Role.POLITICAL_OFFICER, unit=RATING_UNIT),
    when=SUBMITTED,
    reason=_("A submitted rating is reviewed by the political department."),
)
policy.action(
    "approve_rating",
    over(Role.LEADER, unit=RATING_UNIT),
    when=REVIEWED,
    reason=_("A reviewed rating is approved by a bureau leader."),
)
policy.action(
    "publish_rating",
    over(Role.POLITICAL_OFFICER, unit=RATING_UNIT),
    when=Q(status=RatingStatus.APPROVED),
    reason=_("An approved rating is published by the political department."),
)
policy.action(
    "return_rating",  # one step back: the political department to the secretary, a leader to the department
    only(over(Role.POLITICAL_OFFICER, unit=RATING_UNIT), when=SUBMITTED),
    only(over(Role.LEADER, unit=RATING_UNIT), when=REVIEWED),
    reason=_("A submitted rating is sent back by the political department, a reviewed one by a bureau leader."),
)
