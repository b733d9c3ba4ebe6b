"""Care ledger import pages (the shared sheet import pages of core.imports, for the 关爱台账): the template, the
ledger in the same format, upload → preview → confirm, and the summary."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from qunying.care.imports import write_ledger_sheet, write_ledger_template
from qunying.core.exports import workbook_response
from qunying.core.imports import views

KIND = "care_ledger"
PERMISSION = "care.import_care_ledger"


class LedgerImportTemplateView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = PERMISSION

    def get(self, request):
        return workbook_response(write_ledger_template, "关爱台账导入模板.xlsx")


class LedgerImportExportView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """The places used and visits made in the user's units, in the import's format (the read of health details in it
    is audited by the writer)."""

    permission_required = PERMISSION

    def get(self, request):
        def write(target):
            return write_ledger_sheet(target, by=request.user)

        return workbook_response(write, f"关爱台账-{timezone.localdate():%Y%m%d}.xlsx")


class LedgerImportUploadView(views.SheetUploadView):
    importer_kind = KIND
    permission_required = PERMISSION
    template_name = "care/ledger_import_upload.html"


class LedgerImportDetailView(views.SheetImportDetailView):
    importer_kind = KIND
    permission_required = PERMISSION
    template_name = "care/ledger_import_detail.html"


class LedgerImportCommitView(views.SheetImportCommitView):
    importer_kind = KIND
    permission_required = PERMISSION


class LedgerImportCancelView(views.SheetImportCancelView):
    importer_kind = KIND
    permission_required = PERMISSION
