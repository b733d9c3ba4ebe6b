"""Discovery ledger URLs."""

app_name = "deeds"

urlpatterns: list = []
