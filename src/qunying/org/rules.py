"""Organisation permissions: who reads and edits which units and people (mirrored by org.queries)."""

import rules

from qunying.accounts.enums import Role
from qunying.accounts.rules import has_role, has_role_over

PEOPLE_READERS = (Role.POLITICAL_OFFICER, Role.LEADER, Role.UNIT_MANAGER, Role.PUBLICITY_EDITOR, Role.CARE_OFFICER)
PEOPLE_EDITORS = (Role.POLITICAL_OFFICER, Role.UNIT_MANAGER)


@rules.predicate
def is_own_record(user, person) -> bool:
    return person is not None and user.is_authenticated and person.user_id == user.pk


# Every officer holds `member` over their unit; the page finds their record through their account.
rules.add_perm("org.view_own_record", has_role(Role.MEMBER))
rules.add_perm("org.view_unit_tree", has_role(*PEOPLE_READERS))
rules.add_perm("org.view_unit", has_role_over(*PEOPLE_READERS))
rules.add_perm("org.add_unit", has_role(Role.POLITICAL_OFFICER))
rules.add_perm("org.change_unit", has_role_over(Role.POLITICAL_OFFICER))

rules.add_perm("org.view_people", has_role(*PEOPLE_READERS))
rules.add_perm("org.view_person", has_role_over(*PEOPLE_READERS) | is_own_record)
rules.add_perm("org.add_person", has_role(*PEOPLE_EDITORS))
rules.add_perm("org.change_person", has_role_over(*PEOPLE_EDITORS))
# Full ID numbers are for the political department (personnel files); phones also for the unit's manager.
rules.add_perm("org.view_person_id_number", has_role_over(Role.POLITICAL_OFFICER) | is_own_record)
rules.add_perm("org.view_person_phone", has_role_over(*PEOPLE_EDITORS) | is_own_record)
# Linking a record to a login decides who reads it as their own: the political department does it.
rules.add_perm("org.link_person_account", has_role_over(Role.POLITICAL_OFFICER))
rules.add_perm("org.link_person_account_anywhere", has_role(Role.POLITICAL_OFFICER))
rules.add_perm("org.import_roster", has_role(*PEOPLE_EDITORS))
rules.add_perm("org.manage_aux_tiers", has_role(Role.POLITICAL_OFFICER))
