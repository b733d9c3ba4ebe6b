"""Core's declared policy: the audit log is read by the audit administrator (安全审计员) alone, all of it."""

from django.utils.translation import gettext_lazy as _

from qunying.core.policy import Policy, anywhere
from qunying.core.roles import Role

policy = Policy("core")

policy.action(
    "view_audit_log",
    anywhere(Role.AUDIT_ADMIN),
    reason=_("Only the audit administrator reads the audit log."),
)
