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
