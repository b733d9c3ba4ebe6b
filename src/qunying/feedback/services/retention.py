"""Retention: citizens' phone numbers are erased after QUNYING_SMS_RETENTION_DAYS; only their blind index stays."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from qunying.core.services import log_action
from qunying.feedback.models import OutboxMessage, ServiceInteraction


@transaction.atomic
def purge_expired_phones(*, now: datetime.datetime | None = None) -> dict:
    """Erase the phone of every interaction (and outbox message) older than the retention period. The blind index
    (a keyed hash) is kept: it still spaces surveys and matches late replies, and cannot be read back."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.QUNYING_SMS_RETENTION_DAYS)
    interactions = ServiceInteraction.objects.filter(occurred_at__lt=cutoff, phone_purged_at__isnull=True).update(
        phone="", phone_purged_at=now, updated_at=now
    )
    outbox = OutboxMessage.objects.filter(created_at__lt=cutoff, phone_purged_at__isnull=True).update(
        phone="", phone_purged_at=now, updated_at=now
    )
    counts = {"interactions": interactions, "outbox_messages": outbox, "cutoff": cutoff}
    if interactions or outbox:
        log_action(None, "feedback.phones.purged", by=None, data=counts)
    return counts
