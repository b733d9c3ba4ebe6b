"""Core reads: the audit log for the audit administrator, the walk along its hash chain and its archive export."""

import datetime
import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.utils import timezone

from qunying.core import audit
from qunying.core.models import AuditEntry
from qunying.core.rules import policy

CHAIN_VERIFIED = "core.audit.chain_verified"
CHAIN_BROKEN = "core.audit.chain_broken"
# The check runs daily: the audit page looks this far back for it, and warns when it finds none.
CHECK_WINDOW = datetime.timedelta(days=7)
# Entries per database round trip when walking or exporting the whole log: memory stays flat, round trips few.
CHAIN_CHUNK = 5_000
# In the order of audit.Row, with the content type's id where the row has its "app_label.model".
ROW_FIELDS = (
    "id",
    "sequence",
    "created_at",
    "actor_id",
    "actor_name",
    "action",
    "content_type_id",
    "object_id",
    "object_repr",
    "data",
    "ip_address",
    "prev_hash",
    "hash",
)


def audit_entries_visible_to(user) -> QuerySet[AuditEntry]:
    """Only the audit administrator (安全审计员) reads the audit log, and reads all of it (core.rules)."""
    entries = AuditEntry.objects.select_related("content_type", "actor").prefetch_related(
        "actor__role_assignments__unit"  # the actor shown as 姓名（单位）
    )
    return policy.filter(user, "view_audit_log", entries)


def filter_audit_entries(
    entries: QuerySet[AuditEntry], *, actor="", action="", object_repr="", date_from=None, date_to=None
) -> QuerySet[AuditEntry]:
    if actor:
        entries = entries.filter(actor_name__icontains=actor)
    if action:
        entries = entries.filter(action__startswith=action)
    if object_repr:
        entries = entries.filter(object_repr__icontains=object_repr)
    if date_from:
        entries = entries.filter(created_at__date__gte=date_from)
    if date_to:
        entries = entries.filter(created_at__date__lte=date_to)
    return entries


def chain_rows(entries: QuerySet[AuditEntry] | None = None, *, chunk_size: int = CHAIN_CHUNK) -> Iterator[audit.Row]:
    """`entries` (all by default) in chain order, fetched in chunks by sequence (keyset: every chunk costs the same)."""
    entries = AuditEntry.objects.all() if entries is None else entries
    object_types = {
        pk: f"{app_label}.{model}"
        for pk, app_label, model in ContentType.objects.values_list("pk", "app_label", "model")
    }
    last = 0
    while True:
        chunk = list(entries.filter(sequence__gt=last).order_by("sequence").values_list(*ROW_FIELDS)[:chunk_size])
        for pk, sequence, created_at, actor_id, actor_name, action, content_type_id, *rest in chunk:
            object_type = object_types.get(content_type_id, "")
            yield audit.Row(pk, sequence, created_at, actor_id, actor_name, action, object_type, *rest)
        if len(chunk) < chunk_size:
            return
        last = chunk[-1][1]


def verify_audit_chain(*, chunk_size: int = CHAIN_CHUNK) -> audit.ChainReport:
    """Walk the whole chain from its first entry; stops at the first broken entry."""
    return audit.walk(chain_rows(chunk_size=chunk_size), audit.audit_key())


@dataclass(frozen=True)
class AuditCheck:
    """The latest daily check of the chain, as the audit page shows it."""

    checked_at: datetime.datetime
    entries: int
    broken: bool
    entry_id: int | None = None
    sequence: int | None = None
    entry_time: datetime.datetime | None = None
    action: str = ""
    problem: str = ""


def latest_audit_check(*, within: datetime.timedelta = CHECK_WINDOW) -> AuditCheck | None:
    """The newest check of the last `within` (None: none that recent). Bounded by time, so that the database reads
    a few days of entries at most, never the whole log looking for a check that is not there."""
    entry = (
        AuditEntry.objects.filter(action__in=[CHAIN_VERIFIED, CHAIN_BROKEN], created_at__gte=timezone.now() - within)
        .order_by("-created_at", "-sequence")
        .first()
    )
    if entry is None:
        return None
    data = entry.data if isinstance(entry.data, dict) else {}
    if entry.action == CHAIN_VERIFIED:
        return AuditCheck(checked_at=entry.created_at, entries=data.get("entries", 0), broken=False)
    try:
        entry_time = datetime.datetime.fromisoformat(data.get("created_at", ""))
    except (TypeError, ValueError):
        entry_time = None
    return AuditCheck(
        checked_at=entry.created_at,
        entries=data.get("entries", 0),
        broken=True,
        entry_id=data.get("entry"),
        sequence=data.get("sequence"),
        entry_time=entry_time,
        action=data.get("action", ""),
        problem=str(audit.PROBLEMS.get(data.get("problem"), data.get("problem", ""))),
    )


def audit_archive_lines(*, date_from: datetime.date | None, date_to: datetime.date | None) -> Iterator[bytes]:
    """The entries written on `date_from`..`date_to` (local dates, both included) as JSON lines in chain order, with
    every field the hash covers: an archive that can be checked with the key, away from the application."""
    entries = AuditEntry.objects.all()
    if date_from:
        entries = entries.filter(created_at__gte=_local_midnight(date_from))
    if date_to:
        entries = entries.filter(created_at__lt=_local_midnight(date_to + datetime.timedelta(days=1)))
    for row in chain_rows(entries):
        line = {
            "id": row.id,
            "sequence": row.sequence,
            "created_at": row.created_at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
            "actor_id": row.actor_id,
            "actor_name": row.actor_name,
            "action": row.action,
            "object_type": row.object_type,
            "object_id": row.object_id,
            "object_repr": row.object_repr,
            "data": row.data,
            "ip_address": row.ip_address,
            "prev_hash": row.prev_hash,
            "hash": row.hash,
        }
        yield json.dumps(line, ensure_ascii=False, cls=DjangoJSONEncoder).encode() + b"\n"


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
