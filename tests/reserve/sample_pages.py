"""Sample URL arguments for the reserve pages, drawn from the demo data (used by tests/test_every_page.py)."""

from qunying.reserve.models import CultivationPlan, Milestone, ReserveEntry


def sample_kwargs() -> dict:
    pending = ReserveEntry.objects.filter(status="proposed").order_by("pk").first()
    entry = ReserveEntry.objects.filter(status="active").order_by("pk").first()
    plan = CultivationPlan.objects.order_by("pk").first()
    milestone = Milestone.objects.filter(done_on__isnull=True).order_by("pk").first()
    return {
        "reserve:entry_detail": {"pk": entry.pk},
        "reserve:decide": {"pk": (pending or entry).pk},
        "reserve:plan_create": {"pk": entry.pk},
        "reserve:milestone_add": {"pk": plan.pk},
        "reserve:milestone_complete": {"pk": milestone.pk},
    }
