"""Exemplar reserve URLs."""

from django.urls import path

from qunying.reserve.views import entries

app_name = "reserve"

urlpatterns = [
    path("", entries.EntryListView.as_view(), name="entry_list"),
    path("<int:pk>/", entries.EntryDetailView.as_view(), name="entry_detail"),
    path("<int:pk>/decide/", entries.DecideView.as_view(), name="decide"),
    path("propose/", entries.ProposeView.as_view(), name="propose"),
    path("awaiting/", entries.AwaitingView.as_view(), name="awaiting"),
    path("coverage/", entries.CoverageView.as_view(), name="coverage"),
]
