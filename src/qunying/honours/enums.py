"""Honours enums: award ladders, who an award applies to, issuers' level and kind, an honour's status."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AwardLadder(models.TextChoices):
    """An award's ladder: grades compare only within one ladder."""

    POLICE = "police", _("Police awards")
    AUXILIARY = "auxiliary", _("Auxiliary police awards")
    TITLE = "title", _("Named titles")


class AwardApplicability(models.TextChoices):
    PERSON = "person", _("People")
    UNIT = "unit", _("Units (collective)")
    BOTH = "both", _("People and units")


class AwardEligibility(models.TextChoices):
    """Which person category an award may go to (the 条令's police series for 民警, the auxiliary series for 辅警)."""

    ANYONE = "anyone", _("Anyone")
    POLICE = "police", _("Police officers only")
    AUXILIARY = "auxiliary", _("Auxiliary police only")


class IssuerLevel(models.TextChoices):
    COUNTY = "county", _("County level")
    CITY = "city", _("City level")
    PROVINCE = "province", _("Province level")
    NATIONAL = "national", _("National level")


# How high each level stands, for ordering issuers and figures (national first).
ISSUER_LEVEL_RANK = {IssuerLevel.COUNTY: 1, IssuerLevel.CITY: 2, IssuerLevel.PROVINCE: 3, IssuerLevel.NATIONAL: 4}


class IssuerKind(models.TextChoices):
    POLICE = "police", _("Public security organ")
    PARTY = "party", _("Party organ")
    GOVERNMENT = "government", _("Government organ")
    CIVIC = "civic", _("Civic body")


class HonourStatus(models.TextChoices):
    """An honour entered by hand waits for a second officer's approval (pending) before it counts anywhere: every
    reader counts only honours in force."""

    PENDING = "pending", _("Awaiting approval")
    ACTIVE = "active", _("In force")
    REVOKED = "revoked", _("Revoked")
    # Declined by an approver or withdrawn by its recorder before it ever came into force: kept for the record only.
    DECLINED = "declined", _("Not approved")


# Set aside: never again counted, nor in the way of recording the same honour afresh.
SET_ASIDE = (HonourStatus.REVOKED, HonourStatus.DECLINED)


class ApprovalBasis(models.TextChoices):
    """What approved an honour in force: a second officer (four eyes on an honour entered by hand), the campaign's
    decision that conferred it, or the approved register it was imported from (whoever committed the import)."""

    REVIEW = "review", _("Approved by a second officer")
    DECISION = "decision", _("Conferred by a campaign's decision")
    REGISTER = "register", _("Imported from an approved register")
    EARLIER = "earlier", _("Recorded before approval was required")
