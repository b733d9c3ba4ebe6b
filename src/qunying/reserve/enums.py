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
