"""Selection campaigns URLs (mounted at /campaigns/)."""

from django.urls import path

from qunying.campaigns.views import campaigns, dossier, evidence, imports, judges, notices, reviews, types, voting

app_name = "campaigns"

urlpatterns = [
    path("", campaigns.CampaignListView.as_view(), name="campaign_list"),
    path("export/", campaigns.CampaignExportView.as_view(), name="campaign_export"),
    # Past selections brought in from the bureau's spreadsheets (views/imports.py, the shared pages of core.imports)
    path("import/", imports.SelectionImportUploadView.as_view(), name="selection_import"),
    path("import/template.xlsx", imports.SelectionImportTemplateView.as_view(), name="selection_import_template"),
    path("import/export.xlsx", imports.SelectionImportExportView.as_view(), name="selection_import_export"),
    path("import/<int:pk>/", imports.SelectionImportDetailView.as_view(), name="selection_import_detail"),
    path("import/<int:pk>/commit/", imports.SelectionImportCommitView.as_view(), name="selection_import_commit"),
    path("import/<int:pk>/cancel/", imports.SelectionImportCancelView.as_view(), name="selection_import_cancel"),
    path("<int:pk>/", campaigns.CampaignDetailView.as_view(), name="campaign_detail"),
    path("<int:pk>/advance/", campaigns.AdvanceView.as_view(), name="campaign_advance"),
    path("<int:pk>/nominate/", campaigns.NominateView.as_view(), name="nominate"),
    path("<int:pk>/nominate/evidence/", evidence.NominationEvidenceView.as_view(), name="nomination_evidence"),
    path("<int:pk>/judges/", campaigns.BalanceJudgesView.as_view(), name="balance_judges"),
    path("<int:pk>/assignments/", judges.AssignmentsView.as_view(), name="assignments"),
    path("<int:pk>/assignments/export/", judges.AssignmentExportView.as_view(), name="assignments_export"),
    path("<int:pk>/propose/", campaigns.ProposeView.as_view(), name="propose"),
    path("<int:pk>/approve/", campaigns.ApproveView.as_view(), name="approve"),
    path("<int:pk>/close/", campaigns.CloseView.as_view(), name="close"),
    path("<int:pk>/release/", notices.ReleaseResultsView.as_view(), name="release_results"),
    path("results/", notices.NoticeListView.as_view(), name="my_notices"),
    path("results/read/", notices.MarkNoticesReadView.as_view(), name="notices_read"),
    path("<int:pk>/dossier/", campaigns.DossierView.as_view(), name="dossier"),
    path("<int:pk>/dossier.docx", dossier.DossierDocxView.as_view(), name="dossier_docx"),
    path("<int:pk>/notice/", campaigns.NoticeView.as_view(), name="public_notice"),
    path("<int:pk>/quarantine/", voting.QuarantineView.as_view(), name="quarantine"),
    path("<int:pk>/quarantine/export/", voting.QuarantineExportView.as_view(), name="quarantine_export"),
    path("votes/<int:pk>/release/", voting.ReleaseVoteView.as_view(), name="vote_release"),
    path("nominations/<int:pk>/rating/", evidence.RatingEvidenceView.as_view(), name="rating_evidence"),
    path("objections/<int:pk>/", campaigns.ResolveObjectionView.as_view(), name="objection_resolve"),
    path("types/", types.TypeListView.as_view(), name="type_list"),
    path("types/new/", types.TypeFormView.as_view(), name="type_create"),
    path("types/<int:pk>/", types.TypeUpdateView.as_view(), name="type_edit"),
    path("reviews/", reviews.ReviewListView.as_view(), name="review_list"),
    path("reviews/export/", reviews.ReviewExportView.as_view(), name="review_export"),
    path("reviews/<int:pk>/", reviews.ReviewView.as_view(), name="review"),
    path("reviews/evidence/<int:pk>/", reviews.ReviewEvidenceFileView.as_view(), name="review_evidence_file"),
]
