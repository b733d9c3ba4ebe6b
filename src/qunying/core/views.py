"""Core pages: the signed-in home page, the health check and the audit log."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connection
from django.http import JsonResponse
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core.forms import AuditExportForm, AuditFilterForm
from qunying.core.pagination import paginate
from qunying.core.policy import assignments_of
from qunying.core.queries import audit_entries_visible_to, filter_audit_entries, latest_audit_check


class HomeView(LoginRequiredMixin, TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(assignments=assignments_of(self.request.user), **kwargs)


class HealthzView(View):
    def get(self, request):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            database = "ok"
        except Exception:  # any database failure is reported, never raised
            database = "error"
        status = 200 if database == "ok" else 503
        return JsonResponse({"status": "ok" if status == 200 else "error", "database": database}, status=status)


class AuditEntryListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "core.view_audit_log"
    template_name = "core/auditentry_list.html"

    def get_context_data(self, **kwargs):
        form = AuditFilterForm(self.request.GET or None)
        entries = audit_entries_visible_to(self.request.user)
        if form.is_valid():
            entries = filter_audit_entries(entries, **form.cleaned_data)
        return super().get_context_data(
            form=form,
            page=paginate(self.request, entries),
            check=latest_audit_check(),
            export_form=AuditExportForm(prefix="export"),
            **kwargs,
        )
