"""Exemplar reserve URLs."""

from django.urls import path

from qunying.reserve.views import entries, plans

app_name = "reserve"

urlpatterns = [
    path("", entries.EntryListView.as_view(), name="entry_list"),
    path("export/", entries.EntryExportView.as_view(), name="entry_export"),
    path("<int:pk>/", entries.EntryDetailView.as_view(), name="entry_detail"),
    path("<int:pk>/decide/", entries.DecideView.as_view(), name="decide"),
    path("<int:pk>/plans/new/", plans.PlanCreateView.as_view(), name="plan_create"),
    path("plans/<int:pk>/milestones/new/", plans.MilestoneAddView.as_view(), name="milestone_add"),
    path("milestones/<int:pk>/complete/", plans.MilestoneCompleteView.as_view(), name="milestone_complete"),
    path("propose/", entries.ProposeView.as_view(), name="propose"),
    path("awaiting/", entries.AwaitingView.as_view(), name="awaiting"),
    path("coverage/", entries.CoverageView.as_view(), name="coverage"),
]
