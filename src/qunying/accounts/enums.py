"""Roles and their groupings."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    POLITICAL_OFFICER = "political_officer", _("政治处干部")
    LEADER = "leader", _("局领导")
    UNIT_MANAGER = "unit_manager", _("所队负责人")
    JUDGE = "judge", _("评委")
    PUBLICITY_EDITOR = "publicity_editor", _("宣传干部")
    CARE_OFFICER = "care_officer", _("关爱专员")
    MEMBER = "member", _("民警辅警")
    SYS_ADMIN = "sys_admin", _("系统管理员")
    SECURITY_ADMIN = "security_admin", _("安全管理员")
    AUDIT_ADMIN = "audit_admin", _("安全审计员")


# The 三员 of 等保 2.0: they run the system and read no business data; nobody holds one of them beside another role.
ADMIN_ROLES = frozenset({Role.SYS_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
BUSINESS_ROLES = frozenset(set(Role) - ADMIN_ROLES)

# Roles whose holders read the people and records of their unit's whole subtree.
STAFF_ROLES = frozenset({Role.POLITICAL_OFFICER, Role.LEADER, Role.UNIT_MANAGER})
