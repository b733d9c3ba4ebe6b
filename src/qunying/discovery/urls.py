"""Discovery URLs."""

from django.urls import path

from qunying.discovery.views import exports, suggestions

app_name = "discovery"

urlpatterns = [
    path("", suggestions.SuggestionListView.as_view(), name="suggestion_list"),
    path("export.xlsx", exports.SuggestionExportView.as_view(), name="suggestion_export"),
    path("<int:pk>/", suggestions.SuggestionDetailView.as_view(), name="suggestion_detail"),
    path("<int:pk>/accept/", suggestions.SuggestionAcceptView.as_view(), name="suggestion_accept"),
    path("<int:pk>/dismiss/", suggestions.SuggestionDismissView.as_view(), name="suggestion_dismiss"),
    path("run/", suggestions.RunView.as_view(), name="run"),
    path("weights/", suggestions.WeightsView.as_view(), name="weights"),
]
