"""Care enums: entitlement kinds and statuses, delivery methods, visit reasons, case and referral statuses, and the
allowed moves between the statuses (the policy's state conditions come from these maps)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EntitlementKind(models.TextChoices):
    RECUPERATION = "recuperation", _("Model-worker recuperation")
    TRAINING = "training", _("Training place")
    PROMOTION_POINTS = "promotion_points", _("Promotion priority points")
    ALLOWANCE_MULTIPLIER = "allowance_multiplier", _("Duty allowance multiplier")
    ALLOWANCE_AMOUNT = "allowance_amount", _("Duty allowance amount")


class EntitlementStatus(models.TextChoices):
    ELIGIBLE = "eligible", _("Eligible")
    GRANTED = "granted", pgettext_lazy("entitlement", "Granted")
    SCHEDULED = "scheduled", pgettext_lazy("entitlement", "Scheduled")
    USED = "used", pgettext_lazy("entitlement", "Used")
    EXPIRED = "expired", pgettext_lazy("entitlement", "Expired")
    REVOKED = "revoked", pgettext_lazy("entitlement", "Revoked")


# A scheduled entitlement may be given another date: scheduled → scheduled.
ENTITLEMENT_TRANSITIONS = {
    EntitlementStatus.ELIGIBLE: {EntitlementStatus.GRANTED, EntitlementStatus.REVOKED},
    EntitlementStatus.GRANTED: {
        EntitlementStatus.SCHEDULED,
        EntitlementStatus.USED,
        EntitlementStatus.EXPIRED,
        EntitlementStatus.REVOKED,
    },
    EntitlementStatus.SCHEDULED: {
        EntitlementStatus.SCHEDULED,
        EntitlementStatus.USED,
        EntitlementStatus.EXPIRED,
        EntitlementStatus.REVOKED,
    },
    EntitlementStatus.USED: set(),
    EntitlementStatus.EXPIRED: set(),
    EntitlementStatus.REVOKED: set(),
}

# Statuses that still rest on their basis: a revoked honour or lowered tier revokes them.
OPEN_STATUSES = (EntitlementStatus.ELIGIBLE, EntitlementStatus.GRANTED, EntitlementStatus.SCHEDULED)
# Statuses that use up a unit's yearly quota.
QUOTA_STATUSES = (
    EntitlementStatus.GRANTED,
    EntitlementStatus.SCHEDULED,
    EntitlementStatus.USED,
    EntitlementStatus.EXPIRED,
)


class NoticeKind(models.TextChoices):
    REVOKED_HONOUR = "revoked_honour", _("Revoked: the honour was revoked")
    REVOKED_TIER = "revoked_tier", _("Revoked: the reserve tier was lowered or retired")
    EXPIRED = "expired", _("Expired unused")


class DeliveryMethod(models.TextChoices):
    AT_POST = "at_post", _("Delivered at the post")
    CEREMONY = "ceremony", _("Award ceremony")


class VisitReason(models.TextChoices):
    HOSPITALISED = "hospitalised", _("Hospitalised")
    ILL = "ill", _("Ill")
    INJURED_ON_DUTY = "injured_on_duty", _("Injured on duty")
    FAMILY_HARDSHIP = "family_hardship", _("Family hardship")
    FESTIVAL = "festival", _("Festival")


class VisitStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("visit", "Planned")
    DONE = "done", pgettext_lazy("visit", "Done")
    CANCELLED = "cancelled", pgettext_lazy("visit", "Cancelled")


VISIT_TRANSITIONS = {
    VisitStatus.PLANNED: {VisitStatus.DONE, VisitStatus.CANCELLED},
    VisitStatus.DONE: set(),
    VisitStatus.CANCELLED: set(),
}


class HealthEventKind(models.TextChoices):
    HOSPITALISED = "hospitalised", _("Hospitalised")
    INJURED_ON_DUTY = "injured_on_duty", _("Injured on duty")


class AssistanceKind(models.TextChoices):
    FAMILY_EMPLOYMENT = "family_employment", _("Family employment")
    FAMILY_SCHOOLING = "family_schooling", _("Children's schooling")


class CaseStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("case", "Open")
    IN_PROGRESS = "in_progress", pgettext_lazy("case", "In progress")
    RESOLVED = "resolved", pgettext_lazy("case", "Resolved")
    CLOSED = "closed", pgettext_lazy("case", "Closed without resolution")


# Every step taken keeps a case in progress: in progress → in progress.
CASE_TRANSITIONS = {
    CaseStatus.OPEN: {CaseStatus.IN_PROGRESS, CaseStatus.RESOLVED, CaseStatus.CLOSED},
    CaseStatus.IN_PROGRESS: {CaseStatus.IN_PROGRESS, CaseStatus.RESOLVED, CaseStatus.CLOSED},
    CaseStatus.RESOLVED: set(),
    CaseStatus.CLOSED: set(),
}


class ReferralStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("referral", "Requested")
    ARRANGED = "arranged", pgettext_lazy("referral", "Arranged")
    COMPLETED = "completed", pgettext_lazy("referral", "Completed")
    CANCELLED = "cancelled", pgettext_lazy("referral", "Cancelled")


# A referral is completed only after the hospital gave an appointment; it may be cancelled until then.
REFERRAL_TRANSITIONS = {
    ReferralStatus.REQUESTED: {ReferralStatus.ARRANGED, ReferralStatus.CANCELLED},
    ReferralStatus.ARRANGED: {ReferralStatus.COMPLETED, ReferralStatus.CANCELLED},
    ReferralStatus.COMPLETED: set(),
    ReferralStatus.CANCELLED: set(),
}


class ConsentStatus(models.TextChoices):
    GIVEN = "given", _("Consent given")
    WITHDRAWN = "withdrawn", _("Consent withdrawn")
