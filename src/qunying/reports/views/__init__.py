"""Reports pages: dashboards (dashboard.py), yearly figures (figures.py), the annual summary (summary.py)."""

from qunying.reports.forms import ReportScopeForm
from qunying.reports.queries import ReportScope, units_for_reports


def scope_from_request(request) -> tuple[ReportScopeForm, ReportScope]:
    """The report scope from `?year=&unit=`; a unit outside the user's scope is a form error, never a leak."""
    form = ReportScopeForm(request.GET or None, units=units_for_reports(request.user))
    year, unit = form.scope_values()
    return form, ReportScope(user=request.user, year=year, unit=unit)
