"""Discovery models: configurable weights, computation runs, per-person signal snapshots and suggestions."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from qunying.core.models import BaseModel
from qunying.discovery.enums import RunStatus, SuggestionStatus
from qunying.org.enums import PostType
from qunying.org.models import Person

SUGGESTION_TRANSITIONS = {
    SuggestionStatus.OPEN: {SuggestionStatus.ACCEPTED, SuggestionStatus.DISMISSED},
    # A dismissed suggestion re-opens only when its evidence fingerprint changes (new verified deed or honour).
    SuggestionStatus.DISMISSED: {SuggestionStatus.OPEN},
    SuggestionStatus.ACCEPTED: set(),
}


class DiscoveryWeights(BaseModel):
    """The single row of weights (edited by political officers): how much each signal, as a peer percentile 0–100,
    counts in the composite score, and the composite threshold above which a person is suggested."""

    deeds = models.DecimalField(_("Verified deeds"), max_digits=5, decimal_places=2, default=Decimal("0.30"))
    honours = models.DecimalField(_("Honours"), max_digits=5, decimal_places=2, default=Decimal("0.25"))
    satisfaction = models.DecimalField(
        _("Citizen satisfaction"), max_digits=5, decimal_places=2, default=Decimal("0.20")
    )
    nominations = models.DecimalField(_("Public nominations"), max_digits=5, decimal_places=2, default=Decimal("0.10"))
    forum_mentions = models.DecimalField(_("Forum mentions"), max_digits=5, decimal_places=2, default=Decimal("0.05"))
    service_years = models.DecimalField(
        _("Frontline service years"), max_digits=5, decimal_places=2, default=Decimal("0.10")
    )
    threshold = models.DecimalField(_("Suggestion threshold"), max_digits=5, decimal_places=2, default=Decimal("50.00"))

    class Meta:
        verbose_name = _("Discovery weights")
        verbose_name_plural = _("Discovery weights")

    def __str__(self):
        return str(_("Discovery weights"))


class DiscoveryRun(BaseModel):
    """One computation of signals for every active person over a period (a calendar year)."""

    year = models.PositiveSmallIntegerField(_("Year"))
    status = models.CharField(_("Status"), max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING)
    people = models.PositiveIntegerField(_("People"), default=0)
    suggestions = models.PositiveIntegerField(_("Suggestions"), default=0)
    finished_at = models.DateTimeField(_("Finished at"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Started by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Discovery run")
        verbose_name_plural = _("Discovery runs")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.year} #{self.pk}"


class SignalSnapshot(models.Model):
    """A person's signals in one run: raw figures, peer percentiles (peers = same post type), the composite score
    and the structured reasons (`reasons`: list of {"code": ..., params}) rendered in words by discovery.reasons."""

    run = models.ForeignKey(DiscoveryRun, on_delete=models.CASCADE, related_name="snapshots")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    post_type = models.CharField(max_length=30, choices=PostType.choices, blank=True)
    deed_count = models.PositiveIntegerField(default=0)
    deed_points = models.PositiveIntegerField(default=0)
    honour_points = models.PositiveIntegerField(default=0)
    satisfaction = models.FloatField(null=True, blank=True)
    replies = models.PositiveIntegerField(default=0)
    nominations = models.PositiveIntegerField(default=0)
    forum_mentions = models.PositiveIntegerField(default=0)
    service_years = models.PositiveSmallIntegerField(default=0)
    percentiles = models.JSONField(default=dict)
    composite = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal("0"))
    reasons = models.JSONField(default=list)
    fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "person"], name="discovery_one_snapshot_per_run")]
        indexes = [models.Index(fields=["person", "year"])]

    def __str__(self):
        return f"{self.person_id} · {self.year} · {self.composite}"


class Suggestion(BaseModel):
    """A person the engine suggests for the reserve in a year — never a decision (PIPL art. 24).

    Fields: `person`, `year`; `composite` and `reasons` (structured, rendered in words) from the latest run;
    `evidence_fingerprint` — a hash of the verified deeds and active honours the suggestion rests on; `status` open →
    accepted (a reserve entry is proposed through reserve.services) / dismissed (with `dismissal_reason`); a
    dismissed suggestion re-opens only when a later run sees a different fingerprint (new evidence);
    `dismissed_fingerprint` keeps the evidence it was dismissed on; `reserve_entry` links the accepted entry.
    """

    person = models.ForeignKey(Person, verbose_name=_("Person"), on_delete=models.CASCADE, related_name="suggestions")
    year = models.PositiveSmallIntegerField(_("Year"))
    run = models.ForeignKey(DiscoveryRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    composite = models.DecimalField(_("Score"), max_digits=6, decimal_places=2, default=Decimal("0"))
    reasons = models.JSONField(_("Reasons"), default=list)
    evidence_fingerprint = models.CharField(max_length=64, blank=True)
    dismissed_fingerprint = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN
    )
    dismissal_reason = models.CharField(_("Reason for dismissal"), max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("Decided at"), null=True, blank=True)
    reserve_entry = models.ForeignKey(
        "reserve.ReserveEntry",
        verbose_name=_("Reserve entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Suggestion")
        verbose_name_plural = _("Suggestions")
        ordering = ["-composite", "pk"]
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="discovery_one_suggestion_per_year")]

    def __str__(self):
        return f"{self.person.name} ({self.year})"

    @property
    def is_dismissed(self) -> bool:
        return self.status == SuggestionStatus.DISMISSED
