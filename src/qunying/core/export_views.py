"""The one way a list page offers its Excel export: the list's own filter form, its own scope, streamed in bounded
memory (see `qunying.core.exports`). A subclass names the form, the queryset and the columns; nothing else."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.utils import timezone
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.exports import export_rows, workbook_response


class ExcelExportView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """GET with the list page's query string → the same rows as a workbook.

    Subclasses set `permission_required`, `filename` (the file's Chinese title; the date is appended), `filter_form`
    (the list's form, with a `filters()` method) and implement `get_queryset(filters)`; then either `columns`,
    `sheet_name`, `audit_action` and `row(obj)`, or `export(queryset, target, filters=...)` to call an app's own
    export service. A unit outside the user's scope in the filters is a 404, as on the list page."""

    filename = ""
    filter_form = None
    columns: list[tuple[str, int]] = []
    sheet_name = ""
    audit_action = ""

    def get_form_kwargs(self) -> dict:
        return {}

    def get_filters(self) -> dict:
        if self.filter_form is None:
            return {}
        form = self.filter_form(self.request.GET or None, **self.get_form_kwargs())
        filters = form.filters()
        if form.is_bound and "unit" in form.errors:
            raise Http404  # a unit outside the user's scope
        return filters

    def get_queryset(self, filters: dict):
        raise NotImplementedError

    def row(self, obj) -> list:
        raise NotImplementedError

    def export(self, queryset, target, *, filters: dict) -> int:
        return export_rows(
            queryset,
            self.row,
            columns=self.columns,
            sheet_name=self.sheet_name or self.filename,
            target=target,
            by=self.request.user,
            action=self.audit_action,
            filters=filters,
        )

    def get_filename(self) -> str:
        return f"{self.filename}-{timezone.localdate():%Y%m%d}.xlsx"

    def get(self, request, *args, **kwargs):
        filters = self.get_filters()
        queryset = self.get_queryset(filters)
        return workbook_response(lambda target: self.export(queryset, target, filters=filters), self.get_filename())
