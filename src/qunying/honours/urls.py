"""Honours URLs."""

app_name = "honours"

urlpatterns: list = []
