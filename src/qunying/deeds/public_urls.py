"""The public nomination page, mounted at /nominate/ by the root URLs."""

from django.urls import path

from qunying.deeds.views import public

app_name = "nominate"

urlpatterns = [
    path("", public.PublicNominationView.as_view(), name="form"),
    path("thanks/", public.PublicNominationThanksView.as_view(), name="thanks"),
]
