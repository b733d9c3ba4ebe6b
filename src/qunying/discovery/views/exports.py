"""The suggestion list as a workbook: the page's filters and scope, each suggestion's reasons in words."""

from qunying.core.export_views import ExcelExportView
from qunying.discovery.forms import SuggestionFilterForm
from qunying.discovery.queries import filter_suggestions, suggestions_visible_to, units_for_suggestions
from qunying.discovery.reasons import describe


class SuggestionExportView(ExcelExportView):
    permission_required = "discovery.view_suggestions"
    filename = "典型发现建议"
    filter_form = SuggestionFilterForm
    audit_action = "discovery.suggestions.exported"
    columns = [
        ("姓名", 12),
        ("警号", 10),
        ("单位", 20),
        ("年度", 8),
        ("综合得分", 10),
        ("依据", 60),
        ("状态", 10),
        ("不予采纳理由", 30),
    ]

    def get_form_kwargs(self):
        return {"units": units_for_suggestions(self.request.user)}

    def get_queryset(self, filters):
        return filter_suggestions(suggestions_visible_to(self.request.user), **filters)

    def row(self, suggestion):
        person = suggestion.person
        return [
            person.name,
            person.badge_number,
            person.unit.name,
            suggestion.year,
            suggestion.composite,
            "；".join(describe(suggestion.reasons)),
            suggestion.get_status_display(),
            suggestion.dismissal_reason,
        ]
