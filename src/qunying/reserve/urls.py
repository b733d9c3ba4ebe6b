"""Exemplar reserve URLs."""

app_name = "reserve"

urlpatterns: list = []
