"""Citizen ratings URLs."""

app_name = "feedback"

urlpatterns: list = []
