"""Party branch URLs."""

app_name = "branches"

urlpatterns: list = []
