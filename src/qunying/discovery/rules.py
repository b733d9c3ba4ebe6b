"""Discovery permissions: who reads suggestions, decides on them, runs the engine and sets its weights."""

import rules

from qunying.accounts.enums import Role
from qunying.accounts.rules import has_role, has_role_over

SUGGESTION_READERS = (Role.POLITICAL_OFFICER, Role.LEADER, Role.UNIT_MANAGER)
SUGGESTION_DECIDERS = (Role.POLITICAL_OFFICER, Role.UNIT_MANAGER)


@rules.predicate
def _person_in_scope(user, suggestion) -> bool:
    return suggestion is not None and has_role_over(*SUGGESTION_DECIDERS)(user, suggestion.person)


rules.add_perm("discovery.view_suggestions", has_role(*SUGGESTION_READERS))
rules.add_perm("discovery.decide_suggestion", _person_in_scope)
rules.add_perm("discovery.run", has_role(Role.POLITICAL_OFFICER))
rules.add_perm("discovery.change_weights", has_role(Role.POLITICAL_OFFICER))
