"""Honours models: the award catalogue, issuers, authority rules, and honours for people or units."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qunying.core.models import BaseModel
from qunying.honours.enums import (
    ApprovalBasis,
    AwardApplicability,
    AwardEligibility,
    AwardLadder,
    HonourStatus,
    IssuerKind,
    IssuerLevel,
)


class AwardType(BaseModel):
    """One award of the catalogue (嘉奖, 记三等功 …, 辅警之星). `grade` ranks it on its ladder: higher is higher."""

    code = models.SlugField(_("Code"), max_length=50, unique=True)
    name = models.CharField(_("Name"), max_length=50, unique=True)
    ladder = models.CharField(_("Ladder"), max_length=20, choices=AwardLadder.choices)
    grade = models.PositiveSmallIntegerField(
        _("Grade"), help_text=_("Rank on its ladder: a higher number is a higher award.")
    )
    applies_to = models.CharField(
        _("Awarded to"), max_length=10, choices=AwardApplicability.choices, default=AwardApplicability.BOTH
    )
    eligible_category = models.CharField(
        _("Eligible category"),
        max_length=10,
        choices=AwardEligibility.choices,
        default=AwardEligibility.ANYONE,
        help_text=_("Which people the award may go to; units are not concerned."),
    )
    active = models.BooleanField(_("In use"), default=True, help_text=_("Awards no longer in use stay in history."))
    description = models.CharField(_("Description"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Award type")
        verbose_name_plural = _("Award types")
        ordering = ["ladder", "grade", "name"]

    def __str__(self):
        return self.name

    def applies_to_people(self) -> bool:
        return self.applies_to in {AwardApplicability.PERSON, AwardApplicability.BOTH}

    def applies_to_units(self) -> bool:
        return self.applies_to in {AwardApplicability.UNIT, AwardApplicability.BOTH}

    def eligible_for(self, category: str) -> bool:
        """Whether a person of `category` (PersonCategory) may receive this award."""
        return self.eligible_category in {AwardEligibility.ANYONE, category}


class Issuer(BaseModel):
    """An authority that grants honours (合肥市公安局, 巢湖市文明办 …); a joint document is one issuer."""

    name = models.CharField(_("Name"), max_length=100, unique=True)
    short_name = models.CharField(
        _("Short name"), max_length=50, blank=True, help_text=_("How reports cite it, e.g. 合肥市局.")
    )
    level = models.CharField(_("Level"), max_length=10, choices=IssuerLevel.choices)
    kind = models.CharField(_("Kind"), max_length=20, choices=IssuerKind.choices)
    active = models.BooleanField(_("In use"), default=True)

    class Meta:
        verbose_name = _("Issuer")
        verbose_name_plural = _("Issuers")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def cited_name(self) -> str:
        return self.short_name or self.name


class AuthorityRule(BaseModel):
    """Up to which grade of a ladder issuers of one level (and optionally one kind) may grant.

    A rule for the issuer's own kind wins over a rule for any kind; without a rule the ladder is closed to them."""

    issuer_level = models.CharField(_("Issuer level"), max_length=10, choices=IssuerLevel.choices)
    issuer_kind = models.CharField(
        _("Issuer kind"), max_length=20, choices=IssuerKind.choices, blank=True, help_text=_("Empty: any kind.")
    )
    ladder = models.CharField(_("Ladder"), max_length=20, choices=AwardLadder.choices)
    max_grade = models.PositiveSmallIntegerField(_("Highest grade"))

    class Meta:
        verbose_name = _("Approval authority rule")
        verbose_name_plural = _("Approval authority rules")
        ordering = ["ladder", "issuer_level", "issuer_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer_level", "issuer_kind", "ladder"],
                name="honours_authority_rule_unique",
                violation_error_message=_("A rule for this level, kind and ladder already exists."),
            )
        ]

    def __str__(self):
        kind = self.get_issuer_kind_display() or _("any kind")
        return f"{self.get_issuer_level_display()} · {kind} · {self.get_ladder_display()} ≤ {self.max_grade}"


# Which status may follow which: a pending honour is approved (then in force), or declined by an approver or withdrawn
# by its recorder (then it never counts); a revoked or declined honour stays so (a new decision is a new honour).
HONOUR_TRANSITIONS = {
    HonourStatus.PENDING: {HonourStatus.ACTIVE, HonourStatus.DECLINED},
    HonourStatus.ACTIVE: {HonourStatus.REVOKED},
    HonourStatus.REVOKED: set(),
    HonourStatus.DECLINED: set(),
}


class Honour(BaseModel):
    """An award granted to one person or one unit (collective), with the deeds it rewards; revoked ones stay."""

    person = models.ForeignKey(
        "org.Person", verbose_name=_("Person"), on_delete=models.PROTECT, null=True, blank=True, related_name="honours"
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("Unit (collective)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="honours",
    )
    award_type = models.ForeignKey(AwardType, verbose_name=_("Award"), on_delete=models.PROTECT, related_name="honours")
    issuer = models.ForeignKey(Issuer, verbose_name=_("Issuer"), on_delete=models.PROTECT, related_name="honours")
    awarded_on = models.DateField(_("Date awarded"))
    document_number = models.CharField(_("Document number"), max_length=100, blank=True)
    reason = models.TextField(_("Reason"))
    deeds = models.ManyToManyField("deeds.Deed", verbose_name=_("Deeds rewarded"), blank=True, related_name="honours")
    override_reason = models.TextField(
        _("Reason for rewarding the deed again"),
        blank=True,
        help_text=_(
            "Recorded when a deed already rewarded within a year is rewarded again at the same or a lower grade."
        ),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("Status"), max_length=10, choices=HonourStatus.choices, default=HonourStatus.ACTIVE)
    # Four eyes: who approved it and on what basis. Rows written straight to the table (old data, the province demo's
    # bulk history) count as records from before approval was required.
    approval_basis = models.CharField(
        _("Approval basis"), max_length=10, choices=ApprovalBasis.choices, default=ApprovalBasis.EARLIER
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("Approved at"), null=True, blank=True)
    # Set aside before it came into force: declined by an approver (with a reason) or withdrawn by its recorder.
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Declined or withdrawn by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    declined_at = models.DateTimeField(_("Declined or withdrawn at"), null=True, blank=True)
    decline_reason = models.TextField(_("Reason for declining or withdrawing"), blank=True)
    revoked_on = models.DateField(_("Date revoked"), null=True, blank=True)
    revocation_ground = models.TextField(_("Ground for revocation"), blank=True)
    revocation_document_number = models.CharField(_("Revocation document number"), max_length=100, blank=True)
    revocation_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Revocation approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Honour")
        verbose_name_plural = _("Honours")
        ordering = ["-awarded_on", "-id"]
        indexes = [
            models.Index(fields=["awarded_on"]),
            models.Index(fields=["status", "awarded_on"]),
            models.Index(fields=["awarded_on", "id"]),  # the list's order, a page at a time
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True) | Q(person__isnull=True, unit__isnull=False),
                name="honours_honour_person_xor_unit",
                violation_error_message=_("An honour goes to one person or to one unit."),
            ),
            models.CheckConstraint(
                condition=~Q(status=HonourStatus.REVOKED) | Q(revoked_on__isnull=False),
                name="honours_honour_revoked_has_date",
                violation_error_message=_("A revoked honour needs the date of its revocation."),
            ),
            models.CheckConstraint(
                condition=~Q(status=HonourStatus.DECLINED) | Q(declined_at__isnull=False),
                name="honours_honour_declined_has_time",
                violation_error_message=_("A declined or withdrawn honour needs the time it was set aside."),
            ),
        ]

    def __str__(self):
        return f"{self.recipient_name} · {self.award_type.name}"

    @property
    def recipient_name(self) -> str:
        return self.person.name if self.person_id else self.unit.name

    @property
    def subject_unit(self):
        """The unit whose readers see this honour: the person's unit, or the collective itself."""
        return self.person.unit if self.person_id else self.unit

    @property
    def is_revoked(self) -> bool:
        return self.status == HonourStatus.REVOKED

    @property
    def is_pending(self) -> bool:
        return self.status == HonourStatus.PENDING

    @property
    def is_declined(self) -> bool:
        return self.status == HonourStatus.DECLINED

    @property
    def is_withdrawn(self) -> bool:
        """Set aside by the officer who recorded it (rather than declined by an approver)."""
        return self.is_declined and self.declined_by_id is not None and self.declined_by_id == self.recorded_by_id
