"""The dashboard: honours, selections, reserve, coverage, citizen ratings, publicity, care and branch stars for a
year and a subtree, each as a chart and as a table whose numbers link to the lists behind them."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.reports.cache import cached
from qunying.reports.queries import dashboard, optional, yearly_figures
from qunying.reports.views import scope_from_request
from qunying.reports.views.figures import figure_links


def sections_of(scope) -> dict:
    """Every section of the dashboard for the scope (what the cache keeps)."""
    return {
        "figures": yearly_figures(scope.units, scope.year),
        "honours": dashboard.honours_by_type_and_level(scope),
        "reserve": dashboard.reserve_by_tier_and_level(scope),
        "coverage": dashboard.coverage_summary(scope),
        "ratings": dashboard.ratings_summary(scope),
        "stars": dashboard.branch_stars(scope),
        "practice": dashboard.practice_summary(scope),
        "publicity": optional.publicity_progress(scope),
        "care": optional.care_items_due(scope),
    }


class DashboardView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "reports.view_dashboard"
    template_name = "reports/dashboard.html"

    def get_context_data(self, **kwargs):
        form, scope = scope_from_request(self.request)
        sections = cached("dashboard", scope, lambda: sections_of(scope))
        figures, honours, reserve, coverage = (sections[name] for name in ("figures", "honours", "reserve", "coverage"))
        ratings, stars, practice = sections["ratings"], sections["stars"], sections["practice"]
        publicity, care = sections["publicity"], sections["care"]
        charts = {
            "honours": honours.chart(),
            "selections": {
                "type": "bar",
                "categories": [clause.award for clause in figures.selections],
                "series": [{"name": _("People"), "data": [clause.people for clause in figures.selections]}],
            },
            "reserve": reserve.chart(),
            "coverage": coverage.chart(),
            "ratings": ratings.chart(),
            "stars": stars.chart(),
        }
        if publicity is not None:
            charts["publicity"] = publicity.chart()
        return super().get_context_data(
            form=form,
            scope=scope,
            figures=figures,
            figure_links=figure_links(figures, scope),
            honours=honours,
            reserve=reserve,
            coverage=coverage,
            ratings=ratings,
            stars=stars,
            practice=practice,
            publicity=publicity,
            care=care,
            charts=charts,
            **kwargs,
        )
