"""Exemplar reserve URLs: entries and plans, practice activities, guidance visits, the year-end evaluation."""

from django.urls import path

from qunying.reserve.views import activities, entries, evaluations, imports, plans, visits

app_name = "reserve"

urlpatterns = [
    path("", entries.EntryListView.as_view(), name="entry_list"),
    path("export/", entries.EntryExportView.as_view(), name="entry_export"),
    # The 典型储备库 import (views/imports.py, the shared pages of core.imports)
    path("import/", imports.ReserveImportUploadView.as_view(), name="entry_import"),
    path("import/template.xlsx", imports.ReserveImportTemplateView.as_view(), name="entry_import_template"),
    path("import/export.xlsx", imports.ReserveImportExportView.as_view(), name="entry_import_export"),
    path("import/<int:pk>/", imports.ReserveImportDetailView.as_view(), name="entry_import_detail"),
    path("import/<int:pk>/commit/", imports.ReserveImportCommitView.as_view(), name="entry_import_commit"),
    path("import/<int:pk>/cancel/", imports.ReserveImportCancelView.as_view(), name="entry_import_cancel"),
    path("<int:pk>/", entries.EntryDetailView.as_view(), name="entry_detail"),
    path("<int:pk>/decide/", entries.DecideView.as_view(), name="decide"),
    path("<int:pk>/retire/", entries.RetireView.as_view(), name="retire"),
    path("<int:pk>/plans/new/", plans.PlanCreateView.as_view(), name="plan_create"),
    path("plans/<int:pk>/edit/", plans.PlanUpdateView.as_view(), name="plan_update"),
    path("plans/<int:pk>/delete/", plans.PlanDeleteView.as_view(), name="plan_delete"),
    path("plans/<int:pk>/milestones/new/", plans.MilestoneAddView.as_view(), name="milestone_add"),
    path("milestones/<int:pk>/complete/", plans.MilestoneCompleteView.as_view(), name="milestone_complete"),
    path("propose/", entries.ProposeView.as_view(), name="propose"),
    path("awaiting/", entries.AwaitingView.as_view(), name="awaiting"),
    path("awaiting/export/", entries.AwaitingExportView.as_view(), name="awaiting_export"),
    path("coverage/", entries.CoverageView.as_view(), name="coverage"),
    path("coverage/export/", entries.CoverageExportView.as_view(), name="coverage_export"),
    path("activities/", activities.ActivityListView.as_view(), name="activity_list"),
    path("activities/export/", activities.ActivityExportView.as_view(), name="activity_export"),
    path("activities/new/", activities.ActivityCreateView.as_view(), name="activity_create"),
    path("activities/<int:pk>/", activities.ActivityDetailView.as_view(), name="activity_detail"),
    path("activities/<int:pk>/edit/", activities.ActivityUpdateView.as_view(), name="activity_update"),
    path("activities/<int:pk>/materials/", activities.MaterialAddView.as_view(), name="material_add"),
    path("materials/<int:pk>/", activities.MaterialFileView.as_view(), name="material_file"),
    path("materials/<int:pk>/remove/", activities.MaterialRemoveView.as_view(), name="material_remove"),
    path("visits/", visits.VisitListView.as_view(), name="visit_list"),
    path("visits/export/", visits.VisitExportView.as_view(), name="visit_export"),
    path("visits/new/", visits.VisitCreateView.as_view(), name="visit_create"),
    path("visits/<int:pk>/", visits.VisitDetailView.as_view(), name="visit_detail"),
    path("visits/<int:pk>/edit/", visits.VisitUpdateView.as_view(), name="visit_update"),
    path("visits/<int:pk>/follow-ups/new/", visits.FollowUpAddView.as_view(), name="follow_up_add"),
    path("follow-ups/<int:pk>/done/", visits.FollowUpDoneView.as_view(), name="follow_up_done"),
    path("evaluation/", evaluations.RoundListView.as_view(), name="round_list"),
    path("evaluation/export/", evaluations.RoundListExportView.as_view(), name="round_list_export"),
    path("evaluation/new/", evaluations.RoundOpenView.as_view(), name="round_open"),
    path("evaluation/<int:pk>/", evaluations.RoundDetailView.as_view(), name="round_detail"),
    path("evaluation/<int:pk>/export/", evaluations.RoundExportView.as_view(), name="round_export"),
    path("evaluation/<int:pk>/close/", evaluations.RoundCloseView.as_view(), name="round_close"),
    path("evaluation/<int:pk>/add-entries/", evaluations.RoundAddEntriesView.as_view(), name="round_add_entries"),
    path("evaluations/<int:pk>/", evaluations.EvaluationDetailView.as_view(), name="evaluation_detail"),
    path("evaluations/<int:pk>/record/", evaluations.EvaluationRecordView.as_view(), name="evaluation_record"),
    path("evaluations/<int:pk>/decide/", evaluations.EvaluationDecideView.as_view(), name="evaluation_decide"),
]
