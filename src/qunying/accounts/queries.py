"""Accounts reads: a user's roles and the unit subtrees they cover, as Python sets and as query filters."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from qunying.accounts.enums import Role
from qunying.accounts.models import ApiToken, RoleAssignment, User

_CACHE_ATTR = "_qunying_role_assignments"


def assignments_of(user) -> list[RoleAssignment]:
    """The user's role assignments with their units, loaded once per user object (i.e. once per request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(RoleAssignment.objects.filter(user=user).select_related("unit"))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_assignments(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def roles_of(user) -> set[str]:
    return {assignment.role for assignment in assignments_of(user)}


def scope_paths(user, roles: Iterable[str]) -> list[str]:
    """Unit paths the user covers through any of `roles`, with paths inside another listed path removed."""
    wanted = set(roles)
    paths = sorted({a.unit.path for a in assignments_of(user) if a.role in wanted})
    minimal: list[str] = []
    for path in paths:
        if not any(path.startswith(kept) for kept in minimal):
            minimal.append(path)
    return minimal


def covers(user, roles: Iterable[str], unit_path: str) -> bool:
    return any(unit_path.startswith(path) for path in scope_paths(user, roles))


def scope_filter(user, roles: Iterable[str], *, path_field: str = "unit__path") -> Q:
    """A filter for objects whose unit lies in the user's subtrees for `roles`; matches nothing without them."""
    paths = scope_paths(user, roles)
    if not paths:
        return Q(pk__in=[])
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{path_field}__startswith": path})
    return condition


def users_visible_to(user) -> QuerySet[User]:
    """The 三员 see every account (accounts are not unit data); nobody else lists accounts."""
    if roles_of(user) & {Role.SYS_ADMIN, Role.SECURITY_ADMIN}:
        return User.objects.all()
    return User.objects.none()


def role_assignments_visible_to(user) -> QuerySet[RoleAssignment]:
    base = RoleAssignment.objects.select_related("user", "unit", "granted_by")
    if Role.SECURITY_ADMIN not in roles_of(user):
        return base.none()
    return base.filter(scope_filter(user, [Role.SECURITY_ADMIN]))


def api_tokens_visible_to(user) -> QuerySet[ApiToken]:
    """API tokens are system configuration: the system administrator lists them, nobody else."""
    if Role.SYS_ADMIN not in roles_of(user):
        return ApiToken.objects.none()
    return ApiToken.objects.select_related("created_by")
