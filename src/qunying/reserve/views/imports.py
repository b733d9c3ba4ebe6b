"""Reserve import pages (the shared sheet import pages of core.imports, for the 典型储备库): the template, the reserve
in the same format, upload → preview → confirm, and the summary."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.export_views import ExcelExportView
from qunying.core.exports import workbook_response
from qunying.core.imports import views
from qunying.core.services import log_action
from qunying.reserve.forms import EntryFilterForm
from qunying.reserve.imports import write_reserve_sheet, write_reserve_template
from qunying.reserve.queries import entries_visible_to, filter_entries, units_for_reserve

KIND = "reserve"
PERMISSION = "reserve.import_reserve"


class ReserveImportTemplateView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = PERMISSION

    def get(self, request):
        return workbook_response(write_reserve_template, "典型储备导入模板.xlsx")


class ReserveImportExportView(ExcelExportView):
    """The reserve list (same filters, same scope; its entries in the reserve) in the import's format."""

    permission_required = "reserve.view_reserve"
    filename = "典型储备库"
    filter_form = EntryFilterForm

    def get_form_kwargs(self):
        return {"units": units_for_reserve(self.request.user)}

    def get_queryset(self, filters):
        return filter_entries(entries_visible_to(self.request.user), **filters)

    def export(self, queryset, target, *, filters):
        count = write_reserve_sheet(queryset, target)
        shown = {name: getattr(value, "pk", value) for name, value in filters.items() if value not in ("", None)}
        log_action(None, "reserve.entries.exported", by=self.request.user, data={"filters": shown, "rows": count})
        return count


class ReserveImportUploadView(views.SheetUploadView):
    importer_kind = KIND
    permission_required = PERMISSION
    template_name = "reserve/entry_import_upload.html"


class ReserveImportDetailView(views.SheetImportDetailView):
    importer_kind = KIND
    permission_required = PERMISSION
    template_name = "reserve/entry_import_detail.html"


class ReserveImportCommitView(views.SheetImportCommitView):
    importer_kind = KIND
    permission_required = PERMISSION


class ReserveImportCancelView(views.SheetImportCancelView):
    importer_kind = KIND
    permission_required = PERMISSION
