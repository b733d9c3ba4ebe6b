"""Audit helpers shared by the care services: audited reads and recorded exports."""

from qunying.core.exports import write_table
from qunying.core.services import log_action


def record_read(obj, what: str, *, by, data: dict | None = None) -> None:
    """Every read of health or family details leaves an audit entry (PIPL art. 28), like every write."""
    log_action(obj, f"care.{what}.read", by=by, data=data or {})


def export_table(rows, target, *, columns, sheet_name: str, what: str, by, filters: dict) -> int:
    """A care list as a workbook (formula text neutralised), recorded as an export of `what`."""
    count = write_table(rows, columns=columns, sheet_name=sheet_name, target=target)
    shown = {name: getattr(value, "pk", value) for name, value in filters.items() if value not in ("", None, False)}
    log_action(None, f"care.{what}.exported", by=by, data={"filters": shown, "rows": count})
    return count
