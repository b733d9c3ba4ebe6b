"""Tier changes: one service proposes (creating the entry on first proposal), one decides, both kept as history."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.accounts.queries import covers
from qunying.core.services import log_action
from qunying.org.enums import PersonStatus
from qunying.reserve.enums import CultivationLevel, EntryStatus, ReserveCategory, Tier, TierChangeStatus
from qunying.reserve.models import ENTRY_TRANSITIONS, TIER_CHANGE_TRANSITIONS, ReserveEntry, TierChange
from qunying.reserve.rules import PROPOSERS, approver_roles

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
    if not covers(by, PROPOSERS, person.unit.path):
        raise ValidationError(_("You may not propose people of this unit for the reserve."))
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


def may_decide(user, change: TierChange) -> bool:
    return covers(user, approver_roles(change.to_tier, change.from_tier), change.entry.person.unit.path)


@transaction.atomic
def decide_tier_change(change: TierChange, *, approve: bool, note: str = "", by) -> TierChange:
    """Approve or reject a pending proposal; the approving role depends on the tier (see reserve.rules)."""
    change = TierChange.objects.select_for_update().select_related("entry__person__unit").get(pk=change.pk)
    if not may_decide(by, change):
        if Tier.EXEMPLAR in (change.to_tier, change.from_tier):
            raise ValidationError(_("Only a bureau leader may approve the exemplar tier."))
        raise ValidationError(_("Only the political department may approve this tier."))
    target = TierChangeStatus.APPROVED if approve else TierChangeStatus.REJECTED
    if target not in TIER_CHANGE_TRANSITIONS[TierChangeStatus(change.status)]:
        raise ValidationError(_("This proposal has already been decided."))
    if not approve and not note.strip():
        raise ValidationError({"decision_note": _("Give the reason for rejecting the proposal.")})
    change.status = target
    change.decided_by = by
    change.decided_at = timezone.now()
    change.decision_note = note.strip()
    change.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])

    entry = change.entry
    fields = []
    if approve:
        entry.tier = change.to_tier
        entry.since = timezone.localdate()
        fields = ["tier", "since"]
    if entry.status == EntryStatus.PROPOSED:
        new_status = EntryStatus.ACTIVE if approve else EntryStatus.DECLINED
        assert new_status in ENTRY_TRANSITIONS[EntryStatus.PROPOSED]
        entry.status = new_status
        fields.append("status")
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


def may_retire(user, entry: ReserveEntry) -> bool:
    """Retiring an entry is decided like a tier change out of its tier: a leader for a 典型, else the department."""
    return covers(user, approver_roles("", entry.tier), entry.person.unit.path)


@transaction.atomic
def retire_entry(entry: ReserveEntry, *, reason: str, by) -> ReserveEntry:
    """Take an active entry out of the reserve (kept, with its reason and history); its evaluations still open in a
    round are withdrawn so the round's progress does not wait for them."""
    from qunying.reserve.enums import EvaluationStatus
    from qunying.reserve.models import AnnualEvaluation

    entry = ReserveEntry.objects.select_for_update().select_related("person__unit").get(pk=entry.pk)
    if not may_retire(by, entry):
        if entry.tier == Tier.EXEMPLAR:
            raise ValidationError(_("Only a bureau leader may retire an exemplar."))
        raise ValidationError(_("Only the political department may retire an entry."))
    if EntryStatus.RETIRED not in ENTRY_TRANSITIONS[EntryStatus(entry.status)]:
        raise ValidationError(_("Only an entry in the reserve can be retired."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for retiring the entry.")})
    if entry.tier_changes.filter(status=TierChangeStatus.PROPOSED).exists():
        raise ValidationError(_("A tier proposal for this person awaits a decision; decide it first."))
    entry.status = EntryStatus.RETIRED
    entry.retired_on = timezone.localdate()
    entry.retired_reason = reason.strip()
    entry.save(update_fields=["status", "retired_on", "retired_reason"])
    withdrawn = AnnualEvaluation.objects.filter(
        entry=entry,
        round__status="open",
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
