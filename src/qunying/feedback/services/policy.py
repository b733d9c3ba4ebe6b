"""The sampling rules: edited by the bureau's political department, each change audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from qunying.core.services import log_action
from qunying.feedback.enums import InteractionKind
from qunying.feedback.models import SamplingPolicy
from qunying.feedback.rules import policy as rules_policy

FIELDS = (
    "excluded_kinds",
    "citizen_interval_days",
    "officer_cap",
    "officer_cap_period_days",
    "delay_minutes",
    "max_age_hours",
)


@transaction.atomic
def update_sampling_policy(*, by, **values) -> SamplingPolicy:
    rules_policy.require(by, "manage_sampling")
    unknown = set(values.get("excluded_kinds", [])) - set(InteractionKind.values)
    if unknown:
        raise ValidationError({"excluded_kinds": _("Unknown kind.")})
    if values.get("officer_cap_period_days") == 0:
        raise ValidationError({"officer_cap_period_days": _("The period must be at least one day.")})
    policy = SamplingPolicy.objects.select_for_update().order_by("pk").first()
    created = policy is None
    policy = policy or SamplingPolicy.defaults()
    changes = {}
    for name in FIELDS:
        if name in values and getattr(policy, name) != values[name]:
            changes[name] = [getattr(policy, name), values[name]]
            setattr(policy, name, values[name])
    if created:
        policy.save()
    elif changes:
        policy.save(update_fields=list(changes))
    if created or changes:
        log_action(policy, "feedback.sampling_policy.updated", by=by, data=changes)
    return policy
