"""Party branch models: branches, star-rating schemes with their criteria, yearly rounds and each branch's rating."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from qunying.branches.enums import MAX_STARS, CriterionArea, CriterionKind, RatingStatus, RoundStatus
from qunying.branches.rules import SCHEME_IN_USE
from qunying.core.models import BaseModel
from qunying.core.policy import matches
from qunying.org.models import Person, Unit

POINTS = {"max_digits": 7, "decimal_places": 2}


class PartyBranch(BaseModel):
    """党支部: belongs to a unit (which decides who sees it) and covers one or more units whose records count for it."""

    name = models.CharField(_("Name"), max_length=100)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("Unit"),
        on_delete=models.PROTECT,
        related_name="party_branches",
        help_text=_("The unit the branch belongs to; the units it covers lie within it."),
    )
    units = models.ManyToManyField(
        Unit,
        verbose_name=_("Units covered"),
        related_name="covering_branches",
        help_text=_("Records of these units and of the branch's members count for its star rating."),
    )
    secretary = models.ForeignKey(
        Person, verbose_name=_("Secretary"), on_delete=models.PROTECT, related_name="branches_led"
    )
    members = models.ManyToManyField(Person, verbose_name=_("Members"), related_name="party_branches", blank=True)
    founded_on = models.DateField(_("Founded on"))

    class Meta:
        verbose_name = _("Party branch")
        verbose_name_plural = _("Party branches")
        ordering = ["unit__path", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "name"],
                name="branches_branch_unique_name_per_unit",
                violation_error_message=_("This unit already has a party branch with this name."),
            )
        ]

    def __str__(self):
        return self.name


class StarScheme(BaseModel):
    """星级党支部 scheme of one year: criteria with maximum points, and the totals that earn one to five stars."""

    year = models.PositiveSmallIntegerField(_("Year"))
    name = models.CharField(_("Name"), max_length=100)
    description = models.TextField(_("Description"), blank=True)
    one_star = models.DecimalField(_("One star from"), **POINTS)
    two_stars = models.DecimalField(_("Two stars from"), **POINTS)
    three_stars = models.DecimalField(_("Three stars from"), **POINTS)
    four_stars = models.DecimalField(_("Four stars from"), **POINTS)
    five_stars = models.DecimalField(_("Five stars from"), **POINTS)

    THRESHOLD_FIELDS = ("one_star", "two_stars", "three_stars", "four_stars", "five_stars")

    class Meta:
        verbose_name = _("Star-rating scheme")
        verbose_name_plural = _("Star-rating schemes")
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "name"],
                name="branches_scheme_unique_name_per_year",
                violation_error_message=_("A scheme with this name already exists for that year."),
            )
        ]

    def __str__(self):
        return f"{self.year} {self.name}"

    @property
    def thresholds(self) -> list[Decimal]:
        return [getattr(self, field) for field in self.THRESHOLD_FIELDS]

    @property
    def is_locked(self) -> bool:
        """In use by an opened round: ratings were scored against it, so it no longer changes (reads the rounds,
        prefetched or not)."""
        return matches(self, SCHEME_IN_USE)

    def stars_for(self, total: Decimal) -> int:
        """Stars earned by a total: the number of thresholds it reaches (thresholds rise, so this is the highest)."""
        return min(MAX_STARS, sum(1 for threshold in self.thresholds if total >= threshold))


class SchemeCriterion(BaseModel):
    """One line of a scheme. Computed criteria name one in the `core.criteria` registry; entered ones need evidence."""

    scheme = models.ForeignKey(StarScheme, verbose_name=_("Scheme"), on_delete=models.CASCADE, related_name="criteria")
    area = models.CharField(_("Area"), max_length=30, choices=CriterionArea.choices)
    name = models.CharField(_("Criterion"), max_length=200)
    max_points = models.DecimalField(_("Maximum points"), **POINTS)
    kind = models.CharField(_("Kind"), max_length=20, choices=CriterionKind.choices)
    registry_key = models.CharField(_("Computed from"), max_length=60, blank=True)
    points_per_record = models.DecimalField(_("Points per record"), null=True, blank=True, **POINTS)
    parameter = models.PositiveSmallIntegerField(_("Parameter"), null=True, blank=True)
    guidance = models.CharField(_("Evidence expected"), max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("Sort order"), default=0)

    class Meta:
        verbose_name = _("Scheme criterion")
        verbose_name_plural = _("Scheme criteria")
        ordering = ["scheme", "sort_order", "id"]

    def __str__(self):
        return self.name

    @property
    def is_computed(self) -> bool:
        return self.kind == CriterionKind.COMPUTED


# A round is prepared, opened once (every branch below its unit gets a rating) and closed when all are published.
ROUND_TRANSITIONS = {
    RoundStatus.DRAFT: {RoundStatus.OPEN},
    RoundStatus.OPEN: {RoundStatus.CLOSED},
    RoundStatus.CLOSED: set(),
}


class RatingRound(BaseModel):
    """The yearly rating of every party branch below `unit` under one scheme."""

    scheme = models.ForeignKey(StarScheme, verbose_name=_("Scheme"), on_delete=models.PROTECT, related_name="rounds")
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("Unit"),
        on_delete=models.PROTECT,
        related_name="rating_rounds",
        help_text=_("Every party branch of this unit and its subunits is rated."),
    )
    status = models.CharField(_("Status"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    opened_at = models.DateTimeField(_("Opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("Closed at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Created by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Rating round")
        verbose_name_plural = _("Rating rounds")
        ordering = ["-scheme__year", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["scheme", "unit"], name="branches_round_once_per_unit")]

    def __str__(self):
        return f"{self.scheme.year} · {self.unit}"

    @property
    def year(self) -> int:
        return self.scheme.year

    @property
    def is_draft(self) -> bool:
        return self.status == RoundStatus.DRAFT


# self-assessment → submitted → reviewed → approved → published; each check may send the rating one step back.
RATING_TRANSITIONS = {
    RatingStatus.SELF_ASSESSMENT: {RatingStatus.SUBMITTED},
    RatingStatus.SUBMITTED: {RatingStatus.REVIEWED, RatingStatus.SELF_ASSESSMENT},
    RatingStatus.REVIEWED: {RatingStatus.APPROVED, RatingStatus.SUBMITTED},
    RatingStatus.APPROVED: {RatingStatus.PUBLISHED},
    RatingStatus.PUBLISHED: set(),
}
# Computed criteria follow the records until the political department has reviewed the rating; then they are fixed.
REFRESHABLE_STATUSES = frozenset({RatingStatus.SELF_ASSESSMENT, RatingStatus.SUBMITTED})
RATING_BADGES = {
    RatingStatus.SUBMITTED: "text-bg-warning",
    RatingStatus.REVIEWED: "text-bg-info",
    RatingStatus.APPROVED: "text-bg-primary",
    RatingStatus.PUBLISHED: "text-bg-success",
}


class BranchRating(BaseModel):
    """One branch's rating in one round. `total` and `stars` are derived from the scores by one service only."""

    round = models.ForeignKey(RatingRound, verbose_name=_("Round"), on_delete=models.CASCADE, related_name="ratings")
    branch = models.ForeignKey(
        PartyBranch, verbose_name=_("Party branch"), on_delete=models.PROTECT, related_name="ratings"
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=RatingStatus.choices, default=RatingStatus.SELF_ASSESSMENT
    )
    total = models.DecimalField(_("Total points"), default=Decimal(0), **POINTS)
    stars = models.PositiveSmallIntegerField(_("Stars"), default=0)
    computed_at = models.DateTimeField(_("Computed criteria updated"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("Submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("Reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Reviewed by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    review_comment = models.TextField(_("Review comment"), blank=True)
    return_comment = models.TextField(_("Reason for sending back"), blank=True)
    approved_at = models.DateTimeField(_("Approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Approved by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    published_at = models.DateTimeField(_("Published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Branch rating")
        verbose_name_plural = _("Branch ratings")
        ordering = ["round", "branch__unit__path", "branch__name"]
        constraints = [models.UniqueConstraint(fields=["round", "branch"], name="branches_rating_once_per_round")]
        indexes = [models.Index(fields=["branch", "status"])]

    def __str__(self):
        return f"{self.branch} · {self.round.scheme.year}"

    @property
    def unit(self) -> Unit:
        """The unit whose role holders act on the rating (its branch's)."""
        return self.branch.unit

    @property
    def is_refreshable(self) -> bool:
        return self.status in REFRESHABLE_STATUSES

    @property
    def is_published(self) -> bool:
        return self.status == RatingStatus.PUBLISHED

    @property
    def badge_class(self) -> str:
        """The colour of the status badge: the further along, the warmer."""
        return RATING_BADGES.get(self.status, "text-bg-secondary")


class CriterionScore(BaseModel):
    """A rating's points for one criterion: counted from records, or claimed with evidence and possibly adjusted."""

    rating = models.ForeignKey(
        BranchRating, verbose_name=_("Branch rating"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        SchemeCriterion, verbose_name=_("Criterion"), on_delete=models.PROTECT, related_name="scores"
    )
    # Computed criteria: how many records counted, out of how many (for shares), and which ones (the drill-down).
    count = models.PositiveIntegerField(_("Records counted"), null=True, blank=True)
    denominator = models.PositiveIntegerField(_("Out of"), null=True, blank=True)
    record_ids = models.JSONField(_("Records"), default=list, blank=True)
    # Entered criteria: the secretary's claim with evidence, the political department's adjustment with a reason.
    self_points = models.DecimalField(_("Self-assessed points"), null=True, blank=True, **POINTS)
    evidence = models.TextField(_("Evidence"), blank=True)
    review_points = models.DecimalField(_("Points after review"), null=True, blank=True, **POINTS)
    review_comment = models.CharField(_("Reason for adjustment"), max_length=500, blank=True)
    points = models.DecimalField(_("Points"), default=Decimal(0), **POINTS)

    class Meta:
        verbose_name = _("Criterion score")
        verbose_name_plural = _("Criterion scores")
        ordering = ["rating", "criterion__sort_order", "criterion_id"]
        constraints = [models.UniqueConstraint(fields=["rating", "criterion"], name="branches_score_once")]

    def __str__(self):
        return f"{self.rating} · {self.criterion}"

    @property
    def is_adjusted(self) -> bool:
        return self.review_points is not None and self.review_points != self.self_points
