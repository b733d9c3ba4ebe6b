"""The public voting page, mounted at /vote/ (namespace "vote")."""

from django.urls import path

from qunying.campaigns.views.voting import VoteView

app_name = "vote"

urlpatterns = [path("<int:campaign>/", VoteView.as_view(), name="ballot")]
