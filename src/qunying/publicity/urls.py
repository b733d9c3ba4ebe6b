"""Publicity URLs."""

app_name = "publicity"

urlpatterns: list = []
