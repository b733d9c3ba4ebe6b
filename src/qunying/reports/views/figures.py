"""Yearly figures: the published sentence for a year and a subtree, each number linked to the honours behind it."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.reports.cache import cached
from qunying.reports.queries import yearly_figures
from qunying.reports.queries.dashboard import list_href
from qunying.reports.views import scope_from_request


def figure_links(figures, scope) -> list[tuple]:
    """(clause, href) for every number: the honours list with the same year, award, issuer and unit."""
    return [
        (clause, list_href("honours:honour_list", {"year": scope.year, **clause.list_params(), **scope.link_params()}))
        for clause in figures.clauses
    ]


class FiguresView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "reports.view_figures"
    template_name = "reports/figures.html"

    def get_context_data(self, **kwargs):
        form, scope = scope_from_request(self.request)
        figures = cached("figures", scope, lambda: yearly_figures(scope.units, scope.year))
        return super().get_context_data(
            form=form, scope=scope, figures=figures, figure_links=figure_links(figures, scope), **kwargs
        )
