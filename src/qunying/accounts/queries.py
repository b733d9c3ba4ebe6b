"""Accounts reads: the accounts, role assignments and API tokens the 三员 administer (as accounts.rules declares)."""

from django.db.models import QuerySet

from qunying.accounts.models import ApiToken, RoleAssignment, User
from qunying.accounts.rules import policy
from qunying.org.models import Unit


def users_visible_to(user) -> QuerySet[User]:
    """The system and security administrators see every account (accounts are not unit data); nobody else does."""
    return policy.filter(user, "view_accounts", User.objects.all())


def role_assignments_visible_to(user) -> QuerySet[RoleAssignment]:
    base = RoleAssignment.objects.select_related("user", "unit", "granted_by")
    return policy.filter(user, "revoke_role", base)


def accounts_for_second_factor_reset(user) -> QuerySet[User]:
    """Accounts holding a role in the security administrator's units: those whose lost phone they may reset."""
    return policy.filter(user, "reset_second_factor", User.objects.all())


def units_for_role_grants(user) -> QuerySet[Unit]:
    """The units the security administrator may grant roles over: their own subtrees."""
    return policy.filter(user, "grant_role_in", Unit.objects.all())


def api_tokens_visible_to(user) -> QuerySet[ApiToken]:
    """API tokens are system configuration: the system administrator lists them, nobody else."""
    return policy.filter(user, "manage_api_tokens", ApiToken.objects.select_related("created_by", "owner"))
