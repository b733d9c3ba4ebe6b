"""Roles and their groupings: the vocabulary every app's policy declares its actions with."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    POLITICAL_OFFICER = "political_officer", _("Political officer")
    LEADER = "leader", _("Bureau leader")
    UNIT_MANAGER = "unit_manager", _("Unit manager")
    JUDGE = "judge", _("Judge")
    PUBLICITY_EDITOR = "publicity_editor", _("Publicity editor")
    CARE_OFFICER = "care_officer", _("Care officer")
    MEMBER = "member", _("Police officer or auxiliary")
    SYS_ADMIN = "sys_admin", _("System administrator")
    SECURITY_ADMIN = "security_admin", _("Security administrator")
    AUDIT_ADMIN = "audit_admin", _("Audit administrator")


# The 三员 of 等保 2.0: they run the system and read no business data; nobody holds one of them beside another role.
ADMIN_ROLES = frozenset({Role.SYS_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
BUSINESS_ROLES = frozenset(set(Role) - ADMIN_ROLES)

# Roles whose holders read the people and records of their unit's whole subtree.
STAFF_ROLES = frozenset({Role.POLITICAL_OFFICER, Role.LEADER, Role.UNIT_MANAGER})
