"""Checks and audit helpers shared by the care services: scope of the acting care officer, audited reads."""

from django.core.exceptions import PermissionDenied

from qunying.accounts.queries import covers
from qunying.care.rules import CARE_ROLES
from qunying.core.services import log_action


def require_care_scope(by, subject) -> None:
    """`by=None` is the system (demo, tasks); otherwise a care officer over the person's unit (or, for an honour,
    over its subject unit: the holder's unit or the collective)."""
    unit = subject.subject_unit if hasattr(subject, "subject_unit") else subject.unit
    if by is not None and not covers(by, CARE_ROLES, unit.path):
        raise PermissionDenied


def record_read(obj, what: str, *, by, data: dict | None = None) -> None:
    """Every read of health or family details leaves an audit entry (PIPL art. 28), like every write."""
    log_action(obj, f"care.{what}.read", by=by, data=data or {})


def export_table(rows, target, *, columns, sheet_name: str, what: str, by, filters: dict) -> int:
    """A care list as a workbook (formula text neutralised), recorded as an export of `what`."""
    from qunying.core.exports import write_table

    count = write_table(rows, columns=columns, sheet_name=sheet_name, target=target)
    shown = {name: getattr(value, "pk", value) for name, value in filters.items() if value not in ("", None, False)}
    log_action(None, f"care.{what}.exported", by=by, data={"filters": shown, "rows": count})
    return count
