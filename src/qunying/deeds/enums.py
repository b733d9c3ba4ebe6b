"""Discovery ledger enums: duty events, deeds, forums and public nominations."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DutyEventKind(models.TextChoices):
    EPIDEMIC_CONTROL = "epidemic_control", _("Epidemic control")
    FLOOD_RELIEF = "flood_relief", _("Flood relief")
    MAJOR_SECURITY = "major_security", _("Major security event")
    MAJOR_TASK = "major_task", _("Major task")
    DAILY_DUTY = "daily_duty", _("Daily duty")


class HazardLevel(models.TextChoices):
    NONE = "none", _("No particular hazard")
    LOW = "low", _("Low hazard")
    MEDIUM = "medium", _("Medium hazard")
    HIGH = "high", _("High hazard")


# How much a verified deed counts in recognition signals (discovery), by its hazard: a deed in real danger (a flood
# breach, an armed suspect) weighs as much as several ordinary ones. Kept here so every module weighs alike.
HAZARD_WEIGHTS = {
    HazardLevel.NONE: 1,
    HazardLevel.LOW: 2,
    HazardLevel.MEDIUM: 3,
    HazardLevel.HIGH: 5,
}


class DeedSource(models.TextChoices):
    SUPERVISOR = "supervisor", _("Supervisor")
    PUBLIC = "public", _("Public nomination")
    FORUM = "forum", _("Police-citizen forum")
    MEDIA = "media", _("Media report")
    IMPORT = "import", pgettext_lazy("deeds", "Import")


class DeedStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("deeds", "Proposed")
    VERIFIED = "verified", pgettext_lazy("deeds", "Verified")
    REJECTED = "rejected", pgettext_lazy("deeds", "Rejected")


class EvidenceType(models.TextChoices):
    PDF = "pdf", "PDF"
    JPEG = "jpeg", "JPEG"
    PNG = "png", "PNG"
    WEBP = "webp", "WebP"
    DOCX = "docx", "Word (docx)"


class NominationStatus(models.TextChoices):
    NEW = "new", pgettext_lazy("deeds", "New")
    TRIAGED = "triaged", _("Triaged")
    LINKED = "linked", _("Linked to an officer")
    REJECTED = "rejected", pgettext_lazy("nomination", "Rejected")


# The colour of a status badge on the pages (Bootstrap's text-bg-*); a status not listed is still open: "warning".
STATUS_BADGES = {
    DeedStatus.VERIFIED: "success",
    DeedStatus.REJECTED: "secondary",
    NominationStatus.TRIAGED: "info",
    NominationStatus.LINKED: "success",
    NominationStatus.REJECTED: "secondary",
}
