"""Reports permissions: who reads dashboards and figures, downloads the annual summary, edits its template."""

import rules

from qunying.accounts.enums import Role
from qunying.accounts.rules import has_role

# Bureau dashboards for the political department and leaders; unit managers see their own subtree.
REPORT_READERS = (Role.POLITICAL_OFFICER, Role.LEADER, Role.UNIT_MANAGER)
TEMPLATE_EDITORS = (Role.POLITICAL_OFFICER,)

rules.add_perm("reports.view_dashboard", has_role(*REPORT_READERS))
rules.add_perm("reports.view_figures", has_role(*REPORT_READERS))
rules.add_perm("reports.download_summary", has_role(*REPORT_READERS))
rules.add_perm("reports.manage_summary_template", has_role(*TEMPLATE_EDITORS))
