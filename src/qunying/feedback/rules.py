"""Citizen ratings permissions: who reads scores and interactions, codes replies, handles callbacks (mirrored by
feedback.queries). Officers see their own ratings; nobody sees a citizen's phone number."""

import rules

from qunying.accounts.enums import Role
from qunying.accounts.queries import assignments_of, covers
from qunying.accounts.rules import has_role, has_role_over
from qunying.org.rules import is_own_record

RATING_READERS = (Role.POLITICAL_OFFICER, Role.LEADER, Role.UNIT_MANAGER)
RATING_HANDLERS = (Role.POLITICAL_OFFICER, Role.UNIT_MANAGER)


@rules.predicate
def is_bureau_political_officer(user) -> bool:
    """Sampling rules hold for the whole installation: they are set at the top of the tree."""
    return any(a.role == Role.POLITICAL_OFFICER and a.unit.parent_id is None for a in assignments_of(user))


@rules.predicate
def handles_reply_unit(user, reply) -> bool:
    survey = getattr(reply, "survey", None)
    return survey is not None and covers(user, RATING_HANDLERS, survey.interaction.unit.path)


@rules.predicate
def simulator_enabled(user) -> bool:
    from qunying.feedback.sms import simulator_enabled as enabled

    return enabled()


rules.add_perm("feedback.view_ratings", has_role(*RATING_READERS))
rules.add_perm("feedback.view_own_ratings", has_role(Role.MEMBER))
rules.add_perm("feedback.view_officer_ratings", has_role_over(*RATING_READERS) | is_own_record)
rules.add_perm("feedback.import_interactions", has_role(*RATING_HANDLERS))
rules.add_perm("feedback.code_replies", has_role(*RATING_HANDLERS))
rules.add_perm("feedback.code_reply", handles_reply_unit)
rules.add_perm("feedback.view_callbacks", has_role(*RATING_READERS))
rules.add_perm("feedback.view_callback", has_role_over(*RATING_READERS))
rules.add_perm("feedback.handle_callback", has_role_over(*RATING_HANDLERS))
rules.add_perm("feedback.manage_sampling", is_bureau_political_officer)
# A development tool with the console backend only: political officers try the flow. The 三员 reach no business
# page, and a reply typed here feeds scores, so nobody else gets it.
rules.add_perm("feedback.use_simulator", has_role(Role.POLITICAL_OFFICER) & simulator_enabled)
