"""Honours permissions: who reads, records and revokes which honours (mirrored by honours.queries)."""

import rules

from qunying.accounts.enums import Role
from qunying.accounts.queries import covers
from qunying.accounts.rules import has_role
from qunying.org.rules import PEOPLE_READERS

HONOUR_READERS = PEOPLE_READERS
HONOUR_RECORDERS = (Role.POLITICAL_OFFICER,)
HONOUR_REVOKERS = (Role.LEADER, Role.POLITICAL_OFFICER)
# Rewarding a deed again within a year is the political department's call, with a reason on record.
OVERRIDERS = (Role.POLITICAL_OFFICER,)


def has_role_over_honour(*roles: str):
    """Predicate: the user holds any of `roles` over the honour's unit (the person's unit, or the collective)."""

    @rules.predicate(name=f"has_role_over_honour({','.join(roles)})")
    def predicate(user, honour) -> bool:
        return honour is not None and covers(user, roles, honour.subject_unit.path)

    return predicate


@rules.predicate
def is_own_honour(user, honour) -> bool:
    return honour is not None and honour.person_id is not None and honour.person.user_id == user.pk


rules.add_perm("honours.view_honours", has_role(*HONOUR_READERS, Role.MEMBER))
rules.add_perm("honours.view_honour", has_role_over_honour(*HONOUR_READERS) | is_own_honour)
rules.add_perm("honours.add_honour", has_role(*HONOUR_RECORDERS))
rules.add_perm("honours.revoke_honour", has_role_over_honour(*HONOUR_REVOKERS))
rules.add_perm("honours.override_once_per_deed", has_role(*OVERRIDERS))
rules.add_perm("honours.view_figures", has_role(*HONOUR_READERS))
# The catalogue, the issuers and the authority rules are bureau-wide configuration.
rules.add_perm("honours.manage_catalogue", has_role(Role.POLITICAL_OFFICER))
