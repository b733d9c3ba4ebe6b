"""Party branch permissions: who reads branches and ratings, and who moves a rating through its workflow.

Mirrored by branches.queries; every workflow permission also names the state it applies to, so one table of
role × state → allowed describes the whole flow (tests/branches/test_workflow.py)."""

import rules

from qunying.accounts.enums import Role
from qunying.accounts.rules import has_role, has_role_over
from qunying.branches.enums import RatingStatus, RoundStatus

BRANCH_READERS = (Role.POLITICAL_OFFICER, Role.LEADER, Role.UNIT_MANAGER)
BRANCH_MANAGERS = (Role.POLITICAL_OFFICER,)
# The unit's manager is often the branch secretary too (所队负责人 / 党支部书记): either may fill the self-assessment.
SELF_ASSESSORS = (Role.POLITICAL_OFFICER, Role.UNIT_MANAGER)


def branch_of(obj):
    """The branch of a branch or of a rating."""
    return getattr(obj, "branch", obj)


@rules.predicate
def is_branch_secretary(user, obj) -> bool:
    """The user's own record (`Person.user`) is the branch's secretary."""
    if obj is None or not getattr(user, "is_authenticated", False):
        return False
    branch = branch_of(obj)
    return branch.secretary.user_id == user.pk


def rating_in(*statuses: str):
    @rules.predicate(name=f"rating_in({','.join(statuses)})")
    def predicate(user, rating) -> bool:
        return rating is not None and rating.status in statuses

    return predicate


def round_in(*statuses: str):
    @rules.predicate(name=f"round_in({','.join(statuses)})")
    def predicate(user, rating_round) -> bool:
        return rating_round is not None and rating_round.status in statuses

    return predicate


# The nav entry: every officer may be a secretary, and knowing which would cost a query on every page.
rules.add_perm("branches.view_branch_list", has_role(*BRANCH_READERS, Role.MEMBER))
rules.add_perm("branches.view_branch", has_role_over(*BRANCH_READERS) | is_branch_secretary)
rules.add_perm("branches.add_branch", has_role(*BRANCH_MANAGERS))
rules.add_perm("branches.change_branch", has_role_over(*BRANCH_MANAGERS))

# Schemes are bureau-wide configuration, like the auxiliary tiers: the political department keeps them.
rules.add_perm("branches.view_schemes", has_role(*BRANCH_READERS))
rules.add_perm("branches.manage_schemes", has_role(*BRANCH_MANAGERS))

rules.add_perm("branches.view_rounds", has_role(*BRANCH_READERS))
rules.add_perm("branches.add_round", has_role(*BRANCH_MANAGERS))
rules.add_perm("branches.add_round_for", has_role_over(*BRANCH_MANAGERS))
rules.add_perm("branches.open_round", has_role_over(*BRANCH_MANAGERS) & round_in(RoundStatus.DRAFT))
rules.add_perm("branches.refresh_round", has_role_over(*BRANCH_MANAGERS) & round_in(RoundStatus.OPEN))
rules.add_perm("branches.close_round", has_role_over(*BRANCH_MANAGERS) & round_in(RoundStatus.OPEN))

rules.add_perm("branches.view_rating", has_role_over(*BRANCH_READERS) | is_branch_secretary)
self_assessor = has_role_over(*SELF_ASSESSORS) | is_branch_secretary
rules.add_perm("branches.self_assess_rating", rating_in(RatingStatus.SELF_ASSESSMENT) & self_assessor)
rules.add_perm(
    "branches.refresh_rating",
    (rating_in(RatingStatus.SELF_ASSESSMENT) & self_assessor)
    | (rating_in(RatingStatus.SUBMITTED) & has_role_over(Role.POLITICAL_OFFICER)),
)
rules.add_perm("branches.review_rating", rating_in(RatingStatus.SUBMITTED) & has_role_over(Role.POLITICAL_OFFICER))
rules.add_perm("branches.approve_rating", rating_in(RatingStatus.REVIEWED) & has_role_over(Role.LEADER))
rules.add_perm("branches.publish_rating", rating_in(RatingStatus.APPROVED) & has_role_over(Role.POLITICAL_OFFICER))
