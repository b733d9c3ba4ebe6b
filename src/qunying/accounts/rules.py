"""Accounts' declared policy: the 三员 of 等保 2.0 — the system administrator keeps accounts and API tokens, the
security administrator grants and revokes roles inside the units they administer. None of them reads business data."""

import rules
from django.utils.translation import gettext_lazy as _

from qunying.core.policy import Policy, anywhere, covers, over, roles_of
from qunying.core.roles import Role
from qunying.org.models import Unit

policy = Policy("accounts")

SYS_ADMIN_ONLY = _("Only the system administrator manages accounts and API tokens.")
SECURITY_ADMIN_ONLY = _("Only the security administrator grants and revokes roles, within the units they administer.")

policy.action("manage_users", anywhere(Role.SYS_ADMIN), reason=SYS_ADMIN_ONLY)
policy.action("manage_api_tokens", anywhere(Role.SYS_ADMIN), reason=SYS_ADMIN_ONLY)
# The grant form lists every account: the security administrator reads accounts, not only the system administrator.
policy.action("view_accounts", anywhere(Role.SYS_ADMIN, Role.SECURITY_ADMIN), reason=SYS_ADMIN_ONLY)
policy.action("manage_roles", anywhere(Role.SECURITY_ADMIN), reason=SECURITY_ADMIN_ONLY)
# On a unit: roles may be granted over it. On an assignment: it may be listed and revoked.
policy.action("grant_role_in", over(Role.SECURITY_ADMIN, unit=""), reason=SECURITY_ADMIN_ONLY)
policy.action("revoke_role", over(Role.SECURITY_ADMIN, unit="unit"), reason=SECURITY_ADMIN_ONLY)


# --- predicates of the old hand-written rules, kept while other apps move to their declared policy ------------------


def has_role(*roles: str):
    """Predicate: the user holds any of `roles` somewhere."""

    @rules.predicate(name=f"has_role({','.join(roles)})")
    def predicate(user) -> bool:
        return bool(roles_of(user) & set(roles))

    return predicate


def has_role_over(*roles: str):
    """Predicate: the user holds any of `roles` over a unit whose subtree contains the object (or its unit)."""

    @rules.predicate(name=f"has_role_over({','.join(roles)})")
    def predicate(user, obj) -> bool:
        unit = obj if isinstance(obj, Unit) else getattr(obj, "unit", None)
        return unit is not None and covers(user, roles, unit.path)

    return predicate
