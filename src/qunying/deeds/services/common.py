"""Checks shared by the discovery ledger's writes."""

from django.core.exceptions import PermissionDenied

from qunying.accounts.queries import covers
from qunying.deeds.rules import DEED_EDITORS


def require_editor_over(by, unit) -> None:
    """Political officers and unit managers over the unit; `by=None` is the system (demo, imports, tests)."""
    if by is None or by.is_superuser:
        return
    if unit is None or not covers(by, DEED_EDITORS, unit.path):
        raise PermissionDenied


def clean_text(value: str | None) -> str:
    return (value or "").strip()
