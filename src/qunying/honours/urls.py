"""Honours URLs (mounted at /awards/; the public honour board /honours/ belongs to publicity)."""

from django.urls import path

from qunying.honours.views import catalogue, honours, imports

app_name = "honours"

urlpatterns = [
    path("", honours.HonourListView.as_view(), name="honour_list"),
    path("new/", honours.HonourCreateView.as_view(), name="honour_create"),
    path("export.xlsx", honours.HonourExportView.as_view(), name="honour_export"),
    path("figures/", honours.FiguresView.as_view(), name="figures"),
    # The 奖励登记表 import (views/imports.py, the shared pages of core.imports)
    path("import/", imports.HonourImportUploadView.as_view(), name="honour_import"),
    path("import/template.xlsx", imports.HonourImportTemplateView.as_view(), name="honour_import_template"),
    path("import/export.xlsx", imports.HonourImportExportView.as_view(), name="honour_import_export"),
    path("import/<int:pk>/", imports.HonourImportDetailView.as_view(), name="honour_import_detail"),
    path("import/<int:pk>/commit/", imports.HonourImportCommitView.as_view(), name="honour_import_commit"),
    path("import/<int:pk>/cancel/", imports.HonourImportCancelView.as_view(), name="honour_import_cancel"),
    path("<int:pk>/", honours.HonourDetailView.as_view(), name="honour_detail"),
    path("<int:pk>/approve/", honours.HonourApproveView.as_view(), name="honour_approve"),
    path("<int:pk>/decline/", honours.HonourDeclineView.as_view(), name="honour_decline"),
    path("<int:pk>/withdraw/", honours.HonourWithdrawView.as_view(), name="honour_withdraw"),
    path("<int:pk>/revoke/", honours.HonourRevokeView.as_view(), name="honour_revoke"),
    path("catalogue/", catalogue.AwardTypeListView.as_view(), name="award_type_list"),
    path("catalogue/export.xlsx", catalogue.AwardTypeExportView.as_view(), name="award_type_export"),
    path("catalogue/<int:pk>/", catalogue.AwardTypeUpdateView.as_view(), name="award_type_update"),
    path("issuers/", catalogue.IssuerListView.as_view(), name="issuer_list"),
    path("issuers/export.xlsx", catalogue.IssuerExportView.as_view(), name="issuer_export"),
    path("issuers/<int:pk>/", catalogue.IssuerUpdateView.as_view(), name="issuer_update"),
    path("authority/", catalogue.AuthorityRuleListView.as_view(), name="authority_rule_list"),
    path("authority/<int:pk>/", catalogue.AuthorityRuleUpdateView.as_view(), name="authority_rule_update"),
    path("authority/<int:pk>/delete/", catalogue.AuthorityRuleDeleteView.as_view(), name="authority_rule_delete"),
]
