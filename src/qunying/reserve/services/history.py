"""A reserve entry brought in from a bureau's past (the reserve import): proposed and approved through the tier
services, so every rule of the pages holds (the proposer's units, a serving person, the category and level, one live
entry per person, who decides which tier), then dated from the day the file says the tier was approved."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.core.services import log_action
from qunying.reserve.models import ReserveEntry, TierChange
from qunying.reserve.services.tiers import decide_tier_change, propose_tier


@transaction.atomic
def record_past_entry(
    *, person, tier: str, level: str, category: str, since: datetime.date, reason: str, by
) -> ReserveEntry:
    """An active entry of `person` at `tier` since `since`: its one tier change is proposed and approved by `by`
    (refused as on the pages when `by` may not), and both the entry and its history carry the historical date."""
    if since > timezone.localdate():
        raise ValidationError({"since": _("The date cannot be in the future.")})
    change = propose_tier(person=person, to_tier=tier, reason=reason, level=level, category=category, by=by)
    change = decide_tier_change(change, approve=True, note=reason, by=by)
    decided_at = timezone.make_aware(datetime.datetime.combine(since, datetime.time(12)))
    TierChange.objects.filter(pk=change.pk).update(created_at=decided_at, decided_at=decided_at)
    entry = change.entry
    entry.since = since
    entry.save(update_fields=["since"])
    log_action(entry, "reserve.entry.imported", by=by, data={"tier": tier, "since": since, "change": change.pk})
    return entry
