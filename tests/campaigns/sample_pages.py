"""Sample URL arguments for the campaigns pages, drawn from the demo data (used by tests/test_every_page.py)."""

from qunying.campaigns.models import Campaign, CampaignType, JudgeAssignment, Nomination, Objection, Vote
from qunying.deeds.enums import DeedStatus
from qunying.deeds.models import DeedEvidence


def sample_kwargs() -> dict:
    missing = 0  # pages of objects that do not exist must answer 404, not 500
    campaign = Campaign.objects.order_by("-period_start", "pk").first()
    pk = campaign.pk if campaign else missing
    assignment = JudgeAssignment.objects.order_by("pk").first()
    objection = Objection.objects.order_by("pk").first()
    vote = Vote.objects.order_by("pk").first()
    judged = Nomination.objects.filter(assignments__recused=False).values("deeds")
    evidence = DeedEvidence.objects.filter(deed__in=judged, deed__status=DeedStatus.VERIFIED).order_by("pk").first()
    return {
        **{
            f"campaigns:{name}": {"pk": pk}
            for name in (
                "campaign_detail",
                "campaign_advance",
                "nominate",
                "nomination_evidence",
                "balance_judges",
                "assignments",
                "assignments_export",
                "release_results",
                "propose",
                "approve",
                "close",
                "dossier",
                "dossier_docx",
                "public_notice",
                "quarantine",
                "quarantine_export",
            )
        },
        **{f"campaigns:selection_import_{name}": {"pk": missing} for name in ("detail", "commit", "cancel")},
        "campaigns:objection_resolve": {"pk": objection.pk if objection else missing},
        "campaigns:review": {"pk": assignment.pk if assignment else missing},
        "campaigns:vote_release": {"pk": vote.pk if vote else missing},
        "campaigns:review_evidence_file": {"pk": evidence.pk if evidence else missing},
        "vote:ballot": {"campaign": pk},
        "campaigns:rating_evidence": {
            "pk": Nomination.objects.order_by("pk").values_list("pk", flat=True).first() or missing
        },
        "campaigns:type_edit": {
            "pk": CampaignType.objects.order_by("pk").values_list("pk", flat=True).first() or missing
        },
    }
