"""Core writes: the audit log's single door, and working-calendar overrides."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from qunying.core.middleware import client_ip, current_request
from qunying.core.models import AuditEntry, CalendarOverride


def log_action(obj: models.Model | None, code: str, *, by, data: dict | None = None) -> AuditEntry:
    """Append one audit entry: who (`by`, None for the system or an anonymous citizen), what, on which object."""
    request = current_request.get()
    actor = by if by is not None and getattr(by, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=actor.get_username() if actor else "",
        action=code,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        data=data or {},
        ip_address=client_ip(request) if request is not None else None,
    )


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
