"""Roles and their groupings (declared in core, where every app's policy reads them)."""

from qunying.core.roles import ADMIN_ROLES, BUSINESS_ROLES, STAFF_ROLES, Role

__all__ = ["ADMIN_ROLES", "BUSINESS_ROLES", "STAFF_ROLES", "Role"]
