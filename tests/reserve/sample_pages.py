"""Sample URL arguments for the reserve pages, drawn from the demo data (used by tests/test_every_page.py)."""

from qunying.reserve.models import ReserveEntry


def sample_kwargs() -> dict:
    pending = ReserveEntry.objects.filter(status="proposed").order_by("pk").first()
    entry = ReserveEntry.objects.filter(status="active").order_by("pk").first()
    return {
        "reserve:entry_detail": {"pk": entry.pk},
        "reserve:decide": {"pk": (pending or entry).pk},
    }
