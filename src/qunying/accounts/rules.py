"""Accounts predicates and permissions: role holders, and role holders over the unit of an object."""

import rules

from qunying.accounts.enums import Role
from qunying.accounts.queries import covers, roles_of


def has_role(*roles: str):
    """Predicate: the user holds any of `roles` somewhere."""

    @rules.predicate(name=f"has_role({','.join(roles)})")
    def predicate(user) -> bool:
        return bool(roles_of(user) & set(roles))

    return predicate


def unit_path_of(obj) -> str | None:
    """The materialised path of a Unit, or of the unit an object belongs to."""
    from qunying.org.models import Unit

    if isinstance(obj, Unit):
        return obj.path
    unit = getattr(obj, "unit", None)
    return unit.path if unit is not None else None


def has_role_over(*roles: str):
    """Predicate: the user holds any of `roles` over a unit whose subtree contains the object."""

    @rules.predicate(name=f"has_role_over({','.join(roles)})")
    def predicate(user, obj) -> bool:
        path = unit_path_of(obj)
        return path is not None and covers(user, roles, path)

    return predicate


is_sys_admin = has_role(Role.SYS_ADMIN)
is_security_admin = has_role(Role.SECURITY_ADMIN)
is_audit_admin = has_role(Role.AUDIT_ADMIN)

rules.add_perm("accounts.manage_users", is_sys_admin)
rules.add_perm("accounts.manage_api_tokens", is_sys_admin)
rules.add_perm("accounts.manage_roles", is_security_admin)
rules.add_perm("accounts.grant_role_in", has_role_over(Role.SECURITY_ADMIN))
