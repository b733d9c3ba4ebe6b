"""Party branch URLs."""

from django.urls import path

from qunying.branches.views import branches, exports, ratings, rounds, schemes

app_name = "branches"

urlpatterns = [
    path("", branches.BranchListView.as_view(), name="branch_list"),
    path("export.xlsx", exports.BranchExportView.as_view(), name="branch_export"),
    path("new/", branches.BranchCreateView.as_view(), name="branch_create"),
    path("<int:pk>/", branches.BranchDetailView.as_view(), name="branch_detail"),
    path("<int:pk>/edit/", branches.BranchUpdateView.as_view(), name="branch_update"),
    path("schemes/", schemes.SchemeListView.as_view(), name="scheme_list"),
    path("schemes/new/", schemes.SchemeCreateView.as_view(), name="scheme_create"),
    path("schemes/default/", schemes.SchemeDefaultCreateView.as_view(), name="scheme_create_default"),
    path("schemes/<int:pk>/", schemes.SchemeDetailView.as_view(), name="scheme_detail"),
    path("schemes/<int:pk>/edit/", schemes.SchemeUpdateView.as_view(), name="scheme_update"),
    path("schemes/<int:pk>/criteria/new/", schemes.CriterionCreateView.as_view(), name="criterion_create"),
    path("criteria/<int:pk>/edit/", schemes.CriterionUpdateView.as_view(), name="criterion_update"),
    path("rounds/", rounds.RoundListView.as_view(), name="round_list"),
    path("rounds/export.xlsx", exports.RoundExportListView.as_view(), name="round_list_export"),
    path("rounds/new/", rounds.RoundCreateView.as_view(), name="round_create"),
    path("rounds/<int:pk>/", rounds.RoundDetailView.as_view(), name="round_detail"),
    path("rounds/<int:pk>/open/", rounds.RoundOpenView.as_view(), name="round_open"),
    path("rounds/<int:pk>/refresh/", rounds.RoundRefreshView.as_view(), name="round_refresh"),
    path("rounds/<int:pk>/close/", rounds.RoundCloseView.as_view(), name="round_close"),
    path("rounds/<int:pk>/compare/", rounds.RoundCompareView.as_view(), name="round_compare"),
    path("rounds/<int:pk>/export.xlsx", rounds.RoundExportView.as_view(), name="round_export"),
    path("ratings/<int:pk>/", ratings.RatingDetailView.as_view(), name="rating_detail"),
    path("ratings/<int:pk>/self-assessment/", ratings.RatingSelfAssessView.as_view(), name="rating_self_assess"),
    path("ratings/<int:pk>/submit/", ratings.RatingSubmitView.as_view(), name="rating_submit"),
    path("ratings/<int:pk>/refresh/", ratings.RatingRefreshView.as_view(), name="rating_refresh"),
    path("ratings/<int:pk>/review/", ratings.RatingReviewView.as_view(), name="rating_review"),
    path("ratings/<int:pk>/return/", ratings.RatingReturnView.as_view(), name="rating_return"),
    path("ratings/<int:pk>/approve/", ratings.RatingApproveView.as_view(), name="rating_approve"),
    path("ratings/<int:pk>/publish/", ratings.RatingPublishView.as_view(), name="rating_publish"),
    path("ratings/<int:pk>/criteria/<int:criterion>/", ratings.RatingRecordsView.as_view(), name="rating_records"),
]
