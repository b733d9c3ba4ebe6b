"""Care permissions: care officers in their scope, and each person for their own records (mirrored by care.queries).

Health and family details are need-to-know: political officers, leaders, unit managers and the 三员 get no care page."""

import rules

from qunying.accounts.enums import Role
from qunying.accounts.rules import has_role, has_role_over

CARE_ROLES = (Role.CARE_OFFICER,)

is_care_officer = has_role(*CARE_ROLES)

rules.add_perm("care.view_care", is_care_officer)
rules.add_perm("care.manage_care", is_care_officer)
rules.add_perm("care.view_person_care", has_role_over(*CARE_ROLES))
rules.add_perm("care.view_own_records", has_role(Role.MEMBER))
