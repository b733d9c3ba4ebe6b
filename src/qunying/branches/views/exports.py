"""The party branch list as a workbook: the page's filters and scope, counts and the latest published stars."""

from qunying.branches.forms import BranchFilterForm
from qunying.branches.queries import (
    annotate_branch_summary,
    branches_visible_to,
    filter_branches,
    units_for_branch_lists,
)
from qunying.core.export_views import ExcelExportView


class BranchExportView(ExcelExportView):
    permission_required = "branches.view_branch_list"
    filename = "党支部"
    filter_form = BranchFilterForm
    audit_action = "branches.branches.exported"
    columns = [
        ("党支部", 30),
        ("单位", 20),
        ("书记", 12),
        ("覆盖单位数", 10),
        ("党员数", 10),
        ("最近公布星级", 12),
        ("公布年度", 10),
    ]

    def get_form_kwargs(self):
        return {"units": units_for_branch_lists(self.request.user)}

    def get_queryset(self, filters):
        return annotate_branch_summary(filter_branches(branches_visible_to(self.request.user), **filters))

    def row(self, branch):
        return [
            branch.name,
            branch.unit.name,
            branch.secretary.name if branch.secretary_id else "",
            branch.unit_count or 0,
            branch.member_count or 0,
            branch.latest_stars,
            branch.latest_year,
        ]
