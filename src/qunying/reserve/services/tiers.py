"""Tier changes: one service proposes (creating the entry on first proposal), one decides, both kept as history."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.core.services import log_action
from qunying.core.workflow import transition
from qunying.org.enums import PersonStatus
from qunying.reserve.enums import (
    CultivationLevel,
    EntryStatus,
    EvaluationStatus,
    ReserveCategory,
    RoundStatus,
    Tier,
    TierChangeStatus,
)
from qunying.reserve.models import (
    ENTRY_TRANSITIONS,
    TIER_CHANGE_TRANSITIONS,
    AnnualEvaluation,
    ReserveEntry,
    TierChange,
)
from qunying.reserve.rules import policy

# Modules that derive something from a tier (care entitlements) register `callback(entry, from_tier, to_tier)`;
# it runs inside the deciding transaction after an approved change (to_tier "" when the entry is retired).
# Register from AppConfig.ready().
_tier_callbacks: list = []


def on_tier_changed(callback):
    if callback not in _tier_callbacks:
        _tier_callbacks.append(callback)
    return callback


def _open_entry(person) -> ReserveEntry | None:
    return (
        ReserveEntry.objects.select_for_update()
        .filter(person=person, status__in=[EntryStatus.PROPOSED, EntryStatus.ACTIVE])
        .first()
    )


@transaction.atomic
def propose_tier(
    *,
    person,
    to_tier: str,
    reason: str,
    by,
    level: str = "",
    category: str = "",
    suggestion_id: int | None = None,
) -> TierChange:
    """Propose `person` for `to_tier`. Without an open entry this proposes admission (entry `proposed`, tier blank);
    with an active entry it proposes a change of tier. Nothing changes until `decide_tier_change` approves."""
    policy.require(by, "propose_for", person)
    errors = {}
    if to_tier not in Tier.values:
        errors["to_tier"] = _("Choose a tier.")
    if not reason.strip():
        errors["reason"] = _("Give the reason for the proposal.")
    if person.status != PersonStatus.ACTIVE:
        errors["person"] = _("Only serving officers can be proposed for the reserve.")
    entry = _open_entry(person)
    if entry is None:
        if level not in CultivationLevel.values:
            errors["level"] = _("Choose a cultivation level.")
        if category not in ReserveCategory.values:
            errors["category"] = _("Choose a category.")
    elif entry.status == EntryStatus.PROPOSED or entry.tier_changes.filter(status=TierChangeStatus.PROPOSED).exists():
        errors["to_tier"] = _("A proposal for this person is already awaiting approval.")
    elif entry.tier == to_tier:
        errors["to_tier"] = _("The person already holds this tier.")
    if errors:
        raise ValidationError(errors)

    created = entry is None
    if created:
        entry = ReserveEntry(
            person=person,
            level=level,
            category=category,
            post_type=person.post_type,
            status=EntryStatus.PROPOSED,
            created_by=by,
            source_suggestion_id=suggestion_id,
        )
        try:
            with transaction.atomic():
                entry.save()
        except IntegrityError:
            raise ValidationError({"to_tier": _("A proposal for this person is already awaiting approval.")}) from None
    change = TierChange.objects.create(
        entry=entry, from_tier=entry.tier, to_tier=to_tier, reason=reason.strip(), proposed_by=by
    )
    log_action(
        entry,
        "reserve.tier.proposed",
        by=by,
        data={"change": change.pk, "from": entry.tier, "to": to_tier, "new_entry": created, "reason": change.reason},
    )
    return change


@transaction.atomic
def decide_tier_change(change: TierChange, *, approve: bool, note: str = "", by) -> TierChange:
    """Approve or reject a pending proposal; the approving role depends on the tier (see reserve.rules)."""
    change = TierChange.objects.select_for_update().select_related("entry__person__unit").get(pk=change.pk)
    policy.require(by, "decide", change)
    if not approve and not note.strip():
        raise ValidationError({"decision_note": _("Give the reason for rejecting the proposal.")})
    target = TierChangeStatus.APPROVED if approve else TierChangeStatus.REJECTED
    fields = transition(change, target, TIER_CHANGE_TRANSITIONS, message=_("This proposal has already been decided."))
    change.save(update_fields=[*fields, *change.record_decision(by=by, note=note)])

    entry = change.entry
    fields = []
    if approve:
        entry.tier = change.to_tier
        entry.since = timezone.localdate()
        fields = ["tier", "since"]
    if entry.status == EntryStatus.PROPOSED:
        fields += transition(entry, EntryStatus.ACTIVE if approve else EntryStatus.DECLINED, ENTRY_TRANSITIONS)
    if fields:
        entry.save(update_fields=fields)
    log_action(
        entry,
        "reserve.tier.approved" if approve else "reserve.tier.rejected",
        by=by,
        data={"change": change.pk, "from": change.from_tier, "to": change.to_tier, "note": change.decision_note},
    )
    if approve:
        for callback in list(_tier_callbacks):
            callback(entry, change.from_tier, change.to_tier)
    return change


@transaction.atomic
def retire_entry(entry: ReserveEntry, *, reason: str, by) -> ReserveEntry:
    """Take an active entry out of the reserve (kept, with its reason and history); its evaluations still open in a
    round are withdrawn so the round's progress does not wait for them."""
    entry = ReserveEntry.objects.select_for_update().select_related("person__unit").get(pk=entry.pk)
    policy.require(by, "retire", entry)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for retiring the entry.")})
    if entry.tier_changes.filter(status=TierChangeStatus.PROPOSED).exists():
        raise ValidationError(_("A tier proposal for this person awaits a decision; decide it first."))
    fields = transition(entry, EntryStatus.RETIRED, ENTRY_TRANSITIONS)
    entry.retired_on = timezone.localdate()
    entry.retired_reason = reason.strip()
    entry.save(update_fields=[*fields, "retired_on", "retired_reason"])
    withdrawn = AnnualEvaluation.objects.filter(
        entry=entry,
        round__status=RoundStatus.OPEN,
        status__in=[EvaluationStatus.DUE, EvaluationStatus.RECORDED, EvaluationStatus.RETURNED],
    ).update(status=EvaluationStatus.WITHDRAWN, updated_at=timezone.now())
    log_action(
        entry,
        "reserve.entry.retired",
        by=by,
        data={"reason": entry.retired_reason, "tier": entry.tier, "withdrawn": withdrawn},
    )
    for callback in list(_tier_callbacks):
        callback(entry, entry.tier, "")
    return entry
