"""Care models: entitlement rules and entitlements with their notices; deliveries, visits, cases, referrals."""

from qunying.care.models.entitlements import CareNotice, Entitlement, EntitlementRule
from qunying.care.models.welfare import (
    AssistanceCase,
    AssistanceStep,
    AwardDelivery,
    CareConsent,
    HealthEvent,
    MedicalReferral,
    PartnerHospital,
    WelfareVisit,
)

__all__ = [
    "AssistanceCase",
    "AssistanceStep",
    "AwardDelivery",
    "CareConsent",
    "CareNotice",
    "Entitlement",
    "EntitlementRule",
    "HealthEvent",
    "MedicalReferral",
    "PartnerHospital",
    "WelfareVisit",
]
