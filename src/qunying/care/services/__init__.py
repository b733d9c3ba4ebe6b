"""Care writes: every change to entitlements, deliveries, visits, cases, referrals and consent goes through here."""

from qunying.care.services.common import record_read
from qunying.care.services.entitlements import (
    expire_entitlements,
    export_entitlements,
    grant_entitlement,
    grant_problem,
    mark_entitlement_used,
    mark_notice_read,
    run_eligibility,
    save_rule,
    schedule_entitlement,
)
from qunying.care.services.medical import arrange_referral, close_referral, request_referral, save_hospital
from qunying.care.services.revocation import revoke_resting_on_honour, revoke_resting_on_tier
from qunying.care.services.welfare import (
    add_case_step,
    cancel_visit,
    close_case,
    complete_visit,
    open_case,
    plan_visit,
    record_consent,
    record_delivery,
    record_health_event,
)

__all__ = [
    "add_case_step",
    "arrange_referral",
    "cancel_visit",
    "close_case",
    "close_referral",
    "complete_visit",
    "expire_entitlements",
    "export_entitlements",
    "grant_entitlement",
    "grant_problem",
    "mark_entitlement_used",
    "mark_notice_read",
    "open_case",
    "plan_visit",
    "record_consent",
    "record_delivery",
    "record_health_event",
    "record_read",
    "request_referral",
    "revoke_resting_on_honour",
    "revoke_resting_on_tier",
    "run_eligibility",
    "save_hospital",
    "save_rule",
    "schedule_entitlement",
]
