"""Discovery writes: a run (signals for everyone, suggestions upserted), accepting, dismissing, the weights."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.core.services import log_action
from qunying.core.workflow import transition
from qunying.discovery.admission import reserve_door
from qunying.discovery.enums import RunStatus, SuggestionStatus
from qunying.discovery.models import SUGGESTION_TRANSITIONS, DiscoveryRun, DiscoveryWeights, SignalSnapshot, Suggestion
from qunying.discovery.rules import policy
from qunying.discovery.signals import SIGNALS, compute_signals


def current_weights() -> DiscoveryWeights:
    weights = DiscoveryWeights.objects.order_by("pk").first()
    return weights if weights is not None else DiscoveryWeights()


def weight_map(weights: DiscoveryWeights) -> dict[str, Decimal]:
    return {signal: getattr(weights, signal) for signal in SIGNALS}


@transaction.atomic
def update_weights(*, by, **values) -> DiscoveryWeights:
    policy.require(by, "change_weights")
    weights = current_weights()
    errors = {}
    for name in [*SIGNALS, "threshold"]:
        if name not in values:
            continue
        try:
            value = Decimal(str(values[name]))
        except InvalidOperation:
            errors[name] = _("Enter a number.")
            continue
        upper = Decimal(100) if name == "threshold" else Decimal(10)
        if not Decimal(0) <= value <= upper:
            errors[name] = _("Enter a number between 0 and %(upper)s.") % {"upper": upper}
        setattr(weights, name, value)
    if not errors and sum(weight_map(weights).values()) <= 0:
        errors["deeds"] = _("At least one weight must be above 0.")
    if errors:
        raise ValidationError(errors)
    if weights.pk is None:
        weights.save()
    else:
        weights.save(update_fields=[*SIGNALS, "threshold"])
    log_action(weights, "discovery.weights.updated", by=by, data={k: str(v) for k, v in weight_map(weights).items()})
    return weights


def run_discovery(*, year: int, by) -> DiscoveryRun:
    """Compute everyone's signals for `year`, store snapshots and upsert suggestions above the threshold for people
    not in the reserve. A dismissed suggestion re-opens only if its evidence fingerprint changed. Decides nothing."""
    weights = current_weights()
    signals = compute_signals(year, weight_map(weights))
    with transaction.atomic():
        run = DiscoveryRun.objects.create(year=year, started_by=by if getattr(by, "is_authenticated", False) else None)
        SignalSnapshot.objects.bulk_create(
            [
                SignalSnapshot(
                    run=run,
                    person_id=s.person_id,
                    year=year,
                    post_type=s.post_type,
                    deed_count=s.deed_count,
                    deed_points=s.deed_points,
                    honour_points=s.honour_points,
                    satisfaction=s.satisfaction,
                    replies=s.replies,
                    nominations=s.nominations,
                    forum_mentions=s.forum_mentions,
                    service_years=s.service_years,
                    percentiles=s.percentiles,
                    composite=s.composite,
                    reasons=s.reasons(),
                    fingerprint=s.fingerprint,
                )
                for s in signals.values()
                if s.composite > 0
            ],
            batch_size=2000,
        )
        in_reserve = set(reserve_door().people_held())
        above = {pk: s for pk, s in signals.items() if s.composite >= weights.threshold and pk not in in_reserve}
        existing = {sug.person_id: sug for sug in Suggestion.objects.filter(year=year, person_id__in=list(above))}
        created, updated, rearmed = [], [], []
        for pk, s in above.items():
            suggestion = existing.get(pk)
            if suggestion is None:
                created.append(
                    Suggestion(
                        person_id=pk,
                        year=year,
                        run=run,
                        composite=s.composite,
                        reasons=s.reasons(),
                        evidence_fingerprint=s.fingerprint,
                    )
                )
                continue
            if suggestion.status == SuggestionStatus.ACCEPTED:
                continue
            if suggestion.status == SuggestionStatus.DISMISSED:
                if s.fingerprint == suggestion.dismissed_fingerprint:
                    continue  # no new evidence: stays dismissed
                transition(suggestion, SuggestionStatus.OPEN, SUGGESTION_TRANSITIONS)
                rearmed.append(pk)
            suggestion.run = run
            suggestion.composite = s.composite
            suggestion.reasons = s.reasons()
            suggestion.evidence_fingerprint = s.fingerprint
            updated.append(suggestion)
        Suggestion.objects.bulk_create(created, batch_size=2000)
        Suggestion.objects.bulk_update(
            updated, ["run", "composite", "reasons", "evidence_fingerprint", "status", "updated_at"], batch_size=2000
        )
        run.status = RunStatus.FINISHED
        run.people = len(signals)
        run.suggestions = len(created) + len(rearmed)
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "people", "suggestions", "finished_at"])
        log_action(
            run,
            "discovery.run.finished",
            by=by,
            data={"year": year, "people": len(signals), "new": len(created), "rearmed": rearmed},
        )
    return run


@transaction.atomic
def accept_suggestion(suggestion: Suggestion, *, by, **admission) -> Suggestion:
    """A person accepts: the suggestion becomes a reserve proposal (which still needs its approval), through the door
    the reserve registered; `admission` is its form's data (tier, level, category, reason)."""
    suggestion = Suggestion.objects.select_for_update().select_related("person__unit").get(pk=suggestion.pk)
    policy.require(by, "decide_suggestion", suggestion)
    entry = reserve_door().admit(suggestion, by=by, **admission)
    transition(suggestion, SuggestionStatus.ACCEPTED, SUGGESTION_TRANSITIONS)
    suggestion.reserve_entry = entry
    suggestion.decided_by = by
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "reserve_entry", "decided_by", "decided_at"])
    log_action(
        suggestion, "discovery.suggestion.accepted", by=by, data={"entry": entry.pk, "tier": admission.get("tier")}
    )
    return suggestion


@transaction.atomic
def dismiss_suggestion(suggestion: Suggestion, *, reason: str, by) -> Suggestion:
    """Dismissed with a reason; it re-opens only when a later run finds new evidence (see run_discovery)."""
    suggestion = Suggestion.objects.select_for_update().select_related("person__unit").get(pk=suggestion.pk)
    policy.require(by, "decide_suggestion", suggestion)
    if not reason.strip():
        raise ValidationError({"dismissal_reason": _("Give the reason for dismissing the suggestion.")})
    transition(suggestion, SuggestionStatus.DISMISSED, SUGGESTION_TRANSITIONS)
    suggestion.dismissal_reason = reason.strip()
    suggestion.dismissed_fingerprint = suggestion.evidence_fingerprint
    suggestion.decided_by = by
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "dismissal_reason", "dismissed_fingerprint", "decided_by", "decided_at"])
    log_action(suggestion, "discovery.suggestion.dismissed", by=by, data={"reason": suggestion.dismissal_reason})
    return suggestion
