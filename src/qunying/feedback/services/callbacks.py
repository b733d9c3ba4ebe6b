"""Callbacks (回访) after a 不满意: assignment, progress and closing with the outcome, each step audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.core.services import log_action
from qunying.core.workflow import transition
from qunying.feedback.enums import CallbackStatus
from qunying.feedback.models import CALLBACK_TRANSITIONS, Callback
from qunying.feedback.rules import policy


@transaction.atomic
def update_callback(
    callback: Callback, *, status: str, assignee=None, outcome: str = "", rectification: str = "", by
) -> Callback:
    callback = Callback.objects.select_for_update().select_related("unit").get(pk=callback.pk)
    policy.require(by, "handle_callback", callback)
    if assignee is not None and not policy.allows(assignee, "handle_callback", callback):
        raise ValidationError({"assignee": _("The assignee must manage this unit or be a political officer over it.")})
    outcome, rectification = outcome.strip(), rectification.strip()
    if status == CallbackStatus.CLOSED and not outcome:
        raise ValidationError({"outcome": _("Please record the outcome of the callback before closing it.")})
    changes = {}
    if status != callback.status:
        changes["status"] = [callback.status, status]
        message = {"status": _("A callback cannot go from this status to that one.")}
        transition(callback, status, CALLBACK_TRANSITIONS, message=message)
    values = {"assignee": assignee, "outcome": outcome, "rectification": rectification}
    for name, value in values.items():
        if getattr(callback, name) != value:
            old = getattr(callback, name)
            changes[name] = [getattr(old, "pk", old), getattr(value, "pk", value)]
            setattr(callback, name, value)
    if not changes:
        return callback
    fields = list(changes)
    if status == CallbackStatus.CLOSED:
        callback.closed_at = timezone.now()
        fields.append("closed_at")
    callback.save(update_fields=fields)
    # Outcome texts may quote the citizen: the audit entry records which fields changed, not what they say.
    audited = {name: change for name, change in changes.items() if name in {"status", "assignee"}}
    audited["fields"] = fields
    log_action(callback, "feedback.callback.updated", by=by, data=audited)
    return callback
