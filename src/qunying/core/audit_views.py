"""The audit log's archive export: JSON lines with the chain hashes, for the audit administrator only."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.forms import AuditExportForm
from qunying.core.queries import audit_archive_lines
from qunying.core.services import log_action

JSON_LINES = "application/x-ndjson; charset=utf-8"


class AuditExportView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """GET with a date range → every entry of those days, streamed in chain order; the export itself is audited."""

    permission_required = "core.view_audit_log"

    def get(self, request):
        form = AuditExportForm(request.GET, prefix="export")
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("core:audit_list")
        date_from, date_to = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
        log_action(None, "core.audit.exported", by=request.user, data={"date_from": date_from, "date_to": date_to})
        span = f"{date_from or 'start'}_{date_to or timezone.localdate()}".replace("-", "")
        response = StreamingHttpResponse(audit_archive_lines(date_from=date_from, date_to=date_to), JSON_LINES)
        response["Content-Disposition"] = f'attachment; filename="audit-{span}.jsonl"'
        # The archive names every actor and object: no browser or proxy cache keeps a copy.
        response["Cache-Control"] = "no-store"
        return response
