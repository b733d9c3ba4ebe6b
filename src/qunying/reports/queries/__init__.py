"""Reports reads: the scope (scope.py), yearly figures (figures.py), dashboard sections (dashboard.py), sections
of modules that may be absent (optional.py)."""

from qunying.reports.queries.figures import YearlyFigures, yearly_figures
from qunying.reports.queries.scope import ReportScope, units_for_reports

__all__ = ["ReportScope", "YearlyFigures", "units_for_reports", "yearly_figures"]
