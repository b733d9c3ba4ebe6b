"""Organisation's declared policy: who reads and edits which units and people, and whose roster uploads are whose.
org.queries lists with the same declarations, org.services checks them."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qunying.core.policy import Policy, anywhere, over, own
from qunying.core.roles import Role
from qunying.org.enums import RosterImportStatus

PEOPLE_READERS = (Role.POLITICAL_OFFICER, Role.LEADER, Role.UNIT_MANAGER, Role.PUBLICITY_EDITOR, Role.CARE_OFFICER)
PEOPLE_EDITORS = (Role.POLITICAL_OFFICER, Role.UNIT_MANAGER)

READ_UNITS = _("Only staff of this unit or of a unit above it see it and its people.")
EDIT_TREE = _("Only the political department edits the units below the units it covers.")
EDIT_PEOPLE = _("Only the unit's manager or the political department edits its people.")
POLITICAL_DEPARTMENT = _("Only the political department may do this.")
OWN_UPLOAD = _("A roster upload is handled by whoever uploaded it, while it waits for confirmation.")

policy = Policy("org")

# Every officer holds `member` over their unit; the page finds their record through their account.
policy.action("view_own_record", anywhere(Role.MEMBER), reason=READ_UNITS)
policy.action("view_unit_tree", anywhere(*PEOPLE_READERS), reason=READ_UNITS)
policy.action("view_unit", over(*PEOPLE_READERS, unit=""), reason=READ_UNITS)
# Asked of the new unit: its parent must lie in the political department's subtree (a new root is the system's).
policy.action("add_unit", over(Role.POLITICAL_OFFICER, unit="parent"), reason=EDIT_TREE)
policy.action("change_unit", over(Role.POLITICAL_OFFICER, unit=""), reason=EDIT_TREE)

policy.action("view_people", anywhere(*PEOPLE_READERS), reason=READ_UNITS)
policy.action("view_person", over(*PEOPLE_READERS), own("user"), reason=READ_UNITS)
# Asked of the unit a person joins (a new person, a transfer): the units whose people the user edits.
policy.action("add_person", over(*PEOPLE_EDITORS, unit=""), reason=EDIT_PEOPLE)
policy.action("change_person", over(*PEOPLE_EDITORS), reason=EDIT_PEOPLE)
# Full ID numbers are for the political department (personnel files); phones also for the unit's manager.
policy.action("view_person_id_number", over(Role.POLITICAL_OFFICER), own("user"), reason=POLITICAL_DEPARTMENT)
policy.action("view_person_phone", over(*PEOPLE_EDITORS), own("user"), reason=EDIT_PEOPLE)
# Linking a record to a login decides who reads it as their own: the political department does it.
policy.action("link_person_account", over(Role.POLITICAL_OFFICER), reason=POLITICAL_DEPARTMENT)
# The auxiliary ladder is bureau-wide configuration: the political department keeps it.
policy.action("manage_aux_tiers", anywhere(Role.POLITICAL_OFFICER), reason=POLITICAL_DEPARTMENT)

policy.action("import_roster", anywhere(*PEOPLE_EDITORS), reason=EDIT_PEOPLE)
# An upload is its uploader's working copy of a roster: nobody else sees it (a 404, as out of scope).
policy.action("view_roster_import", own("created_by"), reason=OWN_UPLOAD)
policy.action("confirm_roster_import", own("created_by"), when=Q(status=RosterImportStatus.READY), reason=OWN_UPLOAD)
