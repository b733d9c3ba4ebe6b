"""Entitlement rules (data, not code), the entitlements the eligibility run finds, and notices to care officers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qunying.care.enums import OPEN_STATUSES, EntitlementKind, EntitlementStatus, NoticeKind
from qunying.core.models import BaseModel
from qunying.honours.enums import AwardEligibility, IssuerLevel
from qunying.reserve.enums import CultivationLevel, ReserveCategory, Tier


class EntitlementRule(BaseModel):
    """A condition → an entitlement. Every condition that is set must hold (AND): reserve tier at least `min_tier`,
    cultivation level at least `min_level`, reserve category `category`, and an honour in force of `award_type` (or
    higher on its ladder) from an issuer of at least `min_issuer_level` within `within_years`. A rule needs a tier or
    an honour condition. It applies to the people of `person_category` only, and an honour condition compares grades
    within the award's ladder among the awards open to those people: "辅警之星及以上" never counts 最美民警.
    `validity_days` counts from the grant; `yearly_quota` caps grants per unit and year (0: none)."""

    name = models.CharField(_("Name"), max_length=100, unique=True)
    kind = models.CharField(_("Entitlement"), max_length=30, choices=EntitlementKind.choices)
    value = models.DecimalField(
        _("Value"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Points, multiplier or amount in yuan, as the entitlement needs."),
    )
    min_tier = models.CharField(_("Reserve tier at least"), max_length=10, choices=Tier.choices, blank=True)
    min_level = models.CharField(
        _("Cultivation level at least"), max_length=10, choices=CultivationLevel.choices, blank=True
    )
    category = models.CharField(_("Reserve category"), max_length=12, choices=ReserveCategory.choices, blank=True)
    award_type = models.ForeignKey(
        "honours.AwardType",
        verbose_name=_("Honour at least"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    min_issuer_level = models.CharField(
        _("Issuer level at least"), max_length=10, choices=IssuerLevel.choices, blank=True
    )
    person_category = models.CharField(
        _("Applies to"),
        max_length=10,
        choices=AwardEligibility.choices,
        default=AwardEligibility.ANYONE,
        help_text=_(
            "Whose reserve entries and honours count. A rule on an award for police or for auxiliaries applies to "
            "those people only."
        ),
    )
    within_years = models.PositiveSmallIntegerField(_("Honour within (years)"), default=3)
    validity_days = models.PositiveIntegerField(_("Valid for (days after grant)"), default=365)
    yearly_quota = models.PositiveIntegerField(_("Yearly quota per unit"), default=0, help_text=_("0: no quota."))
    active = models.BooleanField(_("In use"), default=True)
    description = models.CharField(_("Description"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Entitlement rule")
        verbose_name_plural = _("Entitlement rules")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    @property
    def needs_tier(self) -> bool:
        return bool(self.min_tier or self.min_level or self.category)

    @property
    def needs_honour(self) -> bool:
        return self.award_type_id is not None or bool(self.min_issuer_level)

    @property
    def compared_category(self) -> str:
        """The people the rule applies to: its own category, else the one its award is restricted to."""
        if self.person_category != AwardEligibility.ANYONE or self.award_type_id is None:
            return self.person_category
        return self.award_type.eligible_category

    def counted_awards(self) -> Q:
        """The honours (as a condition on Honour) the award condition accepts: the same ladder, the same or a higher
        grade, and an award open to the people the rule applies to."""
        if self.award_type_id is None:
            return Q()
        condition = Q(award_type__ladder=self.award_type.ladder, award_type__grade__gte=self.award_type.grade)
        category = self.compared_category
        if category != AwardEligibility.ANYONE:
            condition &= Q(award_type__eligible_category__in=[AwardEligibility.ANYONE, category])
        return condition

    def counts(self, award_type) -> bool:
        """The same test as `counted_awards`, for one award type in hand."""
        if self.award_type_id is None:
            return True
        wanted, category = self.award_type, self.compared_category
        return (
            award_type.ladder == wanted.ladder
            and award_type.grade >= wanted.grade
            and (category == AwardEligibility.ANYONE or award_type.eligible_for(category))
        )

    def applies_to(self) -> Q:
        """The people (as a condition on a model with a `person`) the rule applies to."""
        category = self.compared_category
        return Q() if category == AwardEligibility.ANYONE else Q(person__category=category)


class Entitlement(BaseModel):
    """One person's entitlement under a rule for a year: found eligible by the run, then granted (valid from the
    grant for the rule's days), scheduled, used — or expired, or revoked when its basis (`basis_honour`,
    `basis_entry`) is revoked or lowered. `unit` is the person's unit when found, for scope and the quota."""

    rule = models.ForeignKey(
        EntitlementRule, verbose_name=_("Rule"), on_delete=models.PROTECT, related_name="entitlements"
    )
    person = models.ForeignKey(
        "org.Person", verbose_name=_("Person"), on_delete=models.PROTECT, related_name="entitlements"
    )
    unit = models.ForeignKey("org.Unit", verbose_name=_("Unit"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("Year"))
    status = models.CharField(
        _("Status"), max_length=10, choices=EntitlementStatus.choices, default=EntitlementStatus.ELIGIBLE
    )
    basis_honour = models.ForeignKey(
        "honours.Honour",
        verbose_name=_("Resting on honour"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    basis_entry = models.ForeignKey(
        "reserve.ReserveEntry",
        verbose_name=_("Resting on reserve entry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    basis_tier = models.CharField(_("Tier when found"), max_length=10, choices=Tier.choices, blank=True)
    granted_on = models.DateField(_("Granted on"), null=True, blank=True)
    valid_until = models.DateField(_("Valid until"), null=True, blank=True)
    scheduled_for = models.DateField(_("Scheduled for"), null=True, blank=True)
    used_on = models.DateField(_("Used on"), null=True, blank=True)
    closed_reason = models.CharField(_("Reason"), max_length=300, blank=True)
    note = models.CharField(_("Note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Entitlement")
        verbose_name_plural = _("Entitlements")
        ordering = ["-year", "unit__path", "pk"]
        indexes = [
            models.Index(fields=["rule", "year", "unit", "status"]),
            models.Index(fields=["status", "valid_until"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "person", "year"],
                condition=Q(status__in=[*OPEN_STATUSES, EntitlementStatus.USED]),
                name="care_one_live_entitlement_per_rule_person_year",
            )
        ]

    def __str__(self):
        return f"{self.person.name} · {self.rule.name} · {self.year}"


class CareNotice(BaseModel):
    """A notice to the care officers over the person's unit: an entitlement revoked or expired automatically."""

    kind = models.CharField(_("Kind"), max_length=20, choices=NoticeKind.choices)
    entitlement = models.ForeignKey(
        Entitlement, verbose_name=_("Entitlement"), on_delete=models.CASCADE, related_name="notices"
    )
    person = models.ForeignKey("org.Person", verbose_name=_("Person"), on_delete=models.PROTECT, related_name="+")
    message = models.CharField(_("Message"), max_length=500)
    read_at = models.DateTimeField(_("Read at"), null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Read by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Care notice")
        verbose_name_plural = _("Care notices")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.person.name} · {self.get_kind_display()}"
