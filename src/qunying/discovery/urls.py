"""Discovery URLs."""

app_name = "discovery"

urlpatterns: list = []
