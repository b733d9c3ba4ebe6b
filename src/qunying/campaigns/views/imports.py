"""Past selections import pages (the shared sheet import pages of core.imports, for 历年评选结果): the template, the
export in the same format, upload → preview → confirm, and the summary with its findings."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from qunying.campaigns.imports import write_selection_sheet, write_selection_template
from qunying.campaigns.queries import nominations_visible_to
from qunying.core.export_views import ExcelExportView
from qunying.core.exports import workbook_response
from qunying.core.imports import views
from qunying.core.services import log_action

KIND = "selections"
PERMISSION = "campaigns.import_selections"


class SelectionImportTemplateView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = PERMISSION

    def get(self, request):
        return workbook_response(write_selection_template, "评选结果导入模板.xlsx")


class SelectionImportExportView(ExcelExportView):
    """The winners of closed campaigns (within the user's units) in the import's format: edited and imported again,
    or imported into another installation."""

    permission_required = "campaigns.view_campaigns"
    filename = "历年评选结果"

    def get_queryset(self, filters):
        return nominations_visible_to(self.request.user)

    def export(self, queryset, target, *, filters):
        count = write_selection_sheet(queryset, target)
        log_action(None, "campaigns.selections.exported", by=self.request.user, data={"winners": count})
        return count


class SelectionImportUploadView(views.SheetUploadView):
    importer_kind = KIND
    permission_required = PERMISSION
    template_name = "campaigns/selection_import_upload.html"


class SelectionImportDetailView(views.SheetImportDetailView):
    importer_kind = KIND
    permission_required = PERMISSION
    template_name = "campaigns/selection_import_detail.html"


class SelectionImportCommitView(views.SheetImportCommitView):
    importer_kind = KIND
    permission_required = PERMISSION


class SelectionImportCancelView(views.SheetImportCancelView):
    importer_kind = KIND
    permission_required = PERMISSION
