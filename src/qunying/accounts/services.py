"""Accounts writes: accounts and API tokens (sys_admin), role assignments (security_admin), passwords, logins."""

import hashlib
import secrets

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qunying.accounts.models import ApiToken, RoleAssignment, User
from qunying.accounts.rules import policy
from qunying.core.policy import forget_assignments, roles_of
from qunying.core.roles import ADMIN_ROLES, Role
from qunying.core.services import log_action


@transaction.atomic
def create_user(*, username: str, full_name: str, password: str, email: str = "", by) -> User:
    """sys_admin opens an account; the holder must change the initial password at first login."""
    policy.require(by, "manage_users")
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This username is already taken.")})
    user = User(username=username, full_name=full_name, email=email, must_change_password=True)
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save()
    log_action(user, "accounts.user.created", by=by, data={"username": username, "full_name": full_name})
    return user


@transaction.atomic
def update_user(user: User, *, full_name: str, email: str, by) -> User:
    policy.require(by, "manage_users")
    changes = {
        field: [getattr(user, field), value]
        for field, value in {"full_name": full_name, "email": email}.items()
        if getattr(user, field) != value
    }
    if changes:
        user.full_name, user.email = full_name, email
        user.save(update_fields=["full_name", "email"])
        log_action(user, "accounts.user.updated", by=by, data=changes)
    return user


@transaction.atomic
def set_user_active(user: User, *, active: bool, by) -> User:
    policy.require(by, "manage_users")
    if user == by:
        raise ValidationError(_("You cannot deactivate your own account."))
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
        log_action(user, "accounts.user.activated" if active else "accounts.user.deactivated", by=by)
    return user


@transaction.atomic
def reset_password(user: User, *, password: str, by) -> User:
    """sys_admin sets a temporary password; the holder must change it at next login."""
    policy.require(by, "manage_users")
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.must_change_password = True
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    log_action(user, "accounts.user.password_reset", by=by)
    return user


@transaction.atomic
def change_own_password(user: User, *, password: str) -> User:
    password_validation.validate_password(password, user)
    if user.check_password(password):
        raise ValidationError(_("The new password must differ from the current one."))
    user.set_password(password)
    user.must_change_password = False
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    log_action(user, "accounts.user.password_changed", by=user)
    return user


@transaction.atomic
def assign_role(*, user: User, role: str, unit, by) -> RoleAssignment:
    """security_admin grants a role over a unit inside their own scope. The 三员 stay separate from everything."""
    policy.require(by, "grant_role_in", unit)
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    if user == by:
        raise ValidationError(_("You cannot assign a role to yourself."))
    held = roles_of(user)
    if held and (role in ADMIN_ROLES or held & ADMIN_ROLES) and held != {role}:
        raise ValidationError({"role": _("System, security and audit administrators cannot hold any other role.")})
    if RoleAssignment.objects.filter(user=user, role=role, unit=unit).exists():
        raise ValidationError(_("The user already holds this role in this unit."))
    assignment = RoleAssignment.objects.create(user=user, role=role, unit=unit, granted_by=by)
    forget_assignments(user)
    log_action(
        assignment,
        "accounts.role.assigned",
        by=by,
        data={"user": user.username, "role": role, "unit": unit.pk},
    )
    return assignment


@transaction.atomic
def revoke_role(assignment: RoleAssignment, *, by) -> None:
    policy.require(by, "revoke_role", assignment)
    if assignment.user == by:
        raise ValidationError(_("You cannot revoke your own role assignment."))
    log_action(
        assignment,
        "accounts.role.revoked",
        by=by,
        data={"user": assignment.user.username, "role": assignment.role, "unit": assignment.unit_id},
    )
    assignment.delete()
    forget_assignments(assignment.user)


def record_login(user: User) -> None:
    log_action(user, "accounts.login.succeeded", by=user)


def record_logout(user: User | None) -> None:
    if user is not None:
        log_action(user, "accounts.login.logged_out", by=user)


def record_login_failure(username: str) -> None:
    log_action(None, "accounts.login.failed", by=None, data={"username": username[:150]})


def record_lockout(username: str) -> None:
    log_action(None, "accounts.login.locked_out", by=None, data={"username": username[:150]})


API_TOKEN_PREFIX = "qy_"  # noqa: S105 -- a marker, not a secret
API_TOKEN_TOUCH_EVERY = 60  # seconds: last_used_at is written at most once a minute per token, not on every call


def hash_api_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def issue_api_token(*, name: str, by, owner=None) -> tuple[ApiToken, str]:
    """sys_admin issues a token for another system; the plaintext is returned once and never stored. With an owner,
    the token also reads (people, honours, figures, the board) as that user would."""
    policy.require(by, "manage_api_tokens")
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Please name the system that will use the token.")})
    if owner is not None and not owner.is_active:
        raise ValidationError({"owner": _("This account is disabled.")})
    token = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    api_token = ApiToken.objects.create(
        name=name[:100], token_hash=hash_api_token(token), prefix=token[:10], created_by=by, owner=owner
    )
    data = {"name": api_token.name, "prefix": api_token.prefix, "owner": owner.username if owner else ""}
    log_action(api_token, "accounts.api_token.issued", by=by, data=data)
    return api_token, token


@transaction.atomic
def revoke_api_token(api_token: ApiToken, *, by) -> ApiToken:
    policy.require(by, "manage_api_tokens")
    if api_token.revoked_at is not None:
        raise ValidationError(_("This token has already been revoked."))
    api_token.revoked_at = timezone.now()
    api_token.save(update_fields=["revoked_at"])
    log_action(api_token, "accounts.api_token.revoked", by=by, data={"name": api_token.name})
    return api_token


def authenticate_api_token(token: str) -> ApiToken | None:
    """The active token with this plaintext, or None. Compared by hash: the database never sees the token."""
    if not token or not token.startswith(API_TOKEN_PREFIX) or len(token) > 200:
        return None
    api_token = (
        ApiToken.objects.filter(token_hash=hash_api_token(token), revoked_at__isnull=True)
        .select_related("owner")
        .first()
    )
    if api_token is None:
        return None
    now = timezone.now()
    if api_token.last_used_at is None or (now - api_token.last_used_at).total_seconds() > API_TOKEN_TOUCH_EVERY:
        # Bookkeeping, not an action: one conditional UPDATE, no audit entry (the calls themselves are audited).
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        api_token.last_used_at = now
    return api_token
