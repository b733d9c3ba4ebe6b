"""The party branch list and the rating rounds as workbooks: each page's filters and scope, the same counts."""

from qunying.branches.forms import BranchFilterForm
from qunying.branches.queries import (
    annotate_branch_summary,
    annotate_round_progress,
    branches_visible_to,
    filter_branches,
    rounds_visible_to,
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


class RoundExportListView(ExcelExportView):
    """The list of rating rounds (one round's ratings export from its own page)."""

    permission_required = "branches.view_rounds"
    filename = "星级评定轮次"
    audit_action = "branches.rounds.exported"
    columns = [("年度", 8), ("单位", 20), ("方案", 30), ("状态", 10), ("党支部数", 10), ("已公布", 10)]

    def get_queryset(self, filters):
        user = self.request.user
        return annotate_round_progress(rounds_visible_to(user), user=user).order_by("-scheme__year", "unit__path")

    def row(self, rating_round):
        return [
            rating_round.scheme.year,
            rating_round.unit.name,
            rating_round.scheme.name,
            rating_round.get_status_display(),
            rating_round.rating_count,
            rating_round.published_count,
        ]
