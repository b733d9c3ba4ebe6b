"""Core pages: the signed-in home page, the health check and the audit log."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connection
from django.http import JsonResponse
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from qunying.core import workers
from qunying.core.forms import AuditExportForm, AuditFilterForm
from qunying.core.pagination import paginate
from qunying.core.policy import assignments_of
from qunying.core.queries import audit_entries_visible_to, filter_audit_entries, latest_audit_check
from qunying.core.todo import todos_for


class HomeView(LoginRequiredMixin, TemplateView):
    """待办 first (what waits for this user, from the apps' registered to-do items), then every module."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(assignments=assignments_of(user), todos=todos_for(user), **kwargs)


class HealthzView(View):
    """`{"status": "ok", "database": "ok", "worker": "ok"}`, or 503 naming what is wrong. A worker is "ok" while one
    wrote its heartbeat within QUNYING_WORKER_STALE_SECONDS, "stale" if workers were seen but none lately, "down"
    if none is running; `stuck_tasks` appears when tasks run past their limit or were left by a dead worker."""

    def get(self, request):
        body = {"status": "ok", "database": "ok", "worker": "ok"}
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except Exception:  # any database failure is reported, never raised
            body.update(status="error", database="error", worker="unknown")
            return JsonResponse(body, status=503)
        try:
            body["worker"] = workers.worker_state()
            stuck = len(workers.stuck_tasks())
        except Exception:  # tables missing (not migrated) or a busy database: unknown is not ok
            body["worker"], stuck = "unknown", 0
        if stuck:
            body["stuck_tasks"] = stuck
        if body["worker"] != "ok":
            body["status"] = "error"
        return JsonResponse(body, status=200 if body["status"] == "ok" else 503)


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
