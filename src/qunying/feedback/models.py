"""Citizen ratings models: interactions with the public, the survey decided for each, replies, callbacks, outbox."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qunying.core.fields import BlindIndexField, EncryptedTextField, normalise_digits
from qunying.core.models import BaseModel
from qunying.feedback.enums import (
    CallbackStatus,
    InteractionKind,
    InteractionSource,
    Rating,
    ReplyStatus,
    SurveyDecision,
    SurveyStatus,
)


class SamplingPolicy(BaseModel):
    """The sampling rules as data. One row (the political department edits it); until then the settings' defaults."""

    excluded_kinds = models.JSONField(_("Kinds never surveyed"), default=list, blank=True)
    citizen_interval_days = models.PositiveIntegerField(
        _("Days between two surveys of the same citizen"), help_text=_("At most one survey per citizen in this time.")
    )
    officer_cap = models.PositiveIntegerField(
        _("Surveys per officer per period"), help_text=_("Interactions beyond the cap are not surveyed.")
    )
    officer_cap_period_days = models.PositiveIntegerField(_("Period of the officer cap (days)"))
    delay_minutes = models.PositiveIntegerField(
        _("Delay before sending (minutes)"), help_text=_("The survey goes out this long after the interaction.")
    )
    max_age_hours = models.PositiveIntegerField(
        _("Oldest interaction surveyed (hours)"),
        help_text=_("Interactions recorded later than this after they happened are not surveyed."),
    )

    class Meta:
        verbose_name = _("Sampling rules")
        verbose_name_plural = _("Sampling rules")

    def __str__(self):
        return str(_("Sampling rules"))

    @classmethod
    def defaults(cls) -> "SamplingPolicy":
        return cls(
            excluded_kinds=list(settings.QUNYING_SMS_SAMPLING_EXCLUDED_KINDS),
            citizen_interval_days=settings.QUNYING_SMS_SAMPLING_CITIZEN_DAYS,
            officer_cap=settings.QUNYING_SMS_SAMPLING_OFFICER_CAP,
            officer_cap_period_days=settings.QUNYING_SMS_SAMPLING_PERIOD_DAYS,
            delay_minutes=settings.QUNYING_SMS_SAMPLING_DELAY_MINUTES,
            max_age_hours=settings.QUNYING_SMS_SAMPLING_MAX_AGE_HOURS,
        )

    @classmethod
    def current(cls) -> "SamplingPolicy":
        """The saved rules, or the defaults from the settings (unsaved) while nobody has edited them."""
        return cls.objects.order_by("pk").first() or cls.defaults()


class ServiceInteraction(BaseModel):
    """One contact of the public with the police (a 110 call, a station visit …), from the dispatch system.

    The citizen's phone is encrypted, with a blind index to match replies and to space surveys; after the retention
    period the phone itself is erased and only the blind index (a keyed hash) remains."""

    incident_number = models.CharField(_("Incident number"), max_length=40, unique=True)
    kind = models.CharField(_("Kind"), max_length=30, choices=InteractionKind.choices)
    occurred_at = models.DateTimeField(_("Time"), db_index=True)
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("Unit"), on_delete=models.PROTECT, related_name="service_interactions"
    )
    officers = models.ManyToManyField(
        "org.Person", verbose_name=_("Officers"), through="InteractionOfficer", related_name="service_interactions"
    )
    phone = EncryptedTextField(_("Citizen's phone"), blank=True)
    phone_index = BlindIndexField(source="phone", normalise=normalise_digits)
    phone_purged_at = models.DateTimeField(_("Phone erased at"), null=True, blank=True)
    sensitive = models.BooleanField(_("Sensitive case"), default=False)
    source = models.CharField(_("Source"), max_length=20, choices=InteractionSource.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Service interaction")
        verbose_name_plural = _("Service interactions")
        ordering = ["-occurred_at", "-id"]

    def __str__(self):
        return self.incident_number

    def save(self, *args, update_fields=None, **kwargs):
        # Once erased, the phone stays erased and its hash stays: the blind index must not follow the empty value.
        if self.phone_purged_at is not None and update_fields is None and self.pk:
            raise ValueError("Save an interaction with erased phone only with update_fields.")
        super().save(*args, update_fields=update_fields, **kwargs)


class InteractionOfficer(models.Model):
    """An officer who handled an interaction (a call is often handled by two)."""

    interaction = models.ForeignKey(ServiceInteraction, on_delete=models.CASCADE, related_name="officer_links")
    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="interaction_links")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interaction", "person"], name="feedback_interactionofficer_unique")
        ]

    def __str__(self):
        return f"{self.interaction_id}·{self.person_id}"


# Which survey status may follow which. `sending` is the claim a worker takes before it calls the gateway: a worker
# that dies there leaves the survey `sending`, never `queued`, so a rerun cannot send it again (at most once).
SURVEY_TRANSITIONS = {
    SurveyStatus.SKIPPED: set(),
    SurveyStatus.QUEUED: {SurveyStatus.SENDING},
    SurveyStatus.SENDING: {
        SurveyStatus.SENT,
        SurveyStatus.FAILED,
        SurveyStatus.QUEUED,  # the gateway was unreachable: try again later (the gateway dedupes by message id)
        SurveyStatus.REPLIED,
        SurveyStatus.EXPIRED,
    },
    SurveyStatus.SENT: {SurveyStatus.REPLIED, SurveyStatus.EXPIRED},
    SurveyStatus.FAILED: set(),
    SurveyStatus.REPLIED: set(),
    # A reply that arrived in time but needed manual coding may be coded after the survey expired.
    SurveyStatus.EXPIRED: {SurveyStatus.REPLIED},
}
# Statuses in which a survey has (or may have) reached the citizen, so a reply can belong to it.
DELIVERED_STATUSES = (SurveyStatus.SENDING, SurveyStatus.SENT, SurveyStatus.REPLIED, SurveyStatus.EXPIRED)
OPEN_STATUSES = (SurveyStatus.SENDING, SurveyStatus.SENT)
SURVEY_BADGES = {SurveyStatus.REPLIED: "success", SurveyStatus.SKIPPED: "secondary", SurveyStatus.FAILED: "danger"}


class Survey(BaseModel):
    """The sampling decision for one interaction and, when sampled, the SMS sent for it."""

    interaction = models.OneToOneField(
        ServiceInteraction, verbose_name=_("Interaction"), on_delete=models.CASCADE, related_name="survey"
    )
    decision = models.CharField(_("Sampling decision"), max_length=30, choices=SurveyDecision.choices)
    decision_detail = models.JSONField(_("Sampling reason"), default=dict, blank=True)
    status = models.CharField(_("Status"), max_length=20, choices=SurveyStatus.choices)
    send_after = models.DateTimeField(_("Send after"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("Attempts"), default=0)
    claimed_at = models.DateTimeField(_("Claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("Sent at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("Expires at"), null=True, blank=True)
    replied_at = models.DateTimeField(_("Replied at"), null=True, blank=True)
    gateway_reference = models.CharField(_("Gateway reference"), max_length=100, blank=True)
    last_error = models.CharField(_("Last error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Survey")
        verbose_name_plural = _("Surveys")
        ordering = ["-id"]
        indexes = [models.Index(fields=["status", "send_after"]), models.Index(fields=["status", "expires_at"])]

    def __str__(self):
        return f"{self.message_id}"

    @property
    def message_id(self) -> str:
        """Our id of the outgoing SMS, stable across retries, so a gateway can drop a repeated request."""
        return f"qy-survey-{self.pk}"

    @property
    def status_badge(self) -> str:
        """The colour of the status badge on the pages (Bootstrap's text-bg-*)."""
        return SURVEY_BADGES.get(self.status, "info")

    @property
    def reason(self) -> str:
        """The sampling decision in words, from the details recorded with it."""
        detail = self.decision_detail or {}
        if self.decision == SurveyDecision.SAMPLED:
            return _("Sent %(minutes)s minutes after the interaction") % {"minutes": detail.get("delay_minutes", "?")}
        if self.decision == SurveyDecision.EXCLUDED_KIND:
            kind = InteractionKind(detail["kind"]).label if detail.get("kind") in InteractionKind.values else "?"
            return _("%(kind)s is never surveyed") % {"kind": kind}
        if self.decision == SurveyDecision.CITIZEN_INTERVAL:
            return _("The citizen was surveyed less than %(days)s days before") % {"days": detail.get("days", "?")}
        if self.decision == SurveyDecision.OFFICER_CAP:
            return _("Officer %(officer)s already had %(count)s surveys in %(days)s days (cap %(cap)s)") % {
                "officer": detail.get("officer", "?"),
                "count": detail.get("count", "?"),
                "days": detail.get("days", "?"),
                "cap": detail.get("cap", "?"),
            }
        if self.decision == SurveyDecision.TOO_OLD:
            return _("Recorded more than %(hours)s hours after it happened") % {
                "hours": detail.get("max_age_hours", "?")
            }
        return self.get_decision_display()


class SurveyReply(BaseModel):
    """A citizen's SMS back. Stored whatever it says; it counts toward scores only if it is the survey's first rating
    and arrived before the survey expired. Only the sender's blind index is kept, never the number."""

    message_id = models.CharField(_("Gateway message id"), max_length=100, unique=True)
    survey = models.ForeignKey(
        Survey, verbose_name=_("Survey"), on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    phone_index = models.CharField(max_length=64, db_index=True, editable=False)
    text = models.TextField(_("Text"))
    received_at = models.DateTimeField(_("Received at"))
    status = models.CharField(_("Status"), max_length=20, choices=ReplyStatus.choices)
    rating = models.CharField(_("Rating"), max_length=30, choices=Rating.choices, blank=True)
    comment = models.TextField(_("Comment"), blank=True)
    late = models.BooleanField(_("After expiry"), default=False)
    counted = models.BooleanField(_("Counted"), default=False)
    coded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Coded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    coded_at = models.DateTimeField(_("Coded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Reply")
        verbose_name_plural = _("Replies")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["counted", "received_at"]), models.Index(fields=["status", "received_at"])]
        constraints = [
            # A survey counts once: its first rating. Later or repeated replies are kept but never counted.
            models.UniqueConstraint(fields=["survey"], condition=Q(counted=True), name="feedback_reply_one_counted")
        ]

    def __str__(self):
        return self.message_id


# A callback is worked on, then closed with its outcome; closed is final.
CALLBACK_TRANSITIONS = {
    CallbackStatus.OPEN: {CallbackStatus.IN_PROGRESS, CallbackStatus.CLOSED},
    CallbackStatus.IN_PROGRESS: {CallbackStatus.CLOSED},
    CallbackStatus.CLOSED: set(),
}
CALLBACK_DUE_AFTER = datetime.timedelta(hours=24)


class Callback(BaseModel):
    """回访: every 不满意 opens a case due 24 hours after the reply. The caller finds the citizen through the
    incident number in the dispatch system: the number itself is never shown here."""

    survey = models.OneToOneField(Survey, verbose_name=_("Survey"), on_delete=models.CASCADE, related_name="callback")
    reply = models.ForeignKey(SurveyReply, verbose_name=_("Reply"), on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("org.Unit", verbose_name=_("Unit"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("Status"), max_length=20, choices=CallbackStatus.choices, default=CallbackStatus.OPEN)
    due_at = models.DateTimeField(_("Due"), db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Assignee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.TextField(_("Outcome"), blank=True)
    rectification = models.TextField(_("Rectification"), blank=True)
    closed_at = models.DateTimeField(_("Callback closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Callback")
        verbose_name_plural = _("Callbacks")
        ordering = ["due_at", "id"]

    def __str__(self):
        return str(self.survey.interaction) if self.survey_id else str(self.pk)

    @property
    def is_overdue(self) -> bool:
        return self.status != CallbackStatus.CLOSED and self.due_at < timezone.now()

    @property
    def status_badge(self) -> str:
        """The colour of the status badge on the pages (Bootstrap's text-bg-*)."""
        if self.is_overdue:
            return "danger"
        return "success" if self.status == CallbackStatus.CLOSED else "info"


class OutboxMessage(BaseModel):
    """An SMS waiting for a gateway that reads the database (the `outbox` backend); the phone is erased with the
    interaction's after the retention period."""

    message_id = models.CharField(_("Message id"), max_length=100, unique=True)
    survey = models.ForeignKey(
        Survey, verbose_name=_("Survey"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    phone = EncryptedTextField(_("Phone"), blank=True)
    phone_purged_at = models.DateTimeField(_("Phone erased at"), null=True, blank=True)
    text = models.TextField(_("Text"))
    picked_up_at = models.DateTimeField(_("Picked up by the gateway"), null=True, blank=True)

    class Meta:
        verbose_name = _("Outbox message")
        verbose_name_plural = _("Outbox messages")
        ordering = ["-id"]
        indexes = [models.Index(fields=["picked_up_at"])]

    def __str__(self):
        return self.message_id


class UnitRatingMonth(models.Model):
    """Summary: one unit's surveys and valid replies in one month (local time), kept by feedback.summaries in the
    transaction of every write that changes them, and rebuilt from the raw rows by `qunying rebuild-summaries`.
    Dashboards read these instead of aggregating millions of replies. Three clocks, as the raw figures use them:
    the interaction's month (interactions … answered), the survey's sending month (sent), the reply's month."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first day of the month
    # Surveys of the interactions that happened in the month (every interaction has one).
    interactions = models.PositiveIntegerField(default=0)
    sampled = models.PositiveIntegerField(default=0)
    delivered = models.PositiveIntegerField(default=0)  # … of which sent (sent_at set)
    answered = models.PositiveIntegerField(default=0)  # … of which replied (a counted reply)
    # Surveys sent in the month.
    sent = models.PositiveIntegerField(default=0)
    # Valid (counted) replies received in the month, by rating.
    satisfied = models.PositiveIntegerField(default=0)
    basically_satisfied = models.PositiveIntegerField(default=0)
    dissatisfied = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "month"], name="feedback_unitratingmonth_unique")]
        indexes = [models.Index(fields=["month", "unit"])]

    def __str__(self):
        return f"{self.unit_id}·{self.month:%Y-%m}"

    @property
    def replies(self) -> int:
        return self.satisfied + self.basically_satisfied + self.dissatisfied


class OfficerRatingMonth(models.Model):
    """Summary: valid replies about one officer received in one month (local time), by rating — the scores' input.
    A reply about an interaction two officers handled counts for each, as the raw tally does."""

    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first day of the month
    satisfied = models.PositiveIntegerField(default=0)
    basically_satisfied = models.PositiveIntegerField(default=0)
    dissatisfied = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "month"], name="feedback_officerratingmonth_unique")]
        indexes = [models.Index(fields=["month", "person"])]

    def __str__(self):
        return f"{self.person_id}·{self.month:%Y-%m}"
