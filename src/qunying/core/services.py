"""Core writes: the audit log's single door, and working-calendar overrides."""

import datetime
import logging

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone

from qunying.core import audit, queries
from qunying.core.middleware import client_ip, current_request
from qunying.core.models import AuditEntry, CalendarOverride

logger = logging.getLogger(__name__)


def log_action(obj: models.Model | None, code: str, *, by, data: dict | None = None) -> AuditEntry:
    """Append one audit entry: who (`by`, None for the system or an anonymous citizen), what, on which object.

    The entry is chained to the newest one (see `qunying.core.audit`): reading that tip takes the writers' lock on
    PostgreSQL, held until the surrounding transaction ends."""
    request = current_request.get()
    actor = by if by is not None and getattr(by, "is_authenticated", False) else None
    content_type = ContentType.objects.get_for_model(obj) if obj is not None else None
    entry = AuditEntry(
        created_at=timezone.now(),
        actor=actor,
        actor_name=actor.get_username() if actor else "",
        action=code,
        content_type=content_type,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        data=data or {},
        ip_address=client_ip(request) if request is not None else None,
    )
    # No savepoint: the lock and the insert belong to the caller's transaction (and cost no extra queries).
    with transaction.atomic(savepoint=False):
        tip_sequence, tip_hash = audit.chain_tip(connection)
        entry.sequence, entry.prev_hash = tip_sequence + 1, tip_hash
        entry.hash = audit.seal(
            audit.Row(
                id=0,
                sequence=entry.sequence,
                created_at=entry.created_at,
                actor_id=entry.actor_id,
                actor_name=entry.actor_name,
                action=entry.action,
                object_type=f"{content_type.app_label}.{content_type.model}" if content_type else "",
                object_id=entry.object_id,
                object_repr=entry.object_repr,
                data=audit.stored_data(entry.data),
                ip_address=entry.ip_address,
                prev_hash=entry.prev_hash,
                hash="",
            ),
            audit.audit_key(),
        )
        entry.save(force_insert=True)
    return entry


def check_audit_chain(*, by=None) -> audit.ChainReport:
    """Walk the audit chain and record the outcome in the log itself (the audit page shows the latest as an alert);
    the tip goes to the application log too, a record outside the database of how far the chain reached."""
    report = queries.verify_audit_chain()
    if report.ok:
        logger.info("audit chain ok: %s entries, tip #%s %s", report.entries, report.last_sequence, report.last_hash)
        log_action(
            None,
            queries.CHAIN_VERIFIED,
            by=by,
            data={"entries": report.entries, "last_sequence": report.last_sequence, "last_hash": report.last_hash},
        )
        return report
    broken = report.broken
    logger.error(
        "audit chain broken at entry %s (#%s, %s, %s): %s",
        broken.entry_id,
        broken.sequence,
        broken.created_at.isoformat(),
        broken.action,
        broken.problem,
    )
    log_action(
        None,
        queries.CHAIN_BROKEN,
        by=by,
        data={
            "entry": broken.entry_id,
            "sequence": broken.sequence,
            "created_at": broken.created_at.isoformat(),
            "action": broken.action,
            "problem": broken.problem,
            "entries": report.entries,
        },
    )
    return report


@transaction.atomic
def set_calendar_override(*, date: datetime.date, is_working_day: bool, note: str = "", by) -> CalendarOverride:
    override, created = CalendarOverride.objects.update_or_create(
        date=date, defaults={"is_working_day": is_working_day, "note": note}
    )
    log_action(
        override,
        "core.calendar_override.set",
        by=by,
        data={"date": date, "is_working_day": is_working_day, "note": note, "created": created},
    )
    return override


@transaction.atomic
def remove_calendar_override(override: CalendarOverride, *, by) -> None:
    log_action(override, "core.calendar_override.removed", by=by, data={"date": override.date})
    override.delete()
