"""Sample URL arguments for the care pages, drawn from the demo data (used by tests/test_every_page.py)."""

from qunying.care.models import (
    AssistanceCase,
    AwardDelivery,
    CareNotice,
    Entitlement,
    EntitlementRule,
    MedicalReferral,
    PartnerHospital,
    WelfareVisit,
)
from qunying.honours.models import Honour


def _pk(model, **filters) -> int:
    obj = model.objects.filter(**filters).order_by("pk").first()
    return obj.pk if obj is not None else 0  # 0: a page of a missing object must answer 404


def sample_kwargs() -> dict:
    visit = WelfareVisit.objects.order_by("pk").first()
    honour = Honour.objects.filter(person__isnull=False, delivery__isnull=True).order_by("pk").first()
    return {
        "care:person_care": {"pk": visit.person_id if visit else 0},
        "care:consent": {"pk": visit.person_id if visit else 0},
        "care:rule_update": {"pk": _pk(EntitlementRule)},
        "care:entitlement_detail": {"pk": _pk(Entitlement)},
        "care:entitlement_grant": {"pk": _pk(Entitlement, status="eligible")},
        "care:entitlement_schedule": {"pk": _pk(Entitlement, status="granted")},
        "care:entitlement_use": {"pk": _pk(Entitlement, status="scheduled")},
        "care:notice_read": {"pk": _pk(CareNotice)},
        "care:delivery_create": {"pk": honour.pk if honour else 0},
        "care:delivery_photo": {"pk": _pk(AwardDelivery)},
        "care:visit_detail": {"pk": visit.pk if visit else 0},
        "care:visit_done": {"pk": _pk(WelfareVisit, status="planned")},
        "care:visit_cancel": {"pk": _pk(WelfareVisit, status="planned")},
        "care:case_detail": {"pk": _pk(AssistanceCase)},
        "care:case_step": {"pk": _pk(AssistanceCase)},
        "care:case_close": {"pk": _pk(AssistanceCase)},
        "care:hospital_update": {"pk": _pk(PartnerHospital)},
        "care:referral_detail": {"pk": _pk(MedicalReferral)},
        "care:referral_arrange": {"pk": _pk(MedicalReferral)},
        "care:referral_close": {"pk": _pk(MedicalReferral)},
        # Imports are their uploader's own: the demo has none, so these answer 404 to everyone.
        "care:ledger_import_detail": {"pk": 0},
        "care:ledger_import_commit": {"pk": 0},
        "care:ledger_import_cancel": {"pk": 0},
    }
