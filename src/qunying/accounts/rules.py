"""Accounts' declared policy: the 三员 of 等保 2.0 — the system administrator keeps accounts and API tokens, the
security administrator grants and revokes roles inside the units they administer. None of them reads business data."""

from django.utils.translation import gettext_lazy as _

from qunying.core.policy import Policy, anywhere, over
from qunying.core.roles import Role

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
# On an account: a lost phone is reset by the security administrator of a unit the holder has a role in.
policy.action(
    "reset_second_factor",
    over(Role.SECURITY_ADMIN, unit="role_assignments__unit"),
    reason=_("Only the security administrator of a unit the holder has a role in resets their two-factor sign-in."),
)
