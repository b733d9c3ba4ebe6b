"""Reports URLs (mounted at /reports/)."""

from django.urls import path

from qunying.reports.views import dashboard, figures, summary

app_name = "reports"

urlpatterns = [
    path("", dashboard.DashboardView.as_view(), name="dashboard"),
    path("figures/", figures.FiguresView.as_view(), name="figures"),
    path("summary/", summary.SummaryView.as_view(), name="summary"),
    path("summary/download/", summary.SummaryDownloadView.as_view(), name="summary_download"),
    path("summary/template/", summary.SummaryTemplateView.as_view(), name="summary_template"),
    path("summary/template/download/", summary.TemplateDownloadView.as_view(), name="summary_template_download"),
]
