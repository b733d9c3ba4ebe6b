"""Exemplar reserve enums: tiers, cultivation levels, categories and statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Tier(models.TextChoices):
    RESERVE = "reserve", pgettext_lazy("tier", "Reserve")
    FOCUS = "focus", pgettext_lazy("tier", "Focus")
    EXEMPLAR = "exemplar", pgettext_lazy("tier", "Exemplar")


class CultivationLevel(models.TextChoices):
    UNIT = "unit", pgettext_lazy("cultivation", "Unit")
    COUNTY = "county", pgettext_lazy("cultivation", "County")
    CITY = "city", pgettext_lazy("cultivation", "City")
    PROVINCE = "province", pgettext_lazy("cultivation", "Province")
    NATIONAL = "national", pgettext_lazy("cultivation", "National")


class ReserveCategory(models.TextChoices):
    FRONTLINE = "frontline", _("Frontline duty")
    GRASSROOTS = "grassroots", _("Grassroots")
    PUBLIC = "public", _("Close to the public")


class EntryStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("reserve", "Proposed")
    ACTIVE = "active", pgettext_lazy("reserve", "In the reserve")
    DECLINED = "declined", pgettext_lazy("reserve", "Not admitted")
    RETIRED = "retired", pgettext_lazy("reserve", "Retired")


class TierChangeStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("reserve", "Awaiting approval")
    APPROVED = "approved", pgettext_lazy("reserve", "Approved")
    REJECTED = "rejected", pgettext_lazy("reserve", "Rejected")


class ActivityKind(models.TextChoices):
    DEEDS_REPORT_MEETING = "deeds_report_meeting", _("Deeds report meeting")
    WORK_FORUM = "work_forum", _("Work forum")
    BUSINESS_LECTURE = "business_lecture", _("Business lecture")


class EvaluationMethod(models.TextChoices):
    TALK = "talk", _("Individual talk")
    FORUM = "forum", pgettext_lazy("evaluation", "Forum")


class EvaluationOutcome(models.TextChoices):
    UPGRADE = "upgrade", pgettext_lazy("evaluation", "Upgrade")
    KEEP = "keep", pgettext_lazy("evaluation", "Keep")
    DOWNGRADE = "downgrade", pgettext_lazy("evaluation", "Downgrade")
    RETIRE = "retire", pgettext_lazy("evaluation", "Retire")


class EvaluationCheck(models.TextChoices):
    """Old exemplars (2+ years) are tracked and consolidated; everyone else is trained."""

    CONSOLIDATION = "consolidation", _("Consolidation check")
    TRAINING = "training", _("Training check")


class EvaluationStatus(models.TextChoices):
    DUE = "due", pgettext_lazy("evaluation", "Due")
    RECORDED = "recorded", pgettext_lazy("evaluation", "Awaiting approval")
    RETURNED = "returned", pgettext_lazy("evaluation", "Returned")
    APPROVED = "approved", pgettext_lazy("evaluation", "Approved")
    WITHDRAWN = "withdrawn", pgettext_lazy("evaluation", "Withdrawn (entry retired)")


class RoundStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("round", "In progress")
    CLOSED = "closed", pgettext_lazy("round", "Closed")
