"""Citizen ratings URLs."""

from django.urls import path

from qunying.feedback.views import callbacks, exports, interactions, replies, sampling, scores, simulator

app_name = "feedback"

urlpatterns = [
    path("", scores.DashboardView.as_view(), name="dashboard"),
    path("officers/", scores.OfficerScoreListView.as_view(), name="officer_list"),
    path("officers/export.xlsx", exports.OfficerScoreExportView.as_view(), name="officer_export"),
    path("officers/<int:pk>/", scores.OfficerRatingsView.as_view(), name="officer_detail"),
    path("me/", scores.MyRatingsView.as_view(), name="my_ratings"),
    path("interactions/", interactions.InteractionListView.as_view(), name="interaction_list"),
    path("interactions/export.xlsx", exports.InteractionExportView.as_view(), name="interaction_export"),
    path("interactions/import/", interactions.InteractionImportView.as_view(), name="interaction_import"),
    path("replies/coding/", replies.ReplyCodingListView.as_view(), name="reply_coding"),
    path("replies/<int:pk>/code/", replies.ReplyCodeView.as_view(), name="reply_code"),
    path("callbacks/", callbacks.CallbackListView.as_view(), name="callback_list"),
    path("callbacks/export.xlsx", exports.CallbackExportView.as_view(), name="callback_export"),
    path("callbacks/<int:pk>/", callbacks.CallbackDetailView.as_view(), name="callback_detail"),
    path("sampling/", sampling.SamplingPolicyView.as_view(), name="sampling"),
    path("simulator/", simulator.SimulatorView.as_view(), name="simulator"),
]
