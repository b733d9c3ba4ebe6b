"""Year-end evaluation: the political department opens a round (one evaluation per active entry, set-based), units
record talks or forums with an outcome, the approver decides; approved tier outcomes go through the tier service."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.core.policy import covering_paths, within
from qunying.core.services import log_action
from qunying.core.workflow import transition
from qunying.reserve.enums import (
    EntryStatus,
    EvaluationCheck,
    EvaluationMethod,
    EvaluationOutcome,
    EvaluationStatus,
    RoundStatus,
    Tier,
)
from qunying.reserve.models import (
    DONE_STATUSES,
    EVALUATION_TRANSITIONS,
    ROUND_TRANSITIONS,
    AnnualEvaluation,
    EvaluationRound,
    ReserveEntry,
)
from qunying.reserve.rules import permits, policy, reason
from qunying.reserve.services.tiers import decide_tier_change, propose_tier, retire_entry

TIER_ORDER = [Tier.RESERVE, Tier.FOCUS, Tier.EXEMPLAR]
CONSOLIDATION_YEARS = 2


def check_for(tier: str, since: datetime.date | None, year: int) -> str:
    """Exemplars of two years or more by the end of the round's year are consolidated; the rest are trained."""
    veteran = since is not None and since <= datetime.date(year - CONSOLIDATION_YEARS, 12, 31)
    return EvaluationCheck.CONSOLIDATION if tier == Tier.EXEMPLAR and veteran else EvaluationCheck.TRAINING


def target_tier(tier: str, outcome: str) -> str:
    """The tier an upgrade or downgrade leads to; blank for keep and retire, or when there is no such tier."""
    if tier not in TIER_ORDER or outcome not in (EvaluationOutcome.UPGRADE, EvaluationOutcome.DOWNGRADE):
        return ""
    index = TIER_ORDER.index(tier) + (1 if outcome == EvaluationOutcome.UPGRADE else -1)
    return TIER_ORDER[index] if 0 <= index < len(TIER_ORDER) else ""


@transaction.atomic
def open_round(*, year: int, unit, by) -> EvaluationRound:
    """Open `year`'s round for `unit`'s subtree and create, in one INSERT, an evaluation for every active entry."""
    if unit is None or not permits(by, "open_round", unit):
        raise ValidationError({"unit": reason("open_round")})
    if not isinstance(year, int) or not 2000 <= year <= timezone.localdate().year:
        raise ValidationError({"year": _("Enter this year or an earlier one.")})
    overlapping = EvaluationRound.objects.filter(year=year).filter(
        Q(unit__path__in=covering_paths(unit.path)) | within("unit__path", unit.path)
    )
    if overlapping.exists():
        raise ValidationError({"year": _("A round for this year already covers these units.")})
    try:
        with transaction.atomic():
            evaluation_round = EvaluationRound.objects.create(year=year, unit=unit, opened_by=by)
    except IntegrityError:
        raise ValidationError({"year": _("A round for this year already covers these units.")}) from None
    count = _create_evaluations(evaluation_round, exclude_existing=False)
    log_action(evaluation_round, "reserve.round.opened", by=by, data={"year": year, "unit": unit.pk, "due": count})
    return evaluation_round


def _create_evaluations(evaluation_round: EvaluationRound, *, exclude_existing: bool) -> int:
    """One evaluation per active entry of the round's subtree (without one yet), in bulk INSERTs."""
    entries = ReserveEntry.objects.filter(
        within("person__unit__path", evaluation_round.unit.path), status=EntryStatus.ACTIVE
    )
    if exclude_existing:
        entries = entries.exclude(evaluations__round=evaluation_round)
    created = AnnualEvaluation.objects.bulk_create(
        [
            AnnualEvaluation(
                round=evaluation_round,
                entry_id=pk,
                tier_at_open=tier,
                check_kind=check_for(tier, since, evaluation_round.year),
            )
            for pk, tier, since in entries.values_list("pk", "tier", "since").iterator(chunk_size=2000)
        ],
        batch_size=500,
    )
    return len(created)


@transaction.atomic
def add_new_entries(evaluation_round: EvaluationRound, *, by) -> int:
    """People admitted to the reserve after the round opened join it: one evaluation each, set-based."""
    evaluation_round = EvaluationRound.objects.select_for_update().select_related("unit").get(pk=evaluation_round.pk)
    policy.require(by, "manage_round", evaluation_round)
    added = _create_evaluations(evaluation_round, exclude_existing=True)
    log_action(evaluation_round, "reserve.round.entries_added", by=by, data={"added": added})
    return added


@transaction.atomic
def record_evaluation(
    evaluation: AnnualEvaluation, *, method: str, evaluator: str, findings: str, outcome: str, check_note: str, by
) -> AnnualEvaluation:
    """Record (or correct, until decided) the talk or forum, its findings, the check and the proposed outcome."""
    evaluation = (
        AnnualEvaluation.objects.select_for_update()
        .select_related("round", "entry__person__unit")
        .get(pk=evaluation.pk)
    )
    policy.require(by, "record_evaluation", evaluation)
    errors = {}
    if method not in EvaluationMethod.values:
        errors["method"] = _("Choose an individual talk or a forum.")
    if not evaluator.strip():
        errors["evaluator"] = _("Name the evaluator.")
    if not findings.strip():
        errors["findings"] = _("Record the findings.")
    if not check_note.strip():
        errors["check_note"] = _("Record the result of the check.")
    if outcome not in EvaluationOutcome.values:
        errors["outcome"] = _("Choose an outcome.")
    elif outcome in (EvaluationOutcome.UPGRADE, EvaluationOutcome.DOWNGRADE) and not target_tier(
        evaluation.entry.tier, outcome
    ):
        errors["outcome"] = (
            _("An exemplar cannot be upgraded further.")
            if outcome == EvaluationOutcome.UPGRADE
            else _("The reserve tier cannot be downgraded; retire the entry instead.")
        )
    if errors:
        raise ValidationError(errors)
    evaluation.method, evaluation.evaluator, evaluation.findings = method, evaluator.strip(), findings.strip()
    evaluation.outcome, evaluation.check_note = outcome, check_note.strip()
    fields = transition(evaluation, EvaluationStatus.RECORDED, EVALUATION_TRANSITIONS)
    evaluation.recorded_by, evaluation.recorded_at = by, timezone.now()
    evaluation.save(
        update_fields=[
            *fields,
            "method",
            "evaluator",
            "findings",
            "outcome",
            "check_note",
            "recorded_by",
            "recorded_at",
        ]
    )
    log_action(
        evaluation,
        "reserve.evaluation.recorded",
        by=by,
        data={"entry": evaluation.entry_id, "method": method, "outcome": outcome},
    )
    return evaluation


@transaction.atomic
def decide_evaluation(evaluation: AnnualEvaluation, *, approve: bool, note: str = "", by) -> AnnualEvaluation:
    """Approve or return a recorded evaluation. Approving an upgrade or downgrade changes the tier through the tier
    service (a proposal and its approval, kept in the entry's history); approving retire retires the entry."""
    evaluation = (
        AnnualEvaluation.objects.select_for_update(of=("self",))
        .select_related("round", "entry__person__unit", "recorded_by")
        .get(pk=evaluation.pk)
    )
    policy.require(by, "approve_evaluations", evaluation)
    if not approve and not note.strip():
        raise ValidationError({"decision_note": _("Give the reason for returning the evaluation.")})
    target = EvaluationStatus.APPROVED if approve else EvaluationStatus.RETURNED
    fields = transition(evaluation, target, EVALUATION_TRANSITIONS)
    evaluation.save(update_fields=[*fields, *evaluation.record_decision(by=by, note=note)])
    entry = evaluation.entry
    reason = _("Year-end evaluation %(year)s: %(findings)s") % {
        "year": evaluation.round.year,
        "findings": evaluation.findings,
    }
    change_id = None
    if approve and (to_tier := target_tier(entry.tier, evaluation.outcome)):
        proposer = by if permits(by, "propose_for", entry.person) else evaluation.recorded_by
        change = propose_tier(person=entry.person, to_tier=to_tier, reason=reason[:500], by=proposer)
        decide_tier_change(
            change, approve=True, note=note.strip() or _("Approved with the year-end evaluation."), by=by
        )
        change_id = change.pk
    elif approve and evaluation.outcome == EvaluationOutcome.RETIRE:
        retire_entry(entry, reason=reason[:500], by=by)
    log_action(
        evaluation,
        "reserve.evaluation.approved" if approve else "reserve.evaluation.returned",
        by=by,
        data={
            "entry": entry.pk,
            "outcome": evaluation.outcome,
            "tier_change": change_id,
            "note": evaluation.decision_note,
        },
    )
    return evaluation


@transaction.atomic
def close_round(evaluation_round: EvaluationRound, *, by) -> EvaluationRound:
    evaluation_round = EvaluationRound.objects.select_for_update().select_related("unit").get(pk=evaluation_round.pk)
    policy.require(by, "manage_round", evaluation_round)
    open_count = evaluation_round.evaluations.exclude(status__in=DONE_STATUSES).count()
    if open_count:
        raise ValidationError(
            _("%(n)d evaluations are not approved yet; the round closes when all are done.") % {"n": open_count}
        )
    fields = transition(evaluation_round, RoundStatus.CLOSED, ROUND_TRANSITIONS)
    evaluation_round.closed_at = timezone.now()
    evaluation_round.save(update_fields=[*fields, "closed_at"])
    log_action(evaluation_round, "reserve.round.closed", by=by, data={"year": evaluation_round.year})
    return evaluation_round
