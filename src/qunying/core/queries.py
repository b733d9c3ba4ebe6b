"""Core reads: the audit log for the audit administrator."""

from django.db.models import QuerySet

from qunying.core.models import AuditEntry
from qunying.core.rules import policy


def audit_entries_visible_to(user) -> QuerySet[AuditEntry]:
    """Only the audit administrator (安全审计员) reads the audit log, and reads all of it (core.rules)."""
    return policy.filter(user, "view_audit_log", AuditEntry.objects.select_related("content_type"))


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
