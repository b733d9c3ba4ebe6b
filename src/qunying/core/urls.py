"""Core URLs."""

from django.urls import path

from qunying.core import audit_views, views

app_name = "core"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("healthz", views.HealthzView.as_view(), name="healthz"),
    path("audit/", views.AuditEntryListView.as_view(), name="audit_list"),
    path("audit/export/", audit_views.AuditExportView.as_view(), name="audit_export"),
]
