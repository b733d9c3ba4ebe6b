"""Year-end evaluation (年终评估): a yearly round over the active entries of a political department's scope, one
evaluation per entry (talk or forum, findings, outcome, approval)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from qunying.core.models import BaseModel, DecisionRecord
from qunying.core.policy import matches
from qunying.org.models import Unit
from qunying.reserve.enums import (
    EvaluationCheck,
    EvaluationMethod,
    EvaluationOutcome,
    EvaluationStatus,
    RoundStatus,
    Tier,
)
from qunying.reserve.models.entries import ReserveEntry
from qunying.reserve.rules import EVALUATION_TOUCHES_EXEMPLAR

ROUND_TRANSITIONS = {RoundStatus.OPEN: {RoundStatus.CLOSED}, RoundStatus.CLOSED: set()}

EVALUATION_TRANSITIONS = {
    EvaluationStatus.DUE: {EvaluationStatus.RECORDED, EvaluationStatus.WITHDRAWN},
    EvaluationStatus.RECORDED: {
        EvaluationStatus.RECORDED,
        EvaluationStatus.APPROVED,
        EvaluationStatus.RETURNED,
        EvaluationStatus.WITHDRAWN,
    },
    EvaluationStatus.RETURNED: {EvaluationStatus.RECORDED, EvaluationStatus.WITHDRAWN},
    EvaluationStatus.APPROVED: set(),
    EvaluationStatus.WITHDRAWN: set(),
}
DONE_STATUSES = (EvaluationStatus.APPROVED, EvaluationStatus.WITHDRAWN)


class EvaluationRound(BaseModel):
    """The year-end round of `year` for the entries of `unit`'s subtree, opened by its political department."""

    year = models.PositiveSmallIntegerField(_("Year"))
    unit = models.ForeignKey(Unit, verbose_name=_("Unit"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("Status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Opened by"), on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("Closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Evaluation round")
        verbose_name_plural = _("Evaluation rounds")
        ordering = ["-year", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["year", "unit"], name="reserve_one_round_per_year_unit")]

    def __str__(self):
        return f"{self.year} · {self.unit.name}"


class AnnualEvaluation(DecisionRecord, BaseModel):
    """One entry's evaluation in a round. `tier_at_open` and `check_kind` are fixed when the round opens: exemplars of
    two years or more get a consolidation check (巩固提高), everyone else a training check (培训)."""

    round = models.ForeignKey(
        EvaluationRound, verbose_name=_("Evaluation round"), on_delete=models.CASCADE, related_name="evaluations"
    )
    entry = models.ForeignKey(
        ReserveEntry, verbose_name=_("Reserve entry"), on_delete=models.CASCADE, related_name="evaluations"
    )
    tier_at_open = models.CharField(_("Tier"), max_length=10, choices=Tier.choices)
    check_kind = models.CharField(_("Check"), max_length=14, choices=EvaluationCheck.choices)
    check_note = models.CharField(_("Check result"), max_length=500, blank=True)
    method = models.CharField(_("Method"), max_length=10, choices=EvaluationMethod.choices, blank=True)
    evaluator = models.CharField(_("Evaluator"), max_length=100, blank=True)
    findings = models.TextField(_("Findings"), blank=True)
    outcome = models.CharField(
        pgettext_lazy("evaluation", "Outcome"), max_length=10, choices=EvaluationOutcome.choices, blank=True
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=EvaluationStatus.choices, default=EvaluationStatus.DUE
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("Recorded at"), null=True, blank=True)
    decision_note = models.CharField(_("Decision note"), max_length=500, blank=True)  # short, unlike the base's

    class Meta:
        verbose_name = _("Annual evaluation")
        verbose_name_plural = _("Annual evaluations")
        ordering = ["round", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "entry"], name="reserve_one_evaluation_per_round")]

    def __str__(self):
        return f"{self.round.year} · {self.entry.person.name}"

    @property
    def unit(self):
        return self.entry.person.unit

    @property
    def awaits_decision(self) -> bool:
        return self.status == EvaluationStatus.RECORDED

    @property
    def touches_exemplar(self) -> bool:
        """Decided by a leader: an exemplar evaluated, or a focus person proposed for upgrade (reserve.rules)."""
        return matches(self, EVALUATION_TOUCHES_EXEMPLAR)
