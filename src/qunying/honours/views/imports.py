"""Honours import pages (the shared sheet import pages of core.imports, for the 奖励登记表): the template, the
export in the same format, upload → preview → confirm, and the summary with its findings."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.export_views import ExcelExportView
from qunying.core.exports import workbook_response
from qunying.core.imports import views
from qunying.core.services import log_action
from qunying.honours.forms import HonourFilterForm
from qunying.honours.imports import write_honour_sheet, write_honour_template
from qunying.honours.queries import filter_honours, honours_visible_to, units_for_honour_lists

KIND = "honours"
PERMISSION = "honours.import_honours"


class HonourImportTemplateView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = PERMISSION

    def get(self, request):
        return workbook_response(write_honour_template, "奖励导入模板.xlsx")


class HonourImportExportView(ExcelExportView):
    """The honours list (same filters, same scope) in the import's format: edited and imported again, or imported
    into another installation."""

    permission_required = "honours.view_honours"
    filename = "奖励登记表"
    filter_form = HonourFilterForm

    def get_form_kwargs(self):
        return {"units": units_for_honour_lists(self.request.user), "user": self.request.user}

    def get_queryset(self, filters):
        return filter_honours(honours_visible_to(self.request.user), **filters)

    def export(self, queryset, target, *, filters):
        count = write_honour_sheet(queryset, target)
        shown = {name: getattr(value, "pk", value) for name, value in filters.items() if value not in ("", None)}
        log_action(None, "honours.honours.exported", by=self.request.user, data={"filters": shown, "honours": count})
        return count


class HonourImportUploadView(views.SheetUploadView):
    importer_kind = KIND
    permission_required = PERMISSION
    template_name = "honours/honour_import_upload.html"


class HonourImportDetailView(views.SheetImportDetailView):
    importer_kind = KIND
    permission_required = PERMISSION
    template_name = "honours/honour_import_detail.html"


class HonourImportCommitView(views.SheetImportCommitView):
    importer_kind = KIND
    permission_required = PERMISSION


class HonourImportCancelView(views.SheetImportCancelView):
    importer_kind = KIND
    permission_required = PERMISSION
