"""Selection campaigns URLs."""

app_name = "campaigns"

urlpatterns: list = []
