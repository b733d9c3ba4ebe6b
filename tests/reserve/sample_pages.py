"""Sample URL arguments for the reserve pages, drawn from the demo data (used by tests/test_every_page.py)."""

from qunying.reserve.models import (
    ActivityMaterial,
    AnnualEvaluation,
    CultivationPlan,
    EvaluationRound,
    FollowUp,
    GuidanceVisit,
    Milestone,
    PracticeActivity,
    ReserveEntry,
)


def _pk(queryset) -> int:
    found = queryset.order_by("pk").first()
    return found.pk if found is not None else 0  # a missing object must answer 404, not 500


def sample_kwargs() -> dict:
    pending = ReserveEntry.objects.filter(status="proposed").order_by("pk").first()
    entry = ReserveEntry.objects.filter(status="active").order_by("pk").first()
    plan = CultivationPlan.objects.order_by("pk").first()
    milestone = Milestone.objects.filter(done_on__isnull=True).order_by("pk").first()
    activity = _pk(PracticeActivity.objects.all())
    visit = _pk(GuidanceVisit.objects.all())
    evaluation_round = _pk(EvaluationRound.objects.filter(status="open"))
    evaluation = _pk(AnnualEvaluation.objects.filter(status="recorded"))
    return {
        "reserve:entry_detail": {"pk": entry.pk},
        "reserve:decide": {"pk": (pending or entry).pk},
        "reserve:retire": {"pk": entry.pk},
        "reserve:plan_create": {"pk": entry.pk},
        "reserve:plan_update": {"pk": plan.pk},
        "reserve:plan_delete": {"pk": plan.pk},
        "reserve:milestone_add": {"pk": plan.pk},
        "reserve:milestone_complete": {"pk": milestone.pk},
        "reserve:activity_detail": {"pk": activity},
        "reserve:activity_update": {"pk": activity},
        "reserve:material_add": {"pk": activity},
        "reserve:material_file": {"pk": _pk(ActivityMaterial.objects.all())},
        "reserve:material_remove": {"pk": _pk(ActivityMaterial.objects.all())},
        "reserve:visit_detail": {"pk": visit},
        "reserve:visit_update": {"pk": visit},
        "reserve:follow_up_add": {"pk": visit},
        "reserve:follow_up_done": {"pk": _pk(FollowUp.objects.filter(done_on__isnull=True))},
        "reserve:round_detail": {"pk": evaluation_round},
        "reserve:round_export": {"pk": evaluation_round},
        "reserve:round_close": {"pk": evaluation_round},
        "reserve:round_add_entries": {"pk": evaluation_round},
        "reserve:evaluation_detail": {"pk": evaluation},
        "reserve:evaluation_record": {"pk": evaluation},
        "reserve:evaluation_decide": {"pk": evaluation},
        # Imports are their uploader's own: the demo has none, so these answer 404 to everyone.
        "reserve:entry_import_detail": {"pk": 0},
        "reserve:entry_import_commit": {"pk": 0},
        "reserve:entry_import_cancel": {"pk": 0},
    }
