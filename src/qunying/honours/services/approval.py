"""Four eyes on honours: an honour entered by hand comes into force once a second officer approves it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.core.services import log_action
from qunying.core.workflow import transition
from qunying.honours.enums import ApprovalBasis, HonourStatus
from qunying.honours.models import HONOUR_TRANSITIONS, Honour
from qunying.honours.rules import policy


def approval_refusal(user, honour: Honour) -> str:
    """Why `user` may not approve `honour` now, in a sentence (empty: they may): the page shows it beside a disabled
    button, the service refuses with it."""
    if honour.status != HonourStatus.PENDING:
        return _("This honour is not awaiting approval.")
    if honour.recorded_by_id is not None and honour.recorded_by_id == user.pk:
        return _("You recorded this honour: another officer must approve it.")
    if honour.person_id is not None and honour.person.user_id == user.pk:
        return _("You cannot approve your own honour.")
    if not policy.allows(user, "approve_honour", honour):
        return _("Only a bureau leader or political officer over this honour approves it.")
    return ""


@transaction.atomic
def approve_honour(honour: Honour, *, by) -> Honour:
    """Four eyes: a honour entered by hand comes into force once a leader or political officer over it who neither
    recorded nor receives it approves it (`by=None`: the system itself). From then on it counts on the board, in
    the figures, on the timeline and in discovery."""
    honour = Honour.objects.select_for_update(of=("self",)).select_related("person__unit", "unit").get(pk=honour.pk)
    if by is not None and (refusal := approval_refusal(by, honour)):
        raise ValidationError(refusal)
    transition(honour, HonourStatus.ACTIVE, HONOUR_TRANSITIONS, message=_("This honour is not awaiting approval."))
    honour.approval_basis = ApprovalBasis.REVIEW
    honour.approved_by = by
    honour.approved_at = timezone.now()
    honour.save(update_fields=["status", "approval_basis", "approved_by", "approved_at"])
    log_action(honour, "honours.honour.approved", by=by, data={"recorded_by": honour.recorded_by_id})
    return honour


def decline_refusal(user, honour: Honour) -> str:
    """Why `user` may not decline `honour` (empty: they may): whoever may approve it may decline it instead."""
    if honour.status != HonourStatus.PENDING:
        return _("This honour is not awaiting approval.")
    if honour.recorded_by_id is not None and honour.recorded_by_id == user.pk:
        return _("You recorded this honour: withdraw it instead, or ask another officer to decline it.")
    if honour.person_id is not None and honour.person.user_id == user.pk:
        return _("You cannot decline your own honour.")
    if not policy.allows(user, "decline_honour", honour):
        return _("Only a bureau leader or political officer over this honour declines it.")
    return ""


def withdrawal_refusal(user, honour: Honour) -> str:
    """Why `user` may not withdraw `honour` (empty: they may): only its recorder, while it awaits approval."""
    if honour.status != HonourStatus.PENDING:
        return _("This honour is not awaiting approval.")
    if not policy.allows(user, "withdraw_honour", honour):
        return _("Only the officer who recorded this honour withdraws it.")
    return ""


def _set_aside(honour: Honour, *, by, reason: str, refusal, action: str) -> Honour:
    """Declined or withdrawn alike: the honour leaves the approvers' to-do and never counts; who, when and why stay."""
    reason = (reason or "").strip()
    honour = Honour.objects.select_for_update(of=("self",)).select_related("person__unit", "unit").get(pk=honour.pk)
    if problem := refusal(by, honour):
        raise ValidationError(problem)
    transition(honour, HonourStatus.DECLINED, HONOUR_TRANSITIONS, message=_("This honour is not awaiting approval."))
    honour.declined_by = by
    honour.declined_at = timezone.now()
    honour.decline_reason = reason
    honour.save(update_fields=["status", "declined_by", "declined_at", "decline_reason"])
    log_action(honour, action, by=by, data={"recorded_by": honour.recorded_by_id, "reason": reason})
    return honour


@transaction.atomic
def decline_honour(honour: Honour, *, by, reason: str) -> Honour:
    """不予批准: an officer who may approve `honour` declines it, saying why (the recorder reads the reason)."""
    if not (reason or "").strip():
        message = _("Please say why the honour is not approved: the officer who recorded it reads it.")
        raise ValidationError({"reason": message})
    return _set_aside(honour, by=by, reason=reason, refusal=decline_refusal, action="honours.honour.declined")


@transaction.atomic
def withdraw_honour(honour: Honour, *, by, reason: str = "") -> Honour:
    """撤回: the officer who recorded `honour` takes it back before anyone approves it (a reason is welcome)."""
    return _set_aside(honour, by=by, reason=reason, refusal=withdrawal_refusal, action="honours.honour.withdrawn")
