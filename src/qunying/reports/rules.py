"""Reports policy: who reads dashboards and figures of which units, downloads the annual summary, edits its template."""

from django.utils.translation import gettext_lazy as _

from qunying.core.policy import Policy, anywhere, over
from qunying.core.roles import Role

# Bureau dashboards for the political department and leaders; unit managers see their own subtree.
REPORT_READERS = (Role.POLITICAL_OFFICER, Role.LEADER, Role.UNIT_MANAGER)

policy = Policy("reports")
# The object of a report is the unit it covers (the chosen subtree).
for action in ("view_dashboard", "view_figures", "download_summary"):
    policy.action(
        action,
        over(*REPORT_READERS, unit=""),
        reason=_("Reports are for the political department, leaders and unit managers, within their units."),
    )
policy.action(
    "manage_summary_template",
    anywhere(Role.POLITICAL_OFFICER),
    reason=_("Only the political department edits the annual summary template."),
)
