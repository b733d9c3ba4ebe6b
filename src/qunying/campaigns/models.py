"""Campaigns models: campaign types as data (criteria, quotas, honour), campaigns with phases, nominations,
judge assignments and scores, discipline holds and objections during the public notice."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from qunying.campaigns.enums import PHASE_FLAGS, PHASE_TRANSITIONS, NominationStatus, ObjectionStatus, Period, Phase
from qunying.core.fields import EncryptedTextField
from qunying.core.models import BaseModel

MAX_VOTE_WEIGHT = Decimal("0.30")


class CampaignType(BaseModel):
    """A recurring selection (最美民警, 辅警之星 …): who is eligible, how often, how many, how judged, what is won."""

    code = models.SlugField(_("Code"), max_length=50, unique=True)
    name = models.CharField(_("Name"), max_length=50, unique=True)
    police_eligible = models.BooleanField(_("Police officers eligible"), default=False)
    auxiliary_eligible = models.BooleanField(_("Auxiliary police eligible"), default=False)
    period = models.CharField(_("Campaign period"), max_length=10, choices=Period.choices, default=Period.MONTHLY)
    quota_per_period = models.PositiveSmallIntegerField(_("Winners per period"), default=1)
    quota_per_unit = models.PositiveSmallIntegerField(_("Nominations per unit"), default=1)
    min_judges = models.PositiveSmallIntegerField(_("Minimum judges per nomination"), default=3)
    vote_weight = models.DecimalField(
        _("Public vote weight"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_VOTE_WEIGHT)],
        help_text=_("Share of the final score from the public vote, at most 0.30; 0 means no public vote."),
    )
    notice_working_days = models.PositiveSmallIntegerField(_("Public notice (working days)"), default=7)
    award_type = models.ForeignKey(
        "honours.AwardType", verbose_name=_("Honour for winners"), on_delete=models.PROTECT, related_name="+"
    )
    issuer = models.ForeignKey(
        "honours.Issuer",
        verbose_name=_("Issuer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    notice_phone = models.CharField(
        _("Contact phone for the public notice"),
        max_length=30,
        blank=True,
        help_text=_("Printed on the public notice beside the issuer, for questions and objections."),
    )
    active = models.BooleanField(_("In use"), default=True)

    class Meta:
        verbose_name = _("Campaign type")
        verbose_name_plural = _("Campaign types")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(vote_weight__gte=0, vote_weight__lte=MAX_VOTE_WEIGHT),
                name="campaigns_type_vote_weight_capped",
                violation_error_message=_("The public vote weighs at most 30%."),
            )
        ]

    def __str__(self):
        return self.name

    @property
    def has_public_vote(self) -> bool:
        return self.vote_weight > 0

    def eligible_categories(self) -> set[str]:
        return {c for c, ok in (("police", self.police_eligible), ("auxiliary", self.auxiliary_eligible)) if ok}

    def clean(self):
        if not (self.police_eligible or self.auxiliary_eligible):
            raise ValidationError(_("Choose at least one eligible category."))


class Criterion(BaseModel):
    """One judged criterion with its weight and score range; an informational one is scored but not counted."""

    campaign_type = models.ForeignKey(CampaignType, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("Name"), max_length=50)
    weight = models.DecimalField(_("Weight"), max_digits=4, decimal_places=2, default=Decimal("1"))
    min_score = models.PositiveSmallIntegerField(_("Lowest score"), default=0)
    max_score = models.PositiveSmallIntegerField(_("Highest score"), default=10)
    informational = models.BooleanField(_("Informational only"), default=False)
    order = models.PositiveSmallIntegerField(_("Order"), default=0)

    class Meta:
        verbose_name = _("Criterion")
        verbose_name_plural = _("Judging criteria")
        ordering = ["campaign_type", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign_type", "name"], name="campaigns_criterion_unique"),
            models.CheckConstraint(
                condition=models.Q(max_score__gt=models.F("min_score")), name="campaigns_criterion_range"
            ),
        ]

    def __str__(self):
        return self.name


class Campaign(BaseModel):
    """One period's selection of a type, moving through its phases on the dates set."""

    campaign_type = models.ForeignKey(
        CampaignType, verbose_name=_("Campaign type"), on_delete=models.PROTECT, related_name="campaigns"
    )
    title = models.CharField(_("Title"), max_length=100)
    period_start = models.DateField(_("Period start"))
    period_end = models.DateField(_("Period end"))
    phase = models.CharField(_("Phase"), max_length=12, choices=Phase.choices, default=Phase.NOMINATING)
    nominating_until = models.DateField(_("Nominations close"))
    judging_until = models.DateField(_("Judging closes"))
    voting_until = models.DateField(_("Voting closes"), null=True, blank=True)
    notice_starts = models.DateField(_("Notice starts"), null=True, blank=True)
    notice_ends = models.DateField(_("Notice ends"), null=True, blank=True)
    judge_cap = models.PositiveSmallIntegerField(_("Most nominations per judge"), default=20)
    vote_salt = models.CharField(max_length=64, default=secrets.token_hex, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("Approved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("Closed at"), null=True, blank=True)
    results_released_at = models.DateTimeField(_("Results released at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Campaign")
        verbose_name_plural = _("Campaigns")
        ordering = ["-period_start", "campaign_type__name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign_type", "period_start"], name="campaigns_campaign_one_per_period")
        ]

    def __str__(self):
        return self.title

    def has_flag(self, flag: str) -> bool:
        return flag in PHASE_FLAGS[self.phase]

    def next_phases(self) -> list[str]:
        """The phases an organiser may move the campaign to (closing is its own step: it awards the honours)."""
        return [phase for phase in PHASE_TRANSITIONS[self.phase] if phase != Phase.CLOSED]

    @property
    def voting_open(self) -> bool:
        return self.has_flag("voting_open")

    @property
    def notice_is_public(self) -> bool:
        """The public notice (公示) is on: its page is open to everyone."""
        return self.has_flag("public")


class DisciplineHold(BaseModel):
    """An open discipline matter: a person under an active hold cannot be nominated."""

    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="discipline_holds")
    reason = models.CharField(_("Reason"), max_length=200)
    active = models.BooleanField(_("Hold in force"), default=True)

    class Meta:
        verbose_name = _("Discipline hold")
        verbose_name_plural = _("Discipline holds")

    def __str__(self):
        return f"{self.person} · {self.reason}"


class Nomination(BaseModel):
    """One person put forward in one campaign by a unit manager, with a statement and evidence from the ledger."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="nominations")
    person = models.ForeignKey("org.Person", verbose_name=_("Person"), on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("Unit"), on_delete=models.PROTECT, related_name="+", help_text=_("At nomination.")
    )
    nominated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    statement = models.TextField(_("Statement"))
    deeds = models.ManyToManyField("deeds.Deed", verbose_name=_("Deeds"), blank=True, related_name="+")
    honours = models.ManyToManyField("honours.Honour", verbose_name=_("Honours"), blank=True, related_name="+")
    status = models.CharField(
        _("Status"), max_length=15, choices=NominationStatus.choices, default=NominationStatus.NOMINATED
    )
    final_score = models.FloatField(_("Final score"), null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("Rank"), null=True, blank=True)
    deviation_reason = models.TextField(_("Reason for deviating from the ranking"), blank=True)
    honour = models.ForeignKey(
        "honours.Honour", on_delete=models.PROTECT, null=True, blank=True, related_name="campaign_nominations"
    )
    reserve_entry = models.ForeignKey(
        "reserve.ReserveEntry",
        verbose_name=_("From the exemplar reserve"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    suggestion = models.ForeignKey(
        "discovery.Suggestion",
        verbose_name=_("From a discovery suggestion"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Nomination")
        verbose_name_plural = _("Nominations")
        ordering = ["campaign", "rank", "id"]
        constraints = [models.UniqueConstraint(fields=["campaign", "person"], name="campaigns_nomination_once")]

    def __str__(self):
        return f"{self.campaign} · {self.person.name}"

    @property
    def is_winner(self) -> bool:
        return self.status in (NominationStatus.APPROVED, NominationStatus.AWARDED)

    def public_name(self) -> str:
        """The name shown on public pages: a classified person is shown only as 某单位民警 / 辅警."""
        if self.person.classified:
            return str(_("An officer of a unit") if self.person.category == "police" else _("An auxiliary of a unit"))
        return self.person.name


class JudgeAssignment(BaseModel):
    """A judge's review of one nomination: scores per criterion, or an abstention, or a recusal for a conflict."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="assignments")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="campaign_reviews")
    recused = models.BooleanField(_("Recused"), default=False)
    conflict = models.TextField(_("Conflict of interest"), blank=True)
    abstained = models.BooleanField(_("Abstained"), default=False)
    submitted_at = models.DateTimeField(_("Submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Judge assignment")
        verbose_name_plural = _("Judge assignments")
        constraints = [models.UniqueConstraint(fields=["nomination", "judge"], name="campaigns_assignment_once")]

    def __str__(self):
        return f"{self.nomination} · {self.judge}"


class Score(BaseModel):
    assignment = models.ForeignKey(JudgeAssignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("Score"), max_digits=5, decimal_places=1)
    comment = models.TextField(_("Comment"), blank=True)

    class Meta:
        verbose_name = _("Score")
        verbose_name_plural = _("Scores")
        constraints = [models.UniqueConstraint(fields=["assignment", "criterion"], name="campaigns_score_once")]


class Objection(BaseModel):
    """An objection raised during the public notice (real name required, contact encrypted)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="objections")
    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="objections")
    name = models.CharField(_("Real name"), max_length=50)
    contact = EncryptedTextField(_("Contact details"))
    text = models.TextField(_("Objection"))
    status = models.CharField(_("Status"), max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    finding = models.TextField(_("Finding"), blank=True)
    resolved_at = models.DateTimeField(_("Resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Objection")
        verbose_name_plural = _("Objections")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.nomination} · {self.get_status_display()}"


class VoteCode(BaseModel):
    """An SMS code sent to a voter's phone; the phone is kept only as the campaign's salted hash."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="vote_codes")
    phone_hash = models.CharField(max_length=64, db_index=True)
    code_hash = models.CharField(max_length=64)
    attempts = models.PositiveSmallIntegerField(default=0)
    verified_at = models.DateTimeField(null=True, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("Voting code")
        verbose_name_plural = _("Voting codes")


class Vote(BaseModel):
    """One public vote; suspicious ones are quarantined for review (never deleted) and count only once released."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="votes")
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="votes")
    phone_hash = models.CharField(max_length=64, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    subnet = models.CharField(max_length=50, blank=True, db_index=True)
    device = models.CharField(max_length=64, blank=True, db_index=True)
    seconds_after_verification = models.FloatField(null=True, blank=True)
    quarantined = models.BooleanField(_("Quarantined"), default=False)
    quarantine_reason = models.CharField(_("Why quarantined"), max_length=200, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Vote")
        verbose_name_plural = _("Votes")
        indexes = [models.Index(fields=["campaign", "created_at"])]


class RatingEvidence(BaseModel):
    """The nominee's fair citizen-rating score (短信评警, shrunk toward the peer group by feedback.scoring) for a
    period, linked as evidence. The figures are kept as they stood when linked, so the dossier shows what the judges
    saw even after later replies change the live score."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="ratings")
    year = models.PositiveSmallIntegerField(_("Year"))
    month = models.PositiveSmallIntegerField(_("Month"), null=True, blank=True, help_text=_("Blank: the whole year."))
    replies = models.PositiveIntegerField(_("Valid replies"))
    satisfied = models.PositiveIntegerField(_("Satisfied"))
    basically_satisfied = models.PositiveIntegerField(_("Basically satisfied"))
    dissatisfied = models.PositiveIntegerField(_("Dissatisfied"))
    raw = models.FloatField(_("Raw satisfaction"))
    shrunk = models.FloatField(_("Fair score"))
    percentile = models.FloatField(_("Peer percentile"))
    peer_mean = models.FloatField(_("Peer mean"))
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        verbose_name = _("Citizen-rating evidence")
        verbose_name_plural = _("Citizen-rating evidence")
        ordering = ["nomination", "-year", "-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "year", "month"],
                condition=models.Q(month__isnull=False),
                name="campaigns_rating_once_per_month",
            ),
            models.UniqueConstraint(
                fields=["nomination", "year"],
                condition=models.Q(month__isnull=True),
                name="campaigns_rating_once_per_year",
            ),
        ]

    def __str__(self):
        return f"{self.nomination} · {self.period_label}"

    @property
    def period_label(self) -> str:
        return f"{self.year}年{self.month}月" if self.month else f"{self.year}年"


class ResultNotice(BaseModel):
    """The campaign's result told to one person: the nominee, or a manager of the nominating unit. Released once per
    campaign, in one step when it closes; each user reads theirs on the campaigns page."""

    class Audience(models.TextChoices):
        NOMINEE = "nominee", _("Nominee")
        UNIT = "unit", _("Nominating unit")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="result_notices")
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="result_notices")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="campaign_notices")
    audience = models.CharField(_("Audience"), max_length=10, choices=Audience.choices)
    read_at = models.DateTimeField(_("Read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Result notice")
        verbose_name_plural = _("Result notices")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["nomination", "recipient"], name="campaigns_result_notice_once")]

    def __str__(self):
        return f"{self.nomination} → {self.recipient}"

    @property
    def won(self) -> bool:
        return self.nomination.status == NominationStatus.AWARDED

    def message(self) -> str:
        names = {"campaign": self.campaign.title, "name": self.nomination.person.name}
        if self.audience == self.Audience.NOMINEE:
            text = _("You were selected in %(campaign)s.") if self.won else _("You were not selected in %(campaign)s.")
        else:
            text = (
                _("%(name)s, nominated by your unit, was selected in %(campaign)s.")
                if self.won
                else _("%(name)s, nominated by your unit, was not selected in %(campaign)s.")
            )
        return str(text) % names
